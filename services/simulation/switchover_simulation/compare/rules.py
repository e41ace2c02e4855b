"""Comparison rules as data: what to ignore, how to read typed fields, where case matters."""

from __future__ import annotations

import json
from enum import StrEnum
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, field_validator

from switchover_simulation.compare.paths import compile_pattern


class FieldType(StrEnum):
    """How a field's values are read before they are compared."""

    DECIMAL = "decimal"
    """A number, compared by value (12.5 == 12.50); see FieldRule.implied_decimals."""

    DATE = "date"
    """A calendar date, compared as ISO CCYY-MM-DD; YYMMDD and CCYYMMDD are read too."""


class FieldRule(BaseModel):
    """Declares the type of the fields a path pattern addresses."""

    model_config = ConfigDict(frozen=True)

    path: str
    """A path pattern (see `switchover_simulation.compare.paths`)."""

    type: FieldType
    """How the values are read."""

    implied_decimals: int = Field(default=0, ge=0, le=18)
    """For DECIMAL: a string of bare digits carries this many implied decimal places (the
    legacy picture format, "000001250" = 12.50 with 2); typed numbers and strings with a
    decimal point are read at face value."""

    @field_validator("path")
    @classmethod
    def _valid_pattern(cls, path: str) -> str:
        compile_pattern(path)
        return path


class ComparisonRules(BaseModel):
    """Everything the normaliser needs to know about one family of outputs."""

    model_config = ConfigDict(frozen=True)

    ignore: tuple[str, ...] = ()
    """Path patterns of noise (control numbers, timestamps, generated ids): removed, subtree
    and all, from both sides before the diff."""

    fields: tuple[FieldRule, ...] = ()
    """Typed fields; the first rule whose pattern matches a field applies."""

    case_sensitive: tuple[str, ...] = ()
    """Path patterns of strings compared as they are; every other string is uppercased and
    case-folded, because the legacy side uppercases everything it prints."""

    drop_empty: bool = True
    """Treat null, "" (after trimming), [] and {} as absent, so a field one side leaves empty
    and the other omits compares equal. Zero is a value and is never dropped."""

    @field_validator("ignore", "case_sensitive")
    @classmethod
    def _valid_patterns(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in patterns:
            compile_pattern(pattern)
        return patterns


@cache
def default_rules() -> ComparisonRules:
    """Returns the bundled rules for the canonical order/invoice outputs (default_rules.json)."""
    text = resources.files(__package__).joinpath("default_rules.json").read_text("utf-8")
    return ComparisonRules.model_validate(json.loads(text))
