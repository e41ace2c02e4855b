"""The bundled example portfolio (examples/portfolio.yaml and examples/csv/)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from examples.tests.portfolio_schema import (
    CHANNEL_TYPES,
    MAPPING_RULES,
    check,
    load_csv,
    load_yaml,
    strip_origins,
)

EXAMPLES = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def portfolio() -> dict[str, Any]:
    document: dict[str, Any] = load_yaml(EXAMPLES / "portfolio.yaml")
    return document


def _channels(portfolio: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(c["id"], ch) for c in portfolio["customers"] for ch in c["channels"]]


def test_example_portfolio_passes_the_schema_check(portfolio: dict[str, Any]) -> None:
    assert check(portfolio, "portfolio.yaml") == []


def test_example_portfolio_is_big_enough_for_the_demo(portfolio: dict[str, Any]) -> None:
    assert len(portfolio["departments"]) >= 5
    assert len(portfolio["customers"]) >= 12
    assert len(_channels(portfolio)) >= 28


def test_every_channel_type_appears_at_least_three_times(portfolio: dict[str, Any]) -> None:
    counts = Counter(channel["type"] for _, channel in _channels(portfolio))
    assert {t: counts[t] for t in CHANNEL_TYPES if counts[t] < 3} == {}


def test_master_data_is_the_only_department_without_dependencies(
    portfolio: dict[str, Any],
) -> None:
    roots = [d["id"] for d in portfolio["departments"] if not d["depends_on"]]
    assert roots == ["master-data"]


def test_dependencies_mix_kinds_and_levels(portfolio: dict[str, Any]) -> None:
    shapes = {
        (d["kind"], d["source"].count("/"), d["target"].count("/"))
        for d in portfolio["dependencies"]
    }
    # One slash: customers/<id>; three: customers/<id>/channels/<id>.
    assert {("HARD", 1, 1), ("HARD", 3, 3), ("SOFT", 1, 1), ("SOFT", 3, 3)} <= shapes


def test_portfolio_holds_pilot_candidates_and_regulated_tier_one_customers(
    portfolio: dict[str, Any],
) -> None:
    customers = portfolio["customers"]
    pilots = [c for c in customers if c.get("criticality_tier") == 4 and c["compliance"] == []]
    regulated = {
        tag for c in customers if c.get("criticality_tier") == 1 for tag in c.get("compliance", [])
    }
    assert len(pilots) >= 2
    assert {"HIPAA", "PCI_DSS"} <= regulated


def test_some_attributes_are_left_unknown(portfolio: dict[str, Any]) -> None:
    customers = portfolio["customers"]
    channels = [channel for _, channel in _channels(portfolio)]
    assert any("compliance" not in c for c in customers)
    assert any("sla_uptime" not in c for c in customers)
    assert any("mapping_coverage" not in ch for ch in channels)
    assert any("modern_protocol_supported" not in ch for ch in channels)


def test_only_the_channels_named_in_the_readme_lack_mapping_rules(
    portfolio: dict[str, Any],
) -> None:
    incomplete = {
        f"customers/{customer}/channels/{channel['id']}"
        for customer, channel in _channels(portfolio)
        if set(channel["mapping_rules"]) != MAPPING_RULES
    }
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    assert len(incomplete) == 2
    assert all(f"`{name}`" in readme for name in incomplete)


def test_csv_set_holds_the_same_portfolio(portfolio: dict[str, Any]) -> None:
    program = strip_origins(portfolio["program"])
    document, problems = load_csv(EXAMPLES / "csv", program)
    assert problems == []
    assert strip_origins(document) == strip_origins(portfolio)
