"""Modern SOAP parser: namespace-aware ElementTree over SOAP 1.1 or 1.2 envelopes."""

from __future__ import annotations

import xml.etree.ElementTree as ET

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
from switchover_simulation.transformers.modern.values import decimal, integer, iso_date

DOCUMENT_NAMESPACE = "urn:globex:b2b:documents:v1"
"""The partner service's namespace for SubmitDocument requests."""

_SOAP_NAMESPACES = (
    "http://schemas.xmlsoap.org/soap/envelope/",
    "http://www.w3.org/2003/05/soap-envelope",
)


def _q(name: str) -> str:
    return f"{{{DOCUMENT_NAMESPACE}}}{name}"


class ModernSoapTransformer(ModernTransformer):
    """Parses SubmitDocument requests of the partner SOAP service."""

    def parse(self, payload: str) -> list[SourceDocument]:
        """Checks the envelope, then maps every Document of SubmitDocument."""
        try:
            root = ET.fromstring(payload)
        except ET.ParseError as error:
            raise MalformedDocument(ErrorKind.SYNTAX, f"XML: {error}") from error
        namespace = next((ns for ns in _SOAP_NAMESPACES if root.tag == f"{{{ns}}}Envelope"), None)
        if namespace is None:
            raise MalformedDocument(ErrorKind.ENVELOPE, f"root {root.tag} is not a SOAP Envelope")
        body = root.find(f"{{{namespace}}}Body")
        if body is None:
            raise MalformedDocument(ErrorKind.ENVELOPE, "SOAP Body is missing")
        documents = body.findall(f"{_q('SubmitDocument')}/{_q('Document')}")
        if not documents:
            raise MalformedDocument(ErrorKind.MISSING_FIELD, "SubmitDocument has no Document")
        return [_document(element) for element in documents]


def _text(parent: ET.Element, name: str) -> str | None:
    value = parent.findtext(_q(name))
    return value.strip() if value is not None and value.strip() else None


def _required(parent: ET.Element, name: str) -> str:
    value = _text(parent, name)
    if value is None:
        raise MalformedDocument(ErrorKind.MISSING_FIELD, f"{name} is required")
    return value


def _document(element: ET.Element) -> SourceDocument:
    document_type = element.get("type", "").strip().lower()
    if document_type not in DOCUMENT_TYPES:
        raise MalformedDocument(ErrorKind.UNSUPPORTED_DOCUMENT, f"Document type {document_type!r}")
    total = _text(element, "TotalAmount")
    return SourceDocument(
        document_type=document_type,
        document_id=_required(element, "Number"),
        document_date=iso_date(_required(element, "Date"), "Date"),
        currency=_text(element, "Currency"),
        order_reference=_text(element, "OrderReference"),
        stated_total=None if total is None else decimal(total, "TotalAmount"),
        parties=[_party(party) for party in element.iterfind(_q("Party"))],
        references=[
            Reference(ref.get("qualifier", ""), ref.text or "")
            for ref in element.iterfind(_q("Reference"))
        ],
        allowances_charges=[
            AllowanceCharge(
                charge.get("indicator") == "C",
                charge.get("code", ""),
                decimal(charge.text or "", "AllowanceCharge"),
            )
            for charge in element.iterfind(_q("AllowanceCharge"))
        ],
        lines=[_line(line) for line in element.iterfind(_q("Line"))],
        custom_fields=[
            CustomField(extension.get("name", ""), extension.text or "")
            for extension in element.iterfind(_q("Extension"))
        ],
    )


def _party(element: ET.Element) -> Party:
    role = element.get("role", "").strip()
    return Party(
        role=X12_PARTY_ROLES.get(role, role),
        id=_text(element, "Id") or "",
        name=_text(element, "Name") or "",
        street=_text(element, "Street"),
        city=_text(element, "City"),
        postal_code=_text(element, "PostalCode"),
        country=_text(element, "Country"),
    )


def _line(element: ET.Element) -> Line:
    quantity = element.find(_q("Quantity"))
    return Line(
        line_number=integer(element.get("number", ""), "Line/@number"),
        sku=_required(element, "Sku"),
        description=_text(element, "Description"),
        quantity=decimal(_required(element, "Quantity"), "Quantity"),
        unit=quantity.get("unit", "") if quantity is not None else "",
        unit_price=decimal(_required(element, "UnitPrice"), "UnitPrice"),
    )
