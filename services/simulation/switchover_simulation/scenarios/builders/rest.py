"""Renders a document as the JSON body of the REST API."""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal

from switchover_simulation.scenarios.spec import DocumentSpec, EnvelopeSpec


def _number(value: Decimal) -> float | int:
    """JSON numbers: integral values as integers, the rest as the nearest binary float, whose
    shortest repr is the decimal itself for the precisions documents carry."""
    return int(value) if value == value.to_integral_value() else float(value)


def render_rest(documents: Sequence[DocumentSpec], envelope: EnvelopeSpec) -> str:
    """Renders the single document as an indented JSON body."""
    (doc,) = documents
    body: dict[str, object] = {
        "requestId": f"req-{envelope.control_number:08d}",
        "sentAt": envelope.created.isoformat() + "Z",
        "documentType": doc.document_type,
        "documentNumber": doc.document_id,
        "documentDate": doc.document_date.isoformat(),
        "currency": doc.currency,
        "parties": [
            {
                "role": p.role,
                "id": p.id,
                "name": p.name,
                "address": {
                    "street": p.street,
                    "city": p.city,
                    "postalCode": p.postal_code,
                    "country": p.country,
                },
            }
            for p in doc.parties
        ],
        "lines": [
            {
                "lineNumber": number,
                "sku": line.sku,
                "description": line.description,
                "quantity": _number(line.quantity),
                "unit": line.unit,
                "unitPrice": _number(line.unit_price),
            }
            for number, line in enumerate(doc.lines, start=1)
        ],
    }
    if doc.order_reference:
        body["orderReference"] = doc.order_reference
    if doc.stated_total is not None:
        body["totalAmount"] = _number(doc.stated_total)
    if doc.references:
        body["references"] = [{"qualifier": q, "value": v} for q, v in doc.references]
    if doc.charges:
        body["allowancesCharges"] = [
            {
                "indicator": "charge" if c.is_charge else "allowance",
                "code": c.code,
                "amount": _number(c.amount),
            }
            for c in doc.charges
        ]
    if doc.custom_fields:
        body["extensions"] = dict(doc.custom_fields)
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"
