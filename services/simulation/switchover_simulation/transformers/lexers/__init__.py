"""Tokenisers for the EDI syntaxes: they split an interchange into segments and elements using
the delimiters the interchange declares, and leave every business meaning to the transformers."""

from __future__ import annotations

from switchover_simulation.transformers.lexers.edifact import (
    EdifactInterchange,
    EdifactSegment,
    tokenize_edifact,
)
from switchover_simulation.transformers.lexers.x12 import (
    X12Delimiters,
    X12Interchange,
    tokenize_x12,
)

__all__ = [
    "EdifactInterchange",
    "EdifactSegment",
    "X12Delimiters",
    "X12Interchange",
    "tokenize_edifact",
    "tokenize_x12",
]
