"""Renders a document as the partner portal's order-form post (urlencoded)."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode

from switchover_simulation.scenarios.spec import DocumentSpec, EnvelopeSpec, plain


def render_web_portal(documents: Sequence[DocumentSpec], envelope: EnvelopeSpec) -> str:
    """Renders the single document as a form body, with the portal's session fields."""
    (doc,) = documents
    fields: list[tuple[str, str]] = [
        ("csrf_token", f"tok{envelope.control_number:010d}"),
        ("document_type", doc.document_type),
        ("document_number", doc.document_id),
        ("document_date", doc.document_date.isoformat()),
        ("currency", doc.currency),
    ]
    if doc.order_reference:
        fields.append(("order_reference", doc.order_reference))
    if doc.stated_total is not None:
        fields.append(("total_amount", plain(doc.stated_total)))
    for i, p in enumerate(doc.parties):
        fields += [
            (f"parties[{i}][{name}]", value)
            for name, value in (
                ("role", p.role),
                ("id", p.id),
                ("name", p.name),
                ("street", p.street),
                ("city", p.city),
                ("postal_code", p.postal_code),
                ("country", p.country),
            )
        ]
    for i, (qualifier, value) in enumerate(doc.references):
        fields += [(f"references[{i}][qualifier]", qualifier), (f"references[{i}][value]", value)]
    for i, c in enumerate(doc.charges):
        fields += [
            (f"allowances_charges[{i}][indicator]", "charge" if c.is_charge else "allowance"),
            (f"allowances_charges[{i}][code]", c.code),
            (f"allowances_charges[{i}][amount]", plain(c.amount)),
        ]
    for i, ln in enumerate(doc.lines):
        fields += [
            (f"lines[{i}][sku]", ln.sku),
            (f"lines[{i}][description]", ln.description),
            (f"lines[{i}][quantity]", plain(ln.quantity)),
            (f"lines[{i}][unit]", ln.unit),
            (f"lines[{i}][unit_price]", plain(ln.unit_price)),
        ]
    fields += [(f"extensions[{name}]", value) for name, value in doc.custom_fields]
    fields.append(("submitted_at", envelope.created.isoformat() + "Z"))
    return urlencode(fields) + "\n"
