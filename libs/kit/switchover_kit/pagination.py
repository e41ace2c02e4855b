"""Page sizes and opaque page tokens for List methods (AIP-158).

A token carries the keyset position where the next page starts, plus a fingerprint of the query
that made it, so a token cannot be replayed against a different filter or parent. Building the
keyset query from the position is the caller's job.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from typing import Any

from switchover_kit.errors import FieldViolation, InvalidArgument

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000


def page_size(requested: int, *, field: str = "page_size") -> int:
    """Returns the page size to use: 0 means the default (100), above 1000 means 1000."""
    if requested < 0:
        raise InvalidArgument([FieldViolation(field, "must not be negative")])
    if requested == 0:
        return DEFAULT_PAGE_SIZE
    return min(requested, MAX_PAGE_SIZE)


def _fingerprint(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()[:16]


def encode_token(position: dict[str, Any], query: str) -> str:
    """Makes the token for the page starting at `position` (JSON-serialisable values only).

    `query` is any string that identifies the request apart from paging, such as the parent
    and the filter; `decode_token` must be given the same string.
    """
    payload = json.dumps({"q": _fingerprint(query), "p": position}, separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode_token(token: str, query: str, *, field: str = "page_token") -> dict[str, Any]:
    """Returns the position a token points at, or {} for an empty token (the first page)."""
    if not token:
        return {}
    try:
        padded = token + "=" * (-len(token) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError) as exc:
        raise InvalidArgument([FieldViolation(field, "is not a valid page token")]) from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("p"), dict):
        raise InvalidArgument([FieldViolation(field, "is not a valid page token")])
    if payload.get("q") != _fingerprint(query):
        raise InvalidArgument(
            [FieldViolation(field, "belongs to a different query; start again without it")]
        )
    position: dict[str, Any] = payload["p"]
    return position
