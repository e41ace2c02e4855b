"""Renders documents as a SOAP 1.1 SubmitDocument request."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from switchover_simulation.scenarios.spec import DocumentSpec, EnvelopeSpec, plain
from switchover_simulation.transformers.modern.soap import DOCUMENT_NAMESPACE

_SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
_ROLE_CODES = {"buyer": "BY", "seller": "SE", "ship_to": "ST", "bill_to": "BT"}


def _q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def _d(name: str) -> str:
    return _q(DOCUMENT_NAMESPACE, name)


def _child(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, _d(tag), attributes)
    element.text = text
    return element


def render_soap(documents: Sequence[DocumentSpec], envelope: EnvelopeSpec) -> str:
    """Renders the request with an XML declaration, indented, prefixes soapenv and doc."""
    root = ET.Element(_q(_SOAP, "Envelope"))
    header = ET.SubElement(ET.SubElement(root, _q(_SOAP, "Header")), _d("MessageHeader"))
    _child(header, "MessageId", f"MSG-{envelope.control_number:08d}")
    _child(header, "SentAt", envelope.created.isoformat() + "Z")
    submit = ET.SubElement(ET.SubElement(root, _q(_SOAP, "Body")), _d("SubmitDocument"))
    for doc in documents:
        element = ET.SubElement(submit, _d("Document"), {"type": doc.document_type})
        _child(element, "Number", doc.document_id)
        _child(element, "Date", doc.document_date.isoformat())
        _child(element, "Currency", doc.currency)
        if doc.order_reference:
            _child(element, "OrderReference", doc.order_reference)
        for p in doc.parties:
            party = ET.SubElement(element, _d("Party"), {"role": _ROLE_CODES[p.role]})
            for tag, value in (
                ("Id", p.id),
                ("Name", p.name),
                ("Street", p.street),
                ("City", p.city),
                ("PostalCode", p.postal_code),
                ("Country", p.country),
            ):
                _child(party, tag, value)
        for qualifier, value in doc.references:
            _child(element, "Reference", value, qualifier=qualifier)
        for c in doc.charges:
            _child(
                element,
                "AllowanceCharge",
                plain(c.amount),
                indicator="C" if c.is_charge else "A",
                code=c.code,
            )
        for number, ln in enumerate(doc.lines, start=1):
            line = ET.SubElement(element, _d("Line"), {"number": str(number)})
            _child(line, "Sku", ln.sku)
            _child(line, "Description", ln.description)
            _child(line, "Quantity", plain(ln.quantity), unit=ln.unit)
            _child(line, "UnitPrice", plain(ln.unit_price))
        for name, value in doc.custom_fields:
            _child(element, "Extension", value, name=name)
        if doc.stated_total is not None:
            _child(element, "TotalAmount", plain(doc.stated_total))
    ET.register_namespace("soapenv", _SOAP)
    ET.register_namespace("doc", DOCUMENT_NAMESPACE)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
