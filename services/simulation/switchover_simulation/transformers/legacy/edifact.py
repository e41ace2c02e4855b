"""Legacy EDIFACT ORDERS/INVOIC reader: one pass over the segments with running counts."""

from __future__ import annotations

from switchover_simulation.transformers.codes import EDIFACT_PARTY_ROLES, EDIFACT_UNITS
from switchover_simulation.transformers.errors import ErrorKind, MalformedDocument
from switchover_simulation.transformers.legacy.base import LegacyTransformer
from switchover_simulation.transformers.legacy.dates import ccyymmdd
from switchover_simulation.transformers.legacy.numbers import (
    AMOUNT_PLACES,
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
from switchover_simulation.transformers.lexers import EdifactSegment, tokenize_edifact

_MESSAGE_TYPES = {"ORDERS": "ORDER", "INVOIC": "INVOICE"}
_UNPRICED = -1


class LegacyEdifactTransformer(LegacyTransformer):
    """Reads EDIFACT ORDERS and INVOIC messages as the legacy EDI translator does."""

    def read(self, payload: str) -> list[LegacyDocument]:
        """Reads every message of the interchange, checking counts as it goes."""
        interchange = tokenize_edifact(payload)
        mark = interchange.decimal_mark
        unb_ref = interchange.segments[0].component(5)
        documents: list[LegacyDocument] = []
        doc = LegacyDocument("", "", "", "")
        pending_charge: tuple[str, str] | None = None
        messages, seg_count, unh_ref, ended = 0, 0, "", False
        for seg in interchange.segments[1:]:
            if ended:
                raise MalformedDocument(ErrorKind.ENVELOPE, f"SEGMENT {seg.tag} AFTER UNZ")
            seg_count += 1
            if seg.tag == "UNH":
                if seg.component(2) not in _MESSAGE_TYPES:
                    raise MalformedDocument(
                        ErrorKind.UNSUPPORTED_DOCUMENT, f"MESSAGE TYPE {seg.component(2)}"
                    )
                messages, seg_count, unh_ref = messages + 1, 1, seg.component(1)
                doc, pending_charge = (
                    LegacyDocument(_MESSAGE_TYPES[seg.component(2)], "", "", ""),
                    None,
                )
            elif seg.tag == "UNT":
                if seg.component(1) != str(seg_count) or seg.component(2) != unh_ref:
                    raise MalformedDocument(
                        ErrorKind.COUNT_MISMATCH, f"UNT {seg.component(1)} NE {seg_count}"
                    )
                _close_line(doc)
                if not doc.doc_no or not doc.doc_date:
                    raise MalformedDocument(ErrorKind.MISSING_FIELD, "NO BGM/DTM IN " + unh_ref)
                documents.append(doc)
            elif seg.tag == "UNZ":
                if seg.component(1) != str(messages) or seg.component(2) != unb_ref:
                    raise MalformedDocument(ErrorKind.COUNT_MISMATCH, f"UNZ {seg.component(1)}")
                ended = True
            elif seg.tag == "ALC":
                pending_charge = (seg.component(1), seg.component(5))
            elif seg.tag == "MOA" and seg.component(1) in ("204", "23", "8") and pending_charge:
                amount = to_implied(seg.component(1, 1), AMOUNT_PLACES, "MOA5004", mark)
                doc.charges.append((pending_charge[0], pending_charge[1], amount))
                pending_charge = None
            else:
                _read_segment(doc, seg, mark)
        if not ended:
            raise MalformedDocument(ErrorKind.ENVELOPE, "NO UNZ - INTERCHANGE TRUNCATED")
        return documents


def _read_segment(doc: LegacyDocument, seg: EdifactSegment, mark: str) -> None:
    """Moves one segment into the record; unknown segments are skipped, as always."""
    c = seg.component
    if seg.tag == "BGM":
        doc.doc_no = c(2)
    elif seg.tag == "DTM" and c(1) == "137":
        if (c(1, 2), len(c(1, 1))) not in (("102", 8), ("203", 12)):
            raise MalformedDocument(ErrorKind.INVALID_DATE, f"DTM FORMAT {c(1, 2)}")
        doc.doc_date = ccyymmdd(c(1, 1)[:8], "DTM2380")
    elif seg.tag == "FTX" and c(1) == "ZZZ":
        doc.customs.append((c(4), c(4, 1)))
    elif seg.tag == "RFF" and c(1) == "ON" and doc.doc_type == "INVOICE":
        doc.order_ref = c(1, 1)
    elif seg.tag == "RFF" and not doc.lines:
        doc.refs.append((c(1), c(1, 1)))
    elif seg.tag == "NAD":
        role = EDIFACT_PARTY_ROLES.get(c(1), c(1))
        doc.parties.append(LegacyParty(role, c(2), c(4), c(5), c(6), c(8), c(9)))
    elif seg.tag == "CUX":
        doc.currency = c(1, 1)
    elif seg.tag == "LIN":
        _close_line(doc)
        seq = from_implied_digits(c(1), "LIN1082")
        doc.lines.append(LegacyLine(seq, c(3), "", 0, "", _UNPRICED))
    elif seg.tag == "IMD" and doc.lines:
        doc.lines[-1].description = c(3, 3)
    elif seg.tag == "QTY" and doc.lines and c(1) in ("21", "47"):
        doc.lines[-1].quantity = to_implied(c(1, 1), QUANTITY_PLACES, "QTY6060", mark)
        doc.lines[-1].unit = EDIFACT_UNITS.get(c(1, 2), c(1, 2))
    elif seg.tag == "PRI" and doc.lines and c(1) in ("AAA", "AAB"):
        doc.lines[-1].price = to_implied(c(1, 1), PRICE_PLACES, "PRI5118", mark)
    elif seg.tag == "UNS":
        _close_line(doc)
    elif seg.tag == "CNT" and c(1) == "2":
        if c(1, 1) != str(len(doc.lines)):
            raise MalformedDocument(ErrorKind.COUNT_MISMATCH, f"CNT {c(1, 1)}")
    elif seg.tag == "MOA" and c(1) in ("77", "86"):
        doc.stated_total = to_implied(c(1, 1), AMOUNT_PLACES, "MOA5004", mark)


def _close_line(doc: LegacyDocument) -> None:
    """A line is complete when the next LIN, UNS or UNT arrives; it must have had a PRI."""
    if doc.lines and doc.lines[-1].price == _UNPRICED:
        raise MalformedDocument(ErrorKind.MISSING_FIELD, f"LIN {doc.lines[-1].seq} NO PRI")
