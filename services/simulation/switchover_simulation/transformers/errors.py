"""How a transformer rejects a document it cannot read."""

from __future__ import annotations

from enum import StrEnum


class ErrorKind(StrEnum):
    """Why a document was rejected; both sides classify their failures into this vocabulary so
    that two rejections of the same defect compare equal even though their messages differ."""

    SYNTAX = "syntax"
    """The payload is not well-formed for its format (JSON, XML, CSV quoting, record length)."""

    ENVELOPE = "envelope"
    """The interchange or file envelope is missing, truncated or inconsistent."""

    COUNT_MISMATCH = "count_mismatch"
    """A control count (segments, records, lines) disagrees with the content."""

    MISSING_FIELD = "missing_field"
    """A mandatory field or segment is absent."""

    INVALID_NUMBER = "invalid_number"
    """A numeric field does not hold a number."""

    INVALID_DATE = "invalid_date"
    """A date field does not hold a valid date."""

    UNSUPPORTED_DOCUMENT = "unsupported_document"
    """The document is of a type the transformer does not handle."""


class MalformedDocument(Exception):
    """Raised by a parser when the payload cannot be transformed."""

    def __init__(self, kind: ErrorKind, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail
