"""What an assessment says about each factor: inputs, rationale, mitigation, categories."""

from __future__ import annotations

from dataclasses import replace

import pytest

from switchover_risk.domain import (
    Category,
    ChannelAssessment,
    ChannelProfile,
    CustomerProfile,
    FactorScore,
    RiskModel,
    assess_channel,
)


@pytest.fixture
def assessment(
    x12_channel: ChannelProfile, customer: CustomerProfile, model: RiskModel
) -> ChannelAssessment:
    return assess_channel(x12_channel, customer, model)


def _factor(assessment: ChannelAssessment, factor: str) -> FactorScore:
    return next(f for f in assessment.factors if f.factor == factor)


def test_factor_risk_is_impact_times_likelihood(assessment: ChannelAssessment) -> None:
    factor = _factor(assessment, "mapping_coverage")

    assert (factor.impact, factor.likelihood, factor.risk) == (80, 75, 60)


def test_factor_carries_its_rule_title(assessment: ChannelAssessment) -> None:
    assert _factor(assessment, "channel_complexity").title == "Channel complexity"


def test_value_the_model_cannot_rate_is_an_error(
    x12_channel: ChannelProfile, customer: CustomerProfile, model: RiskModel
) -> None:
    # Profiles are not validated in the hot path; a type outside the enum has no rating.
    fax = replace(x12_channel, channel_type="FAX")  # type: ignore[arg-type]

    with pytest.raises(ValueError, match=r"channel\.channel_type has no rating for 'FAX'"):
        assess_channel(fax, customer, model)


def test_factor_keeps_its_input_as_given(assessment: ChannelAssessment) -> None:
    assert _factor(assessment, "transaction_volume").inputs == {
        "channel.monthly_transactions": 52_000
    }


def test_rationale_is_built_from_the_input(assessment: ChannelAssessment) -> None:
    assert _factor(assessment, "transaction_volume").rationale.startswith(
        "52,000 business documents a month"
    )


def test_rationale_shows_booleans_as_yes_or_no(assessment: ChannelAssessment) -> None:
    assert (
        _factor(assessment, "soc2").rationale == "SOC 2 controls apply to the customer's data: yes."
    )


def test_assumed_factor_says_its_input_is_unknown(
    x12_channel: ChannelProfile, customer: CustomerProfile, model: RiskModel
) -> None:
    assessment = assess_channel(replace(x12_channel, custom_extensions=None), customer, model)

    assert _factor(assessment, "custom_extensions").rationale == (
        "channel.custom_extensions is unknown, so the rule's assumption for missing input "
        "applies: impact 90, likelihood 85."
    )


def test_factor_carries_the_rule_mitigation(
    assessment: ChannelAssessment, model: RiskModel
) -> None:
    rule = next(r for r in model.rules if r.factor == "dependencies")

    assert _factor(assessment, "dependencies").mitigation == rule.mitigation


def test_factors_are_grouped_by_category_in_order(assessment: ChannelAssessment) -> None:
    categories = [factor.category for factor in assessment.factors]

    assert list(dict.fromkeys(categories)) == list(Category)
    assert len(categories) == 19


def test_category_risk_is_the_mean_of_its_factors(assessment: ChannelAssessment) -> None:
    for category in assessment.categories:
        risks = [factor.risk for factor in category.factors]
        assert category.risk == pytest.approx(sum(risks) / len(risks), abs=1e-6)


def test_channel_assessment_names_its_customer_and_model(
    assessment: ChannelAssessment, customer: CustomerProfile
) -> None:
    assert (assessment.customer, assessment.model_id, assessment.model_version) == (
        customer.name,
        "default",
        1,
    )
