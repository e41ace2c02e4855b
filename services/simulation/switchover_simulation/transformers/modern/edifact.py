"""Modern EDIFACT ORDERS/INVOIC parser: validates the envelope, then maps each message."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from switchover_simulation.transformers.codes import EDIFACT_PARTY_ROLES, EDIFACT_UNITS
from switchover_simulation.transformers.errors import ErrorKind, MalformedDocument
from switchover_simulation.transformers.lexers import EdifactSegment, tokenize_edifact
from switchover_simulation.transformers.modern.base import ModernTransformer
from switchover_simulation.transformers.modern.document import (
    AllowanceCharge,
    CustomField,
    Line,
    Party,
    Reference,
    SourceDocument,
)
from switchover_simulation.transformers.modern.values import ccyymmdd, decimal, integer

_DOCUMENT_TYPES = {"ORDERS": "order", "INVOIC": "invoice"}
_DATE_FORMATS = {"102": 8, "203": 12}
"""EDIFACT date/time format codes (2379) and their lengths: CCYYMMDD and CCYYMMDDHHMM."""


@dataclass(frozen=True)
class Message:
    """One UNH..UNT message: its type, reference and the segments inside."""

    message_type: str
    reference: str
    body: tuple[EdifactSegment, ...]


class ModernEdifactTransformer(ModernTransformer):
    """Parses EDIFACT ORDERS purchase orders and INVOIC invoices (D.96A and later)."""

    def parse(self, payload: str) -> list[SourceDocument]:
        """Validates the interchange's control structures, then maps each message."""
        interchange = tokenize_edifact(payload)
        return [
            _MessageReader(message, interchange.decimal_mark).read()
            for message in messages(interchange.segments)
        ]


def messages(segments: tuple[EdifactSegment, ...]) -> list[Message]:
    """Checks UNB/UNZ and UNH/UNT pairs and their counts; returns the messages."""
    if segments[-1].tag != "UNZ":
        raise MalformedDocument(ErrorKind.ENVELOPE, "interchange has no UNZ trailer")
    found: list[Message] = []
    header: EdifactSegment | None = None
    body: list[EdifactSegment] = []
    for seg in segments[1:-1]:
        if header is None:
            if seg.tag != "UNH":
                raise MalformedDocument(ErrorKind.ENVELOPE, f"{seg.tag} outside a message")
            header, body = seg, []
        elif seg.tag == "UNT":
            found.append(_message(header, body, seg))
            header = None
        else:
            body.append(seg)
    if header is not None:
        raise MalformedDocument(ErrorKind.ENVELOPE, "UNH without UNT")
    unz = segments[-1]
    if unz.component(1) != str(len(found)) or unz.component(2) != segments[0].component(5):
        raise MalformedDocument(ErrorKind.COUNT_MISMATCH, "UNZ does not match the interchange")
    return found


def _message(unh: EdifactSegment, body: list[EdifactSegment], unt: EdifactSegment) -> Message:
    if unh.component(2) not in _DOCUMENT_TYPES:
        raise MalformedDocument(
            ErrorKind.UNSUPPORTED_DOCUMENT, f"message type {unh.component(2)} not handled"
        )
    if unt.component(1) != str(len(body) + 2) or unt.component(2) != unh.component(1):
        raise MalformedDocument(
            ErrorKind.COUNT_MISMATCH,
            f"UNT says {unt.component(1)} segments, message has {len(body) + 2}",
        )
    return Message(unh.component(2), unh.component(1), tuple(body))


@dataclass
class _PendingLine:
    line_number: int
    sku: str
    description: str | None = None
    quantity: Decimal = Decimal(0)
    unit: str = ""
    unit_price: Decimal | None = None


