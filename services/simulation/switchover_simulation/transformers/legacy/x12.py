"""Legacy X12 850/810 reader: one pass over the segments, positional elements, running counts."""

from __future__ import annotations

from switchover_simulation.transformers.codes import X12_PARTY_ROLES
from switchover_simulation.transformers.errors import ErrorKind, MalformedDocument
from switchover_simulation.transformers.legacy.base import LegacyTransformer
from switchover_simulation.transformers.legacy.dates import ccyymmdd
from switchover_simulation.transformers.legacy.numbers import (
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
from switchover_simulation.transformers.lexers import tokenize_x12

_SET_TYPES = {"850": "ORDER", "810": "INVOICE"}


def element(segment: tuple[str, ...], position: int) -> str:
    """Returns an element by position, or "" when the sender omitted it (trailing empties)."""
    return segment[position].strip() if position < len(segment) else ""


class LegacyX12Transformer(LegacyTransformer):
    """Reads X12 850 purchase orders and 810 invoices as the legacy EDI translator does."""

    def read(self, payload: str) -> list[LegacyDocument]:
        """Reads every transaction set of the interchange, checking counts as it goes."""
        segments = tokenize_x12(payload).segments
        isa13 = element(segments[0], 13)
        documents: list[LegacyDocument] = []
        doc = LegacyDocument("", "", "", "")
        gs06, groups, sets, seg_count, st02, ended = "", 0, 0, 0, "", False
        for seg in segments[1:]:
            tag = seg[0].strip()
            if ended:
                raise MalformedDocument(ErrorKind.ENVELOPE, f"SEGMENT {tag} AFTER IEA")
            seg_count += 1
            if tag == "GS":
                groups, sets, gs06 = groups + 1, 0, element(seg, 6)
            elif tag == "ST":
                if element(seg, 1) not in _SET_TYPES:
                    raise MalformedDocument(
                        ErrorKind.UNSUPPORTED_DOCUMENT, f"TRANSACTION SET {element(seg, 1)}"
                    )
                sets, seg_count, st02 = sets + 1, 1, element(seg, 2)
                doc = LegacyDocument(_SET_TYPES[element(seg, 1)], "", "", "")
            elif tag == "SE":
                if element(seg, 1) != str(seg_count) or element(seg, 2) != st02:
                    raise MalformedDocument(
                        ErrorKind.COUNT_MISMATCH, f"SE {element(seg, 1)} NE {seg_count}"
                    )
                if not doc.doc_no:
                    raise MalformedDocument(ErrorKind.MISSING_FIELD, "NO BEG/BIG IN SET " + st02)
                documents.append(doc)
            elif tag == "GE":
                if element(seg, 1) != str(sets) or element(seg, 2) != gs06:
                    raise MalformedDocument(ErrorKind.COUNT_MISMATCH, f"GE {element(seg, 1)}")
            elif tag == "IEA":
                if element(seg, 1) != str(groups) or element(seg, 2) != isa13:
                    raise MalformedDocument(ErrorKind.COUNT_MISMATCH, f"IEA {element(seg, 1)}")
                ended = True
            else:
                _read_segment(doc, tag, seg)
        if not ended:
            raise MalformedDocument(ErrorKind.ENVELOPE, "NO IEA - INTERCHANGE TRUNCATED")
        return documents


def _read_segment(doc: LegacyDocument, tag: str, seg: tuple[str, ...]) -> None:
    """Moves one detail segment into the record; unknown segments are skipped, as always."""
    if tag == "BEG":
        doc.doc_no, doc.doc_date = element(seg, 3), ccyymmdd(element(seg, 5), "BEG05")
    elif tag == "BIG":
        doc.doc_date, doc.doc_no = ccyymmdd(element(seg, 1), "BIG01"), element(seg, 2)
        doc.order_ref = element(seg, 4)
    elif tag == "CUR":
        doc.currency = element(seg, 2)
    elif tag == "N9":
        doc.refs.append((element(seg, 1), element(seg, 2)))
    elif tag == "SAC":
        amount = from_implied_digits(element(seg, 5), "SAC05")
        doc.charges.append((element(seg, 1), element(seg, 2), amount))
    elif tag == "N1":
        role = X12_PARTY_ROLES.get(element(seg, 1), element(seg, 1))
        doc.parties.append(LegacyParty(role, element(seg, 4), element(seg, 2)))
    elif tag == "N3" and doc.parties:
        doc.parties[-1].street = element(seg, 1)
    elif tag == "N4" and doc.parties:
        party = doc.parties[-1]
        party.city, party.postal_code = element(seg, 1), element(seg, 3)
        party.country = element(seg, 4)
    elif tag in ("PO1", "IT1"):
        if not element(seg, 4):
            raise MalformedDocument(ErrorKind.MISSING_FIELD, f"{tag}04 UNIT PRICE")
        doc.lines.append(
            LegacyLine(
                seq=from_implied_digits(element(seg, 1), f"{tag}01"),
                sku=element(seg, 7),
                description="",
                quantity=to_implied(element(seg, 2), QUANTITY_PLACES, f"{tag}02"),
                unit=element(seg, 3),
                price=to_implied(element(seg, 4), PRICE_PLACES, f"{tag}04"),
            )
        )
    elif tag == "PID" and doc.lines:
        doc.lines[-1].description = element(seg, 5)
    elif tag == "CTT":
        if element(seg, 1) != str(len(doc.lines)):
            raise MalformedDocument(ErrorKind.COUNT_MISMATCH, f"CTT {element(seg, 1)}")
    elif tag == "TDS":
        doc.stated_total = from_implied_digits(element(seg, 1), "TDS01")
    elif tag.startswith("Z"):
        for position, value in enumerate(seg[1:], start=1):
            if value.strip():
                doc.customs.append((f"{tag}{position:02d}", value))
