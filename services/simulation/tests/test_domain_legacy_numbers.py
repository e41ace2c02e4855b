"""Tests of the legacy side's fixed-point arithmetic and dates."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from switchover_simulation.transformers import ErrorKind, MalformedDocument
from switchover_simulation.transformers.legacy.dates import ccyymmdd, iso_date, yymmdd
from switchover_simulation.transformers.legacy.numbers import (
    divide_half_up,
    from_implied_digits,
    pic,
    to_implied,
)


@pytest.mark.parametrize(
    ("text", "places", "expected"),
    [("12.5", 2, 1250), ("12", 4, 120000), (".5", 2, 50), ("-3.25", 2, -325), ("1.005", 2, 101)],
)
def test_to_implied_scales_decimal_text(text: str, places: int, expected: int) -> None:
    assert to_implied(text, places, "F") == expected


def test_to_implied_rounds_half_up_on_the_first_dropped_digit() -> None:
    assert to_implied("1.00049", 3, "F") == 1000


def test_to_implied_reads_a_decimal_comma() -> None:
    assert to_implied("0,0425", 4, "F", decimal_mark=",") == 425


@pytest.mark.parametrize("text", ["", "ten", "1e3", "1,000", "1.2.3", "-", "²"])
def test_to_implied_rejects_non_numbers(text: str) -> None:
    with pytest.raises(MalformedDocument) as raised:
        to_implied(text, 2, "F")

    assert raised.value.kind is ErrorKind.INVALID_NUMBER


def test_from_implied_digits_keeps_the_digits_as_they_are() -> None:
    assert from_implied_digits(" 1500 ", "SAC05") == 1500


@pytest.mark.parametrize(("numerator", "expected"), [(5, 1), (4, 0), (-5, -1), (15, 2)])
def test_divide_half_up_rounds_ties_away_from_zero(numerator: int, expected: int) -> None:
    assert divide_half_up(numerator, 10) == expected


@given(st.integers(-(10**9), 10**9), st.integers(1, 10**4))
def test_divide_half_up_is_within_half_a_unit(numerator: int, denominator: int) -> None:
    assert abs(divide_half_up(numerator, denominator) * denominator - numerator) * 2 <= denominator


def test_pic_zero_fills_with_the_sign_in_front() -> None:
    assert (pic(1250, 9), pic(-5, 4)) == ("000001250", "-0005")


def test_yymmdd_accepts_a_leap_day() -> None:
    assert yymmdd("2024", "02", "29", "D") == "240229"


@pytest.mark.parametrize(
    ("year", "month", "day"),
    [("2023", "02", "29"), ("2024", "13", "01"), ("2024", "0x", "01"), ("0000", "01", "01")],
)
def test_yymmdd_rejects_impossible_dates(year: str, month: str, day: str) -> None:
    with pytest.raises(MalformedDocument) as raised:
        yymmdd(year, month, day, "D")

    assert raised.value.kind is ErrorKind.INVALID_DATE


def test_ccyymmdd_and_iso_date_read_positionally() -> None:
    assert (ccyymmdd("20240305", "D"), iso_date("2024-03-05", "D")) == ("240305", "240305")


def test_ccyymmdd_rejects_a_short_date() -> None:
    with pytest.raises(MalformedDocument):
        ccyymmdd("2024035", "D")
