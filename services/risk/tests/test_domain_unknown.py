"""Unknown inputs: listed, lower confidence, and never rated below a known-bad value."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from switchover_risk.domain import (
    INPUTS,
    ChannelProfile,
    ChannelType,
    ComplianceTag,
    CustomerProfile,
    FactorRule,
    IntegrationPattern,
    RiskModel,
    RuleKind,
    Scope,
    ValueKind,
    assess_channel,
    default_model,
)


def _known_values(rule: FactorRule) -> list[Any]:
    """One value inside each band (its lower end), or each lookup key as a value."""
    spec = INPUTS[rule.input]
    if rule.kind is RuleKind.BANDS:
        belows = [band.below for band in rule.bands if band.below is not None]
        starts = [belows[0] - 1, *belows]
        return [int(start) if spec.kind is ValueKind.INT else start for start in starts]
    if spec.kind is ValueKind.BOOL:
        return [True, False]
    keys = [key for key in rule.values if key != "*"]
    return [*keys, "an unlisted value"] if "*" in rule.values else keys


def _set(
    channel: ChannelProfile, customer: CustomerProfile, name: str, value: Any
) -> tuple[ChannelProfile, CustomerProfile]:
    scope, _, attribute = name.partition(".")
    changes: dict[str, Any] = {attribute: value}
    if attribute.startswith("compliance."):
        tag = ComplianceTag(attribute.removeprefix("compliance."))
        tags = None if value is None else [tag] if value else []
        return channel, replace(customer, compliance=tags)
    if scope == Scope.CHANNEL:
        return replace(channel, **changes), customer
    return channel, replace(customer, **changes)


# A channel's type and its dependency count are always known, so only the others can be unknown.
_MAYBE_UNKNOWN = [
    rule
    for rule in default_model().rules
    if rule.input not in ("channel.channel_type", "channel.dependents")
]


@pytest.mark.parametrize("rule", _MAYBE_UNKNOWN, ids=lambda rule: rule.factor)
def test_unknown_input_scores_at_least_every_known_value(
    rule: FactorRule,
    x12_channel: ChannelProfile,
    customer: CustomerProfile,
    model: RiskModel,
) -> None:
    unknown = assess_channel(*_set(x12_channel, customer, rule.input, None), model)
    for value in _known_values(rule):
        known = assess_channel(*_set(x12_channel, customer, rule.input, value), model)
        assert unknown.score >= known.score, value


def test_fully_known_channel_has_full_confidence(
    x12_channel: ChannelProfile, customer: CustomerProfile, model: RiskModel
) -> None:
    assessment = assess_channel(x12_channel, customer, model)

    assert assessment.confidence == 100
    assert assessment.missing_inputs == ()


def test_unknown_channel_input_lowers_confidence_by_its_share_of_the_weight(
    x12_channel: ChannelProfile, customer: CustomerProfile, model: RiskModel
) -> None:
    # mapping_coverage is one of four integration factors: 100 - 5 x 1/4 = 98.75.
    channel = replace(x12_channel, mapping_coverage=None)

    assessment = assess_channel(channel, customer, model)

    assert assessment.confidence == pytest.approx(98.75)
    assert assessment.missing_inputs == ("channel.mapping_coverage",)


def test_unknown_compliance_lists_every_regime_and_costs_its_category_weight(
    x12_channel: ChannelProfile, customer: CustomerProfile, model: RiskModel
) -> None:
    assessment = assess_channel(x12_channel, replace(customer, compliance=None), model)

    assert assessment.confidence == pytest.approx(75)
    assert assessment.missing_inputs == tuple(f"customer.compliance.{tag}" for tag in ComplianceTag)


def test_unknown_input_is_rated_with_the_rule_assumption_and_flagged(
    x12_channel: ChannelProfile, customer: CustomerProfile, model: RiskModel
) -> None:
    channel = replace(x12_channel, complexity=None)

    factor = next(
        f
        for f in assess_channel(channel, customer, model).factors
        if f.factor == "channel_complexity"
    )

    # No when_missing in the default model: the worst impact (95) and likelihood (90).
    assert (factor.assumed, factor.impact, factor.likelihood, factor.risk) == (True, 95, 90, 85.5)
    assert factor.inputs == {"channel.complexity": None}


def test_channel_with_only_its_type_known_scores_at_least_its_worst_known_twin(
    customer: CustomerProfile, model: RiskModel
) -> None:
    bare = ChannelProfile(
        name="programs/p/customers/c/channels/bare", channel_type=ChannelType.SFTP
    )
    worst = replace(
        bare,
        protocol_version="an unlisted version",
        integration_pattern=IntegrationPattern.REAL_TIME,
        complexity=5,
        monthly_transactions=5_000_000,
        monthly_data_bytes=10**12,
        modern_protocol_supported=False,
        endpoint_config_completeness=0.0,
        mapping_coverage=0.0,
        custom_extensions=50,
    )

    assert (
        assess_channel(bare, customer, model).score >= assess_channel(worst, customer, model).score
    )
