"""Modern REST parser: the JSON body is validated against a typed model of the public API."""

from __future__ import annotations

import json
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

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
from switchover_simulation.transformers.modern.values import iso_date

_API_CONFIG = ConfigDict(
    extra="ignore",
    coerce_numbers_to_str=True,
    populate_by_name=True,
    str_strip_whitespace=True,
    frozen=True,
)


class ApiAddress(BaseModel):
    """A postal address."""

    model_config = _API_CONFIG

    street: str | None = None
    city: str | None = None
    postal_code: str | None = Field(default=None, alias="postalCode")
    country: str | None = None


class ApiParty(BaseModel):
    """A party of the document."""

    model_config = _API_CONFIG

    role: str = ""
    id: str = ""
    name: str = ""
    address: ApiAddress | None = None


class ApiReference(BaseModel):
    """A qualified reference."""

    model_config = _API_CONFIG

    qualifier: str = ""
    value: str = ""


class ApiAllowanceCharge(BaseModel):
    """A header allowance or charge."""

    model_config = _API_CONFIG

    indicator: str = "allowance"
    code: str = ""
    amount: Decimal


class ApiLine(BaseModel):
    """A document line."""

    model_config = _API_CONFIG

    line_number: int = Field(alias="lineNumber", ge=0)
    sku: str = Field(min_length=1)
    description: str | None = None
    quantity: Decimal
    unit: str = ""
    unit_price: Decimal = Field(alias="unitPrice")


class ApiDocument(BaseModel):
    """The body of POST /v2/documents."""

    model_config = _API_CONFIG

    document_type: str = Field(alias="documentType")
    document_number: str = Field(alias="documentNumber", min_length=1)
    document_date: str = Field(alias="documentDate")
    currency: str | None = None
    order_reference: str | None = Field(default=None, alias="orderReference")
    total_amount: Decimal | None = Field(default=None, alias="totalAmount")
    parties: list[ApiParty] = []
    references: list[ApiReference] = []
    allowances_charges: list[ApiAllowanceCharge] = Field(default=[], alias="allowancesCharges")
    lines: list[ApiLine] = []
    extensions: dict[str, str] = {}


_NUMBER_ERRORS = ("decimal", "int", "float", "greater_than")


class ModernRestTransformer(ModernTransformer):
    """Parses one JSON document posted to the modern REST API."""

    def parse(self, payload: str) -> list[SourceDocument]:
        """Decodes the body with exact decimals and validates it against the API model."""
        try:
            body = json.loads(payload, parse_float=Decimal)
        except json.JSONDecodeError as error:
            raise MalformedDocument(ErrorKind.SYNTAX, f"JSON: {error.msg}") from error
        if not isinstance(body, dict):
            raise MalformedDocument(ErrorKind.SYNTAX, "body is not a JSON object")
        try:
            api = ApiDocument.model_validate(body)
        except ValidationError as error:
            raise _malformed(error) from error
        return [_document(api)]


def _malformed(error: ValidationError) -> MalformedDocument:
    """Classifies the first validation error into the shared error vocabulary."""
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    if first["type"] == "missing" or first["type"] == "string_too_short":
        return MalformedDocument(ErrorKind.MISSING_FIELD, f"{where} is required")
    if first["type"].startswith(_NUMBER_ERRORS):
        return MalformedDocument(ErrorKind.INVALID_NUMBER, f"{where}: {first['msg']}")
    return MalformedDocument(ErrorKind.SYNTAX, f"{where}: {first['msg']}")


def _document(api: ApiDocument) -> SourceDocument:
    document_type = api.document_type.lower()
    if document_type not in DOCUMENT_TYPES:
        raise MalformedDocument(
            ErrorKind.UNSUPPORTED_DOCUMENT, f"documentType {api.document_type!r}"
        )
    return SourceDocument(
        document_type=document_type,
        document_id=api.document_number,
        document_date=iso_date(api.document_date, "documentDate"),
        currency=api.currency,
        order_reference=api.order_reference,
        stated_total=api.total_amount,
        parties=[_party(party) for party in api.parties],
        references=[Reference(ref.qualifier, ref.value) for ref in api.references],
        allowances_charges=[
            AllowanceCharge(charge.indicator.lower() == "charge", charge.code, charge.amount)
            for charge in api.allowances_charges
        ],
        lines=[
            Line(
                line.line_number,
                line.sku,
                line.description,
                line.quantity,
                line.unit,
                line.unit_price,
            )
            for line in api.lines
        ],
        custom_fields=[CustomField(name, value) for name, value in api.extensions.items()],
    )


def _party(party: ApiParty) -> Party:
    address = party.address or ApiAddress()
    return Party(
        role=party.role,
        id=party.id,
        name=party.name,
        street=address.street,
        city=address.city,
        postal_code=address.postal_code,
        country=address.country,
    )
