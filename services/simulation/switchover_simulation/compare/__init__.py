"""Comparison of legacy and modern outputs, and parallel-run validation of channels.

`compare` normalises both outputs under ComparisonRules (data: ignore patterns for noise, typed
fields, case rules) and diffs them field by field; `validate_channel` runs a channel's scenarios
through both sides and decides whether it passes.
"""

from __future__ import annotations

from switchover_simulation.compare.diff import (
    Comparator,
    Comparison,
    Mismatch,
    MismatchKind,
    compare,
    render_value,
)
from switchover_simulation.compare.normalise import Normaliser, normalise
from switchover_simulation.compare.paths import compile_pattern, render_path
from switchover_simulation.compare.rules import (
    ComparisonRules,
    FieldRule,
    FieldType,
    default_rules,
)
from switchover_simulation.compare.validation import (
    DEFAULT_THRESHOLD,
    ScenarioResult,
    ValidationResult,
    validate_channel,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "Comparator",
    "Comparison",
    "ComparisonRules",
    "FieldRule",
    "FieldType",
    "Mismatch",
    "MismatchKind",
    "Normaliser",
    "ScenarioResult",
    "ValidationResult",
    "compare",
    "compile_pattern",
    "default_rules",
    "normalise",
    "render_path",
    "render_value",
    "validate_channel",
]
