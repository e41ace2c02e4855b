"""Tests of the bundled scenario catalogue, each scenario run through both sides."""

from __future__ import annotations

from collections import Counter

import pytest
from pydantic import ValidationError

from switchover_simulation.compare import compare
from switchover_simulation.scenarios import Scenario, catalogue, catalogue_for
from switchover_simulation.transformers import (
    ChannelType,
    MappingConfig,
    MappingRule,
    accepted,
    error_kind,
    legacy_transformer,
    modern_transformer,
)

SCENARIOS = {scenario.id: scenario for scenario in catalogue()}
MALFORMED = [s.id for s in catalogue() if "malformed" in s.tags]
WELL_FORMED = [s.id for s in catalogue() if "malformed" not in s.tags]


def _matches(scenario: Scenario, mapping: MappingConfig) -> bool:
    legacy = legacy_transformer(scenario.channel_type).transform(scenario.payload)
    modern = modern_transformer(scenario.channel_type, mapping).transform(scenario.payload)
    return compare(legacy, modern).match


def test_the_catalogue_has_at_least_thirty_scenarios() -> None:
    assert len(catalogue()) >= 30


@pytest.mark.parametrize("channel_type", list(ChannelType))
def test_every_channel_type_has_at_least_four_scenarios(channel_type: ChannelType) -> None:
    assert len(catalogue_for(channel_type)) >= 4


@pytest.mark.parametrize("channel_type", list(ChannelType))
def test_every_channel_type_exercises_every_mapping_rule(channel_type: ChannelType) -> None:
    required = set().union(*(scenario.requires for scenario in catalogue_for(channel_type)))

    assert required == set(MappingRule)


@pytest.mark.parametrize("channel_type", list(ChannelType))
def test_every_channel_type_has_a_malformed_scenario(channel_type: ChannelType) -> None:
    assert any("malformed" in s.tags for s in catalogue_for(channel_type))


def test_scenario_ids_are_unique() -> None:
    counts = Counter(scenario.id for scenario in catalogue())

    assert [id_ for id_, count in counts.items() if count > 1] == []


@pytest.mark.parametrize("bad_id", ["Upper-Case", "-leading", "trailing-", "a" * 64, "under_score"])
def test_scenario_ids_must_be_rfc_1034_labels(bad_id: str) -> None:
    with pytest.raises(ValidationError):
        Scenario(
            id=bad_id,
            channel_type=ChannelType.SFTP,
            title="t",
            description="d",
            payload="",
        )


def test_payloads_keep_their_line_endings() -> None:
    assert "\r\n" in SCENARIOS["thick-client-order-single"].payload


@pytest.mark.parametrize("scenario_id", list(SCENARIOS))
def test_scenario_matches_with_every_mapping_rule(scenario_id: str) -> None:
    assert _matches(SCENARIOS[scenario_id], MappingConfig.complete())


@pytest.mark.parametrize("rule", list(MappingRule))
@pytest.mark.parametrize("scenario_id", list(SCENARIOS))
def test_scenario_mismatches_exactly_when_a_rule_it_requires_is_missing(
    scenario_id: str, rule: MappingRule
) -> None:
    scenario = SCENARIOS[scenario_id]

    assert _matches(scenario, MappingConfig.complete().without(rule)) == (
        rule not in scenario.requires
    )


@pytest.mark.parametrize("scenario_id", MALFORMED)
def test_malformed_scenarios_are_rejected_by_both_sides_for_the_same_reason(
    scenario_id: str,
) -> None:
    scenario = SCENARIOS[scenario_id]
    legacy = legacy_transformer(scenario.channel_type).transform(scenario.payload)
    modern = modern_transformer(scenario.channel_type, MappingConfig()).transform(scenario.payload)

    assert not accepted(legacy)
    assert error_kind(legacy) is error_kind(modern)


@pytest.mark.parametrize("scenario_id", WELL_FORMED)
def test_well_formed_scenarios_are_accepted_by_the_legacy_side(scenario_id: str) -> None:
    scenario = SCENARIOS[scenario_id]

    assert accepted(legacy_transformer(scenario.channel_type).transform(scenario.payload))
