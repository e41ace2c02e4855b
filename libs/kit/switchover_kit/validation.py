"""Request validation: collect every bad field, then fail once with all of them.

    v = Violations()
    names = v.check_name(request.parent, "parent", "programs/{program}")
    size, position = v.check_page(request.page_size, request.page_token, request.parent)
    v.check_request_id(request.request_id)
    v.raise_if_any()

Resource ids are lowercase RFC-1034 labels (`^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$`); resource
names are patterns of literal collections and ids, such as `programs/{program}/plans/{plan}`.
"""

from __future__ import annotations

import re
import secrets
from functools import lru_cache
from typing import Any

from switchover_kit import pagination
from switchover_kit.errors import FieldViolation, InvalidArgument

_ID = re.compile(r"^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_VARIABLE = re.compile(r"^\{([a-z_][a-z0-9_]*)\}$")
_ID_RULE = "must be 1-63 lowercase letters, digits or hyphens, starting with a letter (RFC 1034)"
_SUFFIX_HEX_CHARS = 10


def is_id(value: str) -> bool:
    """Tells whether `value` is a valid resource id."""
    return bool(_ID.match(value))


@lru_cache(maxsize=256)
def _segments(pattern: str) -> tuple[tuple[str, bool], ...]:
    """Splits a name pattern into (text, is_variable) segments, checking the pattern itself."""
    segments: list[tuple[str, bool]] = []
    for part in pattern.split("/"):
        variable = _VARIABLE.match(part)
        if variable:
            segments.append((variable.group(1), True))
        elif part and "{" not in part and "}" not in part:
            segments.append((part, False))
        else:
            raise ValueError(f"bad resource name pattern {pattern!r}")
    return tuple(segments)


def _match_name(value: str, pattern: str) -> dict[str, str] | None:
    segments = _segments(pattern)
    parts = value.split("/")
    if len(parts) != len(segments):
        return None
    found: dict[str, str] = {}
    for part, (text, is_variable) in zip(parts, segments, strict=True):
        if is_variable and is_id(part):
            found[text] = part
        elif is_variable or part != text:
            return None
    return found


class Violations:
    """Collects field violations of one request."""

    def __init__(self) -> None:
        self.violations: list[FieldViolation] = []

    def __bool__(self) -> bool:
        return bool(self.violations)

    def add(self, field: str, description: str) -> None:
        """Records that `field` is invalid."""
        self.violations.append(FieldViolation(field, description))

    def require(self, value: object, field: str) -> bool:
        """Records a violation when `value` is empty (None, "", 0 or an empty collection)."""
        if value:
            return True
        self.add(field, "is required")
        return False

    def check_id(self, value: str, field: str, *, required: bool = True) -> bool:
        """Checks a resource id; an empty one is allowed when `required` is False."""
        if not value:
            if required:
                self.add(field, "is required")
            return not required
        if is_id(value):
            return True
        self.add(field, _ID_RULE)
        return False

    def check_name(self, value: str, field: str, pattern: str) -> dict[str, str] | None:
        """Checks a resource name against `pattern`; returns its ids by variable, or None."""
        if not value:
            self.add(field, "is required")
            return None
        found = _match_name(value, pattern)
        if found is None:
            self.add(field, f"must be a resource name like {pattern}, each id lowercase RFC 1034")
        return found

    def check_request_id(self, value: str, field: str = "request_id") -> bool:
        """Checks an idempotency key: empty, or a UUID."""
        if not value or _UUID.match(value):
            return True
        self.add(field, "must be a UUID (for example 6f1c2d4e-...) or empty")
        return False

    def check_range(self, value: float, field: str, lo: float, hi: float) -> bool:
        """Checks that `lo <= value <= hi`."""
        if lo <= value <= hi:
            return True
        self.add(field, f"must be between {lo:g} and {hi:g}")
        return False

    def check_page(
        self,
        page_size: int,
        page_token: str = "",
        query: str = "",
        *,
        size_field: str = "page_size",
        token_field: str = "page_token",
    ) -> tuple[int, dict[str, Any]]:
        """Checks paging fields; returns the page size to use and the start position.

        The position is {} for the first page. `query` identifies the rest of the request
        (parent, filter, order), as in `pagination.encode_token`.
        """
        size, position = pagination.DEFAULT_PAGE_SIZE, {}
        try:
            size = pagination.page_size(page_size, field=size_field)
        except InvalidArgument as exc:
            self.violations.extend(exc.violations)
        try:
            position = pagination.decode_token(page_token, query, field=token_field)
        except InvalidArgument as exc:
            self.violations.extend(exc.violations)
        return size, position

    def raise_if_any(self) -> None:
        """Raises `InvalidArgument` with every violation collected so far."""
        if self.violations:
            raise InvalidArgument(list(self.violations))


def parse_name(name: str, pattern: str, field: str = "name") -> dict[str, str]:
    """Returns the ids in a resource name, raising `InvalidArgument` when it does not match."""
    violations = Violations()
    found = violations.check_name(name, field, pattern)
    if found is None:
        raise InvalidArgument(violations.violations)
    return found


def new_id(prefix: str) -> str:
    """Makes a server-assigned id such as `run-7f3a9c2b1d` (random, RFC-1034)."""
    if not is_id(prefix) or len(prefix) > 63 - 1 - _SUFFIX_HEX_CHARS:
        raise ValueError(f"id prefix {prefix!r} is not a short RFC-1034 label")
    return f"{prefix}-{secrets.token_hex(_SUFFIX_HEX_CHARS // 2)}"
