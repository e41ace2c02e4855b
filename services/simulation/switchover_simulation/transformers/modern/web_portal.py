"""Modern web-portal handler: form posts decoded into nested parameters, then mapped.

Bracketed names nest (`lines[0][sku]` -> {"lines": {"0": {"sku": ...}}}), as web frameworks
decode them; numbered groups become rows in index order and the rows' positions number the lines.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

from switchover_simulation.transformers.codes import DOCUMENT_TYPES
from switchover_simulation.transformers.errors import ErrorKind, MalformedDocument
from switchover_simulation.transformers.modern.base import ModernTransformer
from switchover_simulation.transformers.modern.document import (
    AllowanceCharge,
    CustomField,
    Line,
    Party,
    Reference,
    SourceDocument,
)
from switchover_simulation.transformers.modern.values import decimal, iso_date

_NAME = re.compile(r"(?P<root>[^\[\]]+)(?P<keys>(?:\[[^\[\]]*\])*)")

Params = dict[str, "str | Params"]


class ModernWebPortalTransformer(ModernTransformer):
    """Maps one posted order form."""

    def parse(self, payload: str) -> list[SourceDocument]:
        """Decodes the form and maps it to one document."""
        params = decode_form(payload.strip())
        document_type = _field(params, "document_type", required=True).lower()
        if document_type not in DOCUMENT_TYPES:
            raise MalformedDocument(
                ErrorKind.UNSUPPORTED_DOCUMENT, f"document_type {document_type!r}"
            )
        total = _field(params, "total_amount")
        return [
            SourceDocument(
                document_type=document_type,
                document_id=_field(params, "document_number", required=True),
                document_date=iso_date(
                    _field(params, "document_date", required=True), "document_date"
                ),
                currency=_field(params, "currency") or None,
                order_reference=_field(params, "order_reference") or None,
                stated_total=decimal(total, "total_amount") if total else None,
                parties=[_party(row) for row in _rows(params, "parties")],
                references=[
                    Reference(_field(row, "qualifier"), _field(row, "value"))
                    for row in _rows(params, "references")
                ],
                allowances_charges=[
                    AllowanceCharge(
                        _field(row, "indicator").lower() == "charge",
                        _field(row, "code"),
                        decimal(_field(row, "amount", required=True), "amount"),
                    )
                    for row in _rows(params, "allowances_charges")
                ],
                lines=[
                    _line(number, row) for number, row in enumerate(_rows(params, "lines"), start=1)
                ],
                custom_fields=[
                    CustomField(name, value)
                    for name, value in _group(params, "extensions").items()
                    if isinstance(value, str)
                ],
            )
        ]


def decode_form(body: str) -> Params:
    """Decodes an application/x-www-form-urlencoded body into nested parameters."""
    params: Params = {}
    for name, value in parse_qsl(body, keep_blank_values=True):
        match = _NAME.fullmatch(name)
        if match is None:
            raise MalformedDocument(ErrorKind.SYNTAX, f"form field name {name!r}")
        keys = [match["root"], *re.findall(r"\[([^\[\]]*)\]", match["keys"])]
        node = params
        for key in keys[:-1]:
            child = node.setdefault(key, {})
            if isinstance(child, str):
                raise MalformedDocument(ErrorKind.SYNTAX, f"form field {name!r} nests in a value")
            node = child
        node[keys[-1]] = value
    return params


def _group(params: Params, name: str) -> Params:
    group = params.get(name, {})
    return group if isinstance(group, dict) else {}


def _rows(params: Params, name: str) -> list[Params]:
    """The numbered rows of a group, in index order."""
    group = _group(params, name)
    numbered = sorted((int(key), row) for key, row in group.items() if key.isdigit())
    return [row for _, row in numbered if isinstance(row, dict)]


def _field(params: Params, name: str, *, required: bool = False) -> str:
    value = params.get(name, "")
    text = value.strip() if isinstance(value, str) else ""
    if required and not text:
        raise MalformedDocument(ErrorKind.MISSING_FIELD, f"{name} is required")
    return text


def _party(row: Params) -> Party:
    return Party(
        role=_field(row, "role"),
        id=_field(row, "id"),
        name=_field(row, "name"),
        street=_field(row, "street"),
        city=_field(row, "city"),
        postal_code=_field(row, "postal_code"),
        country=_field(row, "country"),
    )


def _line(number: int, row: Params) -> Line:
    return Line(
        line_number=number,
        sku=_field(row, "sku", required=True),
        description=_field(row, "description") or None,
        quantity=decimal(_field(row, "quantity", required=True), "quantity"),
        unit=_field(row, "unit"),
        unit_price=decimal(_field(row, "unit_price", required=True), "unit_price"),
    )
