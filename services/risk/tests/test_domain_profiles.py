"""Range checks of the inventory profiles."""

from __future__ import annotations

from dataclasses import replace

from switchover_risk.domain import (
    ChannelProfile,
    CustomerProfile,
    channel_violations,
    customer_violations,
)


def test_valid_channel_has_no_violations(x12_channel: ChannelProfile) -> None:
    assert channel_violations(x12_channel) == []


def test_complexity_outside_1_to_5_is_a_violation(x12_channel: ChannelProfile) -> None:
    assert channel_violations(replace(x12_channel, complexity=6)) == [
        ("complexity", "must be from 1 to 5, got 6")
    ]


def test_negative_count_is_a_violation(x12_channel: ChannelProfile) -> None:
    assert channel_violations(replace(x12_channel, monthly_transactions=-1)) == [
        ("monthly_transactions", "must be at least 0, got -1")
    ]


def test_nan_percentage_is_a_violation(x12_channel: ChannelProfile) -> None:
    assert channel_violations(replace(x12_channel, mapping_coverage=float("nan"))) == [
        ("mapping_coverage", "must be a number, not NaN")
    ]


def test_unknown_values_are_not_violations(x12_channel: ChannelProfile) -> None:
    assert channel_violations(replace(x12_channel, complexity=None, mapping_coverage=None)) == []


def test_customer_violations_include_channel_paths(
    customer: CustomerProfile, x12_channel: ChannelProfile
) -> None:
    subject = replace(
        customer,
        criticality_tier=0,
        channels=[x12_channel, replace(x12_channel, endpoint_config_completeness=101.0)],
    )

    assert customer_violations(subject) == [
        ("criticality_tier", "must be from 1 to 4, got 0"),
        ("channels[1].endpoint_config_completeness", "must be from 0 to 100, got 101"),
    ]


def test_empty_names_are_violations(customer: CustomerProfile, x12_channel: ChannelProfile) -> None:
    subject = replace(customer, name="", channels=[replace(x12_channel, name="")])

    assert customer_violations(subject) == [
        ("name", "must not be empty"),
        ("channels[0].name", "must not be empty"),
    ]
