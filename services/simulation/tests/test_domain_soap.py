"""Tests of the legacy and modern SOAP transformers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from switchover_simulation.compare import compare
from switchover_simulation.transformers import (
    ChannelType,
    ErrorKind,
    JsonObject,
    MappingConfig,
    accepted,
    documents,
    error_kind,
    legacy_transformer,
    modern_transformer,
)

REQUEST = """\
<?xml version="1.0" encoding="UTF-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"
            xmlns:g="urn:globex:b2b:documents:v1">
  <s:Header><g:MessageHeader><g:MessageId>MSG-1</g:MessageId></g:MessageHeader></s:Header>
  <s:Body>
    <g:SubmitDocument>
      <g:Document type="order">
        <g:Number>PO-70004</g:Number>
        <g:Date>2024-03-05</g:Date>
        <g:Currency>EUR</g:Currency>
        <g:Party role="BY">
          <g:Id>SGD-FR</g:Id>
          <g:Name>Société Générale &amp; Fils</g:Name>
          <g:City>Lyon</g:City>
        </g:Party>
        <g:Reference qualifier="CT">MSA-2023-118</g:Reference>
        <g:AllowanceCharge indicator="A" code="C310">25.00</g:AllowanceCharge>
        <g:Line number="1">
          <g:Sku>PLT-0001</g:Sku>
          <g:Description>Pallet wrap &lt;20µm&gt;</g:Description>
          <g:Quantity unit="DZ">4</g:Quantity>
          <g:UnitPrice>18.90</g:UnitPrice>
        </g:Line>
        <g:Extension name="Incoterm">DAP</g:Extension>
      </g:Document>
    </g:SubmitDocument>
  </s:Body>
</s:Envelope>
"""


def _legacy(payload: str) -> JsonObject:
    return legacy_transformer(ChannelType.SOAP_API).transform(payload)


def _modern(payload: str) -> JsonObject:
    return modern_transformer(ChannelType.SOAP_API, MappingConfig.complete()).transform(payload)


def test_modern_resolves_entities_and_namespaces() -> None:
    document = documents(_modern(REQUEST))[0]

    assert document["parties"] == [
        {
            "role": "buyer",
            "id": "SGD-FR",
            "name": "Société Générale & Fils",
            "street": None,
            "city": "Lyon",
            "postal_code": None,
            "country": None,
        }
    ]
    assert document["custom_fields"] == [{"name": "Incoterm", "value": "DAP"}]


def test_modern_reads_the_unit_from_the_quantity_attribute() -> None:
    assert documents(_modern(REQUEST))[0]["lines"] == [
        {
            "line_number": 1,
            "sku": "PLT-0001",
            "description": "Pallet wrap <20µm>",
            "quantity": Decimal("48"),
            "unit": "EA",
            "unit_price": Decimal("1.5750"),
        }
    ]


def test_legacy_and_modern_agree_whatever_the_namespace_prefixes() -> None:
    legacy, modern = _legacy(REQUEST), _modern(REQUEST)

    assert accepted(legacy)
    assert compare(legacy, modern).match


def test_soap_1_2_envelopes_are_accepted() -> None:
    payload = REQUEST.replace(
        "http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope"
    )

    assert accepted(_modern(payload))


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        ("</g:Currency>", "</g:Curency>", "syntax"),
        ("s:Envelope", "s:Letter", "envelope"),
        ("s:Body>", "s:Bodies>", "envelope"),
        ('<g:Document type="order">', '<g:Document type="order"><g:Ping/>', None),
        ("<g:Number>PO-70004</g:Number>", "", "missing_field"),
        ("<g:Sku>PLT-0001</g:Sku>", "<g:Sku> </g:Sku>", "missing_field"),
        ("<g:UnitPrice>18.90", "<g:UnitPrice>18.9O", "invalid_number"),
        ("<g:Date>2024-03-05", "<g:Date>2024-3-5", "invalid_date"),
        ('type="order"', 'type="despatch"', "unsupported_document"),
    ],
)
def test_both_sides_treat_a_change_the_same_way(old: str, new: str, kind: str | None) -> None:
    payload = REQUEST.replace(old, new)
    assert payload != REQUEST

    legacy, modern = _legacy(payload), _modern(payload)

    expected = None if kind is None else ErrorKind(kind)
    assert error_kind(legacy) is error_kind(modern) is expected
