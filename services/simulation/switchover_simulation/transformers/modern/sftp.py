"""Modern SFTP batch parser: one declared layout drives both the CSV and the fixed-width form.

Record types: FH file header, H document header, P party, R reference, A allowance/charge,
Z partner field, L line, FT file trailer (count of the records between FH and FT).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from switchover_simulation.transformers.codes import DOCUMENT_TYPES, X12_PARTY_ROLES
from switchover_simulation.transformers.errors import ErrorKind, MalformedDocument
from switchover_simulation.transformers.modern.base import ModernTransformer
from switchover_simulation.transformers.modern.document import (
    AllowanceCharge,
    CustomField,
    Line,
    Party,
    Reference,
    SourceDocument,
)
from switchover_simulation.transformers.modern.values import (
    ccyymmdd,
    decimal,
    implied_decimal,
    integer,
)


@dataclass(frozen=True)
class Column:
    """One field of a record layout; `places` marks a figure and its implied decimals."""

    name: str
    width: int
    places: int | None = None


def _layout(*columns: Column) -> tuple[Column, ...]:
    return (Column("record_type", 2), *columns)


LAYOUT: dict[str, tuple[Column, ...]] = {
    "FH": _layout(
        Column("sender", 15),
        Column("receiver", 15),
        Column("file_date", 8),
        Column("file_time", 6),
        Column("file_sequence", 6),
    ),
    "H": _layout(
        Column("document_type", 8),
        Column("document_id", 20),
        Column("document_date", 8),
        Column("currency", 3),
        Column("order_reference", 20),
        Column("stated_total", 13, places=2),
    ),
    "P": _layout(
        Column("role", 2),
        Column("id", 15),
        Column("name", 35),
        Column("street", 35),
        Column("city", 25),
        Column("postal_code", 10),
        Column("country", 2),
    ),
    "R": _layout(Column("qualifier", 3), Column("value", 30)),
    "A": _layout(Column("indicator", 1), Column("code", 4), Column("amount", 11, places=2)),
    "Z": _layout(Column("name", 15), Column("value", 35)),
    "L": _layout(
        Column("line_number", 5),
        Column("sku", 20),
        Column("description", 35),
        Column("quantity", 11, places=3),
        Column("unit", 2),
        Column("unit_price", 11, places=4),
    ),
    "FT": _layout(Column("record_count", 6)),
}
"""The batch file layout shared with partners (fixed-width widths; CSV uses the same order)."""

Record = dict[str, str]
Figure = Callable[[str, Column], Decimal]


class ModernSftpTransformer(ModernTransformer):
    """Parses partner batch files in either form, detected from the file header."""

    def parse(self, payload: str) -> list[SourceDocument]:
        """Reads the records by the layout, checks the envelope, then assembles documents."""
        rows = [row for row in payload.splitlines() if row.strip()]
        if not rows or not rows[0].startswith("FH"):
            raise MalformedDocument(ErrorKind.ENVELOPE, "file does not start with an FH record")
        if not rows[-1].startswith("FT"):
            raise MalformedDocument(ErrorKind.ENVELOPE, "file has no FT trailer")
        is_csv = rows[0].startswith("FH,")
        records = _csv_records(payload) if is_csv else _fixed_records(rows)
        body = records[1:-1]
        if integer(records[-1]["record_count"], "FT record_count") != len(body):
            raise MalformedDocument(
                ErrorKind.COUNT_MISMATCH,
                f"FT says {records[-1]['record_count']} records, file has {len(body)}",
            )
        figure = _decimal_figure if is_csv else _implied_figure
        documents: list[SourceDocument] = []
        for record in body:
            kind = record["record_type"]
            if kind in ("FH", "FT"):
                raise MalformedDocument(ErrorKind.SYNTAX, f"{kind} record inside the file")
            if kind == "H":
                documents.append(_header(record, figure))
            elif not documents:
                raise MalformedDocument(ErrorKind.SYNTAX, f"{kind} record before any H record")
            else:
                _add_detail(documents[-1], record, figure)
        return documents


def _csv_records(payload: str) -> list[Record]:
    records: list[Record] = []
    try:
        rows = [
            row
            for row in csv.reader(io.StringIO(payload), strict=True)
            if any(field.strip() for field in row)
        ]
    except csv.Error as error:
        raise MalformedDocument(ErrorKind.SYNTAX, f"CSV: {error}") from error
    for row in rows:
        columns = _columns(row[0])
        if len(row) != len(columns):
            raise MalformedDocument(
                ErrorKind.SYNTAX, f"{row[0]} record has {len(row)} fields, expected {len(columns)}"
            )
        records.append({column.name: value for column, value in zip(columns, row, strict=True)})
    return records


def _fixed_records(rows: list[str]) -> list[Record]:
    records: list[Record] = []
    for row in rows:
        columns = _columns(row[:2].strip())
        length = sum(column.width for column in columns)
        if len(row) > length:
            raise MalformedDocument(
                ErrorKind.SYNTAX, f"{row[:2].strip()} record is {len(row)} long, layout {length}"
            )
        record: Record = {}
        start = 0
        for column in columns:
            record[column.name] = row[start : start + column.width].strip()
            start += column.width
        record["record_type"] = row[:2].strip()
        records.append(record)
    return records


def _columns(record_type: str) -> tuple[Column, ...]:
    if record_type not in LAYOUT:
        raise MalformedDocument(ErrorKind.SYNTAX, f"unknown record type {record_type!r}")
    return LAYOUT[record_type]


def _decimal_figure(text: str, column: Column) -> Decimal:
    return decimal(text, column.name)


def _implied_figure(text: str, column: Column) -> Decimal:
    assert column.places is not None
    return implied_decimal(text, column.places, column.name)


def _header(record: Record, figure: Figure) -> SourceDocument:
    document_type = record["document_type"].strip().lower()
    if document_type not in DOCUMENT_TYPES:
        raise MalformedDocument(
            ErrorKind.UNSUPPORTED_DOCUMENT, f"document type {record['document_type']!r}"
        )
    if not record["document_id"].strip():
        raise MalformedDocument(ErrorKind.MISSING_FIELD, "H document_id is empty")
    stated = record["stated_total"].strip()
    return SourceDocument(
        document_type=document_type,
        document_id=record["document_id"].strip(),
        document_date=ccyymmdd(record["document_date"], "H document_date"),
        currency=record["currency"].strip() or None,
        order_reference=record["order_reference"].strip() or None,
        stated_total=figure(stated, LAYOUT["H"][-1]) if stated else None,
    )


def _add_detail(doc: SourceDocument, record: Record, figure: Figure) -> None:
    kind = record["record_type"]
    columns = {column.name: column for column in LAYOUT[kind]}
    value = {name: text.strip() for name, text in record.items()}
    if kind == "P":
        doc.parties.append(
            Party(
                role=X12_PARTY_ROLES.get(value["role"], value["role"]),
                id=value["id"],
                name=value["name"],
                street=value["street"],
                city=value["city"],
                postal_code=value["postal_code"],
                country=value["country"],
            )
        )
    elif kind == "R":
        doc.references.append(Reference(value["qualifier"], value["value"]))
    elif kind == "A":
        amount = figure(value["amount"], columns["amount"])
        doc.allowances_charges.append(
            AllowanceCharge(value["indicator"] == "C", value["code"], amount)
        )
    elif kind == "Z":
        doc.custom_fields.append(CustomField(value["name"], value["value"]))
    elif kind == "L":
        if not value["unit_price"]:
            raise MalformedDocument(ErrorKind.MISSING_FIELD, f"L {value['line_number']} unit_price")
        doc.lines.append(
            Line(
                line_number=integer(value["line_number"], "L line_number"),
                sku=value["sku"],
                description=value["description"],
                quantity=figure(value["quantity"], columns["quantity"]),
                unit=value["unit"],
                unit_price=figure(value["unit_price"], columns["unit_price"]),
            )
        )
