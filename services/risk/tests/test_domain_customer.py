"""Customer assessments: the roll-up from channels and the customer's own categories."""

from __future__ import annotations

from dataclasses import replace

import pytest

from switchover_risk.domain import (
    CHANNEL_CATEGORIES,
    Category,
    ChannelProfile,
    ChannelType,
    CustomerProfile,
    IntegrationPattern,
    RiskLevel,
    RiskModel,
    assess_channel,
    assess_customer,
    level_floor,
    volume_weights,
)

_PREFIX = "programs/p/customers/globex/channels"


@pytest.fixture
def edifact_channel() -> ChannelProfile:
    """Technical (45 + 36 + 20 + 2) / 4 = 25.75, operational 6, integration 26.25."""
    return ChannelProfile(
        name=f"{_PREFIX}/edifact",
        channel_type=ChannelType.EDI_EDIFACT,
        protocol_version="D96A",
        integration_pattern=IntegrationPattern.BATCH_FILE,
        complexity=3,
        monthly_transactions=2_500,
        monthly_data_bytes=9_000_000,
        modern_protocol_supported=True,
        endpoint_config_completeness=85.0,
        mapping_coverage=80.0,
        custom_extensions=1,
    )


@pytest.fixture
def thick_client() -> ChannelProfile:
    """Technical (72 + 85.5 + 42 + 76.5) / 4 = 69 (high) on ten documents a month."""
    return ChannelProfile(
        name=f"{_PREFIX}/desktop",
        channel_type=ChannelType.THICK_CLIENT,
        protocol_version="VB6 / flat-file export",
        integration_pattern=IntegrationPattern.INTERACTIVE,
        complexity=5,
        monthly_transactions=10,
        monthly_data_bytes=1_000,
        modern_protocol_supported=False,
        endpoint_config_completeness=100.0,
        mapping_coverage=100.0,
        custom_extensions=0,
    )


@pytest.fixture
def busy_portal() -> ChannelProfile:
    """Technical (24 + 4 + 42 + 2) / 4 = 18 (low) on a million documents a month."""
    return ChannelProfile(
        name=f"{_PREFIX}/portal",
        channel_type=ChannelType.WEB_PORTAL,
        protocol_version="HTML5 forms",
        integration_pattern=IntegrationPattern.INTERACTIVE,
        complexity=1,
        monthly_transactions=999_999,
        monthly_data_bytes=1_000,
        modern_protocol_supported=True,
        endpoint_config_completeness=100.0,
        mapping_coverage=100.0,
        custom_extensions=0,
    )


def test_channel_categories_are_the_transaction_weighted_mean(
    customer: CustomerProfile,
    x12_channel: ChannelProfile,
    edifact_channel: ChannelProfile,
    model: RiskModel,
) -> None:
    # Weights are transactions + 1: 52,001 and 2,501. Technical risks 25 and 25.75; the
    # riskiest is medium, so the floor is low's lower bound, 0.
    subject = replace(customer, channels=[x12_channel, edifact_channel])

    technical = assess_customer(subject, model).category(Category.TECHNICAL)

    assert technical.risk == pytest.approx((52_001 * 25 + 2_501 * 25.75) / 54_502, abs=1e-6)
    assert technical.source == edifact_channel.name


def test_risky_channel_holds_its_category_one_level_below_its_own(
    customer: CustomerProfile,
    thick_client: ChannelProfile,
    busy_portal: ChannelProfile,
    model: RiskModel,
) -> None:
    # Weighted mean (11 x 69 + 1,000,000 x 18) / 1,000,011 = 18.0006 is low, but the desktop
    # client is high (69), so the category is held at medium's lower bound, 25.
    subject = replace(customer, channels=[thick_client, busy_portal])

    technical = assess_customer(subject, model).category(Category.TECHNICAL)

    assert technical.risk == 25
    assert technical.source == thick_client.name
    assert technical.basis is not None
    assert "raised to 25" in technical.basis


@pytest.mark.parametrize(
    ("worst", "floor"),
    [(10.0, 0.0), (30.0, 0.0), (60.0, 25.0), (80.0, 50.0)],
)
def test_level_floor_is_the_lower_bound_one_level_down(worst: float, floor: float) -> None:
    assert level_floor(worst) == floor


