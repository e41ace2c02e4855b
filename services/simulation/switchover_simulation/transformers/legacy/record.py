"""The legacy ERP's order record and how it posts one into its output.

Parsers fill a LegacyDocument with uppercase text, YYMMDD dates and implied-decimal integers;
posting converts pack units, totals the lines in integer cents and prints every figure as a
zero-filled picture string, the way the ERP's interface file has always looked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from switchover_simulation.transformers.codes import PACK_UNITS
from switchover_simulation.transformers.legacy.numbers import (
    PRICE_PLACES,
    QUANTITY_PLACES,
    divide_half_up,
    pic,
)
from switchover_simulation.transformers.types import JsonObject, JsonValue

NAME_WIDTH = 35
"""The ERP's name fields are 35 columns wide and come out space-padded."""

_EXTENSION_SCALE = 10 ** (QUANTITY_PLACES + PRICE_PLACES - 2)


@dataclass
class LegacyParty:
    """A name-and-address block (N1 loop, NAD, party record)."""

    role: str
    id: str
    name: str
    street: str = ""
    city: str = ""
    postal_code: str = ""
    country: str = ""


@dataclass
class LegacyLine:
    """An order line: quantity in thousandths, unit price in ten-thousandths."""

    seq: int
    sku: str
    description: str
    quantity: int
    unit: str
    price: int


@dataclass
class LegacyDocument:
    """One business document as the ERP holds it before posting."""

    doc_type: str
    doc_no: str
    doc_date: str
    currency: str
    order_ref: str = ""
    parties: list[LegacyParty] = field(default_factory=list)
    refs: list[tuple[str, str]] = field(default_factory=list)
    charges: list[tuple[str, str, int]] = field(default_factory=list)
    """(indicator "A" or "C", code, amount in cents)."""
    customs: list[tuple[str, str]] = field(default_factory=list)
    lines: list[LegacyLine] = field(default_factory=list)
    stated_total: int | None = None
    """The total the document itself states, in cents (invoices)."""


def up(text: str) -> str:
    """Uppercases and trims text, as every legacy screen and file did."""
    return text.strip().upper()


def post(document: LegacyDocument, control_number: str) -> JsonObject:
    """Posts a document: converts pack units, totals it and prints it in the ERP's conventions."""
    cents = sum(divide_half_up(ln.quantity * ln.price, _EXTENSION_SCALE) for ln in document.lines)
    for indicator, _, amount in document.charges:
        cents += amount if indicator == "C" else -amount
    return {
        "control_number": control_number,
        "document_type": up(document.doc_type),
        "document_id": up(document.doc_no),
        "document_date": document.doc_date,
        "currency": up(document.currency),
        "order_reference": up(document.order_ref),
        "parties": [_party(party) for party in document.parties],
        "references": [{"qualifier": up(q), "value": up(v)} for q, v in document.refs],
        "allowances_charges": [
            {
                "indicator": "ALLOWANCE" if indicator == "A" else "CHARGE",
                "code": up(code),
                "amount": pic(amount, 11),
            }
            for indicator, code, amount in document.charges
        ],
        "lines": [_line(line) for line in document.lines],
        "custom_fields": [{"name": up(n), "value": up(v)} for n, v in document.customs],
        "totals": {
            "line_count": pic(len(document.lines), 5),
            "amount": pic(cents, 13),
            "stated_amount": _stated(document.stated_total),
        },
    }


def _party(party: LegacyParty) -> JsonValue:
    return {
        "role": up(party.role),
        "id": up(party.id),
        "name": up(party.name).ljust(NAME_WIDTH),
        "street": up(party.street),
        "city": up(party.city),
        "postal_code": up(party.postal_code),
        "country": up(party.country),
    }


def _line(line: LegacyLine) -> JsonValue:
    unit, quantity, price = up(line.unit), line.quantity, line.price
    if unit in PACK_UNITS:
        unit, per_pack = PACK_UNITS[unit]
        quantity, price = quantity * per_pack, divide_half_up(price, per_pack)
    return {
        "line_number": pic(line.seq, 5),
        "sku": up(line.sku),
        "description": up(line.description),
        "quantity": pic(quantity, 11),
        "unit": unit,
        "unit_price": pic(price, 11),
    }


def _stated(cents: int | None) -> str:
    return "" if cents is None else pic(cents, 13)
