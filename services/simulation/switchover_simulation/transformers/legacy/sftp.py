"""Legacy SFTP batch reader: multi-record CSV or fixed-width files, read positionally.

Record types: FH file header, H document header, P party, R reference, A allowance/charge,
Z partner field, L line, FT file trailer (count of the records between FH and FT). Fixed-width
files carry figures with implied decimals; CSV files carry them with a decimal point.
"""

from __future__ import annotations

from switchover_simulation.transformers.codes import X12_PARTY_ROLES
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

WIDTHS: dict[str, tuple[int, ...]] = {
    "FH": (2, 15, 15, 8, 6, 6),
    "H": (2, 8, 20, 8, 3, 20, 13),
    "P": (2, 2, 15, 35, 35, 25, 10, 2),
    "R": (2, 3, 30),
    "A": (2, 1, 4, 11),
    "Z": (2, 15, 35),
    "L": (2, 5, 20, 35, 11, 2, 11),
    "FT": (2, 6),
}
"""The copybook: field widths per record type, the record type itself first."""

_DOCUMENT_TYPES = ("ORDER", "INVOICE")


class LegacySftpTransformer(LegacyTransformer):
    """Reads the batch files partners drop on the SFTP server, as the nightly job does."""

    def read(self, payload: str) -> list[LegacyDocument]:
        """Reads every document of the file, checking the trailer count."""
        rows = [row for row in payload.splitlines() if row.strip()]
        if not rows or not rows[0].startswith("FH"):
            raise MalformedDocument(ErrorKind.ENVELOPE, "NO FH RECORD")
        if not rows[-1].startswith("FT"):
            raise MalformedDocument(ErrorKind.ENVELOPE, "NO FT RECORD - FILE TRUNCATED")
        is_csv = rows[0][2:3] == ","
        records = [_split_csv(row) if is_csv else _slice(row) for row in rows]
        if len(records[-1]) != len(WIDTHS["FT"]):
            raise MalformedDocument(ErrorKind.SYNTAX, f"FT RECORD HAS {len(records[-1])} FIELDS")
        body = records[1:-1]
        if from_implied_digits(records[-1][1], "FT COUNT") != len(body):
            raise MalformedDocument(ErrorKind.COUNT_MISMATCH, f"FT {records[-1][1]} NE {len(body)}")
        documents: list[LegacyDocument] = []
        for rec in body:
            _check_shape(rec)
            if rec[0] == "H":
                documents.append(_header(rec, is_csv))
            elif not documents:
                raise MalformedDocument(ErrorKind.SYNTAX, f"{rec[0]} RECORD BEFORE H")
            else:
                _detail(documents[-1], rec, is_csv)
        for doc in documents:
            if not doc.doc_no:
                raise MalformedDocument(ErrorKind.MISSING_FIELD, "H DOCUMENT NUMBER")
        return documents


def _check_shape(rec: list[str]) -> None:
    if rec[0] not in WIDTHS or rec[0] in ("FH", "FT"):
        raise MalformedDocument(ErrorKind.SYNTAX, f"RECORD TYPE {rec[0]!r}")
    if len(rec) != len(WIDTHS[rec[0]]):
        raise MalformedDocument(ErrorKind.SYNTAX, f"{rec[0]} RECORD HAS {len(rec)} FIELDS")


def _header(rec: list[str], is_csv: bool) -> LegacyDocument:
    if rec[1].strip().upper() not in _DOCUMENT_TYPES:
        raise MalformedDocument(ErrorKind.UNSUPPORTED_DOCUMENT, f"DOCUMENT TYPE {rec[1]}")
    doc = LegacyDocument(rec[1], rec[2], ccyymmdd(rec[3], "H DATE"), rec[4], order_ref=rec[5])
    if rec[6].strip():
        doc.stated_total = _figure(rec[6], AMOUNT_PLACES, is_csv, "H TOTAL")
    return doc


def _detail(doc: LegacyDocument, rec: list[str], is_csv: bool) -> None:
    kind = rec[0]
    if kind == "P":
        role = X12_PARTY_ROLES.get(rec[1].strip(), rec[1])
        doc.parties.append(LegacyParty(role, rec[2], rec[3], rec[4], rec[5], rec[6], rec[7]))
    elif kind == "R":
        doc.refs.append((rec[1], rec[2]))
    elif kind == "A":
        amount = _figure(rec[3], AMOUNT_PLACES, is_csv, "A AMOUNT")
        doc.charges.append((rec[1].strip(), rec[2], amount))
    elif kind == "Z":
        doc.customs.append((rec[1], rec[2]))
    elif kind == "L":
        if not rec[6].strip():
            raise MalformedDocument(ErrorKind.MISSING_FIELD, f"L {rec[1]} UNIT PRICE")
        doc.lines.append(
            LegacyLine(
                seq=from_implied_digits(rec[1], "L LINE"),
                sku=rec[2],
                description=rec[3],
                quantity=_figure(rec[4], QUANTITY_PLACES, is_csv, "L QTY"),
                unit=rec[5],
                price=_figure(rec[6], PRICE_PLACES, is_csv, "L PRICE"),
            )
        )


def _figure(text: str, places: int, is_csv: bool, field: str) -> int:
    """CSV figures have a decimal point; fixed-width figures already carry implied decimals."""
    return to_implied(text, places, field) if is_csv else from_implied_digits(text, field)


def _slice(row: str) -> list[str]:
    """Cuts a fixed-width row by the copybook; short rows were space-trimmed in transit."""
    kind = row[:2].strip()
    if kind not in WIDTHS:
        raise MalformedDocument(ErrorKind.SYNTAX, f"RECORD TYPE {kind!r}")
    widths = WIDTHS[kind]
    if len(row) > sum(widths):
        raise MalformedDocument(ErrorKind.SYNTAX, f"{kind} RECORD LONGER THAN {sum(widths)}")
    fields, start = [], 0
    for width in widths:
        fields.append(row[start : start + width].strip())
        start += width
    return fields


def _split_csv(row: str) -> list[str]:
    """Splits a CSV row, honouring double quotes ("" inside quotes is a quote)."""
    fields: list[str] = []
    value: list[str] = []
    quoted = False
    position = 0
    while position < len(row):
        char = row[position]
        if quoted and char == '"' and row[position + 1 : position + 2] == '"':
            value.append('"')
            position += 1
        elif char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            fields.append("".join(value))
            value = []
        else:
            value.append(char)
        position += 1
    if quoted:
        raise MalformedDocument(ErrorKind.SYNTAX, "UNTERMINATED QUOTE")
    fields.append("".join(value))
    return fields
