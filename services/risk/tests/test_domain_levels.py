"""Levels, recommended strategies, readiness and strategy overrides."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from switchover_risk.domain import (
    ChannelProfile,
    CustomerProfile,
    RiskLevel,
    RiskModel,
    Strategy,
    StrategyOverride,
    assess_channel,
    level_for,
    override_strategy,
    readiness,
    recommend_strategy,
)

_WHEN = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (0, RiskLevel.LOW),
        (24.99, RiskLevel.LOW),
        (25, RiskLevel.MEDIUM),
        (49.99, RiskLevel.MEDIUM),
        (50, RiskLevel.HIGH),
        (74.99, RiskLevel.HIGH),
        (75, RiskLevel.CRITICAL),
        (100, RiskLevel.CRITICAL),
    ],
)
def test_level_boundaries(score: float, level: RiskLevel) -> None:
    assert level_for(score) is level


@pytest.mark.parametrize("score", [-0.01, 100.01, float("nan")])
def test_level_rejects_a_score_outside_0_to_100(score: float) -> None:
    with pytest.raises(ValueError, match="0-100"):
        level_for(score)


@pytest.mark.parametrize(
    ("level", "strategy"),
    [
        (RiskLevel.LOW, Strategy.BIG_BANG),
        (RiskLevel.MEDIUM, Strategy.PHASED),
        (RiskLevel.HIGH, Strategy.PARALLEL_RUN),
        (RiskLevel.CRITICAL, Strategy.PARALLEL_RUN),
    ],
)
def test_recommended_strategy_follows_the_level(level: RiskLevel, strategy: Strategy) -> None:
    recommended, reason = recommend_strategy(level)

    assert recommended is strategy
    assert level.lower() in reason.lower()


def test_readiness_is_100_minus_score_without_a_simulation() -> None:
    value, reasons = readiness(20.49375, 100, None)

    assert value == pytest.approx(79.50625)
    assert reasons == ()


def test_passing_simulation_costs_no_readiness() -> None:
    assert readiness(20.0, 100, 95.0) == (80.0, ())


def test_failed_simulation_costs_two_points_per_point_of_shortfall() -> None:
    # 95 - 90 = 5 points short, x 2 = 10: 100 - 20 - 10 = 70.
    value, reasons = readiness(20.0, 100, 90.0)

    assert value == 70.0
    assert reasons == ("The latest parallel run matched 90 % of scenarios, below the 95 % needed.",)


def test_readiness_is_clamped_at_zero() -> None:
    value, _ = readiness(60.0, 100, 40.0)

    assert value == 0.0


def test_low_readiness_blocks() -> None:
    value, reasons = readiness(80.0, 100, None)

    assert value == 20.0
    assert reasons == ("Readiness 20.0 is below the 25 needed to migrate.",)


def test_low_confidence_blocks() -> None:
    _, reasons = readiness(10.0, 40.0, None)

    assert reasons == (
        "Only 40 % of the inputs are known; complete the inventory before trusting the score.",
    )


def test_failed_simulation_makes_the_channel_not_ready(
    x12_channel: ChannelProfile, customer: CustomerProfile, model: RiskModel
) -> None:
    assessment = assess_channel(x12_channel, replace(customer, simulation_pass_rate=90.0), model)

    assert assessment.readiness == pytest.approx(100 - 28.56875 - 10)
    assert not assessment.ready
    assert len(assessment.blocking_reasons) == 1


def test_assessment_carries_the_recommended_strategy(
    x12_channel: ChannelProfile, customer: CustomerProfile, model: RiskModel
) -> None:
    assessment = assess_channel(x12_channel, customer, model)

    # 28.56875 is medium.
    assert assessment.recommended_strategy is Strategy.PHASED
    assert assessment.strategy is Strategy.PHASED
    assert assessment.override is None


def test_override_replaces_the_strategy_and_keeps_the_recommendation(
    x12_channel: ChannelProfile, customer: CustomerProfile, model: RiskModel
) -> None:
    assessment = assess_channel(x12_channel, customer, model)
    override = StrategyOverride(
        Strategy.PARALLEL_RUN, "ops@acme.example", "Peak season; keep legacy live.", _WHEN
    )

    overridden = override_strategy(assessment, override)

    assert overridden.strategy is Strategy.PARALLEL_RUN
    assert overridden.recommended_strategy is Strategy.PHASED
    assert overridden.override == override
    assert overridden.score == assessment.score


def test_override_leaves_the_original_assessment_unchanged(
    x12_channel: ChannelProfile, customer: CustomerProfile, model: RiskModel
) -> None:
    assessment = assess_channel(x12_channel, customer, model)

    override_strategy(assessment, StrategyOverride(Strategy.PHASED, "ops", "why", _WHEN))

    assert assessment.override is None


@pytest.mark.parametrize(
    ("actor", "reason", "time", "message"),
    [
        (" ", "why", _WHEN, "actor"),
        ("ops", "", _WHEN, "reason"),
        ("ops", "why", datetime(2026, 3, 1, 9, 30), "time zone"),
    ],
)
def test_override_needs_actor_reason_and_zoned_time(
    actor: str, reason: str, time: datetime, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        StrategyOverride(Strategy.PHASED, actor, reason, time)
