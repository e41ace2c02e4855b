"""Properties that hold for any inventory and any valid weights."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from switchover_risk.domain import (
    Assessment,
    ChannelProfile,
    ChannelType,
    ComplianceTag,
    CustomerProfile,
    IntegrationPattern,
    RiskModel,
    assess_customer,
    default_model,
    level_for,
    validate_model,
)

_percent = st.floats(min_value=0, max_value=100, allow_nan=False)

_channels = st.builds(
    ChannelProfile,
    name=st.text(min_size=1, max_size=20),
    channel_type=st.sampled_from(ChannelType),
    protocol_version=st.none() | st.sampled_from(["004010", "D96A", "SOAP 1.2", "other"]),
    integration_pattern=st.none() | st.sampled_from(IntegrationPattern),
    complexity=st.none() | st.integers(1, 5),
    monthly_transactions=st.none() | st.integers(0, 10**7),
    monthly_data_bytes=st.none() | st.integers(0, 10**13),
    modern_protocol_supported=st.none() | st.booleans(),
    endpoint_config_completeness=st.none() | _percent,
    mapping_coverage=st.none() | _percent,
    custom_extensions=st.none() | st.integers(0, 100),
    dependents=st.integers(0, 100),
)

_customers = st.builds(
    CustomerProfile,
    name=st.text(min_size=1, max_size=20),
    department=st.sampled_from(["d1", "d2"]),
    criticality_tier=st.none() | st.integers(1, 4),
    revenue_share=st.none() | _percent,
    sla_uptime=st.none() | _percent,
    compliance=st.none() | st.lists(st.sampled_from(ComplianceTag), unique=True),
    contact_available=st.none() | st.booleans(),
    dependents=st.integers(0, 100),
    channels=st.lists(_channels, max_size=4),
    simulation_pass_rate=st.none() | _percent,
)


@st.composite
def _weights(draw: st.DrawFn) -> dict[str, float]:
    """Five whole-number weights summing to 100 (cuts of 0..100 taken in order)."""
    cuts = sorted(draw(st.lists(st.integers(0, 100), min_size=4, max_size=4)))
    bounds = [0, *cuts, 100]
    names = ["technical", "business", "compliance", "operational", "integration"]
    return {name: float(bounds[i + 1] - bounds[i]) for i, name in enumerate(names)}


def _model_with(weights: dict[str, float]) -> RiskModel:
    data = default_model().model_dump(mode="json")
    data["weights"] = weights
    return validate_model(data)


def _check_score(assessment: Assessment) -> None:
    assert 0 <= assessment.score <= 100
    assert assessment.score == pytest.approx(
        sum(c.weight * c.risk / 100 for c in assessment.categories), abs=1e-5
    )
    assert assessment.level is level_for(assessment.score)
    assert 0 <= assessment.confidence <= 100
    assert 0 <= assessment.readiness <= 100


@settings(max_examples=150, deadline=None)
@given(customer=_customers, weights=_weights())
def test_score_is_bounded_and_equals_weighted_category_risk(
    customer: CustomerProfile, weights: dict[str, float]
) -> None:
    assessment = assess_customer(customer, _model_with(weights))

    _check_score(assessment)
    for channel in assessment.channels:
        _check_score(channel)


@settings(max_examples=150, deadline=None)
@given(customer=_customers)
def test_rolled_up_category_lies_between_its_safest_and_riskiest_channel(
    customer: CustomerProfile,
) -> None:
    assessment = assess_customer(customer, default_model())

    for category in assessment.categories:
        channel_risks = [
            channel.category(category.category).risk for channel in assessment.channels
        ]
        if channel_risks and category.source is not None:
            assert min(channel_risks) - 1e-6 <= category.risk <= max(channel_risks) + 1e-6
