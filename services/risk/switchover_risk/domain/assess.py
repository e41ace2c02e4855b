"""Assessing one channel or one customer with a risk model.

A channel's technical, operational and integration categories come from the channel; business
and compliance come from its customer. A customer's own business and compliance categories are
rated once and shared by all its channels; its other categories roll up from the channels
(see :mod:`switchover_risk.domain.rollup`).
"""

from __future__ import annotations

from collections.abc import Sequence

from switchover_risk.domain.compiled import CompiledModel
from switchover_risk.domain.enums import (
    CATEGORIES,
    CHANNEL_CATEGORIES,
    CUSTOMER_CATEGORIES,
    Category,
)
from switchover_risk.domain.model import RiskModel
from switchover_risk.domain.profiles import ChannelProfile, CustomerProfile
from switchover_risk.domain.results import (
    CategoryScore,
    ChannelAssessment,
    CustomerAssessment,
)
from switchover_risk.domain.rollup import roll_up, volume_weights
from switchover_risk.domain.scoring import level_for, readiness, recommend_strategy

_NO_CHANNELS = (
    "The customer has no channels in the inventory, so every channel input is unknown and "
    "the rules' assumptions for missing input apply."
)


def assess_channel(
    channel: ChannelProfile, customer: CustomerProfile, model: RiskModel
) -> ChannelAssessment:
    """Assesses one channel; business and compliance come from ``customer``."""
    compiled = model.compiled()
    own = _customer_categories(customer, compiled)
    return _channel_assessment(channel, customer, own, model, compiled)


def assess_customer(customer: CustomerProfile, model: RiskModel) -> CustomerAssessment:
    """Assesses a customer and each of its channels."""
    compiled = model.compiled()
    own = _customer_categories(customer, compiled)
    channels = tuple(
        _channel_assessment(channel, customer, own, model, compiled)
        for channel in customer.channels
    )
    if channels:
        weights = volume_weights(customer.channels)
        rolled = {
            category: roll_up(category, compiled.weights[category], channels, weights)
            for category in CHANNEL_CATEGORIES
        }
    else:
        rolled = {
            category: compiled.rate_category(category, None, customer, _NO_CHANNELS)
            for category in CHANNEL_CATEGORIES
        }
    categories = tuple([own[c] if c in own else rolled[c] for c in CATEGORIES])
    score, confidence = _score_and_confidence(categories)
    level = level_for(score)
    value, reasons = readiness(score, confidence, customer.simulation_pass_rate)
    strategy, why = recommend_strategy(level)
    return CustomerAssessment(
        subject=customer.name,
        model_id=model.id,
        model_version=model.version,
        score=score,
        level=level,
        categories=categories,
        confidence=confidence,
        readiness=value,
        ready=not reasons,
        blocking_reasons=reasons,
        recommended_strategy=strategy,
        strategy_reason=why,
        department=customer.department,
        channels=channels,
    )


def _customer_categories(
    customer: CustomerProfile, compiled: CompiledModel
) -> dict[Category, CategoryScore]:
    return {
        category: compiled.rate_category(category, None, customer)
        for category in CUSTOMER_CATEGORIES
    }


def _channel_assessment(
    channel: ChannelProfile,
    customer: CustomerProfile,
    own: dict[Category, CategoryScore],
    model: RiskModel,
    compiled: CompiledModel,
) -> ChannelAssessment:
    categories = tuple(
        [own[c] if c in own else compiled.rate_category(c, channel, customer) for c in CATEGORIES]
    )
    score, confidence = _score_and_confidence(categories)
    level = level_for(score)
    value, reasons = readiness(score, confidence, customer.simulation_pass_rate)
    strategy, why = recommend_strategy(level)
    return ChannelAssessment(
        subject=channel.name,
        model_id=model.id,
        model_version=model.version,
        score=score,
        level=level,
        categories=categories,
        confidence=confidence,
        readiness=value,
        ready=not reasons,
        blocking_reasons=reasons,
        recommended_strategy=strategy,
        strategy_reason=why,
        customer=customer.name,
        channel_type=channel.channel_type,
    )


def _score_and_confidence(categories: Sequence[CategoryScore]) -> tuple[float, float]:
    """Score = sum of weight x risk / 100; confidence = sum of weight x known share.

    Rounding to six places keeps float noise (24.999999999999996) from moving a score that is
    exactly on a level boundary into the level below.
    """
    score = 0.0
    confidence = 0.0
    for category in categories:
        score += category.weight * category.risk
        confidence += category.weight * category.known_share
    return round(score / 100, 6), round(confidence, 6)
