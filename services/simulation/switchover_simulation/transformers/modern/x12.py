"""Modern X12 850/810 parser: validates the envelope tree, then maps each transaction set."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from switchover_simulation.transformers.codes import X12_PARTY_ROLES
from switchover_simulation.transformers.errors import ErrorKind, MalformedDocument
from switchover_simulation.transformers.lexers import tokenize_x12
from switchover_simulation.transformers.modern.base import ModernTransformer
from switchover_simulation.transformers.modern.document import (
    AllowanceCharge,
    CustomField,
    Line,
    Party,
    Reference,
    SourceDocument,
)
from switchover_simulation.transformers.modern.values import (
    ccyymmdd,
    decimal,
    implied_decimal,
    integer,
)

Segment = tuple[str, ...]

_DOCUMENT_TYPES = {"850": "order", "810": "invoice"}


@dataclass(frozen=True)
class TransactionSet:
    """One ST..SE transaction set: its identifier, control number and the segments inside."""

    code: str
    control_number: str
    body: tuple[Segment, ...]


class ModernX12Transformer(ModernTransformer):
    """Parses X12 850 purchase orders and 810 invoices."""

    def parse(self, payload: str) -> list[SourceDocument]:
        """Validates every control structure, then maps each transaction set to a document."""
        segments = [tuple(value.strip() for value in seg) for seg in tokenize_x12(payload).segments]
        return [_SetReader(ts).read() for ts in transaction_sets(segments)]


def transaction_sets(segments: list[Segment]) -> list[TransactionSet]:
    """Checks ISA/IEA, GS/GE and ST/SE pairs and their counts; returns the transaction sets."""
    if segments[-1][0] != "IEA":
        raise MalformedDocument(ErrorKind.ENVELOPE, "interchange has no IEA trailer")
    groups = _enclosed(segments[1:-1], "GS", "GE")
    if _value(segments[-1], 1) != str(len(groups)) or _value(segments[-1], 2) != segments[0][13]:
        raise MalformedDocument(ErrorKind.COUNT_MISMATCH, "IEA does not match the interchange")
    found: list[TransactionSet] = []
    for gs, group_body, ge in groups:
        sets = _enclosed(group_body, "ST", "SE")
        for st, body, se in sets:
            if _value(st, 1) not in _DOCUMENT_TYPES:
                raise MalformedDocument(
                    ErrorKind.UNSUPPORTED_DOCUMENT, f"transaction set {_value(st, 1)} not handled"
                )
            if _value(se, 1) != str(len(body) + 2) or _value(se, 2) != _value(st, 2):
                raise MalformedDocument(
                    ErrorKind.COUNT_MISMATCH,
                    f"SE01 says {_value(se, 1)} segments, set {_value(st, 2)} has {len(body) + 2}",
                )
            found.append(TransactionSet(_value(st, 1), _value(st, 2), tuple(body)))
        if _value(ge, 1) != str(len(sets)) or _value(ge, 2) != _value(gs, 6):
            raise MalformedDocument(ErrorKind.COUNT_MISMATCH, "GE does not match its group")
    return found


def _enclosed(
    segments: list[Segment], header: str, trailer: str
) -> list[tuple[Segment, list[Segment], Segment]]:
    """Splits a run of segments into header..trailer envelopes; nothing may sit outside them."""
    envelopes: list[tuple[Segment, list[Segment], Segment]] = []
    opening: Segment | None = None
    body: list[Segment] = []
    for seg in segments:
        if opening is None:
            if seg[0] != header:
                raise MalformedDocument(ErrorKind.ENVELOPE, f"{seg[0]} outside a {header} envelope")
            opening, body = seg, []
        elif seg[0] == trailer:
            envelopes.append((opening, body, seg))
            opening = None
        else:
            body.append(seg)
    if opening is not None:
        raise MalformedDocument(ErrorKind.ENVELOPE, f"{header} without {trailer}")
    return envelopes


def _value(segment: Segment, position: int) -> str:
    return segment[position] if position < len(segment) else ""


@dataclass
class _SetReader:
    """Accumulates one transaction set's segments into a SourceDocument."""

    transaction_set: TransactionSet
    document_id: str = ""
    document_date: date | None = None
    currency: str | None = None
    order_reference: str | None = None
    stated_total: str | None = None
    line_count: str | None = None
    parties: list[Party] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    charges: list[AllowanceCharge] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    customs: list[CustomField] = field(default_factory=list)

    def read(self) -> SourceDocument:
        for seg in self.transaction_set.body:
            self._segment(seg)
        if not self.document_id or self.document_date is None:
            heading = "BEG" if self.transaction_set.code == "850" else "BIG"
            raise MalformedDocument(ErrorKind.MISSING_FIELD, f"{heading} segment is missing")
        if self.line_count is not None and self.line_count != str(len(self.lines)):
            raise MalformedDocument(
                ErrorKind.COUNT_MISMATCH, f"CTT01 {self.line_count} != {len(self.lines)} lines"
            )
        return SourceDocument(
            document_type=_DOCUMENT_TYPES[self.transaction_set.code],
            document_id=self.document_id,
            document_date=self.document_date,
            currency=self.currency,
            control_number=self.transaction_set.control_number,
            order_reference=self.order_reference,
            parties=self.parties,
            references=self.references,
            allowances_charges=self.charges,
            lines=self.lines,
            custom_fields=self.customs,
            stated_total=None
            if self.stated_total is None
            else implied_decimal(self.stated_total, 2, "TDS01"),
        )

    def _segment(self, seg: Segment) -> None:
        tag = seg[0]
        match tag:
            case "BEG":
                self.document_id = _value(seg, 3)
                self.document_date = ccyymmdd(_value(seg, 5), "BEG05")
            case "BIG":
                self.document_date = ccyymmdd(_value(seg, 1), "BIG01")
                self.document_id = _value(seg, 2)
                self.order_reference = _value(seg, 4) or None
            case "CUR":
                self.currency = _value(seg, 2)
            case "N9":
                self.references.append(Reference(_value(seg, 1), _value(seg, 2)))
            case "SAC":
                amount = implied_decimal(_value(seg, 5), 2, "SAC05")
                self.charges.append(AllowanceCharge(_value(seg, 1) == "C", _value(seg, 2), amount))
            case "N1":
                role = X12_PARTY_ROLES.get(_value(seg, 1), _value(seg, 1))
                self.parties.append(Party(role=role, id=_value(seg, 4), name=_value(seg, 2)))
            case "N3" | "N4" if self.parties:
                self._address(seg)
            case "PO1" | "IT1":
                self.lines.append(_line(seg))
            case "PID" if self.lines:
                self.lines[-1] = replace(self.lines[-1], description=_value(seg, 5))
            case "CTT":
                self.line_count = _value(seg, 1)
            case "TDS":
                self.stated_total = _value(seg, 1)
            case _ if tag.startswith("Z"):
                self.customs.extend(
                    CustomField(f"{tag}{position:02d}", value)
                    for position, value in enumerate(seg[1:], start=1)
                    if value
                )

    def _address(self, seg: Segment) -> None:
        party = self.parties[-1]
        if seg[0] == "N3":
            self.parties[-1] = replace(party, street=_value(seg, 1))
        else:
            self.parties[-1] = replace(
                party, city=_value(seg, 1), postal_code=_value(seg, 3), country=_value(seg, 4)
            )


def _line(seg: Segment) -> Line:
    """Maps a PO1/IT1 baseline item; the first product id pair (06/07) is the line's SKU."""
    tag = seg[0]
    if not _value(seg, 4):
        raise MalformedDocument(ErrorKind.MISSING_FIELD, f"{tag}04 unit price is missing")
    return Line(
        line_number=integer(_value(seg, 1), f"{tag}01"),
        sku=_value(seg, 7),
        description=None,
        quantity=decimal(_value(seg, 2), f"{tag}02"),
        unit=_value(seg, 3),
        unit_price=decimal(_value(seg, 4), f"{tag}04"),
    )
