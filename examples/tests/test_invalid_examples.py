"""The deliberately broken sets in examples/invalid/ and the error table in their README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from examples.tests.portfolio_schema import Problem, check, load_csv, load_yaml

INVALID = Path(__file__).resolve().parents[1] / "invalid"
PROGRAM = {"id": "csv-import", "display_name": "CSV import test"}
ROW = re.compile(r"^\| (\S+) \| (\d+) \| (\w+) \| `([^`]+)` \|", re.MULTILINE)
SETS = ["portfolio.yaml", "cycle.yaml", "csv", "csv-cycle"]


def _listed() -> list[tuple[str, int, str, str]]:
    text = (INVALID / "README.md").read_text(encoding="utf-8")
    return [(file, int(line), field, value) for file, line, field, value in ROW.findall(text)]


def _problems(name: str) -> list[Problem]:
    """Problems found in one set, with files named relative to examples/invalid/."""
    if name.endswith(".yaml"):
        return check(load_yaml(INVALID / name, name))
    document, problems = load_csv(INVALID / name, PROGRAM)
    return [
        Problem(f"{name}/{p.file}", p.line, p.field, p.message) for p in problems + check(document)
    ]


def test_readme_lists_errors_for_every_set() -> None:
    listed_sets = {file.split("/")[0] for file, _, _, _ in _listed()}
    assert listed_sets == set(SETS)


@pytest.mark.parametrize(("file", "line", "field", "value"), _listed())
def test_each_listed_line_holds_its_field_and_value(
    file: str, line: int, field: str, value: str
) -> None:
    text = (INVALID / file).read_text(encoding="utf-8").splitlines()[line - 1]
    assert value in text
    if file.endswith(".yaml"):
        assert f"{field}:" in text


@pytest.mark.parametrize("name", SETS)
def test_schema_check_finds_exactly_the_listed_errors(name: str) -> None:
    listed = {
        (f, line, field) for f, line, field, _ in _listed() if f == name or f.startswith(f"{name}/")
    }
    found = {problem.where for problem in _problems(name)}
    assert found == listed


@pytest.mark.parametrize("name", ["cycle.yaml", "csv-cycle"])
def test_cycle_error_names_the_three_customers(name: str) -> None:
    messages = {problem.message for problem in _problems(name)}
    assert len(messages) == 1
    message = messages.pop()
    for customer in ("umbrella-health", "brightwater-supply", "atlas-freight"):
        assert f"customers/{customer}," in message or message.endswith(f"customers/{customer}")
    assert "kringle-crafts" not in message
