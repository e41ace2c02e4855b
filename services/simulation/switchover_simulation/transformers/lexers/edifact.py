"""UN/EDIFACT tokeniser: service characters come from UNA, with release-character escapes."""

from __future__ import annotations

from dataclasses import dataclass

from switchover_simulation.transformers.errors import ErrorKind, MalformedDocument

_DEFAULT_SERVICE_CHARACTERS = ":+.? '"
"""ISO 9735 defaults: component, element, decimal mark, release, reserved, segment terminator."""

_UNA_LENGTH = 9


@dataclass(frozen=True)
class EdifactSegment:
    """One segment: its tag and its data elements, each a tuple of components."""

    tag: str
    elements: tuple[tuple[str, ...], ...]

    def component(self, element: int, component: int = 0) -> str:
        """Returns a component by position (element 1 is the first after the tag), or "" if absent.

        EDIFACT omits trailing empty elements and components, so absence is the same as empty.
        """
        if element < 1 or element > len(self.elements):
            return ""
        parts = self.elements[element - 1]
        return parts[component] if component < len(parts) else ""


@dataclass(frozen=True)
class EdifactInterchange:
    """An interchange split into segments, with the decimal mark its UNA declares."""

    decimal_mark: str
    segments: tuple[EdifactSegment, ...]


def tokenize_edifact(text: str) -> EdifactInterchange:
    """Splits an EDIFACT interchange into segments, honouring UNA and the release character.

    Raises MalformedDocument (ENVELOPE) without a UNB, (SYNTAX) on a dangling release character.
    """
    body = text.strip()
    service = _DEFAULT_SERVICE_CHARACTERS
    if body.startswith("UNA"):
        if len(body) < _UNA_LENGTH:
            raise MalformedDocument(ErrorKind.ENVELOPE, "UNA service string advice is truncated")
        service = body[3:_UNA_LENGTH]
        body = body[_UNA_LENGTH:].lstrip()
    if not body.startswith("UNB"):
        raise MalformedDocument(ErrorKind.ENVELOPE, "interchange does not start with UNB")
    # UNA positions: component, element, decimal mark, release, reserved, segment terminator.
    segments = tuple(
        _segment(raw) for raw in _split(body, service[0], service[1], service[3], service[5])
    )
    return EdifactInterchange(decimal_mark=service[2], segments=segments)


def _split(
    body: str, component: str, element: str, release: str, terminator: str
) -> list[list[list[str]]]:
    """Splits the text into segments of elements of components in one pass over the characters,
    because a released delimiter is data and only a left-to-right scan can tell."""
    segments: list[list[list[str]]] = []
    elements: list[list[str]] = []
    components: list[str] = []
    value: list[str] = []
    released = False
    for char in body:
        if released:
            value.append(char)
            released = False
        elif char == release:
            released = True
        elif char == component:
            components.append("".join(value))
            value = []
        elif char == element:
            components.append("".join(value))
            elements.append(components)
            components, value = [], []
        elif char == terminator:
            components.append("".join(value))
            elements.append(components)
            segments.append(elements)
            elements, components, value = [], [], []
        elif char in "\r\n" and not elements and not components and not value:
            continue
        else:
            value.append(char)
    if released:
        raise MalformedDocument(ErrorKind.SYNTAX, "release character at end of interchange")
    if value or components or elements:
        components.append("".join(value))
        elements.append(components)
        segments.append(elements)
    return segments


def _segment(raw: list[list[str]]) -> EdifactSegment:
    """Builds a segment from its split elements; the first element is the tag."""
    return EdifactSegment(tag=raw[0][0].strip(), elements=tuple(tuple(e) for e in raw[1:]))
