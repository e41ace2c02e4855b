"""Legacy SOAP endpoint: a DOM walk by local element names, namespaces ignored."""

from __future__ import annotations

from xml.dom import minidom
from xml.parsers.expat import ExpatError

from switchover_simulation.transformers.codes import X12_PARTY_ROLES
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


class LegacySoapTransformer(LegacyTransformer):
    """Reads SubmitDocument requests as the legacy web-service stack did."""

    def read(self, payload: str) -> list[LegacyDocument]:
        """Reads every Document element of the SOAP body."""
        try:
            dom = minidom.parseString(payload)
        except ExpatError as error:
            raise MalformedDocument(ErrorKind.SYNTAX, f"XML: {error}") from error
        envelope = dom.documentElement
        if envelope is None or envelope.localName != "Envelope":
            raise MalformedDocument(ErrorKind.ENVELOPE, "NOT A SOAP ENVELOPE")
        bodies = _children(envelope, "Body")
        if not bodies:
            raise MalformedDocument(ErrorKind.ENVELOPE, "SOAP BODY MISSING")
        elements = bodies[0].getElementsByTagNameNS("*", "Document")
        if not elements:
            raise MalformedDocument(ErrorKind.MISSING_FIELD, "NO DOCUMENT IN BODY")
        return [_document(element) for element in elements]


def _children(parent: minidom.Element, name: str) -> list[minidom.Element]:
    return [
        node
        for node in parent.childNodes
        if isinstance(node, minidom.Element) and node.localName == name
    ]


def _text(parent: minidom.Element, name: str) -> str:
    found = _children(parent, name)
    if not found:
        return ""
    return "".join(
        node.data for node in found[0].childNodes if isinstance(node, minidom.Text)
    ).strip()


def _required(parent: minidom.Element, name: str) -> str:
    value = _text(parent, name)
    if not value:
        raise MalformedDocument(ErrorKind.MISSING_FIELD, f"{name.upper()} IS REQUIRED")
    return value


def _document(element: minidom.Element) -> LegacyDocument:
    doc_type = element.getAttribute("type").strip().upper()
    if doc_type not in _DOCUMENT_TYPES:
        raise MalformedDocument(ErrorKind.UNSUPPORTED_DOCUMENT, f"DOCUMENT TYPE {doc_type}")
    doc = LegacyDocument(
        doc_type=doc_type,
        doc_no=_required(element, "Number"),
        doc_date=iso_date(_required(element, "Date"), "DATE"),
        currency=_text(element, "Currency"),
        order_ref=_text(element, "OrderReference"),
    )
    if _text(element, "TotalAmount"):
        doc.stated_total = to_implied(_text(element, "TotalAmount"), AMOUNT_PLACES, "TOTALAMOUNT")
    for party in _children(element, "Party"):
        role = party.getAttribute("role").strip()
        doc.parties.append(
            LegacyParty(
                X12_PARTY_ROLES.get(role, role),
                *(_text(party, name) for name in ("Id", "Name", "Street", "City")),
                *(_text(party, name) for name in ("PostalCode", "Country")),
            )
        )
    for ref in _children(element, "Reference"):
        doc.refs.append((ref.getAttribute("qualifier"), _own_text(ref)))
    for charge in _children(element, "AllowanceCharge"):
        amount = to_implied(_own_text(charge), AMOUNT_PLACES, "ALLOWANCECHARGE")
        doc.charges.append((charge.getAttribute("indicator"), charge.getAttribute("code"), amount))
    for line in _children(element, "Line"):
        quantity = _children(line, "Quantity")
        doc.lines.append(
            LegacyLine(
                seq=from_implied_digits(line.getAttribute("number"), "LINE NUMBER"),
                sku=_required(line, "Sku"),
                description=_text(line, "Description"),
                quantity=to_implied(_required(line, "Quantity"), QUANTITY_PLACES, "QUANTITY"),
                unit=quantity[0].getAttribute("unit") if quantity else "",
                price=to_implied(_required(line, "UnitPrice"), PRICE_PLACES, "UNITPRICE"),
            )
        )
    for extension in _children(element, "Extension"):
        doc.customs.append((extension.getAttribute("name"), _own_text(extension)))
    return doc


def _own_text(element: minidom.Element) -> str:
    return "".join(node.data for node in element.childNodes if isinstance(node, minidom.Text))
