"""Tests of the JSON-path-like patterns."""

from __future__ import annotations

import pytest

from switchover_simulation.compare import compile_pattern, render_path
from switchover_simulation.compare.paths import PathSegment, PatternSet


def _matches(pattern: str, path: tuple[PathSegment, ...]) -> bool:
    patterns = PatternSet([pattern])
    state = patterns.start
    for segment in path:
        state = patterns.step(state, segment)
    return patterns.matched(state) == [0]


@pytest.mark.parametrize(
    ("pattern", "path"),
    [
        ("$.meta", ("meta",)),
        ("$.meta", ("meta", "processed_at")),
        ("$.documents[*].id", ("documents", 3, "id")),
        ("$.documents[1].id", ("documents", 1, "id")),
        ("$.*.control_number", ("meta", "control_number")),
        ("$..control_number", ("control_number",)),
        ("$..control_number", ("documents", 0, "control_number")),
        ("$..*", ("anything",)),
    ],
)
def test_pattern_matches_path(pattern: str, path: tuple[PathSegment, ...]) -> None:
    assert _matches(pattern, path)


@pytest.mark.parametrize(
    ("pattern", "path"),
    [
        ("$.meta", ("documents",)),
        ("$.documents[1].id", ("documents", 0, "id")),
        ("$.documents[*].id", ("documents", "0", "id")),
        ("$.*.id", (0, "id")),
        ("$..control_number", ("documents", 0, "control")),
        ("$.documents[*].lines", ("documents",)),
    ],
)
def test_pattern_does_not_match_path(pattern: str, path: tuple[PathSegment, ...]) -> None:
    assert not _matches(pattern, path)


@pytest.mark.parametrize("pattern", ["meta", "$.", "$[x]", "$..", "$.a b", "$..[0]"])
def test_invalid_patterns_are_refused_with_the_pattern_named(pattern: str) -> None:
    with pytest.raises(ValueError, match="path pattern"):
        compile_pattern(pattern)


def test_render_path_quotes_keys_that_are_not_identifiers() -> None:
    assert render_path(["documents", 0, "odd key"]) == "$.documents[0]['odd key']"
