"""Code lists both platforms read documents with (standards data, not behaviour).

The tables are shared because they come from the standards and the trading-partner agreements;
what each platform does with the codes is written separately on each side.
"""

from __future__ import annotations

from typing import Final

X12_PARTY_ROLES: Final[dict[str, str]] = {
    "BY": "buyer",
    "SE": "seller",
    "VN": "seller",
    "ST": "ship_to",
    "BT": "bill_to",
}
"""X12 entity identifier codes (N101) to canonical party roles."""

EDIFACT_PARTY_ROLES: Final[dict[str, str]] = {
    "BY": "buyer",
    "SU": "seller",
    "DP": "ship_to",
    "ST": "ship_to",
    "IV": "bill_to",
}
"""EDIFACT party qualifiers (NAD 3035) to canonical party roles."""

EDIFACT_UNITS: Final[dict[str, str]] = {
    "PCE": "EA",
    "EA": "EA",
    "DZN": "DZ",
    "GRO": "GR",
    "PR": "PR",
    "CEN": "HD",
    "KGM": "KG",
    "MTR": "MR",
    "LTR": "LT",
}
"""UN/ECE Recommendation 20 unit codes to the X12-style unit codes of the canonical document."""

PACK_UNITS: Final[dict[str, tuple[str, int]]] = {
    "DZ": ("EA", 12),
    "GR": ("EA", 144),
    "PR": ("EA", 2),
    "HD": ("EA", 100),
}
"""Pack units the ERP stores in base units: unit -> (base unit, base units per pack)."""

DOCUMENT_TYPES: Final[frozenset[str]] = frozenset({"order", "invoice"})
"""Canonical document types the reference transformers produce."""
