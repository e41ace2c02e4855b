"""Which optional mapping rules the modern platform has configured for a channel."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class MappingRule(StrEnum):
    """An optional mapping rule of the modern platform.

    The legacy platform applies all of them (it has been tuned for years); the modern platform
    applies only those configured for the channel, so a missing rule shows up as a field mismatch
    in the scenarios whose documents need it.
    """

    N9_REFERENCES = "n9_references"
    """Maps document references (X12 N9, EDIFACT RFF, reference records and fields)."""

    ALLOWANCE_CHARGES = "allowance_charges"
    """Maps header allowances and charges (X12 SAC, EDIFACT ALC/MOA) and nets them into totals."""

    UNIT_OF_MEASURE_CONVERSION = "unit_of_measure_conversion"
    """Converts pack units (dozen, gross, pair, hundred) to the base unit the ERP stores."""

    PARTNER_CUSTOM_SEGMENTS = "partner_custom_segments"
    """Maps partner-specific segments and fields (X12 Z-segments, FTX+ZZZ, extensions)."""


class MappingConfig(BaseModel):
    """The modern mapping configured for one channel."""

    model_config = ConfigDict(frozen=True)

    rules: frozenset[MappingRule] = Field(default_factory=frozenset)
    """The optional rules that are configured; everything else is mapped unconditionally."""

    @classmethod
    def complete(cls) -> MappingConfig:
        """Returns a mapping with every optional rule configured."""
        return cls(rules=frozenset(MappingRule))

    def has(self, rule: MappingRule) -> bool:
        """Tells whether the rule is configured."""
        return rule in self.rules

    def without(self, *rules: MappingRule) -> MappingConfig:
        """Returns a copy of this mapping with the given rules removed."""
        return MappingConfig(rules=self.rules - frozenset(rules))
