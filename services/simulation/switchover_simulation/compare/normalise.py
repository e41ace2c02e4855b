"""Normalisation: brings a transformer output to a form where equal meaning is equal value.

Keys are sorted, strings trimmed and case-folded (unless a path is case-sensitive), numbers
become Decimal, typed fields are read by their rule, noise is removed and empties dropped.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from switchover_simulation.compare.paths import PatternSet, State
from switchover_simulation.compare.rules import ComparisonRules, FieldRule, FieldType
from switchover_simulation.transformers import JsonScalar, JsonValue

CENTURY_PIVOT = 50
"""Two-digit years below this are 20YY, the others 19YY (the legacy ERP's century window)."""

_BARE_DIGITS = re.compile(r"[+-]?[0-9]+")
_DECIMAL_LITERAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_DATE_FORMATS = (
    re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})"),
    re.compile(r"(?P<year>[0-9]{4})(?P<month>[0-9]{2})(?P<day>[0-9]{2})"),
    re.compile(r"(?P<yy>[0-9]{2})(?P<month>[0-9]{2})(?P<day>[0-9]{2})"),
)


class _Absent:
    """Marks a value removed by an ignore rule or as empty."""


_ABSENT = _Absent()


class Normaliser:
    """Applies one set of ComparisonRules; build it once, use it for many outputs."""

    def __init__(self, rules: ComparisonRules) -> None:
        self._rules = rules
        self._ignore = PatternSet(rules.ignore)
        self._fields = PatternSet(rule.path for rule in rules.fields)
        self._case_sensitive = PatternSet(rules.case_sensitive)

    def normalise(self, value: JsonValue) -> JsonValue:
        """Returns the normalised output; an output that is wholly noise normalises to None."""
        result = self._walk(
            value, (self._ignore.start, self._fields.start, self._case_sensitive.start)
        )
        return None if isinstance(result, _Absent) else result

    def _walk(self, value: JsonValue, states: tuple[State, State, State]) -> JsonValue | _Absent:
        ignore, fields, case_sensitive = states
        if self._ignore.matched(ignore):
            return _ABSENT
        if isinstance(value, dict):
            normalised = {
                key: self._walk(item, self._step(states, key))
                for key, item in sorted(value.items())
            }
            kept: dict[str, JsonValue] = {
                key: item for key, item in normalised.items() if not isinstance(item, _Absent)
            }
            return self._empty_or(kept)
        if isinstance(value, list):
            items = [
                self._walk(item, self._step(states, index)) for index, item in enumerate(value)
            ]
            return self._empty_or([item for item in items if not isinstance(item, _Absent)])
        matched = self._fields.matched(fields)
        rule = self._rules.fields[matched[0]] if matched else None
        scalar = _scalar(value, rule, folded=not self._case_sensitive.matched(case_sensitive))
        return self._empty_or(scalar)

    def _step(
        self, states: tuple[State, State, State], segment: str | int
    ) -> tuple[State, State, State]:
        return (
            self._ignore.step(states[0], segment),
            self._fields.step(states[1], segment),
            self._case_sensitive.step(states[2], segment),
        )

    def _empty_or(self, value: JsonValue) -> JsonValue | _Absent:
        if self._rules.drop_empty and (value is None or value == "" or value == [] or value == {}):
            return _ABSENT
        return value


def normalise(value: JsonValue, rules: ComparisonRules) -> JsonValue:
    """Normalises one output under the rules (see Normaliser)."""
    return Normaliser(rules).normalise(value)


def _scalar(value: JsonScalar, rule: FieldRule | None, *, folded: bool) -> JsonValue:
    if isinstance(value, bool) or value is None or isinstance(value, Decimal):
        return value
    if isinstance(value, int | float):
        return Decimal(str(value))
    text = value.strip()
    if rule is not None and rule.type is FieldType.DECIMAL:
        return _decimal(text, rule.implied_decimals)
    if rule is not None and rule.type is FieldType.DATE:
        return _date(text)
    # Uppercasing first compares what the legacy side could print: it uppercased everything,
    # and a few letters only meet through upper case (the Turkish dotless i, U+0131, becomes I).
    return text.upper().casefold() if folded else text


def _decimal(text: str, implied_decimals: int) -> JsonValue:
    """Reads a decimal field; text that is not a number stays text, so it shows in the diff."""
    if not _DECIMAL_LITERAL.fullmatch(text):
        return text
    number = Decimal(text)
    return number.scaleb(-implied_decimals) if _BARE_DIGITS.fullmatch(text) else number


def _date(text: str) -> JsonValue:
    """Reads ISO, CCYYMMDD or YYMMDD into ISO; text that is not a date stays text."""
    for pattern in _DATE_FORMATS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        groups = match.groupdict()
        if "yy" in groups:
            yy = int(groups["yy"])
            year = (2000 if yy < CENTURY_PIVOT else 1900) + yy
        else:
            year = int(groups["year"])
        try:
            return date(year, int(groups["month"]), int(groups["day"])).isoformat()
        except ValueError:
            return text
    return text
