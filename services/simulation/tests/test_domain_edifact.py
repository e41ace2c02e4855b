"""Tests of the legacy and modern EDIFACT ORDERS/INVOIC transformers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from switchover_simulation.transformers import (
    ChannelType,
    ErrorKind,
    JsonObject,
    MappingConfig,
    MappingRule,
    documents,
    error_kind,
    legacy_transformer,
    modern_transformer,
)

ORDERS = """\
UNA:+.? '
UNB+UNOC:3+4012345000009:14+5412345000013:14+240305:1412+REF0001'
UNH+1+ORDERS:D:96A:UN:EAN008'
BGM+220+PO-88001+9'
DTM+137:20240305:102'
FTX+ZZZ+++KOSTENSTELLE:4711'
RFF+CT:RV-2024-7'
NAD+BY+4012345000009::9++Müller Großhandel GmbH+Königstraße 12+Stuttgart++70173+DE'
NAD+DP+4012345000016::9++O?'Brien ?+ Sons+Quay St+Galway++H91+IE'
CUX+2:EUR:9'
ALC+A++++DI'
MOA+204:12.00'
LIN+1++4000862141404:SA'
IMD+F++:::Schraube M8?:verzinkt'
QTY+21:5:GRO'
PRI+AAA:21.60'
LIN+2++4000862141411:SA'
IMD+F++:::Mutter M8'
QTY+21:100:PCE'
PRI+AAA:0.0425'
UNS+S'
CNT+2:2'
UNT+21+1'
UNZ+1+REF0001'
"""


def _legacy(payload: str) -> JsonObject:
    return legacy_transformer(ChannelType.EDI_EDIFACT).transform(payload)


def _modern(payload: str, mapping: MappingConfig | None = None) -> JsonObject:
    chosen = MappingConfig.complete() if mapping is None else mapping
    return modern_transformer(ChannelType.EDI_EDIFACT, chosen).transform(payload)


def test_modern_reads_the_order_header_and_parties() -> None:
    document = documents(_modern(ORDERS))[0]

    assert (document["document_id"], document["document_date"]) == ("PO-88001", "2024-03-05")
    assert document["currency"] == "EUR"
    assert document["parties"] == [
        {
            "role": "buyer",
            "id": "4012345000009",
            "name": "Müller Großhandel GmbH",
            "street": "Königstraße 12",
            "city": "Stuttgart",
            "postal_code": "70173",
            "country": "DE",
        },
        {
            "role": "ship_to",
            "id": "4012345000016",
            "name": "O'Brien + Sons",
            "street": "Quay St",
            "city": "Galway",
            "postal_code": "H91",
            "country": "IE",
        },
    ]


def test_modern_maps_rec20_units_and_converts_gross_to_eaches() -> None:
    lines = documents(_modern(ORDERS))[0]["lines"]

    assert lines == [
        {
            "line_number": 1,
            "sku": "4000862141404",
            "description": "Schraube M8:verzinkt",
            "quantity": Decimal("720"),
            "unit": "EA",
            "unit_price": Decimal("0.1500"),
        },
        {
            "line_number": 2,
            "sku": "4000862141411",
            "description": "Mutter M8",
            "quantity": Decimal("100"),
            "unit": "EA",
            "unit_price": Decimal("0.0425"),
        },
    ]


def test_modern_maps_rff_alc_and_ftx_when_configured() -> None:
    document = documents(_modern(ORDERS))[0]

    assert document["references"] == [{"qualifier": "CT", "value": "RV-2024-7"}]
    assert document["allowances_charges"] == [
        {"indicator": "allowance", "code": "DI", "amount": Decimal("12.00")}
    ]
    assert document["custom_fields"] == [{"name": "KOSTENSTELLE", "value": "4711"}]
    assert document["totals"] == {
        "line_count": 2,
        "amount": Decimal("100.25"),
        "stated_amount": None,
    }


def test_modern_drops_rff_references_without_the_rule() -> None:
    mapping = MappingConfig.complete().without(MappingRule.N9_REFERENCES)

    assert documents(_modern(ORDERS, mapping))[0]["references"] == []


def test_legacy_prints_the_same_order_in_erp_conventions() -> None:
    document = documents(_legacy(ORDERS))[0]

    assert (document["document_date"], document["currency"]) == ("240305", "EUR")
    assert document["totals"] == {
        "line_count": "00002",
        "amount": "0000000010025",
        "stated_amount": "",
    }
    assert document["custom_fields"] == [{"name": "KOSTENSTELLE", "value": "4711"}]


def test_both_sides_read_a_decimal_comma_declared_in_una() -> None:
    payload = ORDERS.replace("UNA:+.? '", "UNA:+,? '").replace("21.60", "21,60")
    payload = payload.replace("0.0425", "0,0425").replace("12.00", "12,00")

    legacy, modern = documents(_legacy(payload))[0], documents(_modern(payload))[0]

    assert legacy["totals"] == documents(_legacy(ORDERS))[0]["totals"]
    assert modern["totals"] == documents(_modern(ORDERS))[0]["totals"]


def test_a_full_stop_is_not_a_number_under_a_decimal_comma() -> None:
    payload = ORDERS.replace("UNA:+.? '", "UNA:+,? '")

    assert error_kind(_legacy(payload)) is error_kind(_modern(payload)) is ErrorKind.INVALID_NUMBER


def test_both_sides_read_an_invoice_with_order_reference_and_total() -> None:
    payload = (
        ORDERS.replace("ORDERS:D:96A", "INVOIC:D:96A")
        .replace("BGM+220+PO-88001", "BGM+380+INV-5501")
        .replace("RFF+CT:RV-2024-7'", "RFF+ON:PO-88001'")
        .replace("CNT+2:2'\n", "CNT+2:2'\nMOA+77:100.25'\n")
        .replace("UNT+21+1", "UNT+22+1")
    )

    legacy, modern = documents(_legacy(payload))[0], documents(_modern(payload))[0]

    assert (legacy["document_type"], legacy["order_reference"]) == ("INVOICE", "PO-88001")
    assert (modern["document_type"], modern["order_reference"]) == ("invoice", "PO-88001")
    assert modern["totals"] == {
        "line_count": 2,
        "amount": Decimal("100.25"),
        "stated_amount": Decimal("100.25"),
    }


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        ("UNT+21+1", "UNT+20+1", "count_mismatch"),
        ("UNZ+1+REF0001", "UNZ+1+REF0002", "count_mismatch"),
        ("CNT+2:2", "CNT+2:3", "count_mismatch"),
        ("UNZ+1+REF0001'\n", "", "envelope"),
        ("DTM+137:20240305:102", "DTM+137:20240230:102", "invalid_date"),
        ("DTM+137:20240305:102", "DTM+137:20240305:101", "invalid_date"),
        ("QTY+21:100:PCE", "QTY+21:1OO:PCE", "invalid_number"),
        ("PRI+AAA:0.0425'\n", "", "missing_field"),
        ("ORDERS:D:96A", "DESADV:D:96A", "unsupported_document"),
    ],
)
def test_both_sides_reject_a_defect_with_the_same_kind(old: str, new: str, kind: str) -> None:
    payload = ORDERS.replace(old, new)
    if kind == "missing_field":
        payload = payload.replace("UNT+21+1", "UNT+20+1")
    assert payload != ORDERS

    legacy, modern = _legacy(payload), _modern(payload)

    assert error_kind(legacy) is error_kind(modern) is ErrorKind(kind)
