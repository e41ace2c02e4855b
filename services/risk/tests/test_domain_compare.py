"""Comparing two assessments of one subject."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from switchover_risk.domain import (
    Category,
    ChannelProfile,
    CustomerProfile,
    RiskModel,
    Strategy,
    StrategyOverride,
    assess_channel,
    assess_customer,
    compare,
    override_strategy,
    validate_model,
)


@pytest.fixture
def model_v2(model: RiskModel) -> RiskModel:
    """Weights technical 35 / business 20, and busier volume bands (52,000 is now 85x70)."""
    data = model.model_dump(mode="json")
    data.update(version=2, based_on="default")
    data["weights"].update(technical=35, business=20)
    volume = next(r for r in data["rules"] if r["factor"] == "transaction_volume")
    volume["bands"][2]["below"] = 50_000
    return validate_model(data)


def test_compare_reports_scores_levels_and_model_versions(
    x12_channel: ChannelProfile, customer: CustomerProfile, model: RiskModel, model_v2: RiskModel
) -> None:
    base = assess_channel(x12_channel, customer, model)
    target = assess_channel(x12_channel, customer, model_v2)

    diff = compare(base, target)

    assert (diff.base_model_version, diff.target_model_version) == (1, 2)
    assert (diff.base_score, diff.target_score) == (base.score, target.score)
    assert diff.score_change == pytest.approx(target.score - base.score)
    assert not diff.level_changed


def test_compare_lists_only_the_factors_that_changed(
    x12_channel: ChannelProfile, customer: CustomerProfile, model: RiskModel, model_v2: RiskModel
) -> None:
    # 52,000 documents: 65x55 = 35.75 under v1's bands, 85x70 = 59.5 under v2's.
    diff = compare(
        assess_channel(x12_channel, customer, model),
        assess_channel(x12_channel, customer, model_v2),
    )

    (change,) = diff.factors
    assert (change.factor, change.base_risk, change.target_risk) == (
        "transaction_volume",
        35.75,
        59.5,
    )
    assert change.risk_change == 23.75


def test_compare_reports_every_category_with_weights_and_contributions(
    x12_channel: ChannelProfile, customer: CustomerProfile, model: RiskModel, model_v2: RiskModel
) -> None:
    diff = compare(
        assess_channel(x12_channel, customer, model),
        assess_channel(x12_channel, customer, model_v2),
    )

    changes = {change.category: change for change in diff.categories}
    technical = changes[Category.TECHNICAL]
    operational = changes[Category.OPERATIONAL]
    assert list(changes) == list(Category)
    assert (technical.base_weight, technical.target_weight) == (25, 35)
    # 35 x 25 / 100 - 25 x 25 / 100 = 2.5
    assert technical.contribution_change == pytest.approx(2.5)
    # Operational risk rises from 15.6875 to (59.5 + 4 + 20 + 3) / 4 = 21.625.
    assert (operational.base_risk, operational.target_risk) == (15.6875, 21.625)


def test_compare_of_identical_assessments_shows_no_change(
    x12_channel: ChannelProfile, customer: CustomerProfile, model: RiskModel
) -> None:
    assessment = assess_channel(x12_channel, customer, model)

    diff = compare(assessment, assessment)

    assert diff.score_change == 0
    assert diff.factors == ()


def test_compare_reports_the_strategy_in_force(
    x12_channel: ChannelProfile, customer: CustomerProfile, model: RiskModel
) -> None:
    base = assess_channel(x12_channel, customer, model)
    override = StrategyOverride(
        Strategy.BIG_BANG, "ops", "Partner asked for it.", datetime(2026, 1, 5, tzinfo=UTC)
    )

    diff = compare(base, override_strategy(base, override))

    assert (diff.base_strategy, diff.target_strategy) == (Strategy.PHASED, Strategy.BIG_BANG)
    assert diff.strategy_changed


def test_compare_shows_factors_present_on_one_side_only(
    x12_channel: ChannelProfile, customer: CustomerProfile, model: RiskModel
) -> None:
    data = model.model_dump(mode="json")
    data["version"] = 2
    data["rules"] = [r for r in data["rules"] if r["factor"] != "data_volume"]
    without_data_volume = validate_model(data)

    diff = compare(
        assess_channel(x12_channel, customer, model),
        assess_channel(x12_channel, customer, without_data_volume),
    )

    removed = next(change for change in diff.factors if change.factor == "data_volume")
    assert (removed.base_risk, removed.target_risk) == (4, None)


def test_compare_works_on_customer_assessments(
    x12_channel: ChannelProfile, customer: CustomerProfile, model: RiskModel, model_v2: RiskModel
) -> None:
    subject = replace(customer, channels=[x12_channel])

    diff = compare(assess_customer(subject, model), assess_customer(subject, model_v2))

    assert diff.subject == customer.name
    assert [change.factor for change in diff.factors] == ["transaction_volume"]


def test_compare_rejects_assessments_of_different_subjects(
    x12_channel: ChannelProfile, customer: CustomerProfile, model: RiskModel
) -> None:
    other = replace(x12_channel, name="programs/p/customers/globex/channels/other")

    with pytest.raises(ValueError, match="cannot compare"):
        compare(
            assess_channel(x12_channel, customer, model),
            assess_channel(other, customer, model),
        )
