"""The modern platform's typed document and its mapping into the canonical JSON.

Parsers read everything the document carries into a SourceDocument; `to_canonical` then applies
the channel's MappingConfig, so an unconfigured optional rule drops exactly the data it governs.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from switchover_simulation.transformers.codes import PACK_UNITS
from switchover_simulation.transformers.mapping import MappingConfig, MappingRule
from switchover_simulation.transformers.types import JsonObject, JsonValue

_CENT = Decimal("0.01")
_PRICE_QUANTUM = Decimal("0.0001")
_DOCUMENT_NAMESPACE = uuid.UUID("6f1c2a4e-3b8d-5e7f-9a0b-1c2d3e4f5a6b")


@dataclass(frozen=True)
class Party:
    """A trading party with its role and address."""

    role: str
    id: str
    name: str
    street: str | None = None
    city: str | None = None
    postal_code: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class Line:
    """A priced document line."""

    line_number: int
    sku: str
    description: str | None
    quantity: Decimal
    unit: str
    unit_price: Decimal


@dataclass(frozen=True)
class Reference:
    """A qualified document reference (contract, promotion, department, ...)."""

    qualifier: str
    value: str


@dataclass(frozen=True)
class AllowanceCharge:
    """A header-level allowance (subtracted) or charge (added)."""

    is_charge: bool
    code: str
    amount: Decimal


@dataclass(frozen=True)
class CustomField:
    """A partner-specific named value."""

    name: str
    value: str


@dataclass
class SourceDocument:
    """Everything a parser read from one business document."""

    document_type: str
    document_id: str
    document_date: date
    currency: str | None = None
    control_number: str | None = None
    order_reference: str | None = None
    parties: list[Party] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    allowances_charges: list[AllowanceCharge] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    custom_fields: list[CustomField] = field(default_factory=list)
    stated_total: Decimal | None = None


def to_canonical(doc: SourceDocument, mapping: MappingConfig, document_key: str) -> JsonObject:
    """Maps a parsed document into the canonical JSON under the channel's mapping.

    `document_key` names the document within its message; the generated id derives from it.
    """
    charges = doc.allowances_charges if mapping.has(MappingRule.ALLOWANCE_CHARGES) else []
    total = sum(
        ((line.quantity * line.unit_price).quantize(_CENT, ROUND_HALF_UP) for line in doc.lines),
        Decimal(0),
    )
    total += sum((c.amount if c.is_charge else -c.amount for c in charges), Decimal(0))
    convert = mapping.has(MappingRule.UNIT_OF_MEASURE_CONVERSION)
    references = doc.references if mapping.has(MappingRule.N9_REFERENCES) else []
    customs = doc.custom_fields if mapping.has(MappingRule.PARTNER_CUSTOM_SEGMENTS) else []
    return {
        "id": str(uuid.uuid5(_DOCUMENT_NAMESPACE, document_key)),
        "control_number": doc.control_number,
        "document_type": doc.document_type,
        "document_id": doc.document_id,
        "document_date": doc.document_date.isoformat(),
        "currency": doc.currency,
        "order_reference": doc.order_reference,
        "parties": [_party(party) for party in doc.parties],
        "references": [{"qualifier": r.qualifier, "value": r.value} for r in references],
        "allowances_charges": [
            {
                "indicator": "charge" if c.is_charge else "allowance",
                "code": c.code,
                "amount": c.amount,
            }
            for c in charges
        ],
        "lines": [_line(line, convert) for line in doc.lines],
        "custom_fields": [{"name": c.name, "value": c.value} for c in customs],
        "totals": {
            "line_count": len(doc.lines),
            "amount": total,
            "stated_amount": doc.stated_total,
        },
    }


def _party(party: Party) -> JsonValue:
    return {
        "role": party.role,
        "id": party.id,
        "name": party.name,
        "street": party.street,
        "city": party.city,
        "postal_code": party.postal_code,
        "country": party.country,
    }


def _line(line: Line, convert_units: bool) -> JsonValue:
    unit, quantity, price = line.unit, line.quantity, line.unit_price
    if convert_units and unit.upper() in PACK_UNITS:
        unit, per_pack = PACK_UNITS[unit.upper()]
        quantity = quantity * per_pack
        price = (price / per_pack).quantize(_PRICE_QUANTUM, ROUND_HALF_UP)
    return {
        "line_number": line.line_number,
        "sku": line.sku,
        "description": line.description,
        "quantity": quantity,
        "unit": unit,
        "unit_price": price,
    }
