"""Strict readers for numbers and dates, shared by the modern parsers."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from switchover_simulation.transformers.errors import ErrorKind, MalformedDocument

_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_CCYYMMDD = re.compile(r"(?P<year>[0-9]{4})(?P<month>[0-9]{2})(?P<day>[0-9]{2})")
_ISO = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})")
_US = re.compile(r"(?P<month>[0-9]{2})/(?P<day>[0-9]{2})/(?P<year>[0-9]{4})")


def decimal(text: str, field: str, decimal_mark: str = ".") -> Decimal:
    """Parses a plain decimal literal (no exponent, no NaN, no grouping) into a Decimal."""
    literal = text.strip()
    if decimal_mark != ".":
        # A full stop is not a decimal mark under a UNA that declares a comma.
        literal = "" if "." in literal else literal.replace(decimal_mark, ".")
    if not _DECIMAL.fullmatch(literal):
        raise MalformedDocument(ErrorKind.INVALID_NUMBER, f"{field} is not a number: {text!r}")
    return Decimal(literal)


def integer(text: str, field: str) -> int:
    """Parses an unsigned integer such as a line number or a control count."""
    literal = text.strip()
    if not re.fullmatch(r"[0-9]+", literal):
        raise MalformedDocument(ErrorKind.INVALID_NUMBER, f"{field} is not an integer: {text!r}")
    return int(literal)


def implied_decimal(text: str, places: int, field: str) -> Decimal:
    """Parses an X12 Nn field: digits whose last `places` are decimals ("1500" N2 = 15.00)."""
    literal = text.strip()
    if not re.fullmatch(r"[+-]?[0-9]+", literal):
        raise MalformedDocument(ErrorKind.INVALID_NUMBER, f"{field} is not a number: {text!r}")
    return Decimal(literal).scaleb(-places)


def ccyymmdd(text: str, field: str) -> date:
    """Parses a CCYYMMDD date (X12 DT, EDIFACT format 102, flat files)."""
    return _calendar_date(text, _CCYYMMDD, field)


def iso_date(text: str, field: str) -> date:
    """Parses an ISO 8601 calendar date (CCYY-MM-DD) and nothing looser."""
    return _calendar_date(text, _ISO, field)


def us_date(text: str, field: str) -> date:
    """Parses the MM/DD/CCYY dates of US desktop screens."""
    return _calendar_date(text, _US, field)


def _calendar_date(text: str, pattern: re.Pattern[str], field: str) -> date:
    match = pattern.fullmatch(text.strip())
    if match is None:
        raise MalformedDocument(ErrorKind.INVALID_DATE, f"{field} is not a date: {text!r}")
    try:
        return date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError as error:
        raise MalformedDocument(ErrorKind.INVALID_DATE, f"{field}: {error}") from error
