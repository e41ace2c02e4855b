"""What an assessment returns: factors, categories and the channel or customer assessment.

Results are frozen dataclasses with slots rather than pydantic models: a portfolio builds
hundreds of thousands of them and they come from already validated data. Sentences that
explain a factor are rendered when read, not when the factor is rated.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from switchover_risk.domain.enums import (
    CUSTOMER_CATEGORIES,
    Category,
    ChannelType,
    RiskLevel,
    Strategy,
)
from switchover_risk.domain.inputs import InputValue

if TYPE_CHECKING:
    from switchover_risk.domain.compiled import CompiledRule
    from switchover_risk.domain.model import FactorRule

_CATEGORY_INDEX = {category: index for index, category in enumerate(Category)}


@dataclass(frozen=True, slots=True)
class Rating:
    """An impact and a likelihood (0-100) with their risk, impact x likelihood / 100."""

    impact: float
    likelihood: float
    risk: float


@dataclass(frozen=True, slots=True)
class FactorScore:
    """One rated factor, with everything needed to explain it."""

    rule: FactorRule
    value: InputValue
    """The input as given; ``None`` when it was unknown."""
    rating: Rating
    assumed: bool
    """True when the input was unknown and the rule's assumption for missing input applied."""
    source: str | None = None
    """In a customer assessment: the channel whose factor this is."""

    @property
    def factor(self) -> str:
        """The factor's id."""
        return self.rule.factor

    @property
    def title(self) -> str:
        """The factor's title."""
        return self.rule.title

    @property
    def category(self) -> Category:
        """The category the factor counts towards."""
        return self.rule.category

    @property
    def impact(self) -> float:
        """Impact, 0-100."""
        return self.rating.impact

    @property
    def likelihood(self) -> float:
        """Likelihood, 0-100."""
        return self.rating.likelihood

    @property
    def risk(self) -> float:
        """impact x likelihood / 100."""
        return self.rating.risk

    @property
    def inputs(self) -> Mapping[str, InputValue]:
        """The input read, by name, with its value as given."""
        return {self.rule.input: self.value}

    @property
    def rationale(self) -> str:
        """A sentence built from the input saying why the factor rated as it did."""
        if self.assumed:
            return (
                f"{self.rule.input} is unknown, so the rule's assumption for missing input "
                f"applies: impact {self.rating.impact:g}, likelihood {self.rating.likelihood:g}."
            )
        value = self.value
        shown = ("yes" if value else "no") if isinstance(value, bool) else value
        return self.rule.rationale.format(value=shown)

    @property
    def mitigation(self) -> str:
        """What reduces the risk."""
        return self.rule.mitigation


@dataclass(frozen=True, slots=True)
class CategoryScore:
    """One category of an assessment.

    It keeps the rules it rated and the values it read rather than factor objects: a
    portfolio rates far more factors than anyone reads, so :attr:`factors` builds them on
    demand.
    """

    category: Category
    weight: float
    """The category's weight in percent."""
    risk: float
    """The mean of its factors' risks, except for a customer's technical, operational and
    integration categories, which roll up from its channels (see ``basis``)."""
    known_share: float
    """The share (0-1) of the category's factors whose input was known."""
    rules: tuple[CompiledRule, ...]
    """The rules rated, in model order."""
    values: tuple[InputValue, ...]
    """The value each rule read, ``None`` where unknown."""
    source: str | None = None
    """In a customer assessment: the channel that drove the category (its riskiest), whose
    factors stand for the category."""
    basis: str | None = None
    """In a customer assessment: how the channel categories rolled up into this value."""

    @property
    def contribution(self) -> float:
        """The category's share of the score: weight x risk / 100."""
        return self.weight * self.risk / 100

    @property
    def factors(self) -> tuple[FactorScore, ...]:
        """The rated factors, each with its inputs, rationale and mitigation."""
        return tuple(
            rule.factor(value, self.source)
            for rule, value in zip(self.rules, self.values, strict=True)
        )

    @property
    def missing_inputs(self) -> tuple[str, ...]:
        """The inputs that were unknown, in rule order."""
        return tuple(
            rule.rule.input
            for rule, value in zip(self.rules, self.values, strict=True)
            if value is None
        )


@dataclass(frozen=True, slots=True)
class StrategyOverride:
    """A person's decision to use another strategy than the recommended one."""

    strategy: Strategy
    actor: str
    reason: str
    time: datetime
    """When it was decided; must carry a time zone."""

    def __post_init__(self) -> None:
        if not self.actor.strip():
            raise ValueError("an override needs the actor who decided it")
        if not self.reason.strip():
            raise ValueError("an override needs a reason")
        if self.time.tzinfo is None:
            raise ValueError("an override's time must carry a time zone")


@dataclass(frozen=True, slots=True, kw_only=True)
class Assessment:
    """What channel and customer assessments share."""

    subject: str
    """The gateway resource name of the channel or customer."""
    model_id: str
    model_version: int
    score: float
    """0-100: the sum of the categories' contributions."""
    level: RiskLevel
    categories: tuple[CategoryScore, ...]
    """All five, in :class:`Category` order."""
    confidence: float
    """0-100: the known share of each category weighted by the category's weight."""
    readiness: float
    ready: bool
    blocking_reasons: tuple[str, ...]
    recommended_strategy: Strategy
    strategy_reason: str
    override: StrategyOverride | None = None

    @property
    def strategy(self) -> Strategy:
        """The strategy in force: the override's, else the recommended one."""
        return self.override.strategy if self.override is not None else self.recommended_strategy

    @property
    def factors(self) -> tuple[FactorScore, ...]:
        """Every factor, grouped by category."""
        return tuple(factor for category in self.categories for factor in category.factors)

    @property
    def missing_inputs(self) -> tuple[str, ...]:
        """The inputs that were unknown, by name, each once."""
        return _unique_missing(self.categories)

    def category(self, category: Category) -> CategoryScore:
        """Returns one category's score."""
        return self.categories[_CATEGORY_INDEX[category]]


@dataclass(frozen=True, slots=True, kw_only=True)
class ChannelAssessment(Assessment):
    """The assessment of one channel, with its customer's business and compliance factors."""

    customer: str
    """The customer's gateway resource name."""
    channel_type: ChannelType


@dataclass(frozen=True, slots=True, kw_only=True)
class CustomerAssessment(Assessment):
    """The assessment of one customer, rolled up from its channels."""

    department: str
    channels: tuple[ChannelAssessment, ...]
    """Its channels' assessments, in the order given."""

    @property
    def missing_inputs(self) -> tuple[str, ...]:
        """The unknown inputs: the customer's own by name, a channel's as ``{channel}:{input}``.

        A customer input read by a channel rule (such as ``customer.contact_available``) is the
        same for every channel, so it is listed once, by its own name.
        """
        own = (self.category(category) for category in CUSTOMER_CATEGORIES)
        names = dict.fromkeys(_unique_missing(own))
        if not self.channels:
            names.update(dict.fromkeys(_unique_missing(self.categories)))
        for channel in self.channels:
            for name in channel.missing_inputs:
                names[name if name.startswith("customer.") else f"{channel.subject}:{name}"] = None
        return tuple(names)


def _unique_missing(categories: Iterable[CategoryScore]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for category in categories for name in category.missing_inputs))
