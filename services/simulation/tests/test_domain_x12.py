"""Tests of the legacy and modern X12 850/810 transformers."""

from __future__ import annotations

from datetime import UTC, datetime
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

ISA = (
    "ISA*00*          *00*          *ZZ*ACMEBUY        *ZZ*GLOBEXSUPPLY   "
    "*240305*1412*U*00401*000000905*0*P*>~\n"
)
PURCHASE_ORDER = (
    ISA
    + """\
GS*PO*ACMEBUY*GLOBEXSUPPLY*20240305*1412*905*X*004010~
ST*850*0001~
BEG*00*SA*PO-1001**20240305~
CUR*BY*USD~
SAC*A*C310***1500~
N9*CT*K-778~
ZPR*SPRING24*ENDCAP~
N1*BY*Acme Corp*92*ACME01~
N3*100 Main St~
N4*Springfield*IL*62701*US~
PO1*1*10*EA*12.50**BP*SKU-100~
PID*F****Widget, blue~
PO1*2*3*DZ*24.00**BP*SKU-200~
PID*F****Hex bolts~
CTT*2~
SE*15*0001~
GE*1*905~
IEA*1*000000905~
"""
)

INVOICE = (
    "ISA*00*          *00*          *ZZ*GLOBEXSUPPLY   *ZZ*ACMEBUY        "
    "*240310*0900*U*00401*000000077*0*P*>~\n"
    """\
GS*IN*GLOBEXSUPPLY*ACMEBUY*20240310*0900*77*X*004010~
ST*810*0001~
BIG*20240310*INV-9001**PO-1001~
N1*BY*Acme Corp*92*ACME01~
IT1*1*10*EA*12.50**BP*SKU-100~
TDS*12500~
CTT*1~
SE*7*0001~
GE*1*77~
IEA*1*000000077~
"""
)


def _clock() -> datetime:
    return datetime(2024, 3, 5, 14, 12, tzinfo=UTC)


def _legacy(payload: str) -> JsonObject:
    return legacy_transformer(ChannelType.EDI_X12, clock=_clock).transform(payload)


def _modern(payload: str, mapping: MappingConfig | None = None) -> JsonObject:
    chosen = MappingConfig.complete() if mapping is None else mapping
    return modern_transformer(ChannelType.EDI_X12, chosen, clock=_clock).transform(payload)


def _first(output: JsonObject) -> JsonObject:
    return documents(output)[0]


def test_legacy_prints_the_order_in_erp_conventions() -> None:
    document = _first(_legacy(PURCHASE_ORDER))

    assert (document["document_type"], document["document_date"]) == ("ORDER", "240305")
    assert document["totals"] == {
        "line_count": "00002",
        "amount": "0000000018200",
        "stated_amount": "",
    }


def test_legacy_converts_pack_units_in_integer_arithmetic() -> None:
    lines = _first(_legacy(PURCHASE_ORDER))["lines"]

    assert isinstance(lines, list)
    assert lines[1] == {
        "line_number": "00002",
        "sku": "SKU-200",
        "description": "HEX BOLTS",
        "quantity": "00000036000",
        "unit": "EA",
        "unit_price": "00000020000",
    }


def test_legacy_pads_uppercase_names_to_the_screen_width() -> None:
    parties = _first(_legacy(PURCHASE_ORDER))["parties"]

    assert isinstance(parties, list)
    assert parties[0] == {
        "role": "BUYER",
        "id": "ACME01",
        "name": "ACME CORP".ljust(35),
        "street": "100 MAIN ST",
        "city": "SPRINGFIELD",
        "postal_code": "62701",
        "country": "US",
    }


def test_modern_reads_the_order_with_iso_dates_and_decimals() -> None:
    document = _first(_modern(PURCHASE_ORDER))

    assert (document["document_id"], document["document_date"]) == ("PO-1001", "2024-03-05")
    assert document["totals"] == {
        "line_count": 2,
        "amount": Decimal("182.00"),
        "stated_amount": None,
    }


def test_modern_maps_n9_sac_and_partner_segments_when_configured() -> None:
    document = _first(_modern(PURCHASE_ORDER))

    assert document["references"] == [{"qualifier": "CT", "value": "K-778"}]
    assert document["allowances_charges"] == [
        {"indicator": "allowance", "code": "C310", "amount": Decimal("15.00")}
    ]
    assert document["custom_fields"] == [
        {"name": "ZPR01", "value": "SPRING24"},
        {"name": "ZPR02", "value": "ENDCAP"},
    ]


