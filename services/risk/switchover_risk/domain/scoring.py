"""Levels, readiness and strategy: what a score means for the migration."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TypeVar

from switchover_risk.domain.enums import RiskLevel, Strategy
from switchover_risk.domain.results import Assessment, StrategyOverride

LEVEL_LOWER_BOUNDS: dict[RiskLevel, float] = {
    RiskLevel.LOW: 0.0,
    RiskLevel.MEDIUM: 25.0,
    RiskLevel.HIGH: 50.0,
    RiskLevel.CRITICAL: 75.0,
}
"""The lowest score of each level."""

SIMULATION_PASS_THRESHOLD = 95.0
"""A parallel run passes at this share (percent) of matching scenarios."""

SIMULATION_PENALTY_PER_POINT = 2.0
"""Readiness points lost per point of pass rate below the threshold.

Two, so a run at 90 % costs ten points: a failed parallel run is direct evidence that the
modern side is not yet equivalent, which the inventory-based score cannot see.
"""

MIN_READINESS = 25.0
"""Below this readiness a subject is not ready (the readiness of a critical score)."""

MIN_CONFIDENCE = 50.0
"""Below this confidence the inventory is too incomplete to trust the score."""

_STRATEGIES: dict[RiskLevel, tuple[Strategy, str]] = {
    RiskLevel.LOW: (
        Strategy.BIG_BANG,
        "Low risk: move every channel in one cutover window (big bang).",
    ),
    RiskLevel.MEDIUM: (
        Strategy.PHASED,
        "Medium risk: move channel by channel so a problem stays with one channel (phased).",
    ),
    RiskLevel.HIGH: (
        Strategy.PARALLEL_RUN,
        "High risk: run legacy and modern side by side until the modern side is proven "
        "(parallel run).",
    ),
    RiskLevel.CRITICAL: (
        Strategy.PARALLEL_RUN,
        "Critical risk: run legacy and modern side by side, legacy authoritative, until the "
        "modern side is proven (parallel run).",
    ),
}

AssessmentT = TypeVar("AssessmentT", bound=Assessment)


def level_for(score: float) -> RiskLevel:
    """Returns the level of a 0-100 score: low < 25 <= medium < 50 <= high < 75 <= critical."""
    if math.isnan(score) or not 0 <= score <= 100:
        raise ValueError(f"a score is 0-100, got {score}")
    if score < 25:
        return RiskLevel.LOW
    if score < 50:
        return RiskLevel.MEDIUM
    if score < 75:
        return RiskLevel.HIGH
    return RiskLevel.CRITICAL


def recommend_strategy(level: RiskLevel) -> tuple[Strategy, str]:
    """Returns the strategy a level calls for, with a sentence saying why."""
    return _STRATEGIES[level]


def readiness(
    score: float, confidence: float, simulation_pass_rate: float | None
) -> tuple[float, tuple[str, ...]]:
    """Returns readiness (0-100) and the reasons that block the migration (none when ready).

    Readiness is 100 - score, minus :data:`SIMULATION_PENALTY_PER_POINT` per point that the
    latest parallel run fell short of :data:`SIMULATION_PASS_THRESHOLD`, clamped to 0-100. No
    parallel run yet costs nothing: the simulation is a later step of the flow. Blocking:
    readiness below :data:`MIN_READINESS`, a failed parallel run, confidence below
    :data:`MIN_CONFIDENCE`.
    """
    shortfall = 0.0
    if simulation_pass_rate is not None:
        shortfall = max(0.0, SIMULATION_PASS_THRESHOLD - simulation_pass_rate)
    value = min(100.0, max(0.0, 100.0 - score - shortfall * SIMULATION_PENALTY_PER_POINT))
    reasons: list[str] = []
    if value < MIN_READINESS:
        reasons.append(f"Readiness {value:.1f} is below the {MIN_READINESS:g} needed to migrate.")
    if shortfall > 0:
        reasons.append(
            f"The latest parallel run matched {simulation_pass_rate:g} % of scenarios, below "
            f"the {SIMULATION_PASS_THRESHOLD:g} % needed."
        )
    if confidence < MIN_CONFIDENCE:
        reasons.append(
            f"Only {confidence:.0f} % of the inputs are known; complete the inventory before "
            "trusting the score."
        )
    return value, tuple(reasons)


def override_strategy(assessment: AssessmentT, override: StrategyOverride) -> AssessmentT:
    """Returns the assessment with a person's strategy override beside its recommendation."""
    return replace(assessment, override=override)
