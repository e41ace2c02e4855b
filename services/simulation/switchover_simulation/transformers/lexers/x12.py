"""ASC X12 tokeniser: delimiters come from the fixed-length ISA segment."""

from __future__ import annotations

from dataclasses import dataclass

from switchover_simulation.transformers.errors import ErrorKind, MalformedDocument

ISA_LENGTH = 106
"""The ISA segment is fixed at 106 characters including its terminator."""

_ISA_WIDTHS = (2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1)
"""ISA01..ISA16 are fixed width, so every element separator sits at a known offset."""
_ISA_SEPARATOR_OFFSETS = tuple(
    3 + sum(_ISA_WIDTHS[:index]) + index for index in range(len(_ISA_WIDTHS))
)


@dataclass(frozen=True)
class X12Delimiters:
    """The delimiters declared by an interchange's ISA segment."""

    element: str
    component: str
    segment: str
    repetition: str | None


@dataclass(frozen=True)
class X12Interchange:
    """An X12 interchange split into segments; each segment is its elements, tag first."""

    delimiters: X12Delimiters
    segments: tuple[tuple[str, ...], ...]


def tokenize_x12(text: str) -> X12Interchange:
    """Splits an X12 interchange into segments using the delimiters its ISA declares.

    Raises MalformedDocument (ENVELOPE) when the text does not start with a complete ISA.
    """
    body = text.lstrip()
    if not body.startswith("ISA") or len(body) < ISA_LENGTH:
        raise MalformedDocument(ErrorKind.ENVELOPE, "interchange does not start with an ISA")
    element = body[3]
    # Delimiters are read from fixed offsets, so they are only trustworthy when the ISA really
    # is fixed width: the element separator at each of its 16 offsets and nowhere else.
    isa_fields = body[: ISA_LENGTH - 1].split(element)
    if len(isa_fields) != len(_ISA_WIDTHS) + 1 or any(
        body[offset] != element for offset in _ISA_SEPARATOR_OFFSETS
    ):
        raise MalformedDocument(ErrorKind.ENVELOPE, "ISA is not 106 fixed-width characters")
    delimiters = X12Delimiters(
        element=element,
        component=body[ISA_LENGTH - 2],
        segment=body[ISA_LENGTH - 1],
        repetition=_repetition_separator(isa_fields[11], isa_fields[12]),
    )
    segments = tuple(
        tuple(raw.split(element))
        for raw in (part.strip("\r\n") for part in body.split(delimiters.segment))
        if raw.strip()
    )
    return X12Interchange(delimiters=delimiters, segments=segments)


def _repetition_separator(isa11: str, isa12: str) -> str | None:
    """ISA11 became the repetition separator in version 00402; before that it is a standards id."""
    if isa12 >= "00402" and not isa11.isalnum():
        return isa11
    return None
