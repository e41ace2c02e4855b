"""Legacy REST adapter: flattens the JSON body into FIELD.PATH=VALUE pairs, then reads fields.

This is how the integration broker of the 2000s consumed JSON: it had no object model, only a
flat field list keyed by uppercase dotted paths (LINES.0.UNITPRICE), fed to the same record
mapping as every other channel. Numbers arrive as binary floats and are printed back as text.
"""

from __future__ import annotations

import json

from switchover_simulation.transformers.errors import ErrorKind, MalformedDocument
from switchover_simulation.transformers.legacy.base import LegacyTransformer
from switchover_simulation.transformers.legacy.dates import iso_date
from switchover_simulation.transformers.legacy.numbers import (
    AMOUNT_PLACES,
    PRICE_PLACES,
    QUANTITY_PLACES,
    from_implied_digits,
    to_implied,
)
from switchover_simulation.transformers.legacy.record import (
    LegacyDocument,
    LegacyLine,
    LegacyParty,
)

_DOCUMENT_TYPES = ("ORDER", "INVOICE")
_ADDRESS = ("STREET", "CITY", "POSTALCODE", "COUNTRY")


class LegacyRestTransformer(LegacyTransformer):
    """Reads one JSON document posted to the legacy REST endpoint."""

    def read(self, payload: str) -> list[LegacyDocument]:
        """Reads the body into one record."""
        try:
            body = json.loads(payload)
        except json.JSONDecodeError as error:
            raise MalformedDocument(ErrorKind.SYNTAX, f"JSON: {error.msg}") from error
        if not isinstance(body, dict):
            raise MalformedDocument(ErrorKind.SYNTAX, "BODY IS NOT AN OBJECT")
        flat: dict[str, str] = {}
        _flatten(body, "", flat)
        return [_document(flat)]


def _flatten(value: object, prefix: str, out: dict[str, str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, f"{prefix}.{str(key).upper()}" if prefix else str(key).upper(), out)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _flatten(item, f"{prefix}.{index}", out)
    elif isinstance(value, bool):
        out[prefix] = "Y" if value else "N"
    elif value is not None:
        out[prefix] = str(value)


def _required(flat: dict[str, str], key: str) -> str:
    if not flat.get(key, "").strip():
        raise MalformedDocument(ErrorKind.MISSING_FIELD, f"{key} IS REQUIRED")
    return flat[key]


def _indices(flat: dict[str, str], group: str) -> list[int]:
    """The array positions present under a group, e.g. LINES.0.SKU and LINES.1.SKU -> [0, 1]."""
    found = set()
    for key in flat:
        parts = key.split(".")
        if parts[0] == group and len(parts) > 2 and parts[1].isdigit():
            found.add(int(parts[1]))
    return sorted(found)


def _document(flat: dict[str, str]) -> LegacyDocument:
    doc_type = _required(flat, "DOCUMENTTYPE").upper()
    if doc_type not in _DOCUMENT_TYPES:
        raise MalformedDocument(ErrorKind.UNSUPPORTED_DOCUMENT, f"DOCUMENTTYPE {doc_type}")
    doc = LegacyDocument(
        doc_type=doc_type,
        doc_no=_required(flat, "DOCUMENTNUMBER"),
        doc_date=iso_date(_required(flat, "DOCUMENTDATE"), "DOCUMENTDATE"),
        currency=flat.get("CURRENCY", ""),
        order_ref=flat.get("ORDERREFERENCE", ""),
    )
    if "TOTALAMOUNT" in flat:
        doc.stated_total = to_implied(flat["TOTALAMOUNT"], AMOUNT_PLACES, "TOTALAMOUNT")
    for i in _indices(flat, "PARTIES"):
        at = f"PARTIES.{i}."
        doc.parties.append(
            LegacyParty(
                *(flat.get(at + name, "") for name in ("ROLE", "ID", "NAME")),
                *(flat.get(f"{at}ADDRESS.{name}", "") for name in _ADDRESS),
            )
        )
    for i in _indices(flat, "REFERENCES"):
        doc.refs.append(
            (flat.get(f"REFERENCES.{i}.QUALIFIER", ""), flat.get(f"REFERENCES.{i}.VALUE", ""))
        )
    for i in _indices(flat, "ALLOWANCESCHARGES"):
        at = f"ALLOWANCESCHARGES.{i}."
        indicator = "C" if flat.get(at + "INDICATOR", "").upper() == "CHARGE" else "A"
        amount = to_implied(_required(flat, at + "AMOUNT"), AMOUNT_PLACES, at + "AMOUNT")
        doc.charges.append((indicator, flat.get(at + "CODE", ""), amount))
    for i in _indices(flat, "LINES"):
        at = f"LINES.{i}."
        doc.lines.append(
            LegacyLine(
                seq=from_implied_digits(_required(flat, at + "LINENUMBER"), at + "LINENUMBER"),
                sku=_required(flat, at + "SKU"),
                description=flat.get(at + "DESCRIPTION", ""),
                quantity=to_implied(
                    _required(flat, at + "QUANTITY"), QUANTITY_PLACES, at + "QUANTITY"
                ),
                unit=flat.get(at + "UNIT", ""),
                price=to_implied(_required(flat, at + "UNITPRICE"), PRICE_PLACES, at + "UNITPRICE"),
            )
        )
    doc.customs.extend(
        (key.removeprefix("EXTENSIONS."), value)
        for key, value in flat.items()
        if key.startswith("EXTENSIONS.")
    )
    return doc
