"""How a customer's technical, operational and integration risk rolls up from its channels.

Each category is the transaction-weighted mean of the channels' category risks, held at no
less than the lower bound of the level one below the riskiest channel's level, so one risky
channel among many busy safe ones still shows (a critical channel keeps the customer's
category at least high, a high one at least medium). The riskiest channel is named as the
category's source and its factors stand for the category in the customer's factor list.

Weights are monthly transactions plus one, so idle channels still count. A channel of unknown
volume weighs as much as the customer's busiest known channel, so missing data never dilutes
a risky channel; when no volume is known, channels weigh the same.
"""

from __future__ import annotations

from collections.abc import Sequence

from switchover_risk.domain.enums import Category, RiskLevel
from switchover_risk.domain.profiles import ChannelProfile
from switchover_risk.domain.results import CategoryScore, ChannelAssessment
from switchover_risk.domain.scoring import LEVEL_LOWER_BOUNDS, level_for

_LEVELS = tuple(RiskLevel)


def volume_weights(channels: Sequence[ChannelProfile]) -> list[float]:
    """Returns each channel's weight in the roll-up, in the order given."""
    known = [c.monthly_transactions for c in channels if c.monthly_transactions is not None]
    assumed = max(known, default=0)
    return [
        float((assumed if c.monthly_transactions is None else c.monthly_transactions) + 1)
        for c in channels
    ]


def level_floor(worst: float) -> float:
    """Returns the lowest value a rolled-up category may take given its riskiest channel."""
    index = _LEVELS.index(level_for(worst))
    return LEVEL_LOWER_BOUNDS[_LEVELS[max(index - 1, 0)]]


def roll_up(
    category: Category,
    weight: float,
    channels: Sequence[ChannelAssessment],
    weights: Sequence[float],
) -> CategoryScore:
    """Rolls one category up from a customer's channel assessments (at least one)."""
    scores = [assessment.category(category) for assessment in channels]
    total = weighted_risk = weighted_known = 0.0
    worst_index = 0
    for index, (share, score) in enumerate(zip(weights, scores, strict=True)):
        total += share
        weighted_risk += share * score.risk
        weighted_known += share * score.known_share
        if score.risk > scores[worst_index].risk:
            worst_index = index
    mean = weighted_risk / total
    known = weighted_known / total
    worst = scores[worst_index]
    driver = channels[worst_index].subject
    floor = level_floor(worst.risk)
    risk = round(max(mean, floor), 6)
    if mean >= floor:
        basis = (
            f"Transaction-weighted mean of {len(scores)} channel(s): {mean:.2f}; "
            f"riskiest: {driver} at {worst.risk:.2f}."
        )
    else:
        basis = (
            f"Transaction-weighted mean of {len(scores)} channel(s) is {mean:.2f}, raised to "
            f"{floor:g}, one level below the riskiest, {driver} at {worst.risk:.2f} "
            f"({level_for(worst.risk).lower()})."
        )
    return CategoryScore(category, weight, risk, known, worst.rules, worst.values, driver, basis)
