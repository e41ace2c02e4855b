"""Renders documents as the order-entry desktop client's pipe-delimited export."""

from __future__ import annotations

from collections.abc import Sequence

from switchover_simulation.scenarios.spec import DocumentSpec, EnvelopeSpec, plain

_ROLE_CODES = {"buyer": "BY", "seller": "SE", "ship_to": "ST", "bill_to": "BT"}


def render_thick_client(documents: Sequence[DocumentSpec], envelope: EnvelopeSpec) -> str:
    """Renders one export with an EXPORT header and an END trailer counting the records."""
    body: list[list[str]] = []
    for doc in documents:
        total = "" if doc.stated_total is None else plain(doc.stated_total)
        body.append(
            [
                "HDR",
                doc.document_type.upper(),
                doc.document_id,
                f"{doc.document_date:%m/%d/%Y}",
                doc.currency,
                doc.order_reference,
                total,
            ]
        )
        body += [
            ["PTY", _ROLE_CODES[p.role], p.id, p.name, p.street, p.city, p.postal_code, p.country]
            for p in doc.parties
        ]
        body += [["REF", qualifier, value] for qualifier, value in doc.references]
        body += [["ALC", "C" if c.is_charge else "A", c.code, plain(c.amount)] for c in doc.charges]
        body += [["UDF", name, value] for name, value in doc.custom_fields]
        body += [
            [
                "LIN",
                str(n),
                ln.sku,
                ln.description,
                plain(ln.quantity),
                ln.unit,
                plain(ln.unit_price),
            ]
            for n, ln in enumerate(doc.lines, start=1)
        ]
    header = ["EXPORT", "ORDENTRY", "V3.2", f"{envelope.created:%m/%d/%Y %H:%M}", "OPERATOR7"]
    records = [header, *body, ["END", str(len(body))]]
    return "".join("|".join(record) + "\r\n" for record in records)
