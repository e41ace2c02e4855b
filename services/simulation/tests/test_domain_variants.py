"""Tests of the scenarios generated from a channel's profile."""

from __future__ import annotations

import pytest

from switchover_simulation.compare import compare
from switchover_simulation.scenarios import (
    Scenario,
    ScenarioProfile,
    catalogue_for,
    generate_scenarios,
)
from switchover_simulation.transformers import (
    ChannelType,
    MappingConfig,
    MappingRule,
    documents,
    legacy_transformer,
    modern_transformer,
)


def _generated(channel_type: ChannelType, profile: ScenarioProfile) -> list[Scenario]:
    bundled = {scenario.id for scenario in catalogue_for(channel_type)}
    return [s for s in generate_scenarios(channel_type, profile) if s.id not in bundled]


def _line_counts(scenario: Scenario) -> list[int]:
    output = legacy_transformer(scenario.channel_type).transform(scenario.payload)
    counts = []
    for document in documents(output):
        lines = document["lines"]
        assert isinstance(lines, list)
        counts.append(len(lines))
    return counts


def test_without_a_profile_only_the_catalogue_is_returned() -> None:
    assert generate_scenarios(ChannelType.SFTP) == catalogue_for(ChannelType.SFTP)


def test_an_unknown_volume_generates_nothing() -> None:
    assert _generated(ChannelType.SFTP, ScenarioProfile()) == []


def test_generation_is_deterministic() -> None:
    profile = ScenarioProfile(monthly_transactions=12_000, custom_extensions=3)

    assert generate_scenarios(ChannelType.EDI_X12, profile) == generate_scenarios(
        ChannelType.EDI_X12, profile
    )


@pytest.mark.parametrize(("monthly", "lines"), [(500, 10), (12_000, 120), (10_000_000, 500)])
def test_large_batch_lines_scale_with_volume_within_bounds(monthly: int, lines: int) -> None:
    (variant,) = _generated(ChannelType.REST_API, ScenarioProfile(monthly_transactions=monthly))

    assert _line_counts(variant) == [lines]
    assert "large-batch" in variant.tags


def test_batch_channels_carry_several_documents_at_high_volume() -> None:
    (variant,) = _generated(ChannelType.SFTP, ScenarioProfile(monthly_transactions=20_000))

    assert _line_counts(variant) == [200] * 4
    assert variant.id == "sftp-volume-4-docs-200-lines"


def test_the_partner_field_variant_requires_the_partner_rule() -> None:
    (variant,) = _generated(ChannelType.EDI_EDIFACT, ScenarioProfile(custom_extensions=25))

    assert variant.id == "edifact-partner-fields-20"
    assert variant.requires == {MappingRule.PARTNER_CUSTOM_SEGMENTS}


@pytest.mark.parametrize("channel_type", list(ChannelType))
def test_generated_scenarios_match_with_a_complete_mapping(channel_type: ChannelType) -> None:
    profile = ScenarioProfile(monthly_transactions=15_000, custom_extensions=2)

    for scenario in _generated(channel_type, profile):
        legacy = legacy_transformer(channel_type).transform(scenario.payload)
        modern = modern_transformer(channel_type, MappingConfig.complete()).transform(
            scenario.payload
        )
        assert compare(legacy, modern).match, scenario.id


def test_the_partner_field_variant_mismatches_without_the_partner_rule() -> None:
    (variant,) = _generated(ChannelType.THICK_CLIENT, ScenarioProfile(custom_extensions=2))
    mapping = MappingConfig.complete().without(MappingRule.PARTNER_CUSTOM_SEGMENTS)

    legacy = legacy_transformer(ChannelType.THICK_CLIENT).transform(variant.payload)
    modern = modern_transformer(ChannelType.THICK_CLIENT, mapping).transform(variant.payload)

    assert [m.path for m in compare(legacy, modern).mismatches] == ["$.documents[0].custom_fields"]
