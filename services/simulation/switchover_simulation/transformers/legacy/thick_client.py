"""Legacy reader of the order-entry desktop client's export: pipe-delimited screen records.

Records: EXPORT header, HDR document, PTY party, REF reference, ALC allowance/charge, UDF
user-defined field, LIN line, END trailer (count of the records between EXPORT and END).
Dates are as the screens show them, MM/DD/CCYY.
"""

from __future__ import annotations

from switchover_simulation.transformers.codes import X12_PARTY_ROLES
from switchover_simulation.transformers.errors import ErrorKind, MalformedDocument
from switchover_simulation.transformers.legacy.base import LegacyTransformer
from switchover_simulation.transformers.legacy.dates import yymmdd
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

FIELD_COUNTS = {"EXPORT": 5, "HDR": 7, "PTY": 8, "REF": 3, "ALC": 4, "UDF": 3, "LIN": 7, "END": 2}
"""How many pipe-separated fields each screen record has, its name included."""

_DOCUMENT_TYPES = ("ORDER", "INVOICE")


class LegacyThickClientTransformer(LegacyTransformer):
    """Reads the desktop client's export file as the ERP's import job does."""

    def read(self, payload: str) -> list[LegacyDocument]:
        """Reads every document of the export, checking the END count."""
        records = [row.rstrip("\r").split("|") for row in payload.splitlines() if row.strip()]
        if not records or records[0][0] != "EXPORT":
            raise MalformedDocument(ErrorKind.ENVELOPE, "NO EXPORT HEADER")
        if records[-1][0] != "END":
            raise MalformedDocument(ErrorKind.ENVELOPE, "NO END RECORD - EXPORT TRUNCATED")
        for rec in records:
            if rec[0] not in FIELD_COUNTS or len(rec) != FIELD_COUNTS[rec[0]]:
                raise MalformedDocument(ErrorKind.SYNTAX, f"BAD {rec[0]} RECORD")
        body = records[1:-1]
        if records[-1][1].strip() != str(len(body)):
            raise MalformedDocument(ErrorKind.COUNT_MISMATCH, f"END {records[-1][1]}")
        documents: list[LegacyDocument] = []
        for rec in body:
            if rec[0] == "HDR":
                documents.append(_header(rec))
            elif rec[0] in ("EXPORT", "END") or not documents:
                raise MalformedDocument(ErrorKind.SYNTAX, f"{rec[0]} OUT OF PLACE")
            else:
                _detail(documents[-1], rec)
        return documents


def _screen_date(text: str) -> str:
    raw = text.strip()
    if len(raw) != 10 or raw[2] != "/" or raw[5] != "/":
        raise MalformedDocument(ErrorKind.INVALID_DATE, f"DATE {raw} NOT MM/DD/CCYY")
    return yymmdd(raw[6:10], raw[0:2], raw[3:5], "HDR DATE")


def _header(rec: list[str]) -> LegacyDocument:
    if rec[1].strip().upper() not in _DOCUMENT_TYPES:
        raise MalformedDocument(ErrorKind.UNSUPPORTED_DOCUMENT, f"DOCUMENT TYPE {rec[1]}")
    if not rec[2].strip():
        raise MalformedDocument(ErrorKind.MISSING_FIELD, "HDR ORDER NUMBER")
    doc = LegacyDocument(rec[1], rec[2], _screen_date(rec[3]), rec[4], order_ref=rec[5])
    if rec[6].strip():
        doc.stated_total = to_implied(rec[6], AMOUNT_PLACES, "HDR TOTAL")
    return doc


def _detail(doc: LegacyDocument, rec: list[str]) -> None:
    if rec[0] == "PTY":
        role = X12_PARTY_ROLES.get(rec[1].strip(), rec[1])
        doc.parties.append(LegacyParty(role, *rec[2:8]))
    elif rec[0] == "REF":
        doc.refs.append((rec[1], rec[2]))
    elif rec[0] == "ALC":
        doc.charges.append((rec[1].strip(), rec[2], to_implied(rec[3], AMOUNT_PLACES, "ALC AMT")))
    elif rec[0] == "UDF":
        doc.customs.append((rec[1], rec[2]))
    elif rec[0] == "LIN":
        if not rec[6].strip():
            raise MalformedDocument(ErrorKind.MISSING_FIELD, f"LIN {rec[1]} PRICE")
        doc.lines.append(
            LegacyLine(
                seq=from_implied_digits(rec[1], "LIN NO"),
                sku=rec[2],
                description=rec[3],
                quantity=to_implied(rec[4], QUANTITY_PLACES, "LIN QTY"),
                unit=rec[5],
                price=to_implied(rec[6], PRICE_PLACES, "LIN PRICE"),
            )
        )
