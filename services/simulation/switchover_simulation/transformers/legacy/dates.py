"""Calendar checks and the legacy date format (YYMMDD)."""

from __future__ import annotations

from switchover_simulation.transformers.errors import ErrorKind, MalformedDocument

_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def yymmdd(year: str, month: str, day: str, field: str) -> str:
    """Checks a calendar date given as digit strings and returns it as YYMMDD.

    Raises MalformedDocument (INVALID_DATE) when the parts are not digits or not a real date.
    """
    if not (year.isascii() and month.isascii() and day.isascii()) or not (
        year.isdigit() and month.isdigit() and day.isdigit() and len(year) == 4
    ):
        raise MalformedDocument(ErrorKind.INVALID_DATE, f"{field} NOT A DATE: {year}{month}{day}")
    ccyy, mm, dd = int(year), int(month), int(day)
    leap = ccyy % 4 == 0 and (ccyy % 100 != 0 or ccyy % 400 == 0)
    last_day = 29 if mm == 2 and leap else _DAYS_IN_MONTH[mm - 1] if 1 <= mm <= 12 else 0
    if ccyy < 1 or not 1 <= dd <= last_day:
        raise MalformedDocument(ErrorKind.INVALID_DATE, f"{field} NOT A DATE: {year}{month}{day}")
    return f"{ccyy % 100:02d}{mm:02d}{dd:02d}"


def ccyymmdd(text: str, field: str) -> str:
    """Reads a CCYYMMDD date positionally and returns it as YYMMDD."""
    raw = text.strip()
    if len(raw) != 8:
        raise MalformedDocument(ErrorKind.INVALID_DATE, f"{field} NOT CCYYMMDD: {raw}")
    return yymmdd(raw[0:4], raw[4:6], raw[6:8], field)


def iso_date(text: str, field: str) -> str:
    """Reads a CCYY-MM-DD date positionally and returns it as YYMMDD."""
    raw = text.strip()
    if len(raw) != 10 or raw[4] != "-" or raw[7] != "-":
        raise MalformedDocument(ErrorKind.INVALID_DATE, f"{field} NOT CCYY-MM-DD: {raw}")
    return yymmdd(raw[0:4], raw[5:7], raw[8:10], field)