@dataclass
class _MessageReader:
    """Accumulates one message's segments into a SourceDocument."""

    message: Message
    decimal_mark: str
    document_id: str = ""
    document_date: date | None = None
    currency: str | None = None
    order_reference: str | None = None
    stated_total: Decimal | None = None
    line_count: str | None = None
    charge: tuple[bool, str] | None = None
    parties: list[Party] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    charges: list[AllowanceCharge] = field(default_factory=list)
    lines: list[_PendingLine] = field(default_factory=list)
    customs: list[CustomField] = field(default_factory=list)

    def read(self) -> SourceDocument:
        for seg in self.message.body:
            self._segment(seg)
        if not self.document_id or self.document_date is None:
            raise MalformedDocument(ErrorKind.MISSING_FIELD, "BGM or DTM+137 is missing")
        lines = [_priced(line) for line in self.lines]
        if self.line_count is not None and self.line_count != str(len(lines)):
            raise MalformedDocument(
                ErrorKind.COUNT_MISMATCH, f"CNT {self.line_count} != {len(lines)} lines"
            )
        return SourceDocument(
            document_type=_DOCUMENT_TYPES[self.message.message_type],
            document_id=self.document_id,
            document_date=self.document_date,
            currency=self.currency,
            control_number=self.message.reference,
            order_reference=self.order_reference,
            parties=self.parties,
            references=self.references,
            allowances_charges=self.charges,
            lines=lines,
            custom_fields=self.customs,
            stated_total=self.stated_total,
        )

    def _number(self, text: str, field_name: str) -> Decimal:
        return decimal(text, field_name, self.decimal_mark)

    def _segment(self, seg: EdifactSegment) -> None:
        c = seg.component
        match seg.tag, c(1):
            case "BGM", _:
                self.document_id = c(2)
            case "DTM", "137":
                length = _DATE_FORMATS.get(c(1, 2))
                if length is None or len(c(1, 1)) != length:
                    raise MalformedDocument(ErrorKind.INVALID_DATE, f"DTM+137 format {c(1, 2)}")
                self.document_date = ccyymmdd(c(1, 1)[:8], "DTM 2380")
            case "FTX", "ZZZ":
                self.customs.append(CustomField(c(4), c(4, 1)))
            case "RFF", "ON" if self.message.message_type == "INVOIC":
                self.order_reference = c(1, 1)
            case "RFF", _ if not self.lines:
                self.references.append(Reference(c(1), c(1, 1)))
            case "NAD", _:
                self.parties.append(
                    Party(
                        role=EDIFACT_PARTY_ROLES.get(c(1), c(1)),
                        id=c(2),
                        name=c(4),
                        street=c(5),
                        city=c(6),
                        postal_code=c(8),
                        country=c(9),
                    )
                )
            case "CUX", _:
                self.currency = c(1, 1)
            case "ALC", _:
                self.charge = (c(1) == "C", c(5))
            case "MOA", "204" | "23" | "8" if self.charge is not None:
                is_charge, code = self.charge
                amount = self._number(c(1, 1), "MOA 5004")
                self.charges.append(AllowanceCharge(is_charge, code, amount))
                self.charge = None
            case "MOA", "77" | "86":
                self.stated_total = self._number(c(1, 1), "MOA 5004")
            case "LIN", _:
                self.lines.append(_PendingLine(integer(c(1), "LIN 1082"), c(3)))
            case "IMD", _ if self.lines:
                self.lines[-1].description = c(3, 3)
            case "QTY", "21" | "47" if self.lines:
                self.lines[-1].quantity = self._number(c(1, 1), "QTY 6060")
                self.lines[-1].unit = EDIFACT_UNITS.get(c(1, 2), c(1, 2))
            case "PRI", "AAA" | "AAB" if self.lines:
                self.lines[-1].unit_price = self._number(c(1, 1), "PRI 5118")
            case "CNT", "2":
                self.line_count = c(1, 1)
            case _:
                pass


def _priced(line: _PendingLine) -> Line:
    if line.unit_price is None:
        raise MalformedDocument(ErrorKind.MISSING_FIELD, f"line {line.line_number} has no PRI")
    return Line(
        line.line_number, line.sku, line.description, line.quantity, line.unit, line.unit_price
    )
