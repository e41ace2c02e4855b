"""Tests of the legacy and modern REST (JSON) transformers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from switchover_simulation.compare import compare
from switchover_simulation.transformers import (
    ChannelType,
    ErrorKind,
    JsonObject,
    MappingConfig,
    MappingRule,
    accepted,
    documents,
    error_kind,
    legacy_transformer,
    modern_transformer,
)

ORDER = """\
{
  "requestId": "0f8e2c1a",
  "sentAt": "2024-03-05T14:12:00Z",
  "documentType": "order",
  "documentNumber": "PO-60001",
  "documentDate": "2024-03-05",
  "currency": "JPY",
  "parties": [
    {"role": "buyer", "id": "TOKYO-SHOJI", "name": "東京商事株式会社",
     "address": {"city": "東京", "postalCode": "100-0005", "country": "JP"}}
  ],
  "lines": [
    {"lineNumber": 1, "sku": "WID-1001", "description": "Widget", "quantity": 24,
     "unit": "EA", "unitPrice": 3.75},
    {"lineNumber": 2, "sku": "GLV-0200", "quantity": 3, "unit": "PR", "unitPrice": 4.1}
  ],
  "references": [{"qualifier": "CT", "value": "MSA-2023-118"}],
  "allowancesCharges": [{"indicator": "charge", "code": "D240", "amount": 48.5}],
  "extensions": {"promoCode": "SPRING24"}
}
"""


def _legacy(payload: str) -> JsonObject:
    return legacy_transformer(ChannelType.REST_API).transform(payload)


def _modern(payload: str, mapping: MappingConfig | None = None) -> JsonObject:
    chosen = MappingConfig.complete() if mapping is None else mapping
    return modern_transformer(ChannelType.REST_API, chosen).transform(payload)


def test_modern_reads_numbers_as_exact_decimals() -> None:
    document = documents(_modern(ORDER))[0]

    assert document["totals"] == {
        "line_count": 2,
        "amount": Decimal("150.80"),
        "stated_amount": None,
    }


def test_modern_reads_nested_addresses_and_non_latin_names() -> None:
    assert documents(_modern(ORDER))[0]["parties"] == [
        {
            "role": "buyer",
            "id": "TOKYO-SHOJI",
            "name": "東京商事株式会社",
            "street": None,
            "city": "東京",
            "postal_code": "100-0005",
            "country": "JP",
        }
    ]


def test_modern_maps_extensions_as_partner_fields_when_configured() -> None:
    assert documents(_modern(ORDER))[0]["custom_fields"] == [
        {"name": "promoCode", "value": "SPRING24"}
    ]


def test_modern_drops_extensions_without_the_partner_rule() -> None:
    mapping = MappingConfig.complete().without(MappingRule.PARTNER_CUSTOM_SEGMENTS)

    assert documents(_modern(ORDER, mapping))[0]["custom_fields"] == []


def test_legacy_flattens_the_body_and_prints_figures_with_implied_decimals() -> None:
    document = documents(_legacy(ORDER))[0]

    assert document["custom_fields"] == [{"name": "PROMOCODE", "value": "SPRING24"}]
    assert document["allowances_charges"] == [
        {"indicator": "CHARGE", "code": "D240", "amount": "00000004850"}
    ]


def test_legacy_and_modern_agree_after_normalisation() -> None:
    legacy, modern = _legacy(ORDER), _modern(ORDER)

    assert accepted(legacy)
    assert compare(legacy, modern).match


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        ('"currency": "JPY",', '"currency": "JPY"', "syntax"),
        ('"documentNumber": "PO-60001",', "", "missing_field"),
        ('"documentNumber": "PO-60001",', '"documentNumber": "",', "missing_field"),
        ('"sku": "GLV-0200", ', "", "missing_field"),
        ('"quantity": 24,', '"quantity": "two dozen",', "invalid_number"),
        ('"unitPrice": 4.1', '"unitPrice": "4,10"', "invalid_number"),
        ('"documentDate": "2024-03-05"', '"documentDate": "2024-02-30"', "invalid_date"),
        ('"documentDate": "2024-03-05"', '"documentDate": "05.03.2024"', "invalid_date"),
        ('"documentType": "order"', '"documentType": "asn"', "unsupported_document"),
    ],
)
def test_both_sides_reject_a_defect_with_the_same_kind(old: str, new: str, kind: str) -> None:
    payload = ORDER.replace(old, new)
    assert payload != ORDER

    assert error_kind(_legacy(payload)) is error_kind(_modern(payload)) is ErrorKind(kind)


def test_a_body_that_is_not_an_object_is_a_syntax_error_on_both_sides() -> None:
    assert error_kind(_legacy("[1, 2]")) is error_kind(_modern("[1, 2]")) is ErrorKind.SYNTAX
