"""What a scenario is, and the channel attributes that parametrise generated ones."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from switchover_simulation.transformers import ChannelType, MappingRule

RFC_1034_LABEL = r"^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$"
"""Scenario ids are RFC-1034 labels: lowercase letters, digits and hyphens, at most 63."""


class Scenario(BaseModel):
    """One input run through both sides of a channel and compared."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(pattern=RFC_1034_LABEL)
    """Stable identifier, unique across the catalogue."""

    channel_type: ChannelType
    """The channel type whose transformers read the payload."""

    title: str = Field(min_length=1)
    """A short name for reports."""

    description: str = Field(min_length=1)
    """What the scenario exercises and why it matters."""

    payload: str
    """The input document(s) exactly as the channel delivers them."""

    tags: tuple[str, ...] = ()
    """What it exercises: happy-path, multi-line, unicode-names, zero-quantity, allowances,
    references, custom-segment, uom-conversion, invoice, multi-document, large-batch,
    malformed, ..."""

    requires: frozenset[MappingRule] = frozenset()
    """The optional mapping rules the modern side needs to reproduce the legacy output."""

    source: str = "generated"
    """Where the payload comes from: its data file, or "generated" for profile variants."""


class ScenarioProfile(BaseModel):
    """The channel attributes that scale generated scenarios (the risk engine's ChannelProfile
    carries the same fields; unknown is None and generates nothing)."""

    model_config = ConfigDict(frozen=True)

    monthly_transactions: int | None = Field(default=None, ge=0)
    """Documents per month; scales the lines and documents of the large-batch variant."""

    custom_extensions: int | None = Field(default=None, ge=0)
    """Partner-specific customisations; adds a variant carrying that many partner fields."""
