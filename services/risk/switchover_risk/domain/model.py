"""Risk models as data: category weights and factor rules, loaded from YAML and validated.

A rule reads one input (see :mod:`switchover_risk.domain.inputs`) and rates it with an impact
and a likelihood, 0-100 each:

- ``BANDS`` for numbers: ascending bands, each with an exclusive upper bound ``below``; the
  first band whose ``below`` exceeds the value applies and the last band, which has no
  ``below``, catches everything larger.
- ``LOOKUP`` for enums, booleans (keys ``true``/``false``), integers and text: a table from the
  value to its rating, where ``*`` rates every value not listed.

``when_missing`` is the rating assumed while the input is unknown; it defaults to the worst
impact and the worst likelihood among the rule's ratings, so an unknown value never scores
below a known-bad one, and it may never be zero risk.
"""

from __future__ import annotations

import math
import string
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Self

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from switchover_risk.domain.compiled import CompiledModel
from switchover_risk.domain.enums import CUSTOMER_CATEGORIES, Category, RuleKind
from switchover_risk.domain.inputs import INPUTS, InputSpec, Scope, ValueKind
from switchover_risk.domain.profiles import Violation

WILDCARD = "*"
"""The lookup key that rates every value the table does not list."""

_ID_PATTERN = r"^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$"
_FACTOR_PATTERN = r"^[a-z][a-z0-9_]{0,62}$"
_TEMPLATE_FIELDS = frozenset({"value"})


class ModelError(Exception):
    """A risk model is invalid; ``violations`` lists each problem with its field path.

    Not a ``ValueError`` on purpose: pydantic would swallow a ``ValueError`` raised by the
    model's own checks into a less precise error.
    """

    def __init__(self, violations: list[Violation]) -> None:
        self.violations = violations
        super().__init__("; ".join(f"{path}: {text}" for path, text in violations))


class Score(BaseModel):
    """An impact and a likelihood, each 0-100."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    impact: float = Field(ge=0, le=100)
    """How bad it would be."""
    likelihood: float = Field(ge=0, le=100)
    """How likely it is."""

    @property
    def risk(self) -> float:
        """impact x likelihood / 100."""
        return self.impact * self.likelihood / 100


class Band(BaseModel):
    """One range of a ``BANDS`` rule."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    below: float | None = None
    """Exclusive upper bound; unset only on the last band."""
    score: Score


class FactorRule(BaseModel):
    """Turns one input into one factor's impact and likelihood."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    factor: str = Field(pattern=_FACTOR_PATTERN)
    """The factor's id, unique in the model, e.g. ``transaction_volume``."""
    title: str = Field(min_length=1)
    category: Category
    input: str
    """The input read, e.g. ``channel.monthly_transactions``."""
    kind: RuleKind
    bands: tuple[Band, ...] = ()
    values: dict[str, Score] = Field(default_factory=dict)
    when_missing: Score | None = None
    """The rating assumed while the input is unknown; see :attr:`missing_score`."""
    rationale: str = Field(min_length=1)
    """A sentence explaining a known value; ``{value}`` is replaced by the value."""
    mitigation: str = Field(min_length=1)
    """What reduces the risk."""

    def ratings(self) -> list[Score]:
        """Every rating the rule can give to a known value."""
        if self.kind is RuleKind.BANDS:
            return [band.score for band in self.bands]
        return list(self.values.values())

    @property
    def missing_score(self) -> Score:
        """The rating of an unknown input: ``when_missing``, else the worst of each measure."""
        if self.when_missing is not None:
            return self.when_missing
        ratings = self.ratings()
        return Score(
            impact=max((score.impact for score in ratings), default=100),
            likelihood=max((score.likelihood for score in ratings), default=100),
        )


