"""Fixed-point arithmetic the way the legacy ERP does it: integers with implied decimals.

Amounts live in COBOL-style fields (PIC S9(n)V99): the value 12.50 is the integer 1250 with two
implied decimal places. Quantities carry three implied places and unit prices four.
"""

from __future__ import annotations

from typing import Final

from switchover_simulation.transformers.errors import ErrorKind, MalformedDocument

AMOUNT_PLACES: Final = 2
QUANTITY_PLACES: Final = 3
PRICE_PLACES: Final = 4

_DIGITS = frozenset("0123456789")


def to_implied(text: str, places: int, field: str, decimal_mark: str = ".") -> int:
    """Reads a decimal string into an integer with `places` implied decimals, rounding half up.

    Raises MalformedDocument (INVALID_NUMBER) unless the text is an optionally signed decimal.
    """
    raw = text.strip()
    sign = -1 if raw.startswith("-") else 1
    if raw[:1] in "+-":
        raw = raw[1:]
    whole, _, fraction = raw.partition(decimal_mark)
    if not (whole or fraction) or not set(whole + fraction) <= _DIGITS:
        raise MalformedDocument(ErrorKind.INVALID_NUMBER, f"{field} NOT NUMERIC: {text!r}")
    padded = fraction.ljust(places, "0")
    scale: int = 10**places
    value = int(whole or "0") * scale + int(padded[:places] or "0")
    if padded[places : places + 1] >= "5":
        value += 1
    return sign * value


def from_implied_digits(text: str, field: str) -> int:
    """Reads a field that already carries implied decimals (e.g. X12 type N2: "1500" = 15.00)."""
    raw = text.strip()
    sign = -1 if raw.startswith("-") else 1
    digits = raw.lstrip("+-")
    if not digits or not set(digits) <= _DIGITS:
        raise MalformedDocument(ErrorKind.INVALID_NUMBER, f"{field} NOT NUMERIC: {text!r}")
    return sign * int(digits)


def divide_half_up(numerator: int, denominator: int) -> int:
    """Integer division rounding half away from zero, as the ERP's ROUNDED clause does."""
    quotient, remainder = divmod(abs(numerator), abs(denominator))
    if remainder * 2 >= abs(denominator):
        quotient += 1
    return quotient if (numerator < 0) == (denominator < 0) else -quotient


def pic(value: int, width: int) -> str:
    """Formats an implied-decimal integer as the ERP prints it: zero-filled, sign in front."""
    digits = str(abs(value)).rjust(width, "0")
    return f"-{digits}" if value < 0 else digits