def test_modern_keeps_pack_units_without_the_conversion_rule() -> None:
    mapping = MappingConfig.complete().without(MappingRule.UNIT_OF_MEASURE_CONVERSION)
    lines = _first(_modern(PURCHASE_ORDER, mapping))["lines"]

    assert isinstance(lines, list)
    assert lines[1] == {
        "line_number": 2,
        "sku": "SKU-200",
        "description": "Hex bolts",
        "quantity": Decimal("3"),
        "unit": "DZ",
        "unit_price": Decimal("24.00"),
    }


def test_modern_totals_ignore_allowances_without_the_allowance_rule() -> None:
    mapping = MappingConfig.complete().without(MappingRule.ALLOWANCE_CHARGES)
    document = _first(_modern(PURCHASE_ORDER, mapping))

    assert document["allowances_charges"] == []
    assert document["totals"] == {
        "line_count": 2,
        "amount": Decimal("197.00"),
        "stated_amount": None,
    }


def test_modern_keeps_the_transaction_set_control_number() -> None:
    assert _first(_modern(PURCHASE_ORDER))["control_number"] == "0001"


def test_legacy_numbers_runs_and_documents_from_its_own_sequence() -> None:
    transformer = legacy_transformer(ChannelType.EDI_X12, clock=_clock, first_control_number=41)
    output = transformer.transform(PURCHASE_ORDER)

    assert output["meta"] == {"control_number": "000000041", "processed_at": "240305 141200"}
    assert _first(output)["control_number"] == "000000042"


def test_both_sides_read_an_invoice_total_and_order_reference() -> None:
    legacy, modern = _first(_legacy(INVOICE)), _first(_modern(INVOICE))

    assert (legacy["order_reference"], legacy["totals"]) == (
        "PO-1001",
        {"line_count": "00001", "amount": "0000000012500", "stated_amount": "0000000012500"},
    )
    assert (modern["document_type"], modern["order_reference"]) == ("invoice", "PO-1001")
    assert modern["totals"] == {
        "line_count": 1,
        "amount": Decimal("125.00"),
        "stated_amount": Decimal("125.00"),
    }


def test_an_interchange_carries_several_transaction_sets() -> None:
    second = INVOICE.split("ST*810")[1].split("GE*")[0].replace("0001", "0002")
    payload = INVOICE.replace("GE*1*77", "ST*810" + second + "GE*2*77")

    assert len(documents(_modern(payload))) == 2


@pytest.mark.parametrize(
    ("defect", "old", "new", "kind"),
    [
        ("SE count", "SE*15*0001", "SE*16*0001", "count_mismatch"),
        ("SE control", "SE*15*0001", "SE*15*0002", "count_mismatch"),
        ("GE count", "GE*1*905", "GE*2*905", "count_mismatch"),
        ("IEA control", "IEA*1*000000905", "IEA*1*000000906", "count_mismatch"),
        ("CTT count", "CTT*2~", "CTT*3~", "count_mismatch"),
        ("truncated", "GE*1*905~\nIEA*1*000000905~\n", "", "envelope"),
        ("after IEA", "IEA*1*000000905~\n", "IEA*1*000000905~\nGS*PO~\n", "envelope"),
        ("no BEG", "BEG*00*SA*PO-1001**20240305~\n", "DTM*002*20240320~\n", "missing_field"),
        ("no price", "PO1*1*10*EA*12.50**", "PO1*1*10*EA***", "missing_field"),
        ("quantity", "PO1*1*10*", "PO1*1*1O*", "invalid_number"),
        ("date", "**20240305~", "**20240231~", "invalid_date"),
        ("997", "ST*850*0001", "ST*997*0001", "unsupported_document"),
    ],
)
def test_both_sides_reject_a_defect_with_the_same_kind(
    defect: str, old: str, new: str, kind: str
) -> None:
    payload = PURCHASE_ORDER.replace(old, new)
    assert payload != PURCHASE_ORDER, defect

    legacy, modern = _legacy(payload), _modern(payload)

    assert (legacy["outcome"], modern["outcome"]) == ("REJECTED", "rejected")
    assert error_kind(legacy) is error_kind(modern) is ErrorKind(kind)
