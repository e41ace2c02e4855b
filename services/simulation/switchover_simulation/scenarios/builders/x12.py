"""Renders documents as an X12 004010 interchange (850 orders, 810 invoices)."""

from __future__ import annotations

from collections.abc import Sequence

from switchover_simulation.scenarios.spec import DocumentSpec, EnvelopeSpec, plain

_ROLE_CODES = {"buyer": "BY", "seller": "SE", "ship_to": "ST", "bill_to": "BT"}
_GROUPS = (("order", "PO", "850"), ("invoice", "IN", "810"))


def render_x12(documents: Sequence[DocumentSpec], envelope: EnvelopeSpec) -> str:
    """Renders one interchange, one functional group per document type, "~\\n" terminated."""
    created = envelope.created
    control = f"{envelope.control_number:09d}"
    segments = [
        "ISA*00*          *00*          *ZZ*"
        f"{envelope.sender:<15}*ZZ*{envelope.receiver:<15}*{created:%y%m%d}*{created:%H%M}"
        f"*U*00401*{control}*0*P*>"
    ]
    groups, set_number = 0, 0
    for document_type, functional_id, set_code in _GROUPS:
        batch = [doc for doc in documents if doc.document_type == document_type]
        if not batch:
            continue
        groups += 1
        group_control = str(envelope.control_number * 10 + groups)
        segments.append(
            f"GS*{functional_id}*{envelope.sender}*{envelope.receiver}*{created:%Y%m%d}"
            f"*{created:%H%M}*{group_control}*X*004010"
        )
        for doc in batch:
            set_number += 1
            body = _transaction_set(doc, set_code)
            st02 = f"{set_number:04d}"
            segments += [f"ST*{set_code}*{st02}", *body, f"SE*{len(body) + 2}*{st02}"]
        segments.append(f"GE*{len(batch)}*{group_control}")
    segments.append(f"IEA*{groups}*{control}")
    return "".join(f"{segment}~\n" for segment in segments)


def _transaction_set(doc: DocumentSpec, set_code: str) -> list[str]:
    if set_code == "850":
        body = [f"BEG*00*SA*{doc.document_id}**{doc.document_date:%Y%m%d}"]
    else:
        body = [f"BIG*{doc.document_date:%Y%m%d}*{doc.document_id}**{doc.order_reference}"]
    body.append(f"CUR*BY*{doc.currency}")
    charges = [
        f"SAC*{'C' if c.is_charge else 'A'}*{c.code}***{int(c.amount * 100)}" for c in doc.charges
    ]
    if set_code == "850":
        body += charges
    body += [f"N9*{qualifier}*{value}" for qualifier, value in doc.references]
    body += [f"ZPC*{name}*{value}" for name, value in doc.custom_fields]
    for party in doc.parties:
        body.append(f"N1*{_ROLE_CODES[party.role]}*{party.name}*92*{party.id}")
        if party.street:
            body.append(f"N3*{party.street}")
        if party.city:
            body.append(f"N4*{party.city}**{party.postal_code}*{party.country}")
    line_tag = "PO1" if set_code == "850" else "IT1"
    for number, line in enumerate(doc.lines, start=1):
        body.append(
            f"{line_tag}*{number}*{plain(line.quantity)}*{line.unit}*{plain(line.unit_price)}"
            f"**BP*{line.sku}"
        )
        body.append(f"PID*F****{line.description}")
    if set_code == "810" and doc.stated_total is not None:
        body.append(f"TDS*{int(doc.stated_total * 100)}")
    if set_code == "810":
        body += charges
    body.append(f"CTT*{len(doc.lines)}")
    return body
