"""Comparing two assessments of one subject, e.g. before and after a new model version."""

from __future__ import annotations

from dataclasses import dataclass

from switchover_risk.domain.enums import CATEGORIES, Category, RiskLevel, Strategy
from switchover_risk.domain.results import Assessment, FactorScore


@dataclass(frozen=True, slots=True)
class CategoryChange:
    """One category in both assessments."""

    category: Category
    base_weight: float
    target_weight: float
    base_risk: float
    target_risk: float

    @property
    def base_contribution(self) -> float:
        """The category's share of the base score."""
        return self.base_weight * self.base_risk / 100

    @property
    def target_contribution(self) -> float:
        """The category's share of the target score."""
        return self.target_weight * self.target_risk / 100

    @property
    def contribution_change(self) -> float:
        """How much the category moved the score."""
        return self.target_contribution - self.base_contribution


@dataclass(frozen=True, slots=True)
class FactorChange:
    """A factor whose risk changed, or that only one of the assessments has."""

    factor: str
    category: Category
    base_risk: float | None
    """``None`` when the base assessment has no such factor."""
    target_risk: float | None
    """``None`` when the target assessment has no such factor."""

    @property
    def risk_change(self) -> float:
        """Target minus base risk; an absent factor counts as zero."""
        return (self.target_risk or 0.0) - (self.base_risk or 0.0)


@dataclass(frozen=True, slots=True, kw_only=True)
class AssessmentDiff:
    """What changed from a base assessment to a target assessment of the same subject."""

    subject: str
    base_model_id: str
    base_model_version: int
    target_model_id: str
    target_model_version: int
    base_score: float
    target_score: float
    base_level: RiskLevel
    target_level: RiskLevel
    base_strategy: Strategy
    """The strategy in force (an override counts)."""
    target_strategy: Strategy
    base_confidence: float
    target_confidence: float
    categories: tuple[CategoryChange, ...]
    """All five categories, in :class:`Category` order."""
    factors: tuple[FactorChange, ...]
    """Changed factors: the base's order first, then factors new in the target."""

    @property
    def score_change(self) -> float:
        """Target minus base score."""
        return self.target_score - self.base_score

    @property
    def level_changed(self) -> bool:
        """Whether the level differs."""
        return self.base_level is not self.target_level

    @property
    def strategy_changed(self) -> bool:
        """Whether the strategy in force differs."""
        return self.base_strategy is not self.target_strategy


def compare(a: Assessment, b: Assessment) -> AssessmentDiff:
    """Returns what changed from ``a`` (the base) to ``b`` (the target).

    Both must assess the same subject; factors are matched by their id.
    """
    if a.subject != b.subject:
        raise ValueError(f"cannot compare assessments of {a.subject!r} and {b.subject!r}")
    return AssessmentDiff(
        subject=a.subject,
        base_model_id=a.model_id,
        base_model_version=a.model_version,
        target_model_id=b.model_id,
        target_model_version=b.model_version,
        base_score=a.score,
        target_score=b.score,
        base_level=a.level,
        target_level=b.level,
        base_strategy=a.strategy,
        target_strategy=b.strategy,
        base_confidence=a.confidence,
        target_confidence=b.confidence,
        categories=tuple(
            CategoryChange(
                category,
                a.category(category).weight,
                b.category(category).weight,
                a.category(category).risk,
                b.category(category).risk,
            )
            for category in CATEGORIES
        ),
        factors=_factor_changes(a.factors, b.factors),
    )


def _factor_changes(
    base: tuple[FactorScore, ...], target: tuple[FactorScore, ...]
) -> tuple[FactorChange, ...]:
    base_by_id = {factor.factor: factor for factor in base}
    target_by_id = {factor.factor: factor for factor in target}
    changes = []
    for factor_id in dict.fromkeys([*base_by_id, *target_by_id]):
        before = base_by_id.get(factor_id)
        after = target_by_id.get(factor_id)
        base_risk = before.risk if before is not None else None
        target_risk = after.risk if after is not None else None
        if base_risk != target_risk:
            category = after.category if after is not None else base_by_id[factor_id].category
            changes.append(FactorChange(factor_id, category, base_risk, target_risk))
    return tuple(changes)