class CategoryWeights(BaseModel):
    """Category weights in percent; they must sum to exactly 100."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    technical: float = Field(default=25, ge=0, le=100)
    business: float = Field(default=30, ge=0, le=100)
    compliance: float = Field(default=25, ge=0, le=100)
    operational: float = Field(default=15, ge=0, le=100)
    integration: float = Field(default=5, ge=0, le=100)

    def of(self, category: Category) -> float:
        """Returns the weight of one category."""
        weight: float = getattr(self, category.lower())
        return weight

    @property
    def total(self) -> float:
        """The sum of the five weights."""
        return sum(self.of(category) for category in Category)


class RiskModel(BaseModel):
    """A versioned, immutable set of weights and factor rules.

    Building one checks everything :func:`validate_model` documents, so every instance can be
    evaluated; the evaluation tables are built on first use and kept with the model.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=_ID_PATTERN)
    """Lowercase RFC 1034 id; the resource name is ``riskModels/{id}``."""
    version: int = Field(ge=1)
    display_name: str = Field(min_length=1)
    based_on: str | None = None
    """The id of the model this one was derived from."""
    weights: CategoryWeights = Field(default_factory=CategoryWeights)
    rules: tuple[FactorRule, ...] = Field(min_length=1)

    _compiled: CompiledModel | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _check_semantics(self) -> RiskModel:
        violations = _model_violations(self)
        if violations:
            raise ModelError(violations)
        return self

    def __eq__(self, other: object) -> bool:
        # Compares the fields only: pydantic would also compare the evaluation tables, which
        # exist on a model once it has been used.
        if not isinstance(other, RiskModel):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """Returns a copy, validated like a new model when ``update`` changes fields.

        Pydantic's own copy skips validation and would carry over evaluation tables built for
        the original's rules and weights. ``deep`` is accepted for compatibility; the copy
        never shares mutable state with the original.
        """
        data = self.model_dump()
        data.update(update or {})
        try:
            return self.model_validate(data)
        except ValidationError as error:
            raise ModelError(_structural_violations(error)) from None

    def compiled(self) -> CompiledModel:
        """Returns the model's evaluation tables, building them on first use."""
        if self._compiled is None:
            self._compiled = CompiledModel(self.rules, self.weights.of)
        return self._compiled


def validate_model(data: Mapping[str, Any]) -> RiskModel:
    """Builds a model from plain data, raising :class:`ModelError` with every violation.

    Checked: the shape and types (unknown keys too), ids, ratings within 0-100, weights that
    sum to 100, at least one rule per category, unique factor ids, known inputs, business and
    compliance rules reading customer inputs only (those categories are scored from the
    customer alone), a rule kind that suits the input's type, bands sorted without overlap with
    only the last one open, lookup keys that exist and cover every value (or a ``*`` entry),
    rationale templates that use only ``{value}``, and a non-zero rating for unknown input.
    """
    try:
        return RiskModel.model_validate(data)
    except ValidationError as error:
        raise ModelError(_structural_violations(error)) from None


def load_model(path: str | Path) -> RiskModel:
    """Loads and validates a model from a YAML file."""
    source = Path(path)
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ModelError([(str(source), f"is not valid YAML: {error}")]) from None
    if not isinstance(data, dict):
        raise ModelError([(str(source), "must hold a mapping with the model's fields")])
    return validate_model(data)


@cache
def default_model() -> RiskModel:
    """Returns the bundled default model (``switchover_risk/models/default.yaml``)."""
    bundled = resources.files("switchover_risk").joinpath("models").joinpath("default.yaml")
    with resources.as_file(bundled) as path:
        return load_model(path)


def _structural_violations(error: ValidationError) -> list[Violation]:
    return [(_field_path(detail["loc"]), detail["msg"]) for detail in error.errors()]


def _field_path(location: Iterable[int | str]) -> str:
    path = ""
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else f".{part}" if path else str(part)
    return path or "model"


def _model_violations(model: RiskModel) -> list[Violation]:
    violations: list[Violation] = []
    total = model.weights.total
    if not math.isclose(total, 100, abs_tol=1e-9):
        violations.append(("weights", f"must sum to 100, got {total:g}"))
    covered = {rule.category for rule in model.rules}
    violations.extend(
        ("rules", f"has no rule for category {category}; every category needs one")
        for category in Category
        if category not in covered
    )
    first_index: dict[str, int] = {}
    for index, rule in enumerate(model.rules):
        path = f"rules[{index}]"
        if rule.factor in first_index:
            violations.append(
                (
                    f"{path}.factor",
                    f"duplicates factor {rule.factor!r} of rules[{first_index[rule.factor]}]",
                )
            )
        first_index.setdefault(rule.factor, index)
        violations.extend(_rule_violations(rule, path))
    return violations


