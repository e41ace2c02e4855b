"""Tests of channel validation (parallel runs of a channel's scenarios)."""

from __future__ import annotations

import pytest

from switchover_simulation.compare import DEFAULT_THRESHOLD, validate_channel
from switchover_simulation.scenarios import Scenario, catalogue_for
from switchover_simulation.transformers import ChannelType, MappingConfig, MappingRule

WITHOUT_PARTNER_RULE = MappingConfig.complete().without(MappingRule.PARTNER_CUSTOM_SEGMENTS)


def _rest(scenario_id: str) -> Scenario:
    (found,) = [s for s in catalogue_for(ChannelType.REST_API) if s.id == scenario_id]
    return found


def _suite(passing: int, failing: int) -> list[Scenario]:
    """REST scenarios of which `failing` need the partner rule that WITHOUT_PARTNER_RULE lacks."""
    good, bad = _rest("rest-order-single"), _rest("rest-order-allowances-extensions")
    return [good.model_copy(update={"id": f"pass-{n}"}) for n in range(passing)] + [
        bad.model_copy(update={"id": f"fail-{n}"}) for n in range(failing)
    ]


@pytest.mark.parametrize("channel_type", list(ChannelType))
def test_a_complete_mapping_passes_every_channel_type(channel_type: ChannelType) -> None:
    result = validate_channel(channel_type, MappingConfig.complete())

    assert (result.passed, result.pass_rate) == (True, 100.0)


@pytest.mark.parametrize("channel_type", list(ChannelType))
def test_a_missing_rule_fails_every_channel_type_and_is_named(channel_type: ChannelType) -> None:
    result = validate_channel(channel_type, WITHOUT_PARTNER_RULE)

    assert not result.passed
    assert result.missing_rules == {MappingRule.PARTNER_CUSTOM_SEGMENTS}


def test_nineteen_of_twenty_is_exactly_the_default_threshold_and_passes() -> None:
    result = validate_channel(ChannelType.REST_API, WITHOUT_PARTNER_RULE, _suite(19, 1))

    assert (result.passed_count, result.total, result.pass_rate) == (19, 20, DEFAULT_THRESHOLD)
    assert result.passed


def test_eighteen_of_twenty_fails_the_default_threshold() -> None:
    result = validate_channel(ChannelType.REST_API, WITHOUT_PARTNER_RULE, _suite(18, 2))

    assert result.pass_rate == 90.0
    assert not result.passed


def test_the_threshold_is_configurable() -> None:
    result = validate_channel(
        ChannelType.REST_API, WITHOUT_PARTNER_RULE, _suite(18, 2), threshold=90.0
    )

    assert result.passed


def test_the_threshold_is_compared_exactly_not_in_binary_floating_point() -> None:
    # 29 / 50 * 100 is 57.99999999999999 in binary floating point, yet exactly 58 %.
    result = validate_channel(
        ChannelType.REST_API, WITHOUT_PARTNER_RULE, _suite(29, 21), threshold=58.0
    )

    assert result.passed


def test_results_carry_each_scenario_with_its_mismatches_and_outputs() -> None:
    result = validate_channel(ChannelType.REST_API, WITHOUT_PARTNER_RULE, _suite(1, 1))

    passing, failing = result.results
    assert (passing.scenario_id, passing.passed, passing.mismatches) == ("pass-0", True, ())
    assert [m.path for m in failing.mismatches] == ["$.documents[0].custom_fields"]
    assert failing.legacy_output["outcome"] == "ACCEPTED"
    assert failing.modern_output["outcome"] == "accepted"


def test_the_catalogue_is_used_when_no_scenarios_are_given() -> None:
    result = validate_channel(ChannelType.SOAP_API, MappingConfig.complete())

    assert [r.scenario_id for r in result.results] == [
        s.id for s in catalogue_for(ChannelType.SOAP_API)
    ]


@pytest.mark.parametrize("threshold", [-0.1, 100.1])
def test_a_threshold_outside_zero_to_a_hundred_is_refused(threshold: float) -> None:
    with pytest.raises(ValueError, match="threshold"):
        validate_channel(ChannelType.SFTP, MappingConfig.complete(), threshold=threshold)


def test_an_empty_scenario_list_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one scenario"):
        validate_channel(ChannelType.SFTP, MappingConfig.complete(), [])


def test_a_scenario_of_another_channel_type_is_refused() -> None:
    with pytest.raises(ValueError, match="rest-order-single"):
        validate_channel(ChannelType.SFTP, MappingConfig.complete(), [_rest("rest-order-single")])
