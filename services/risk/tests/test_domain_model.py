"""Loading and validating risk models."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from switchover_risk.domain import (
    Category,
    CategoryWeights,
    ChannelProfile,
    CustomerProfile,
    ModelError,
    RiskModel,
    assess_channel,
    default_model,
    load_model,
    validate_model,
)


def _data(model: RiskModel) -> dict[str, Any]:
    data: dict[str, Any] = model.model_dump(mode="json")
    return data


def _rule(data: dict[str, Any], factor: str) -> dict[str, Any]:
    rule: dict[str, Any] = next(r for r in data["rules"] if r["factor"] == factor)
    return rule


def _index(data: dict[str, Any], factor: str) -> int:
    return next(i for i, r in enumerate(data["rules"]) if r["factor"] == factor)


def _violations(data: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(ModelError) as caught:
        validate_model(data)
    return caught.value.violations


def _paths(data: dict[str, Any]) -> list[str]:
    return [path for path, _ in _violations(data)]


def test_default_model_has_the_documented_weights(model: RiskModel) -> None:
    weights = model.weights
    assert (
        weights.technical,
        weights.business,
        weights.compliance,
        weights.operational,
        weights.integration,
    ) == (25, 30, 25, 15, 5)


def test_default_model_rates_every_category(model: RiskModel) -> None:
    assert {rule.category for rule in model.rules} == set(Category)


def test_default_model_never_assumes_less_than_a_known_value(model: RiskModel) -> None:
    for rule in model.rules:
        assert all(rule.missing_score.risk >= score.risk for score in rule.ratings()), rule.factor


def test_default_model_round_trips_through_plain_data(model: RiskModel) -> None:
    assert validate_model(_data(model)) == model


def test_load_model_reads_a_yaml_file(tmp_path: Path, model: RiskModel) -> None:
    path = tmp_path / "custom.yaml"
    data = _data(model) | {"id": "custom", "version": 2, "based_on": "default"}
    path.write_text(yaml.safe_dump(data), encoding="utf-8")

    loaded = load_model(path)

    assert (loaded.id, loaded.version, loaded.based_on) == ("custom", 2, "default")


def test_load_model_reports_invalid_yaml(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("rules: [unclosed", encoding="utf-8")

    with pytest.raises(ModelError, match="not valid YAML"):
        load_model(path)


def test_load_model_rejects_a_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- 1\n- 2\n", encoding="utf-8")

    with pytest.raises(ModelError, match="must hold a mapping"):
        load_model(path)


def test_weights_not_summing_to_100_name_the_weights(model: RiskModel) -> None:
    data = _data(model)
    data["weights"]["integration"] = 10

    assert _violations(data) == [("weights", "must sum to 100, got 105")]


def test_weight_out_of_range_names_the_weight(model: RiskModel) -> None:
    data = _data(model)
    data["weights"]["technical"] = -5

    assert "weights.technical" in _paths(data)


def test_unknown_input_names_the_rule(model: RiskModel) -> None:
    data = _data(model)
    _rule(data, "channel_complexity")["input"] = "channel.colour"

    assert _violations(data) == [
        (
            f"rules[{_index(data, 'channel_complexity')}].input",
            "is not a known input: 'channel.colour'",
        )
    ]


def test_unsorted_bands_name_the_band(model: RiskModel) -> None:
    data = _data(model)
    bands = _rule(data, "transaction_volume")["bands"]
    bands[0]["below"], bands[1]["below"] = bands[1]["below"], bands[0]["below"]

    index = _index(data, "transaction_volume")
    assert _paths(data) == [f"rules[{index}].bands[1].below"]


def test_overlapping_bands_name_the_band(model: RiskModel) -> None:
    data = _data(model)
    bands = _rule(data, "transaction_volume")["bands"]
    bands[1]["below"] = bands[0]["below"]

    index = _index(data, "transaction_volume")
    assert _paths(data) == [f"rules[{index}].bands[1].below"]


def test_open_band_before_the_last_is_rejected(model: RiskModel) -> None:
    data = _data(model)
    _rule(data, "dependencies")["bands"][1]["below"] = None

    index = _index(data, "dependencies")
    assert _paths(data) == [f"rules[{index}].bands[1].below"]


def test_last_band_must_be_open(model: RiskModel) -> None:
    data = _data(model)
    _rule(data, "dependencies")["bands"][-1]["below"] = 1000

    index = _index(data, "dependencies")
    last = len(_rule(data, "dependencies")["bands"]) - 1
    assert _paths(data) == [f"rules[{index}].bands[{last}].below"]


def test_rating_above_100_names_the_field(model: RiskModel) -> None:
    data = _data(model)
    _rule(data, "channel_complexity")["bands"][0]["score"]["impact"] = 120

    index = _index(data, "channel_complexity")
    assert _paths(data) == [f"rules[{index}].bands[0].score.impact"]


def test_lookup_rating_below_0_names_the_key(model: RiskModel) -> None:
    data = _data(model)
    _rule(data, "integration_pattern")["values"]["EVENT"]["likelihood"] = -1

    index = _index(data, "integration_pattern")
    assert _paths(data) == [f"rules[{index}].values.EVENT.likelihood"]


def test_category_without_rules_is_rejected(model: RiskModel) -> None:
    data = _data(model)
    data["rules"] = [r for r in data["rules"] if r["category"] != "INTEGRATION"]

    assert _violations(data) == [
        ("rules", "has no rule for category INTEGRATION; every category needs one")
    ]


def test_duplicate_factor_id_is_rejected(model: RiskModel) -> None:
    data = _data(model)
    data["rules"].append(dict(_rule(data, "gdpr")))

    assert _paths(data) == [f"rules[{len(data['rules']) - 1}].factor"]


def test_business_rule_reading_a_channel_input_is_rejected(model: RiskModel) -> None:
    data = _data(model)
    _rule(data, "revenue_share")["input"] = "channel.monthly_transactions"

    (violation,) = _violations(data)
    assert violation[0] == f"rules[{_index(data, 'revenue_share')}].input"
    assert "customer input" in violation[1]


def test_bands_on_a_non_numeric_input_are_rejected(model: RiskModel) -> None:
    data = _data(model)
    _rule(data, "channel_complexity")["input"] = "channel.protocol_version"

    assert _paths(data) == [f"rules[{_index(data, 'channel_complexity')}].kind"]


def test_lookup_on_a_float_input_is_rejected(model: RiskModel) -> None:
    data = _data(model)
    _rule(data, "protocol_version")["input"] = "channel.mapping_coverage"

    assert _paths(data) == [f"rules[{_index(data, 'protocol_version')}].kind"]


def test_lookup_key_that_is_not_a_value_of_the_input_is_rejected(model: RiskModel) -> None:
    data = _data(model)
    _rule(data, "integration_pattern")["values"]["CARRIER_PIGEON"] = {
        "impact": 1,
        "likelihood": 1,
    }

    assert _paths(data) == [f"rules[{_index(data, 'integration_pattern')}].values.CARRIER_PIGEON"]


def test_lookup_missing_an_enum_value_is_rejected(model: RiskModel) -> None:
    data = _data(model)
    del _rule(data, "channel_technology")["values"]["SFTP"]

    (violation,) = _violations(data)
    assert violation == (
        f"rules[{_index(data, 'channel_technology')}].values",
        "misses SFTP; list them or add '*'",
    )


def test_lookup_on_open_ended_text_needs_a_wildcard(model: RiskModel) -> None:
    data = _data(model)
    del _rule(data, "protocol_version")["values"]["*"]

    assert _paths(data) == [f"rules[{_index(data, 'protocol_version')}].values"]


def test_lookup_on_an_integer_input_needs_integer_keys(model: RiskModel) -> None:
    data = _data(model)
    rule = _rule(data, "criticality_tier")
    rule.update(
        kind="LOOKUP",
        bands=[],
        values={"one": {"impact": 90, "likelihood": 60}, "*": {"impact": 30, "likelihood": 30}},
    )

    assert _paths(data) == [f"rules[{_index(data, 'criticality_tier')}].values.one"]


def test_integer_lookup_with_a_wildcard_is_valid(model: RiskModel) -> None:
    data = _data(model)
    _rule(data, "criticality_tier").update(
        kind="LOOKUP",
        bands=[],
        values={"1": {"impact": 90, "likelihood": 60}, "*": {"impact": 30, "likelihood": 30}},
    )

    assert validate_model(data).rules[_index(data, "criticality_tier")].values["1"].impact == 90


def test_rationale_with_an_unknown_placeholder_is_rejected(model: RiskModel) -> None:
    data = _data(model)
    _rule(data, "gdpr")["rationale"] = "GDPR applies: {value} since {year}."

    assert _violations(data) == [
        (f"rules[{_index(data, 'gdpr')}].rationale", "may only use {value}, not year")
    ]


def test_rationale_with_a_format_unfit_for_the_input_is_rejected(model: RiskModel) -> None:
    data = _data(model)
    _rule(data, "mapping_coverage")["rationale"] = "{value:d} % mapped."

    assert _paths(data) == [f"rules[{_index(data, 'mapping_coverage')}].rationale"]


def test_zero_risk_assumption_for_unknown_input_is_rejected(model: RiskModel) -> None:
    data = _data(model)
    _rule(data, "hipaa")["when_missing"] = {"impact": 0, "likelihood": 50}

    assert _paths(data) == [f"rules[{_index(data, 'hipaa')}].when_missing"]


def test_explicit_assumption_for_unknown_input_is_used(model: RiskModel) -> None:
    data = _data(model)
    _rule(data, "hipaa")["when_missing"] = {"impact": 50, "likelihood": 50}

    rule = validate_model(data).rules[_index(data, "hipaa")]

    assert rule.missing_score.risk == 25


def test_unknown_field_is_rejected(model: RiskModel) -> None:
    data = _data(model)
    _rule(data, "gdpr")["weight"] = 3

    assert _paths(data) == [f"rules[{_index(data, 'gdpr')}].weight"]


def test_invalid_model_id_is_rejected(model: RiskModel) -> None:
    data = _data(model) | {"id": "Default_Model"}

    assert _paths(data) == ["id"]


def test_every_violation_is_reported_at_once(model: RiskModel) -> None:
    data = _data(model)
    data["weights"]["business"] = 31
    _rule(data, "gdpr")["input"] = "customer.compliance.CCPA"

    assert _paths(data) == ["weights", f"rules[{_index(data, 'gdpr')}].input"]


def test_model_error_message_lists_the_violations(model: RiskModel) -> None:
    data = _data(model)
    data["weights"]["business"] = 31

    with pytest.raises(ModelError, match=r"^weights: must sum to 100, got 101$"):
        validate_model(data)


def test_default_model_is_loaded_once() -> None:
    assert default_model() is default_model()


def test_bands_rule_with_lookup_values_is_rejected(model: RiskModel) -> None:
    data = _data(model)
    _rule(data, "dependencies")["values"] = {"*": {"impact": 1, "likelihood": 1}}

    assert _paths(data) == [f"rules[{_index(data, 'dependencies')}].values"]


def test_bands_rule_without_bands_is_rejected(model: RiskModel) -> None:
    data = _data(model)
    _rule(data, "dependencies")["bands"] = []

    assert _paths(data) == [f"rules[{_index(data, 'dependencies')}].bands"]


def test_infinite_band_bound_is_rejected(model: RiskModel) -> None:
    data = _data(model)
    _rule(data, "dependencies")["bands"][0]["below"] = float("inf")

    assert _paths(data) == [f"rules[{_index(data, 'dependencies')}].bands[0].below"]


def test_lookup_rule_with_bands_is_rejected(model: RiskModel) -> None:
    data = _data(model)
    _rule(data, "gdpr")["bands"] = [{"score": {"impact": 1, "likelihood": 1}}]

    assert _paths(data) == [f"rules[{_index(data, 'gdpr')}].bands"]


def test_lookup_rule_without_values_is_rejected(model: RiskModel) -> None:
    data = _data(model)
    _rule(data, "gdpr")["values"] = {}

    assert _paths(data) == [f"rules[{_index(data, 'gdpr')}].values"]


def test_model_is_not_equal_to_its_plain_data(model: RiskModel) -> None:
    assert model != _data(model)


def test_updated_copy_uses_its_own_weights(
    model: RiskModel, x12_channel: ChannelProfile, customer: CustomerProfile
) -> None:
    assess_channel(x12_channel, customer, model)

    copy = model.model_copy(update={"weights": CategoryWeights(technical=35, business=20)})

    assert copy.compiled().weights[Category.TECHNICAL] == 35
    assert model.compiled().weights[Category.TECHNICAL] == 25


def test_updated_copy_is_validated(model: RiskModel) -> None:
    with pytest.raises(ModelError, match="weights: must sum to 100"):
        model.model_copy(update={"weights": CategoryWeights(technical=50)})


def test_updated_copy_reports_structural_errors_as_model_errors(model: RiskModel) -> None:
    with pytest.raises(ModelError, match=r"^version: "):
        model.model_copy(update={"version": 0})
