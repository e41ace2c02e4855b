"""Tests of the legacy and modern web-portal (form post) transformers."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlencode

import pytest

from switchover_simulation.compare import compare
from switchover_simulation.transformers import (
    ChannelType,
    ErrorKind,
    JsonObject,
    MalformedDocument,
    MappingConfig,
    accepted,
    documents,
    error_kind,
    legacy_transformer,
    modern_transformer,
)
from switchover_simulation.transformers.modern.web_portal import decode_form

FORM = urlencode(
    [
        ("csrf_token", "tok0000000001"),
        ("document_type", "order"),
        ("document_number", "WP-20002"),
        ("document_date", "2024-03-04"),
        ("currency", "DKK"),
        ("parties[0][role]", "ship_to"),
        ("parties[0][id]", "ZOE-DK"),
        ("parties[0][name]", "Zoë Ærø Æblegården"),
        ("lines[0][sku]", "WID-1001"),
        ("lines[0][quantity]", "24"),
        ("lines[0][unit]", "EA"),
        ("lines[0][unit_price]", "3.75"),
        ("lines[3][sku]", "GAD-2002"),
        ("lines[3][description]", "Gadget housing (backordered)"),
        ("lines[3][quantity]", "0"),
        ("lines[3][unit]", "EA"),
        ("lines[3][unit_price]", "41.20"),
        ("extensions[gift_note]", "Tak!"),
        ("submitted_at", "2024-03-05T14:12:00Z"),
    ]
)


def _legacy(payload: str) -> JsonObject:
    return legacy_transformer(ChannelType.WEB_PORTAL).transform(payload)


def _modern(payload: str) -> JsonObject:
    return modern_transformer(ChannelType.WEB_PORTAL, MappingConfig.complete()).transform(payload)


def test_decode_form_nests_bracketed_names() -> None:
    assert decode_form("a[0][b]=1&a[0][c]=2&d=3") == {"a": {"0": {"b": "1", "c": "2"}}, "d": "3"}


def test_decode_form_refuses_a_name_nested_under_a_value() -> None:
    with pytest.raises(MalformedDocument, match="nests in a value"):
        decode_form("a=1&a[0]=2")


def test_modern_numbers_lines_by_row_position_across_deleted_rows() -> None:
    lines = documents(_modern(FORM))[0]["lines"]

    assert isinstance(lines, list)
    assert [line["line_number"] for line in lines if isinstance(line, dict)] == [1, 2]


def test_modern_keeps_a_zero_quantity_line() -> None:
    lines = documents(_modern(FORM))[0]["lines"]

    assert isinstance(lines, list)
    assert lines[1] == {
        "line_number": 2,
        "sku": "GAD-2002",
        "description": "Gadget housing (backordered)",
        "quantity": Decimal("0"),
        "unit": "EA",
        "unit_price": Decimal("41.20"),
    }


def test_legacy_and_modern_agree_on_percent_encoded_utf8() -> None:
    legacy, modern = _legacy(FORM), _modern(FORM)

    assert accepted(legacy)
    assert compare(legacy, modern).match


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        ("document_number=WP-20002&", "", "missing_field"),
        ("document_type=order", "document_type=", "missing_field"),
        ("lines%5B3%5D%5Bsku%5D=GAD-2002&", "", "missing_field"),
        ("lines%5B0%5D%5Bquantity%5D=24", "lines%5B0%5D%5Bquantity%5D=two", "invalid_number"),
        ("document_date=2024-03-04", "document_date=04%2F03%2F2024", "invalid_date"),
        ("document_type=order", "document_type=quote", "unsupported_document"),
    ],
)
def test_both_sides_reject_a_defect_with_the_same_kind(old: str, new: str, kind: str) -> None:
    payload = FORM.replace(old, new)
    assert payload != FORM

    assert error_kind(_legacy(payload)) is error_kind(_modern(payload)) is ErrorKind(kind)
