"""Scenarios generated from a channel's profile, on top of the bundled catalogue."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from switchover_simulation.scenarios.builders import BATCH_CHANNELS, render
from switchover_simulation.scenarios.catalogue import catalogue_for
from switchover_simulation.scenarios.model import Scenario, ScenarioProfile
from switchover_simulation.scenarios.spec import DocumentSpec, EnvelopeSpec, LineSpec, PartySpec
from switchover_simulation.transformers import ChannelType, MappingRule

LINES_PER_100_TRANSACTIONS = 1
"""The large-batch variant carries one line per 100 monthly transactions..."""
MIN_LINES, MAX_LINES = 10, 500
"""...never fewer than 10 lines per document nor more than 500."""
TRANSACTIONS_PER_DOCUMENT = 5_000
"""Batch channels carry one document per 5,000 monthly transactions (1 to MAX_DOCUMENTS)."""
MAX_DOCUMENTS = 10
MAX_PARTNER_FIELDS = 20
"""The partner-field variant carries at most this many fields."""

_PREFIXES = {
    ChannelType.EDI_X12: "x12",
    ChannelType.EDI_EDIFACT: "edifact",
    ChannelType.SFTP: "sftp",
    ChannelType.REST_API: "rest",
    ChannelType.SOAP_API: "soap",
    ChannelType.THICK_CLIENT: "thick-client",
    ChannelType.WEB_PORTAL: "web-portal",
}
_BUYER = PartySpec("buyer", "VOLUME01", "Volume Test Buyer", "1 Load Ln", "Dallas", "75201", "US")


def generate_scenarios(
    channel_type: ChannelType, profile: ScenarioProfile | None = None
) -> list[Scenario]:
    """Returns the channel type's bundled scenarios plus the variants its profile calls for.

    Deterministic: the same channel type and profile always give the same scenarios.
    """
    scenarios = catalogue_for(channel_type)
    if profile is None:
        return scenarios
    if profile.monthly_transactions:
        scenarios.append(_large_batch(channel_type, profile.monthly_transactions))
    if profile.custom_extensions:
        scenarios.append(_partner_fields(channel_type, profile.custom_extensions))
    return scenarios


def _large_batch(channel_type: ChannelType, monthly_transactions: int) -> Scenario:
    lines = min(max(monthly_transactions // 100 * LINES_PER_100_TRANSACTIONS, MIN_LINES), MAX_LINES)
    documents = 1
    if channel_type in BATCH_CHANNELS:
        documents = min(max(monthly_transactions // TRANSACTIONS_PER_DOCUMENT, 1), MAX_DOCUMENTS)
    specs = [_document(f"VOL-{n:04d}", lines) for n in range(1, documents + 1)]
    tags = ["large-batch", "multi-line", *(["multi-document"] if documents > 1 else [])]
    return Scenario(
        id=f"{_PREFIXES[channel_type]}-volume-{documents}-docs-{lines}-lines",
        channel_type=channel_type,
        title=f"Volume: {documents} document(s) of {lines} lines",
        description=(
            f"Generated for {monthly_transactions} transactions a month: {documents} document(s)"
            f" of {lines} lines in one payload."
        ),
        payload=render(channel_type, specs, EnvelopeSpec(control_number=lines)),
        tags=tuple(tags),
    )


def _partner_fields(channel_type: ChannelType, custom_extensions: int) -> Scenario:
    count = min(custom_extensions, MAX_PARTNER_FIELDS)
    fields = tuple((f"PARTNER{n:02d}", f"VALUE-{n:02d}") for n in range(1, count + 1))
    spec = _document("EXT-0001", MIN_LINES, custom_fields=fields)
    return Scenario(
        id=f"{_PREFIXES[channel_type]}-partner-fields-{count}",
        channel_type=channel_type,
        title=f"Partner fields: {count}",
        description=(
            f"Generated for {custom_extensions} partner customisations: one document carrying"
            f" {count} partner-specific fields."
        ),
        payload=render(channel_type, [spec], EnvelopeSpec(control_number=count)),
        tags=("custom-segment",),
        requires=frozenset({MappingRule.PARTNER_CUSTOM_SEGMENTS}),
    )


def _document(
    document_id: str, line_count: int, custom_fields: tuple[tuple[str, str], ...] = ()
) -> DocumentSpec:
    """A deterministic order whose quantities and prices vary line by line."""
    lines = tuple(
        LineSpec(
            sku=f"SKU-{n:05d}",
            description=f"Item {n}",
            quantity=Decimal(n % 7 + 1),
            unit="EA",
            unit_price=Decimal(n * 37 % 1000 + 99).scaleb(-2),
        )
        for n in range(1, line_count + 1)
    )
    return DocumentSpec(
        document_type="order",
        document_id=document_id,
        document_date=date(2024, 3, 1),
        currency="USD",
        parties=(_BUYER,),
        lines=lines,
        custom_fields=custom_fields,
    )
