"""A risk model turned into evaluation tables for the hot path.

A portfolio assessment rates hundreds of thousands of factors, so each rule is prepared once:
its input reader, its band thresholds for ``bisect`` or its lookup table, and the rating it
assumes when the input is unknown. Rating a category only reads values and adds up risks; the
factor objects that explain them are built when someone reads them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from switchover_risk.domain.enums import CATEGORIES, Category, RuleKind
from switchover_risk.domain.inputs import INPUTS, InputValue, Scope, lookup_key
from switchover_risk.domain.profiles import ChannelProfile, CustomerProfile
from switchover_risk.domain.results import CategoryScore, FactorScore, Rating

if TYPE_CHECKING:
    from switchover_risk.domain.model import FactorRule, Score

_WILDCARD = "*"


def _rating(score: Score) -> Rating:
    return Rating(score.impact, score.likelihood, score.risk)


class CompiledRule:
    """One rule ready to rate a value read from a channel or a customer."""

    __slots__ = (
        "_fallback",
        "_table",
        "band_ratings",
        "belows",
        "missing",
        "on_channel",
        "read",
        "rule",
    )

    def __init__(self, rule: FactorRule) -> None:
        spec = INPUTS[rule.input]
        self.rule = rule
        self.on_channel = spec.scope is Scope.CHANNEL
        """Whether the input is read from the channel (else from the customer)."""
        self.read = spec.read
        self.missing = _rating(rule.missing_score)
        """The rating assumed while the input is unknown."""
        self.belows: list[float] | None = None
        """A ``BANDS`` rule's thresholds, ascending; ``None`` for a lookup."""
        self.band_ratings: list[Rating] = []
        self._table: dict[str | int | float | bool, Rating] = {}
        self._fallback: Rating | None = None
        if rule.kind is RuleKind.BANDS:
            self.belows = [band.below for band in rule.bands if band.below is not None]
            self.band_ratings = [_rating(band.score) for band in rule.bands]
        else:
            self._table = {key: _rating(score) for key, score in rule.values.items()}
            self._fallback = self._table.pop(_WILDCARD, None)
            # Booleans are keyed as "true"/"false" in the model; keying the values themselves
            # too lets the common case skip building the key.
            for flag in (True, False):
                if lookup_key(flag) in self._table:
                    self._table[flag] = self._table[lookup_key(flag)]

    def rate(self, value: str | int | float | bool) -> Rating:
        """Returns the rating of a known value."""
        if self.belows is not None:
            # A band's `below` is exclusive, so a value equal to it belongs to the next band.
            return self.band_ratings[bisect_right(self.belows, value)]
        rating = self._table.get(value)
        if rating is None:
            rating = self._table.get(lookup_key(value), self._fallback)
        if rating is None:
            raise ValueError(f"{self.rule.input} has no rating for {value!r}")
        return rating

    def factor(self, value: InputValue, source: str | None = None) -> FactorScore:
        """Returns the explained factor for a value read earlier (``None`` when unknown)."""
        if value is None:
            return FactorScore(self.rule, None, self.missing, True, source)
        return FactorScore(self.rule, value, self.rate(value), False, source)


class CompiledModel:
    """A model's rules grouped by category, with the category weights."""

    __slots__ = ("rules", "weights")

    def __init__(self, rules: Sequence[FactorRule], weight_of: Callable[[Category], float]) -> None:
        self.rules: dict[Category, tuple[CompiledRule, ...]] = {
            category: tuple(CompiledRule(rule) for rule in rules if rule.category is category)
            for category in CATEGORIES
        }
        self.weights: dict[Category, float] = {
            category: weight_of(category) for category in CATEGORIES
        }

    def rate_category(
        self,
        category: Category,
        channel: ChannelProfile | None,
        customer: CustomerProfile,
        basis: str | None = None,
    ) -> CategoryScore:
        """Rates one category; ``channel`` is ``None`` when there is no channel to read.

        The loop is written out, not delegated per rule, because it runs for every category of
        every channel of a portfolio.
        """
        rules = self.rules[category]
        values: list[InputValue] = []
        total = 0.0
        known = 0
        for rule in rules:
            profile = channel if rule.on_channel else customer
            value = None if profile is None else rule.read(profile)
            values.append(value)
            if value is None:
                total += rule.missing.risk
            else:
                # Bands are rated inline: a method call per factor is a measurable share here.
                belows = rule.belows
                if belows is None:
                    total += rule.rate(value).risk
                else:
                    total += rule.band_ratings[bisect_right(belows, value)].risk
                known += 1
        count = len(rules)
        return CategoryScore(
            category,
            self.weights[category],
            round(total / count, 6),
            known / count,
            rules,
            tuple(values),
            None,
            basis,
        )
