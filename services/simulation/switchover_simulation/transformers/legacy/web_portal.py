"""Legacy web-portal handler: the CGI script that read the order form's posted fields.

Fields: document_type, document_number, document_date (CCYY-MM-DD from the date picker),
currency, order_reference, total_amount, parties[i][role|id|name|street|city|postal_code|
country], references[i][qualifier|value], allowances_charges[i][indicator|code|amount],
lines[i][sku|description|quantity|unit|unit_price] and extensions[NAME]. Line numbers are the
form rows' positions.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

from switchover_simulation.transformers.errors import ErrorKind, MalformedDocument
from switchover_simulation.transformers.legacy.base import LegacyTransformer
from switchover_simulation.transformers.legacy.dates import iso_date
from switchover_simulation.transformers.legacy.numbers import (
    AMOUNT_PLACES,
    PRICE_PLACES,
    QUANTITY_PLACES,
    to_implied,
)
from switchover_simulation.transformers.legacy.record import (
    LegacyDocument,
    LegacyLine,
    LegacyParty,
)

_ROW_FIELD = re.compile(r"(?P<group>[a-z_]+)\[(?P<row>[0-9]+)\]\[(?P<field>[a-z_]+)\]")
_EXTENSION = re.compile(r"extensions\[(?P<name>[^\]]+)\]")
_DOCUMENT_TYPES = ("ORDER", "INVOICE")


class LegacyWebPortalTransformer(LegacyTransformer):
    """Reads one posted order form."""

    def read(self, payload: str) -> list[LegacyDocument]:
        """Reads the form into one record."""
        form: dict[str, str] = {}
        rows: dict[str, dict[int, dict[str, str]]] = {}
        customs: list[tuple[str, str]] = []
        for name, value in parse_qsl(payload.strip(), keep_blank_values=True):
            row_field, extension = _ROW_FIELD.fullmatch(name), _EXTENSION.fullmatch(name)
            if row_field:
                group = rows.setdefault(row_field["group"], {})
                group.setdefault(int(row_field["row"]), {})[row_field["field"]] = value
            elif extension:
                customs.append((extension["name"], value))
            else:
                form[name] = value
        doc = _header(form)
        doc.customs = customs
        for row in _rows(rows, "parties"):
            doc.parties.append(
                LegacyParty(
                    *(row.get(f, "") for f in ("role", "id", "name", "street", "city")),
                    *(row.get(f, "") for f in ("postal_code", "country")),
                )
            )
        for row in _rows(rows, "references"):
            doc.refs.append((row.get("qualifier", ""), row.get("value", "")))
        for row in _rows(rows, "allowances_charges"):
            indicator = "C" if row.get("indicator", "").upper() == "CHARGE" else "A"
            amount = to_implied(_required(row, "amount"), AMOUNT_PLACES, "AMOUNT")
            doc.charges.append((indicator, row.get("code", ""), amount))
        for seq, row in enumerate(_rows(rows, "lines"), start=1):
            doc.lines.append(
                LegacyLine(
                    seq=seq,
                    sku=_required(row, "sku"),
                    description=row.get("description", ""),
                    quantity=to_implied(_required(row, "quantity"), QUANTITY_PLACES, "QUANTITY"),
                    unit=row.get("unit", ""),
                    price=to_implied(_required(row, "unit_price"), PRICE_PLACES, "UNIT PRICE"),
                )
            )
        return [doc]


def _required(fields: dict[str, str], name: str) -> str:
    if not fields.get(name, "").strip():
        raise MalformedDocument(ErrorKind.MISSING_FIELD, f"{name.upper()} IS REQUIRED")
    return fields[name]


def _rows(rows: dict[str, dict[int, dict[str, str]]], group: str) -> list[dict[str, str]]:
    """The form rows of a group in screen order (deleted rows leave gaps in the indexes)."""
    return [row for _, row in sorted(rows.get(group, {}).items())]


def _header(form: dict[str, str]) -> LegacyDocument:
    doc_type = _required(form, "document_type").upper()
    if doc_type not in _DOCUMENT_TYPES:
        raise MalformedDocument(ErrorKind.UNSUPPORTED_DOCUMENT, f"DOCUMENT TYPE {doc_type}")
    doc = LegacyDocument(
        doc_type=doc_type,
        doc_no=_required(form, "document_number"),
        doc_date=iso_date(_required(form, "document_date"), "DOCUMENT DATE"),
        currency=form.get("currency", ""),
        order_ref=form.get("order_reference", ""),
    )
    if form.get("total_amount", "").strip():
        doc.stated_total = to_implied(form["total_amount"], AMOUNT_PLACES, "TOTAL AMOUNT")
    return doc
