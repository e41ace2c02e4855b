"""JSON-path-like patterns that address parts of a transformer output.

Grammar: `$` then any of `.name`, `.*` (any key), `[n]` (an index), `[*]` (any index) and `..`
(any number of levels, then a name or `*`). Examples: `$.meta`, `$.documents[*].lines[*].sku`,
`$..control_number`. A pattern that names a node also covers everything beneath it.

Patterns are matched while the output is walked: each compiled pattern is a small automaton and
a walk carries the set of positions reached so far, so a pattern is never re-run per node.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

PathSegment = str | int
"""One step of a concrete path: a key of an object or an index of a list."""

_TOKEN = re.compile(
    r"\.\.(?P<deep>[A-Za-z0-9_-]+|\*)|\.(?P<name>[A-Za-z0-9_-]+|\*)|\[(?P<index>[0-9]+|\*)\]"
)
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


class _Kind(Enum):
    KEY = "key"
    ANY_KEY = "any_key"
    INDEX = "index"
    ANY_INDEX = "any_index"
    DESCEND = "descend"


@dataclass(frozen=True)
class _Token:
    kind: _Kind
    value: PathSegment | None = None

    def accepts(self, segment: PathSegment) -> bool:
        if self.kind is _Kind.ANY_KEY:
            return isinstance(segment, str)
        if self.kind is _Kind.ANY_INDEX:
            return isinstance(segment, int)
        return type(segment) is type(self.value) and segment == self.value


def compile_pattern(pattern: str) -> tuple[_Token, ...]:
    """Compiles a pattern; raises ValueError naming the pattern when it is not valid."""
    if not pattern.startswith("$"):
        raise ValueError(f"path pattern {pattern!r} must start with '$'")
    tokens: list[_Token] = []
    position = 1
    while position < len(pattern):
        match = _TOKEN.match(pattern, position)
        if match is None:
            raise ValueError(f"path pattern {pattern!r} is invalid at offset {position}")
        if match["deep"] is not None:
            tokens += (_Token(_Kind.DESCEND), _name_token(match["deep"]))
        elif match["name"] is not None:
            tokens.append(_name_token(match["name"]))
        elif match["index"] == "*":
            tokens.append(_Token(_Kind.ANY_INDEX))
        else:
            tokens.append(_Token(_Kind.INDEX, int(match["index"])))
        position = match.end()
    return tuple(tokens)


def _name_token(name: str) -> _Token:
    return _Token(_Kind.ANY_KEY) if name == "*" else _Token(_Kind.KEY, name)


State = frozenset[tuple[int, int]]
"""Positions reached in a PatternSet: (pattern number, tokens matched so far)."""


class PatternSet:
    """A set of compiled patterns walked together along a concrete path."""

    def __init__(self, patterns: Iterable[str]) -> None:
        self._patterns = tuple(compile_pattern(pattern) for pattern in patterns)
        self._start = self._closure((number, 0) for number in range(len(self._patterns)))

    @property
    def start(self) -> State:
        """The state at the root (`$`)."""
        return self._start

    def step(self, state: State, segment: PathSegment) -> State:
        """Advances every live position by one path segment."""
        if not state:
            return state
        advanced: list[tuple[int, int]] = []
        for number, position in state:
            tokens = self._patterns[number]
            if position == len(tokens):
                # A matched pattern covers the whole subtree beneath its node.
                advanced.append((number, position))
                continue
            token = tokens[position]
            if token.kind is _Kind.DESCEND:
                advanced.append((number, position))
            elif token.accepts(segment):
                advanced.append((number, position + 1))
        return self._closure(advanced)

    def matched(self, state: State) -> list[int]:
        """Returns the numbers of the patterns that match the current node, in pattern order."""
        return sorted({n for n, position in state if position == len(self._patterns[n])})

    def _closure(self, positions: Iterable[tuple[int, int]]) -> State:
        """Adds, for every position at a `..`, the position after it (`..` may match nothing)."""
        result: set[tuple[int, int]] = set()
        pending = list(positions)
        while pending:
            number, position = pending.pop()
            if (number, position) in result:
                continue
            result.add((number, position))
            tokens = self._patterns[number]
            if position < len(tokens) and tokens[position].kind is _Kind.DESCEND:
                pending.append((number, position + 1))
        return frozenset(result)


def render_path(path: Iterable[PathSegment]) -> str:
    """Renders a concrete path as `$.documents[0].lines[2].sku`."""
    parts = ["$"]
    for segment in path:
        if isinstance(segment, int):
            parts.append(f"[{segment}]")
        elif _IDENTIFIER.fullmatch(segment):
            parts.append(f".{segment}")
        else:
            parts.append(f"[{segment!r}]")
    return "".join(parts)
