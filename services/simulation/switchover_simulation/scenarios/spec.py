"""The business content of a test document, independent of any wire format.

Builders render a DocumentSpec into each channel's format, so generated scenarios carry the
same business meaning through every channel.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True)
class PartySpec:
    """A party; `role` is canonical: buyer, seller, ship_to or bill_to."""

    role: str
    id: str
    name: str
    street: str = ""
    city: str = ""
    postal_code: str = ""
    country: str = ""


@dataclass(frozen=True)
class LineSpec:
    """A priced line; `unit` is an X12-style unit code (EA, DZ, GR, PR, HD, KG)."""

    sku: str
    description: str
    quantity: Decimal
    unit: str
    unit_price: Decimal


@dataclass(frozen=True)
class ChargeSpec:
    """A header allowance (is_charge False) or charge."""

    is_charge: bool
    code: str
    amount: Decimal


@dataclass(frozen=True)
class DocumentSpec:
    """One order or invoice."""

    document_type: str
    document_id: str
    document_date: date
    currency: str
    parties: tuple[PartySpec, ...]
    lines: tuple[LineSpec, ...]
    references: tuple[tuple[str, str], ...] = ()
    charges: tuple[ChargeSpec, ...] = ()
    custom_fields: tuple[tuple[str, str], ...] = ()
    order_reference: str = ""
    stated_total: Decimal | None = None


@dataclass(frozen=True)
class EnvelopeSpec:
    """Who sends the interchange or file to whom, when, under which control number."""

    sender: str = "ACMEBUY"
    receiver: str = "GLOBEXSUPPLY"
    control_number: int = 1
    created: datetime = datetime(2024, 3, 5, 14, 12, 0)


def plain(number: Decimal) -> str:
    """Writes a decimal without exponent, as every text format expects."""
    return format(number, "f")