def test_unknown_volume_weighs_as_much_as_the_busiest_channel(
    x12_channel: ChannelProfile,
) -> None:
    channels = [
        replace(x12_channel, monthly_transactions=None),
        replace(x12_channel, monthly_transactions=100),
        replace(x12_channel, monthly_transactions=10),
    ]

    assert volume_weights(channels) == [101.0, 101.0, 11.0]


def test_channels_weigh_the_same_when_no_volume_is_known(
    x12_channel: ChannelProfile,
) -> None:
    channels = [replace(x12_channel, monthly_transactions=None)] * 3

    assert volume_weights(channels) == [1.0, 1.0, 1.0]


def test_customer_score_is_the_weighted_sum_of_its_categories(
    customer: CustomerProfile,
    x12_channel: ChannelProfile,
    thick_client: ChannelProfile,
    model: RiskModel,
) -> None:
    assessment = assess_customer(replace(customer, channels=[x12_channel, thick_client]), model)

    assert assessment.score == pytest.approx(
        sum(category.weight * category.risk / 100 for category in assessment.categories),
        abs=1e-6,
    )


def test_single_channel_customer_scores_like_its_channel(
    customer: CustomerProfile, x12_channel: ChannelProfile, model: RiskModel
) -> None:
    assessment = assess_customer(replace(customer, channels=[x12_channel]), model)

    assert assessment.score == pytest.approx(28.56875, abs=1e-6)
    assert assessment.level is RiskLevel.MEDIUM


def test_customer_factors_name_the_channel_that_drove_each_category(
    customer: CustomerProfile,
    x12_channel: ChannelProfile,
    thick_client: ChannelProfile,
    model: RiskModel,
) -> None:
    assessment = assess_customer(replace(customer, channels=[x12_channel, thick_client]), model)

    sources = {(factor.category, factor.source) for factor in assessment.factors}

    assert sources == {
        (Category.TECHNICAL, thick_client.name),
        (Category.BUSINESS, None),
        (Category.COMPLIANCE, None),
        # Technical: desktop 69 vs X12 25. Operational: X12 15.6875 vs desktop
        # (4 + 4 + 1 + 3) / 4 = 3. Integration: X12 40.3125 vs desktop (0.5 + 0.5 + 56 + 1) / 4
        # = 14.5.
        (Category.OPERATIONAL, x12_channel.name),
        (Category.INTEGRATION, x12_channel.name),
    }


def test_customer_keeps_its_channel_assessments_in_order(
    customer: CustomerProfile,
    x12_channel: ChannelProfile,
    thick_client: ChannelProfile,
    model: RiskModel,
) -> None:
    subject = replace(customer, channels=[x12_channel, thick_client])

    assessment = assess_customer(subject, model)

    assert [channel.subject for channel in assessment.channels] == [
        x12_channel.name,
        thick_client.name,
    ]
    assert assessment.channels[0] == assess_channel(x12_channel, subject, model)


def test_customer_lists_channel_gaps_under_the_channel_name(
    customer: CustomerProfile, x12_channel: ChannelProfile, model: RiskModel
) -> None:
    subject = replace(
        customer,
        contact_available=None,
        revenue_share=None,
        channels=[replace(x12_channel, complexity=None), replace(x12_channel, name="b")],
    )

    assessment = assess_customer(subject, model)

    assert assessment.missing_inputs == (
        "customer.revenue_share",
        f"{x12_channel.name}:channel.complexity",
        "customer.contact_available",
    )


def test_customer_without_channels_assumes_every_channel_input(
    customer: CustomerProfile, model: RiskModel
) -> None:
    assessment = assess_customer(customer, model)

    # Known: business (30) and compliance (25) in full, and the contact (one of four
    # operational factors): 30 + 25 + 15 / 4 = 58.75.
    assert assessment.confidence == pytest.approx(58.75)
    assert "channel.complexity" in assessment.missing_inputs
    assert all(assessment.category(c).risk > 0 for c in CHANNEL_CATEGORIES)
    assert assessment.channels == ()
