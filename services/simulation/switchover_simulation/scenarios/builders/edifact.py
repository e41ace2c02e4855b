"""Renders documents as an EDIFACT D.96A interchange (ORDERS, INVOIC)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from switchover_simulation.scenarios.spec import DocumentSpec, EnvelopeSpec, plain

_ROLE_CODES = {"buyer": "BY", "seller": "SU", "ship_to": "DP", "bill_to": "IV"}
_UNIT_CODES = {"EA": "PCE", "DZ": "DZN", "GR": "GRO", "PR": "PR", "HD": "CEN", "KG": "KGM"}


def render_edifact(
    documents: Sequence[DocumentSpec], envelope: EnvelopeSpec, decimal_mark: str = "."
) -> str:
    """Renders one interchange with a UNA declaring the decimal mark, one segment per line."""
    created = envelope.created
    reference = f"{envelope.control_number:06d}"
    segments = [
        f"UNB+UNOC:3+{envelope.sender}:ZZZ+{envelope.receiver}:ZZZ"
        f"+{created:%y%m%d}:{created:%H%M}+{reference}"
    ]
    for number, doc in enumerate(documents, start=1):
        body = _message(doc, decimal_mark)
        message_type = "ORDERS" if doc.document_type == "order" else "INVOIC"
        segments += [
            f"UNH+{number}+{message_type}:D:96A:UN",
            *body,
            f"UNT+{len(body) + 2}+{number}",
        ]
    segments.append(f"UNZ+{len(documents)}+{reference}")
    return f"UNA:+{decimal_mark}? '\n" + "".join(f"{segment}'\n" for segment in segments)


def escape(text: str) -> str:
    """Releases the service characters inside a data value."""
    return "".join(f"?{char}" if char in "?:+'" else char for char in text)


def _message(doc: DocumentSpec, decimal_mark: str) -> list[str]:
    def number(value: Decimal) -> str:
        return plain(value).replace(".", decimal_mark)

    body = [
        f"BGM+{'220' if doc.document_type == 'order' else '380'}+{escape(doc.document_id)}+9",
        f"DTM+137:{doc.document_date:%Y%m%d}:102",
    ]
    body += [f"FTX+ZZZ+++{escape(name)}:{escape(value)}" for name, value in doc.custom_fields]
    if doc.order_reference:
        body.append(f"RFF+ON:{escape(doc.order_reference)}")
    body += [f"RFF+{q}:{escape(v)}" for q, v in doc.references]
    for party in doc.parties:
        body.append(
            f"NAD+{_ROLE_CODES[party.role]}+{escape(party.id)}::92++{escape(party.name)}"
            f"+{escape(party.street)}+{escape(party.city)}++{escape(party.postal_code)}"
            f"+{party.country}"
        )
    body.append(f"CUX+2:{doc.currency}:9")
    for charge in doc.charges:
        body.append(f"ALC+{'C' if charge.is_charge else 'A'}++++{charge.code}")
        body.append(f"MOA+{'23' if charge.is_charge else '204'}:{number(charge.amount)}")
    quantity_qualifier = "21" if doc.document_type == "order" else "47"
    for index, line in enumerate(doc.lines, start=1):
        body += [
            f"LIN+{index}++{escape(line.sku)}:SA",
            f"IMD+F++:::{escape(line.description)}",
            f"QTY+{quantity_qualifier}:{number(line.quantity)}:{_UNIT_CODES[line.unit]}",
            f"PRI+AAA:{number(line.unit_price)}",
        ]
    body += ["UNS+S", f"CNT+2:{len(doc.lines)}"]
    if doc.stated_total is not None:
        body.append(f"MOA+77:{number(doc.stated_total)}")
    return body
