"""Tests of the legacy and modern transformers of the desktop client's export."""

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

EXPORT = (
    "EXPORT|ORDENTRY|V3.2|03/05/2024 14:12|OPERATOR7\r\n"
    "HDR|INVOICE|IN-10004|03/11/2024|USD|SO-10001|337.20\r\n"
    "PTY|BY|INITECH01|Initech Retail Inc|4120 Commerce Pkwy|Austin|78744|US\r\n"
    "REF|CT|MSA-2023-118\r\n"
    "UDF|SALESREP|J. Alvarez\r\n"
    "LIN|1|WID-1001|Widget, blue, 10mm|24|EA|3.75\r\n"
    "LIN|2|GAD-2002|Gadget housing|6|EA|41.20\r\n"
    "END|6\r\n"
)


def _legacy(payload: str) -> JsonObject:
    return legacy_transformer(ChannelType.THICK_CLIENT).transform(payload)


def _modern(payload: str, mapping: MappingConfig | None = None) -> JsonObject:
    chosen = MappingConfig.complete() if mapping is None else mapping
    return modern_transformer(ChannelType.THICK_CLIENT, chosen).transform(payload)


def test_modern_reads_the_screen_date_and_the_invoice_total() -> None:
    document = documents(_modern(EXPORT))[0]

    assert (document["document_date"], document["order_reference"]) == ("2024-03-11", "SO-10001")
    assert document["totals"] == {
        "line_count": 2,
        "amount": Decimal("337.20"),
        "stated_amount": Decimal("337.20"),
    }


def test_modern_maps_user_defined_fields_only_with_the_partner_rule() -> None:
    mapping = MappingConfig.complete().without(MappingRule.PARTNER_CUSTOM_SEGMENTS)

    assert documents(_modern(EXPORT))[0]["custom_fields"] == [
        {"name": "SALESREP", "value": "J. Alvarez"}
    ]
    assert documents(_modern(EXPORT, mapping))[0]["custom_fields"] == []


def test_legacy_prints_the_screen_date_as_yymmdd() -> None:
    assert documents(_legacy(EXPORT))[0]["document_date"] == "240311"


def test_legacy_and_modern_agree_after_normalisation() -> None:
    legacy, modern = _legacy(EXPORT), _modern(EXPORT)

    assert accepted(legacy)
    assert compare(legacy, modern).match


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        ("END|6", "END|7", "count_mismatch"),
        ("END|6\r\n", "", "envelope"),
        ("EXPORT|ORDENTRY", "IMPORT|ORDENTRY", "envelope"),
        ("REF|CT|MSA-2023-118", "REF|CT", "syntax"),
        ("UDF|SALESREP", "XYZ|SALESREP", "syntax"),
        ("|03/11/2024|", "|02/30/2024|", "invalid_date"),
        ("|03/11/2024|", "|2024-03-11|", "invalid_date"),
        ("|24|EA|", "|2 4|EA|", "invalid_number"),
        ("|6|EA|41.20", "|6|EA|", "missing_field"),
        ("HDR|INVOICE|IN-10004", "HDR|INVOICE|", "missing_field"),
        ("HDR|INVOICE", "HDR|QUOTE", "unsupported_document"),
    ],
)
def test_both_sides_reject_a_defect_with_the_same_kind(old: str, new: str, kind: str) -> None:
    payload = EXPORT.replace(old, new)
    assert payload != EXPORT

    assert error_kind(_legacy(payload)) is error_kind(_modern(payload)) is ErrorKind(kind)
