"""Tests of output normalisation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from switchover_simulation.compare import (
    ComparisonRules,
    FieldRule,
    FieldType,
    default_rules,
    normalise,
)
from switchover_simulation.transformers import JsonValue

AMOUNTS = ComparisonRules(
    fields=(FieldRule(path="$.amount", type=FieldType.DECIMAL, implied_decimals=2),)
)
DATES = ComparisonRules(fields=(FieldRule(path="$.day", type=FieldType.DATE),))


def test_keys_come_out_sorted() -> None:
    result = normalise({"b": "1", "a": "2"}, ComparisonRules())

    assert isinstance(result, dict)
    assert list(result) == ["a", "b"]


def test_strings_are_trimmed_and_case_folded() -> None:
    assert normalise({"name": "  MÜLLER STRASSE "}, ComparisonRules()) == {"name": "müller strasse"}


def test_case_sensitive_paths_keep_their_case() -> None:
    rules = ComparisonRules(case_sensitive=("$.sku",))

    assert normalise({"sku": " AbC "}, rules) == {"sku": "AbC"}


def test_numbers_become_decimals() -> None:
    assert normalise({"n": 2, "f": 0.5}, ComparisonRules()) == {
        "n": Decimal(2),
        "f": Decimal("0.5"),
    }


def test_booleans_stay_booleans() -> None:
    assert normalise({"flag": True}, ComparisonRules()) == {"flag": True}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("000001250", Decimal("12.50")),
        ("-0005", Decimal("-0.05")),
        ("12.5", Decimal("12.5")),
        (Decimal("12.50"), Decimal("12.50")),
        (7, Decimal(7)),
        ("twelve", "twelve"),
        ("1e3", "1e3"),
    ],
)
def test_decimal_fields_read_implied_decimals_only_from_bare_digits(
    value: JsonValue, expected: JsonValue
) -> None:
    assert normalise({"amount": value}, AMOUNTS) == {"amount": expected}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("240305", "2024-03-05"),
        ("990305", "1999-03-05"),
        ("20240305", "2024-03-05"),
        ("2024-03-05", "2024-03-05"),
        ("240230", "240230"),
        ("next tuesday", "next tuesday"),
    ],
)
def test_date_fields_come_out_in_iso(value: str, expected: str) -> None:
    assert normalise({"day": value}, DATES) == {"day": expected}


def test_empty_values_are_dropped_but_zero_is_kept() -> None:
    output: JsonValue = {"a": "", "b": None, "c": [], "d": {}, "e": "  ", "z": "0", "q": 0}

    assert normalise(output, ComparisonRules()) == {"z": "0", "q": Decimal(0)}


def test_empties_are_kept_when_drop_empty_is_off() -> None:
    rules = ComparisonRules(drop_empty=False)

    assert normalise({"a": "", "b": None}, rules) == {"a": "", "b": None}


def test_ignored_paths_are_removed_with_their_subtree() -> None:
    rules = ComparisonRules(ignore=("$.meta", "$..control_number"))
    output: JsonValue = {
        "meta": {"processed_at": "240305 141200"},
        "documents": [{"control_number": "000000002", "document_id": "PO-1"}],
    }

    assert normalise(output, rules) == {"documents": [{"document_id": "po-1"}]}


def test_an_output_that_is_all_noise_normalises_to_none() -> None:
    assert normalise({"meta": {"x": "1"}}, ComparisonRules(ignore=("$.meta",))) is None


def test_the_first_matching_field_rule_applies() -> None:
    rules = ComparisonRules(
        fields=(
            FieldRule(path="$.amount", type=FieldType.DECIMAL, implied_decimals=2),
            FieldRule(path="$.*", type=FieldType.DECIMAL),
        )
    )

    assert normalise({"amount": "150", "count": "150"}, rules) == {
        "amount": Decimal("1.50"),
        "count": Decimal(150),
    }


def test_rules_refuse_an_invalid_pattern() -> None:
    with pytest.raises(ValidationError, match="path pattern"):
        ComparisonRules(ignore=("meta",))


def test_bundled_rules_ignore_control_numbers_and_timestamps() -> None:
    rules = default_rules()

    assert "$..control_number" in rules.ignore
    assert "$.meta" in rules.ignore
