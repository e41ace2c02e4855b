"""Tests of the legacy and modern SFTP batch-file transformers (CSV and fixed-width)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from switchover_simulation.compare import compare
from switchover_simulation.transformers import (
    ChannelType,
    ErrorKind,
    JsonObject,
    JsonValue,
    MappingConfig,
    accepted,
    documents,
    error_kind,
    legacy_transformer,
    modern_transformer,
)

CSV_BATCH = '''\
FH,ACMEBUY,GLOBEXSUPPLY,20240305,230000,000042
H,ORDER,PO-30002,20240305,USD,,
P,BY,INITECH01,"Initech Retail, Inc",4120 Commerce Pkwy,Austin,78744,US
R,CT,MSA-2023-118
A,A,C310,25.00
Z,ROUTE,TX-NORTH-07
L,1,SHF-0009,"Shelf 36"" ""heavy duty""",2,EA,129.00
L,2,GAD-2002,Gadget housing,0,EA,41.20
H,ORDER,PO-30003,20240306,USD,,
L,1,TAP-0400,Duct tape,1,DZ,24.00
FT,000009
'''

FIXED = (
    "FHACMEBUY        GLOBEXSUPPLY   20240305230000000043\n"
    "H ORDER   PO-30005            20240305USD\n"
    "P BYINITECH01      Initech Retail Inc                 4120 Commerce Pkwy"
    "                 Austin                   78744     US\n"
    "A AC31000000002500\n"
    "L 00001WID-1001            Widget, blue, 10mm                 00000024000EA00000037500\n"
    "FT000004\n"
)


def _legacy(payload: str) -> JsonObject:
    return legacy_transformer(ChannelType.SFTP).transform(payload)


def _modern(payload: str) -> JsonObject:
    return modern_transformer(ChannelType.SFTP, MappingConfig.complete()).transform(payload)


def test_modern_reads_every_document_of_a_csv_batch() -> None:
    batch = documents(_modern(CSV_BATCH))

    assert [document["document_id"] for document in batch] == ["PO-30002", "PO-30003"]


def _first_line(output: JsonObject) -> JsonValue:
    lines = documents(output)[0]["lines"]
    assert isinstance(lines, list)
    return lines[0]


def test_modern_reads_quoted_csv_fields_with_commas_and_quotes() -> None:
    assert _first_line(_modern(CSV_BATCH)) == {
        "line_number": 1,
        "sku": "SHF-0009",
        "description": 'Shelf 36" "heavy duty"',
        "quantity": Decimal("2"),
        "unit": "EA",
        "unit_price": Decimal("129.00"),
    }


def test_legacy_reads_quoted_csv_fields_with_its_own_splitter() -> None:
    assert _first_line(_legacy(CSV_BATCH)) == {
        "line_number": "00001",
        "sku": "SHF-0009",
        "description": 'SHELF 36" "HEAVY DUTY"',
        "quantity": "00000002000",
        "unit": "EA",
        "unit_price": "00001290000",
    }


def test_modern_reads_fixed_width_figures_with_implied_decimals() -> None:
    document = documents(_modern(FIXED))[0]

    assert document["lines"] == [
        {
            "line_number": 1,
            "sku": "WID-1001",
            "description": "Widget, blue, 10mm",
            "quantity": Decimal("24.000"),
            "unit": "EA",
            "unit_price": Decimal("3.7500"),
        }
    ]
    assert document["totals"] == {
        "line_count": 1,
        "amount": Decimal("65.00"),
        "stated_amount": None,
    }


def test_legacy_and_modern_agree_on_both_file_forms() -> None:
    for payload in (CSV_BATCH, FIXED):
        legacy, modern = _legacy(payload), _modern(payload)
        assert accepted(legacy)
        assert compare(legacy, modern).match


@pytest.mark.parametrize(
    ("payload", "old", "new", "kind"),
    [
        (CSV_BATCH, "FT,000009", "FT,000010", "count_mismatch"),
        (CSV_BATCH, "FT,000009\n", "", "envelope"),
        (CSV_BATCH, "FH,ACMEBUY", "XH,ACMEBUY", "envelope"),
        (CSV_BATCH, "R,CT,MSA-2023-118", "R,CT", "syntax"),
        (CSV_BATCH, "Z,ROUTE", "Q,ROUTE", "syntax"),
        (CSV_BATCH, ",2,EA,129.00", ",2,EA,", "missing_field"),
        (CSV_BATCH, ",0,EA,41.20", ",zero,EA,41.20", "invalid_number"),
        (CSV_BATCH, "PO-30003,20240306", "PO-30003,20240631", "invalid_date"),
        (CSV_BATCH, "H,ORDER,PO-30003", "H,ASN,PO-30003", "unsupported_document"),
        (CSV_BATCH, "H,ORDER,PO-30003,", "H,ORDER,,", "missing_field"),
        (CSV_BATCH, "H,ORDER,PO-30002,20240305,USD,,\n", "R,ZZ,BEFORE-H\n", "syntax"),
        (CSV_BATCH, "Gadget housing,0", '"Gadget housing,0', "syntax"),
        (CSV_BATCH, "FT,000009", "FT,000009,X", "syntax"),
        (CSV_BATCH, "Z,ROUTE,TX-NORTH-07", "FT,000001", "syntax"),
        (FIXED, "FT000004", "FT000005", "count_mismatch"),
        (FIXED, "     US\n", "     US   EXTRA\n", "syntax"),
        (FIXED, "00000037500", "0000003750O", "invalid_number"),
    ],
)
def test_both_sides_reject_a_defect_with_the_same_kind(
    payload: str, old: str, new: str, kind: str
) -> None:
    broken = payload.replace(old, new)
    assert broken != payload

    legacy, modern = _legacy(broken), _modern(broken)

    assert error_kind(legacy) is error_kind(modern) is ErrorKind(kind)
