"""Category weights move the score by exactly weight change x category risk / 100."""

from __future__ import annotations

import pytest

from switchover_risk.domain import (
    Category,
    ChannelProfile,
    CustomerProfile,
    RiskModel,
    assess_channel,
    validate_model,
)


def _with_weights(model: RiskModel, **weights: float) -> RiskModel:
    data = model.model_dump(mode="json")
    data["weights"].update(weights)
    data["version"] = model.version + 1
    return validate_model(data)


def test_moving_weight_between_categories_changes_score_by_computed_amount(
    x12_channel: ChannelProfile, customer: CustomerProfile, model: RiskModel
) -> None:
    # Ten points move from business (risk 48.166667) to technical (risk 25):
    # change = 10 x 25 / 100 - 10 x 48.166667 / 100 = 2.5 - 4.816667 = -2.316667,
    # so 28.56875 becomes 26.252083.
    before = assess_channel(x12_channel, customer, model)
    after = assess_channel(x12_channel, customer, _with_weights(model, technical=35, business=20))

    assert after.score - before.score == pytest.approx(2.5 - 144.5 / 30, abs=1e-6)
    assert after.score == pytest.approx(26.252083, abs=1e-6)


def test_weight_change_leaves_category_risks_alone(
    x12_channel: ChannelProfile, customer: CustomerProfile, model: RiskModel
) -> None:
    before = assess_channel(x12_channel, customer, model)
    after = assess_channel(
        x12_channel, customer, _with_weights(model, integration=15, operational=5)
    )

    assert [c.risk for c in after.categories] == [c.risk for c in before.categories]


def test_all_weight_on_one_category_makes_the_score_that_category_risk(
    x12_channel: ChannelProfile, customer: CustomerProfile, model: RiskModel
) -> None:
    # Integration risk is (22.5 + 60 + 30 + 48.75) / 4 = 40.3125.
    only_integration = _with_weights(
        model, technical=0, business=0, compliance=0, operational=0, integration=100
    )

    assessment = assess_channel(x12_channel, customer, only_integration)

    assert assessment.score == pytest.approx(40.3125)
    assert assessment.category(Category.INTEGRATION).contribution == pytest.approx(40.3125)
