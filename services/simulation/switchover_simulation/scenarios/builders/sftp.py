"""Renders documents as partner batch files, in the CSV or the fixed-width form."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal

from switchover_simulation.scenarios.spec import DocumentSpec, EnvelopeSpec, plain

_ROLE_CODES = {"buyer": "BY", "seller": "SE", "ship_to": "ST", "bill_to": "BT"}
_FIXED_WIDTHS: dict[str, tuple[int, ...]] = {
    "FH": (2, 15, 15, 8, 6, 6),
    "H": (2, 8, 20, 8, 3, 20, 13),
    "P": (2, 2, 15, 35, 35, 25, 10, 2),
    "R": (2, 3, 30),
    "A": (2, 1, 4, 11),
    "Z": (2, 15, 35),
    "L": (2, 5, 20, 35, 11, 2, 11),
    "FT": (2, 6),
}
_PLACES = {("H", 6): 2, ("A", 3): 2, ("L", 4): 3, ("L", 6): 4}
"""(record type, field position) of the figures and their implied decimals."""

Field = str | Decimal | None


def _records(documents: Sequence[DocumentSpec], envelope: EnvelopeSpec) -> list[list[Field]]:
    created = envelope.created
    body: list[list[Field]] = []
    for doc in documents:
        body.append(
            [
                "H",
                doc.document_type.upper(),
                doc.document_id,
                f"{doc.document_date:%Y%m%d}",
                doc.currency,
                doc.order_reference,
                doc.stated_total,
            ]
        )
        for p in doc.parties:
            body.append(
                ["P", _ROLE_CODES[p.role], p.id, p.name, p.street, p.city, p.postal_code, p.country]
            )
        body += [["R", qualifier, value] for qualifier, value in doc.references]
        body += [["A", "C" if c.is_charge else "A", c.code, c.amount] for c in doc.charges]
        body += [["Z", name, value] for name, value in doc.custom_fields]
        body += [
            ["L", str(n), ln.sku, ln.description, ln.quantity, ln.unit, ln.unit_price]
            for n, ln in enumerate(doc.lines, start=1)
        ]
    header: list[Field] = [
        "FH",
        envelope.sender,
        envelope.receiver,
        f"{created:%Y%m%d}",
        f"{created:%H%M%S}",
        f"{envelope.control_number:06d}",
    ]
    return [header, *body, ["FT", f"{len(body):06d}"]]


def render_sftp_csv(documents: Sequence[DocumentSpec], envelope: EnvelopeSpec) -> str:
    """Renders a multi-record CSV batch file (figures with a decimal point)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for record in _records(documents, envelope):
        writer.writerow(
            "" if value is None else plain(value) if isinstance(value, Decimal) else value
            for value in record
        )
    return out.getvalue()


def render_sftp_fixed(documents: Sequence[DocumentSpec], envelope: EnvelopeSpec) -> str:
    """Renders a fixed-width batch file (figures zero-filled with implied decimals).

    Raises ValueError when a value does not fit its column, rather than shift every column
    after it.
    """
    rows = []
    for record in _records(documents, envelope):
        kind = str(record[0])
        cells = [
            _cell(kind, position, value, width)
            for position, (value, width) in enumerate(zip(record, _FIXED_WIDTHS[kind], strict=True))
        ]
        rows.append("".join(cells).rstrip())
    return "".join(f"{row}\n" for row in rows)


def _cell(kind: str, position: int, value: Field, width: int) -> str:
    places = _PLACES.get((kind, position))
    if places is not None and isinstance(value, Decimal):
        text = str(int(value.scaleb(places))).rjust(width, "0")
    elif kind == "L" and position == 1:
        text = str(value).rjust(width, "0")
    else:
        text = ("" if value is None else str(value)).ljust(width)
    if len(text) > width:
        raise ValueError(f"{kind} record field {position} {value!r} exceeds {width} columns")
    return text
