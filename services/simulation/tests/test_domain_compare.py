"""Tests of the field-by-field comparison."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from switchover_simulation.compare import ComparisonRules, MismatchKind, compare, render_value
from switchover_simulation.transformers import (
    ChannelType,
    JsonValue,
    MappingConfig,
    MappingRule,
    legacy_transformer,
    modern_transformer,
)

PLAIN = ComparisonRules()

ISA = (
    "ISA*00*          *00*          *ZZ*ACMEBUY        *ZZ*GLOBEXSUPPLY   "
    "*240305*1412*U*00401*000000905*0*P*>~\n"
)
ORDER = (
    ISA
    + """\
GS*PO*ACMEBUY*GLOBEXSUPPLY*20240305*1412*905*X*004010~
ST*850*0001~
BEG*00*SA*PO-1001**20240305~
CUR*BY*USD~
N9*CT*K-778~
N1*BY*Acme Corp*92*ACME01~
PO1*1*10*EA*12.50**BP*SKU-100~
CTT*1~
SE*8*0001~
GE*1*905~
IEA*1*000000905~
"""
)


def test_equal_outputs_match() -> None:
    result = compare({"a": "x"}, {"a": "X "}, PLAIN)

    assert (result.match, result.mismatches) == (True, ())


def test_a_changed_value_is_reported_with_its_path_and_both_values() -> None:
    (mismatch,) = compare({"lines": [{"sku": "A"}]}, {"lines": [{"sku": "B"}]}, PLAIN).mismatches

    assert (mismatch.path, mismatch.legacy, mismatch.modern) == ("$.lines[0].sku", "a", "b")
    assert mismatch.kind is MismatchKind.CHANGED


def test_a_field_only_legacy_has_is_missing_in_modern() -> None:
    (mismatch,) = compare({"a": "1", "b": "2"}, {"a": "1"}, PLAIN).mismatches

    assert (mismatch.path, mismatch.kind) == ("$.b", MismatchKind.MISSING_IN_MODERN)


def test_an_extra_list_item_on_the_modern_side_is_missing_in_legacy() -> None:
    (mismatch,) = compare({"l": ["a"]}, {"l": ["a", "b"]}, PLAIN).mismatches

    assert (mismatch.path, mismatch.modern, mismatch.kind) == (
        "$.l[1]",
        "b",
        MismatchKind.MISSING_IN_LEGACY,
    )


def test_a_boolean_never_equals_a_number() -> None:
    assert not compare({"v": True}, {"v": 1}, PLAIN).match


def test_numbers_compare_by_value_not_by_scale() -> None:
    assert compare({"v": Decimal("12.50")}, {"v": 12.5}, PLAIN).match


def test_a_string_never_equals_a_number() -> None:
    assert not compare({"v": "12.5"}, {"v": Decimal("12.5")}, PLAIN).match


def test_mismatches_describe_themselves_with_exact_decimals() -> None:
    (mismatch,) = compare({"v": Decimal("1.10")}, {"v": Decimal("1.2")}, PLAIN).mismatches

    assert mismatch.describe() == '$.v: legacy "1.10" != modern "1.2"'


def test_render_value_writes_json_with_sorted_keys() -> None:
    value: JsonValue = {"b": [Decimal("1.0"), None], "a": "é"}

    assert render_value(value) == '{"a": "é", "b": ["1.0", null]}'


def test_noise_differs_between_sides_but_is_ignored() -> None:
    legacy = legacy_transformer(
        ChannelType.EDI_X12,
        clock=lambda: datetime(2024, 3, 5, 14, 12, tzinfo=UTC),
        first_control_number=500,
    ).transform(ORDER)
    modern = modern_transformer(
        ChannelType.EDI_X12,
        MappingConfig.complete(),
        clock=lambda: datetime(2025, 1, 1, tzinfo=UTC),
    ).transform(ORDER)

    assert legacy["meta"] != modern["meta"]
    assert compare(legacy, modern).match


def test_a_missing_n9_rule_is_a_named_reference_mismatch() -> None:
    mapping = MappingConfig.complete().without(MappingRule.N9_REFERENCES)
    legacy = legacy_transformer(ChannelType.EDI_X12).transform(ORDER)
    modern = modern_transformer(ChannelType.EDI_X12, mapping).transform(ORDER)

    (mismatch,) = compare(legacy, modern).mismatches

    assert (mismatch.path, mismatch.kind) == (
        "$.documents[0].references",
        MismatchKind.MISSING_IN_MODERN,
    )
    assert mismatch.legacy == [{"qualifier": "ct", "value": "k-778"}]


def test_the_document_id_is_compared_not_ignored() -> None:
    legacy = legacy_transformer(ChannelType.EDI_X12).transform(ORDER)
    modern = modern_transformer(ChannelType.EDI_X12, MappingConfig.complete()).transform(
        ORDER.replace("PO-1001", "PO-1002")
    )

    (mismatch,) = compare(legacy, modern).mismatches

    assert mismatch.path == "$.documents[0].document_id"
