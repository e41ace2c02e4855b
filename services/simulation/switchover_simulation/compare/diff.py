"""Field-by-field comparison of a legacy and a modern output."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from switchover_simulation.compare.normalise import Normaliser
from switchover_simulation.compare.paths import PathSegment, render_path
from switchover_simulation.compare.rules import ComparisonRules, default_rules
from switchover_simulation.transformers import JsonValue


class MismatchKind(StrEnum):
    """How the two sides differ at a path."""

    CHANGED = "changed"
    """Both sides have the field with different values (or different kinds of value)."""

    MISSING_IN_MODERN = "missing_in_modern"
    """Only the legacy side has the field."""

    MISSING_IN_LEGACY = "missing_in_legacy"
    """Only the modern side has the field."""


@dataclass(frozen=True)
class Mismatch:
    """One difference after normalisation; a missing side's value is None."""

    path: str
    legacy: JsonValue
    modern: JsonValue
    kind: MismatchKind

    def describe(self) -> str:
        """Renders the mismatch on one line, e.g. `$.a: legacy "x" != modern "y"`."""
        return (
            f"{self.path}: legacy {render_value(self.legacy)} != modern {render_value(self.modern)}"
        )


@dataclass(frozen=True)
class Comparison:
    """The outcome of comparing two outputs."""

    match: bool
    mismatches: tuple[Mismatch, ...]


def compare(
    legacy_output: JsonValue,
    modern_output: JsonValue,
    rules: ComparisonRules | None = None,
) -> Comparison:
    """Normalises both outputs under the rules (default_rules() if None) and diffs them."""
    normaliser = Normaliser(rules if rules is not None else default_rules())
    return Comparator(normaliser).compare(legacy_output, modern_output)


class Comparator:
    """Compares many output pairs with one normaliser."""

    def __init__(self, normaliser: Normaliser) -> None:
        self._normaliser = normaliser

    def compare(self, legacy_output: JsonValue, modern_output: JsonValue) -> Comparison:
        """Normalises both outputs and returns every difference in path order."""
        mismatches: list[Mismatch] = []
        _diff(
            (),
            self._normaliser.normalise(legacy_output),
            self._normaliser.normalise(modern_output),
            mismatches,
        )
        return Comparison(match=not mismatches, mismatches=tuple(mismatches))


def _diff(
    path: tuple[PathSegment, ...], legacy: JsonValue, modern: JsonValue, out: list[Mismatch]
) -> None:
    if isinstance(legacy, dict) and isinstance(modern, dict):
        for key in sorted(legacy.keys() | modern.keys()):
            _child(
                (*path, key), key in legacy, legacy.get(key), key in modern, modern.get(key), out
            )
    elif isinstance(legacy, list) and isinstance(modern, list):
        for index in range(max(len(legacy), len(modern))):
            in_legacy, in_modern = index < len(legacy), index < len(modern)
            _child(
                (*path, index),
                in_legacy,
                legacy[index] if in_legacy else None,
                in_modern,
                modern[index] if in_modern else None,
                out,
            )
    elif not _same(legacy, modern):
        out.append(Mismatch(render_path(path), legacy, modern, MismatchKind.CHANGED))


def _child(
    path: tuple[PathSegment, ...],
    in_legacy: bool,
    legacy: JsonValue,
    in_modern: bool,
    modern: JsonValue,
    out: list[Mismatch],
) -> None:
    if in_legacy and in_modern:
        _diff(path, legacy, modern, out)
    elif in_legacy:
        out.append(Mismatch(render_path(path), legacy, None, MismatchKind.MISSING_IN_MODERN))
    else:
        out.append(Mismatch(render_path(path), None, modern, MismatchKind.MISSING_IN_LEGACY))


def _same(legacy: JsonValue, modern: JsonValue) -> bool:
    """Equal values of the same kind; Python alone would call True == Decimal(1)."""
    return _kind(legacy) == _kind(modern) and legacy == modern


def _kind(value: JsonValue) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float | Decimal):
        return "number"
    return type(value).__name__


def render_value(value: JsonValue) -> str:
    """Renders a value as compact JSON, numbers in their exact decimal form."""
    return json.dumps(value, default=_exact, ensure_ascii=False, sort_keys=True)


def _exact(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")
