"""Vocabulary shared by every transformer: channel types, sides and the JSON output shape."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from typing import TypeAlias


class ChannelType(StrEnum):
    """The integration channel a document travels through (the inventory's channel types)."""

    EDI_X12 = "EDI_X12"
    EDI_EDIFACT = "EDI_EDIFACT"
    SFTP = "SFTP"
    REST_API = "REST_API"
    SOAP_API = "SOAP_API"
    THICK_CLIENT = "THICK_CLIENT"
    WEB_PORTAL = "WEB_PORTAL"


JsonScalar: TypeAlias = str | int | float | bool | Decimal | None
"""A leaf of a transformer output. Decimal is allowed because the modern side keeps money exact."""

JsonValue: TypeAlias = "JsonScalar | list[JsonValue] | dict[str, JsonValue]"
"""Any value of a transformer output (JSON with Decimal numbers)."""

JsonObject: TypeAlias = dict[str, JsonValue]
"""A transformer output or one of its objects."""

Clock: TypeAlias = Callable[[], datetime]
"""Returns the current time; injected so processing timestamps are reproducible in tests."""


def system_clock() -> datetime:
    """Returns the current UTC time (the default clock)."""
    return datetime.now(UTC)