def _rule_violations(rule: FactorRule, path: str) -> list[Violation]:
    spec = INPUTS.get(rule.input)
    if spec is None:
        return [(f"{path}.input", f"is not a known input: {rule.input!r}")]
    violations: list[Violation] = []
    if rule.category in CUSTOMER_CATEGORIES and spec.scope is not Scope.CUSTOMER:
        violations.append(
            (
                f"{path}.input",
                f"must be a customer input: {rule.category} is scored from the customer alone",
            )
        )
    if rule.kind is RuleKind.BANDS:
        violations.extend(_bands_violations(rule, spec, path))
    else:
        violations.extend(_lookup_violations(rule, spec, path))
    violations.extend(_template_violations(rule, spec, path))
    if rule.missing_score.risk <= 0:
        violations.append(
            (f"{path}.when_missing", "must not be zero risk: an unknown input is never safe")
        )
    return violations


def _bands_violations(rule: FactorRule, spec: InputSpec, path: str) -> list[Violation]:
    if not spec.numeric:
        return [(f"{path}.kind", f"BANDS needs a numeric input; {spec.name} is {spec.kind}")]
    violations: list[Violation] = []
    if rule.values:
        violations.append((f"{path}.values", "is only used by LOOKUP rules"))
    if not rule.bands:
        violations.append((f"{path}.bands", "needs at least one band"))
        return violations
    last = len(rule.bands) - 1
    previous: float | None = None
    for index, band in enumerate(rule.bands):
        band_path = f"{path}.bands[{index}].below"
        if index == last:
            if band.below is not None:
                violations.append(
                    (band_path, "must be unset on the last band, which catches larger values")
                )
        elif band.below is None:
            violations.append((band_path, "may be unset only on the last band"))
        elif not math.isfinite(band.below):
            violations.append((band_path, "must be a finite number"))
        elif previous is not None and band.below <= previous:
            violations.append(
                (band_path, f"must exceed the previous band's {previous:g}: bands ascend")
            )
        if band.below is not None and math.isfinite(band.below):
            previous = band.below
    return violations


def _lookup_violations(rule: FactorRule, spec: InputSpec, path: str) -> list[Violation]:
    if spec.kind is ValueKind.FLOAT:
        return [(f"{path}.kind", f"LOOKUP cannot match {spec.name}, a float; use BANDS")]
    violations: list[Violation] = []
    if rule.bands:
        violations.append((f"{path}.bands", "is only used by BANDS rules"))
    if not rule.values:
        violations.append((f"{path}.values", "needs at least one entry"))
        return violations
    for key in rule.values:
        if key == WILDCARD:
            continue
        if spec.choices and key not in spec.choices:
            violations.append(
                (
                    f"{path}.values.{key}",
                    f"is not a value of {spec.name}: {', '.join(spec.choices)}",
                )
            )
        elif spec.kind is ValueKind.INT and not _is_int(key):
            violations.append((f"{path}.values.{key}", f"is not an integer, as {spec.name} is"))
    if WILDCARD not in rule.values:
        if not spec.choices:
            violations.append(
                (f"{path}.values", f"needs a '*' entry: {spec.name} has open-ended values")
            )
        elif uncovered := [choice for choice in spec.choices if choice not in rule.values]:
            violations.append(
                (f"{path}.values", f"misses {', '.join(uncovered)}; list them or add '*'")
            )
    return violations


def _is_int(text: str) -> bool:
    try:
        int(text)
    except ValueError:
        return False
    return True


_SAMPLES: dict[ValueKind, object] = {
    ValueKind.INT: 1,
    ValueKind.FLOAT: 1.5,
    ValueKind.TEXT: "x",
    ValueKind.BOOL: "yes",
}


def _template_violations(rule: FactorRule, spec: InputSpec, path: str) -> list[Violation]:
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(rule.rationale) if name}
        if unknown := fields - _TEMPLATE_FIELDS:
            return [
                (
                    f"{path}.rationale",
                    f"may only use {{value}}, not {', '.join(sorted(unknown))}",
                )
            ]
        sample = spec.choices[0] if spec.kind is ValueKind.ENUM else _SAMPLES[spec.kind]
        rule.rationale.format(value=sample)
    except (ValueError, IndexError) as error:
        return [(f"{path}.rationale", f"is not a valid template: {error}")]
    return []
