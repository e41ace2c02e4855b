"""Parallel-run validation of a channel: every scenario through both sides, then compared."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from switchover_simulation.compare.diff import Comparator, Mismatch
from switchover_simulation.compare.normalise import Normaliser
from switchover_simulation.compare.rules import ComparisonRules, default_rules
from switchover_simulation.scenarios import Scenario, generate_scenarios
from switchover_simulation.transformers import (
    ChannelType,
    Clock,
    JsonObject,
    MappingConfig,
    MappingRule,
    legacy_transformer,
    modern_transformer,
    system_clock,
)

DEFAULT_THRESHOLD = 95.0
"""A channel passes when at least this percentage of its scenarios match (DESIGN.md §4)."""


@dataclass(frozen=True)
class ScenarioResult:
    """One scenario's parallel run."""

    scenario_id: str
    title: str
    tags: tuple[str, ...]
    requires: frozenset[MappingRule]
    passed: bool
    mismatches: tuple[Mismatch, ...]
    legacy_output: JsonObject
    modern_output: JsonObject


@dataclass(frozen=True)
class ValidationResult:
    """A channel's parallel-run validation."""

    channel_type: ChannelType
    mapping: MappingConfig
    threshold: float
    results: tuple[ScenarioResult, ...]

    @property
    def total(self) -> int:
        """How many scenarios ran."""
        return len(self.results)

    @property
    def passed_count(self) -> int:
        """How many scenarios matched."""
        return sum(result.passed for result in self.results)

    @property
    def pass_rate(self) -> float:
        """The percentage of scenarios that matched (0..100)."""
        return 100 * self.passed_count / self.total

    @property
    def passed(self) -> bool:
        """Whether the pass rate reaches the threshold, compared exactly (19/20 is 95 %)."""
        return Fraction(100 * self.passed_count, self.total) >= Fraction(str(self.threshold))

    @property
    def missing_rules(self) -> frozenset[MappingRule]:
        """Mapping rules that failing scenarios need and the channel has not configured: the
        likely fix when the channel fails."""
        needed = (result.requires for result in self.results if not result.passed)
        return frozenset().union(*needed) - self.mapping.rules


def validate_channel(
    channel_type: ChannelType,
    mapping: MappingConfig,
    scenarios: Sequence[Scenario] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    *,
    rules: ComparisonRules | None = None,
    clock: Clock = system_clock,
) -> ValidationResult:
    """Runs the scenarios (the channel type's catalogue if None) through a fresh legacy
    transformer and a modern one under `mapping`, and compares each pair of outputs.

    Raises ValueError for a threshold outside 0..100, no scenarios, or a scenario of another
    channel type.
    """
    if not 0 <= threshold <= 100:
        raise ValueError(f"threshold must be within 0..100, got {threshold}")
    chosen = list(generate_scenarios(channel_type) if scenarios is None else scenarios)
    if not chosen:
        raise ValueError("a validation needs at least one scenario")
    for scenario in chosen:
        if scenario.channel_type != channel_type:
            raise ValueError(
                f"scenario {scenario.id!r} is for {scenario.channel_type}, not {channel_type}"
            )
    legacy = legacy_transformer(channel_type, clock=clock)
    modern = modern_transformer(channel_type, mapping, clock=clock)
    comparator = Comparator(Normaliser(rules if rules is not None else default_rules()))
    results = []
    for scenario in chosen:
        legacy_output = legacy.transform(scenario.payload)
        modern_output = modern.transform(scenario.payload)
        comparison = comparator.compare(legacy_output, modern_output)
        results.append(
            ScenarioResult(
                scenario_id=scenario.id,
                title=scenario.title,
                tags=scenario.tags,
                requires=scenario.requires,
                passed=comparison.match,
                mismatches=comparison.mismatches,
                legacy_output=legacy_output,
                modern_output=modern_output,
            )
        )
    return ValidationResult(channel_type, mapping, threshold, tuple(results))
