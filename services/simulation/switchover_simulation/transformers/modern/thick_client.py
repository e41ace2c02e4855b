"""Modern parser of the desktop client's export: named screen records.

Records: EXPORT header, HDR document, PTY party, REF reference, ALC allowance/charge, UDF
user-defined field, LIN line, END trailer (count of the records between EXPORT and END).
"""

from __future__ import annotations

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
from switchover_simulation.transformers.modern.values import decimal, integer, us_date

SCREENS: dict[str, tuple[str, ...]] = {
    "EXPORT": ("application", "version", "exported_at", "operator"),
    "HDR": ("document_type", "document_id", "document_date", "currency", "order_ref", "total"),
    "PTY": ("role", "id", "name", "street", "city", "postal_code", "country"),
    "REF": ("qualifier", "value"),
    "ALC": ("indicator", "code", "amount"),
    "UDF": ("name", "value"),
    "LIN": ("line_number", "sku", "description", "quantity", "unit", "unit_price"),
    "END": ("record_count",),
}
"""The export's record schema: field names after the record name."""

Record = tuple[str, dict[str, str]]


class ModernThickClientTransformer(ModernTransformer):
    """Parses the desktop client's export file."""

    def parse(self, payload: str) -> list[SourceDocument]:
        """Reads the records by the schema, checks the envelope, then assembles documents."""
        rows = [row for row in payload.splitlines() if row.strip()]
        if not rows or not rows[0].startswith("EXPORT|"):
            raise MalformedDocument(ErrorKind.ENVELOPE, "export has no EXPORT header")
        if not rows[-1].startswith("END|"):
            raise MalformedDocument(ErrorKind.ENVELOPE, "export has no END trailer")
        records = [_record(row) for row in rows]
        body = records[1:-1]
        if records[-1][1]["record_count"].strip() != str(len(body)):
            raise MalformedDocument(
                ErrorKind.COUNT_MISMATCH,
                f"END says {records[-1][1]['record_count']} records, export has {len(body)}",
            )
        documents: list[SourceDocument] = []
        for name, fields in body:
            if name == "HDR":
                documents.append(_header(fields))
            elif name in ("EXPORT", "END") or not documents:
                raise MalformedDocument(ErrorKind.SYNTAX, f"{name} record out of place")
            else:
                _add_detail(documents[-1], name, fields)
        return documents


def _record(row: str) -> Record:
    name, *values = row.rstrip("\r").split("|")
    schema = SCREENS.get(name)
    if schema is None or len(values) != len(schema):
        raise MalformedDocument(ErrorKind.SYNTAX, f"{name} record does not match its schema")
    return name, {field: value.strip() for field, value in zip(schema, values, strict=True)}


def _header(fields: dict[str, str]) -> SourceDocument:
    document_type = fields["document_type"].lower()
    if document_type not in DOCUMENT_TYPES:
        raise MalformedDocument(
            ErrorKind.UNSUPPORTED_DOCUMENT, f"document type {fields['document_type']!r}"
        )
    if not fields["document_id"]:
        raise MalformedDocument(ErrorKind.MISSING_FIELD, "HDR document_id is empty")
    return SourceDocument(
        document_type=document_type,
        document_id=fields["document_id"],
        document_date=us_date(fields["document_date"], "HDR document_date"),
        currency=fields["currency"] or None,
        order_reference=fields["order_ref"] or None,
        stated_total=decimal(fields["total"], "HDR total") if fields["total"] else None,
    )


def _add_detail(doc: SourceDocument, name: str, fields: dict[str, str]) -> None:
    if name == "PTY":
        doc.parties.append(
            Party(
                role=X12_PARTY_ROLES.get(fields["role"], fields["role"]),
                id=fields["id"],
                name=fields["name"],
                street=fields["street"],
                city=fields["city"],
                postal_code=fields["postal_code"],
                country=fields["country"],
            )
        )
    elif name == "REF":
        doc.references.append(Reference(fields["qualifier"], fields["value"]))
    elif name == "ALC":
        doc.allowances_charges.append(
            AllowanceCharge(
                fields["indicator"] == "C", fields["code"], decimal(fields["amount"], "ALC amount")
            )
        )
    elif name == "UDF":
        doc.custom_fields.append(CustomField(fields["name"], fields["value"]))
    elif name == "LIN":
        if not fields["unit_price"]:
            raise MalformedDocument(ErrorKind.MISSING_FIELD, f"LIN {fields['line_number']} price")
        doc.lines.append(
            Line(
                line_number=integer(fields["line_number"], "LIN line_number"),
                sku=fields["sku"],
                description=fields["description"],
                quantity=decimal(fields["quantity"], "LIN quantity"),
                unit=fields["unit"],
                unit_price=decimal(fields["unit_price"], "LIN unit_price"),
            )
        )
