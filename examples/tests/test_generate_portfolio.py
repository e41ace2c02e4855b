"""examples/generate_portfolio.py: the module API and the command line."""

from __future__ import annotations

import graphlib
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from examples.generate_portfolio import dump, generate, main
from examples.tests.portfolio_schema import CHANNEL_TYPES, check

SCRIPT = Path(__file__).resolve().parents[1] / "generate_portfolio.py"


@pytest.fixture(scope="module")
def portfolio() -> dict[str, Any]:
    return generate(customers=2000, channels_per_customer=4, departments=8, seed=11)


def _customer_of(reference: str) -> str:
    return "/".join(reference.split("/")[:2])


def _customer_level_order(portfolio: dict[str, Any]) -> list[str]:
    """Orders customers as the planner's waves do, raising graphlib.CycleError on a loop.

    A `done:<department>` node stands for "every customer of that department has finished",
    so department dependencies apply to customers without a customer-by-customer expansion.
    """
    sorter: graphlib.TopologicalSorter[str] = graphlib.TopologicalSorter()
    parents = {d["id"]: d["depends_on"] for d in portfolio["departments"]}
    for customer in portfolio["customers"]:
        name = f"customers/{customer['id']}"
        sorter.add(f"done:{customer['department']}", name)
        sorter.add(name, *(f"done:{parent}" for parent in parents[customer["department"]]))
    for dependency in portfolio["dependencies"]:
        source, target = _customer_of(dependency["source"]), _customer_of(dependency["target"])
        if source != target:
            sorter.add(source, target)
    return list(sorter.static_order())


def test_generated_portfolio_passes_the_schema_check(portfolio: dict[str, Any]) -> None:
    assert check(portfolio) == []


def test_counts_follow_the_arguments(portfolio: dict[str, Any]) -> None:
    assert len(portfolio["customers"]) == 2000
    assert len(portfolio["departments"]) == 8
    assert {len(c["channels"]) for c in portfolio["customers"]} == {4}


def test_same_seed_gives_the_same_portfolio() -> None:
    assert generate(300, 3, 5, seed=4) == generate(300, 3, 5, seed=4)


def test_different_seeds_give_different_portfolios() -> None:
    assert generate(300, 3, 5, seed=4) != generate(300, 3, 5, seed=5)


def test_customer_level_graph_is_acyclic(portfolio: dict[str, Any]) -> None:
    assert len(_customer_level_order(portfolio)) > len(portfolio["customers"])


def test_portfolio_has_customer_and_channel_dependencies(portfolio: dict[str, Any]) -> None:
    levels = Counter(d["source"].count("/") for d in portfolio["dependencies"])
    assert levels[1] > 0
    assert levels[3] > 0


def test_cycle_flag_adds_a_loop_of_three_hard_dependencies() -> None:
    portfolio = generate(300, 3, 5, seed=4, cycle=True)
    loop = portfolio["dependencies"][-3:]
    assert [d["kind"] for d in loop] == ["HARD"] * 3
    assert [d["target"] for d in loop] == [d["source"] for d in loop[1:] + loop[:1]]
    with pytest.raises(graphlib.CycleError):
        _customer_level_order(portfolio)


def test_schema_check_names_the_injected_loop() -> None:
    portfolio = generate(300, 3, 5, seed=4, cycle=True)
    members = {d["source"] for d in portfolio["dependencies"][-3:]}
    messages = {p.message for p in check(portfolio)}
    assert messages == {"dependency cycle among " + ", ".join(sorted(members))}


def test_cycle_between_customers_of_different_departments_is_still_a_cycle() -> None:
    portfolio = generate(2, 1, 3, seed=3, cycle=True)
    assert len({c["department"] for c in portfolio["customers"]}) == 2
    assert any(p.message.startswith("dependency cycle") for p in check(portfolio))


def test_every_channel_type_appears(portfolio: dict[str, Any]) -> None:
    types = {ch["type"] for c in portfolio["customers"] for ch in c["channels"]}
    assert types == CHANNEL_TYPES


def test_optional_attributes_are_sometimes_unknown_but_mostly_known(
    portfolio: dict[str, Any],
) -> None:
    channels = [ch for c in portfolio["customers"] for ch in c["channels"]]
    unknown = sum("mapping_coverage" not in ch for ch in channels) / len(channels)
    assert 0.01 < unknown < 0.10


def test_revenue_shares_never_exceed_the_whole(portfolio: dict[str, Any]) -> None:
    assert sum(c.get("revenue_share", 0.0) for c in portfolio["customers"]) <= 100.0


def test_a_few_channels_have_incomplete_mapping_rules(portfolio: dict[str, Any]) -> None:
    channels = [ch for c in portfolio["customers"] for ch in c["channels"]]
    incomplete = sum(len(ch["mapping_rules"]) < 4 for ch in channels) / len(channels)
    assert 0.005 < incomplete < 0.08


@pytest.mark.parametrize(
    ("customers", "channels", "departments", "cycle"),
    [(0, 5, 10, False), (10, 0, 10, False), (10, 5, 0, False), (1, 5, 10, True)],
)
def test_impossible_arguments_are_refused(
    customers: int, channels: int, departments: int, cycle: bool
) -> None:
    with pytest.raises(ValueError, match=r"must be|at least two"):
        generate(customers, channels, departments, seed=1, cycle=cycle)


def test_more_departments_than_names_get_unique_ids() -> None:
    portfolio = generate(100, 1, 30, seed=2)
    assert check(portfolio) == []
    assert len({d["id"] for d in portfolio["departments"]}) == 30


def test_dump_reads_back_as_the_same_document() -> None:
    portfolio = generate(200, 5, 6, seed=3)
    assert yaml.safe_load(dump(portfolio)) == portfolio


@pytest.mark.parametrize(
    "text", ["004010", "true", "No", "null", "a: b", "x #y", "- item", "", "7", "'quoted'", "é"]
)
def test_dump_quotes_strings_yaml_would_read_differently(text: str) -> None:
    document = {"value": text, "values": [text, "plain text"]}
    assert yaml.safe_load(dump(document)) == document


def test_cli_writes_the_portfolio_that_generate_returns(tmp_path: Path) -> None:
    out = tmp_path / "p.yaml"
    subprocess.run(
        [
            *(sys.executable, str(SCRIPT), "--customers", "50", "--channels-per-customer", "2"),
            *("--departments", "4", "--seed", "9", "--out", str(out)),
        ],
        check=True,
        timeout=60,
    )
    assert yaml.safe_load(out.read_text(encoding="utf-8")) == generate(50, 2, 4, seed=9)


def test_main_writes_to_standard_output_without_out(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--customers", "3", "--channels-per-customer", "1", "--seed", "5"]) == 0
    assert yaml.safe_load(capsys.readouterr().out) == generate(3, 1, 10, seed=5)


def test_cli_refuses_zero_customers() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--customers", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "must be >= 1" in result.stderr


def test_ten_thousand_customers_are_generated_and_rendered(
    capsys: pytest.CaptureFixture[str],
) -> None:
    started = time.perf_counter()
    portfolio = generate(10_000, 5, 10, seed=7)
    generated = time.perf_counter()
    text = dump(portfolio)
    rendered = time.perf_counter()
    with capsys.disabled():
        print(
            f"\n10,000 customers: generate {generated - started:.2f}s, "
            f"dump {rendered - generated:.2f}s ({len(text) / 1e6:.1f} MB)"
        )
    assert sum(len(c["channels"]) for c in portfolio["customers"]) == 50_000
