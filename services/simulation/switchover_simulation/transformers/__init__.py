"""Reference transformers: a legacy and a modern implementation per channel type, each turning
a business document into the canonical order/invoice JSON.

Both sides produce `{"outcome", "meta", "documents" | "error"}`. The legacy side prints in its
era's conventions (uppercase, YYMMDD dates, implied-decimal figures, its own control numbers and
clock); the modern side emits ISO dates and exact decimals and applies only the mapping rules the
channel has configured. The comparison normalises the conventions away and catches the rest.
"""

from __future__ import annotations

from switchover_simulation.transformers.errors import ErrorKind, MalformedDocument
from switchover_simulation.transformers.legacy.base import LegacyTransformer
from switchover_simulation.transformers.mapping import MappingConfig, MappingRule
from switchover_simulation.transformers.modern.base import ModernTransformer
from switchover_simulation.transformers.outputs import accepted, documents, error_kind
from switchover_simulation.transformers.registry import (
    Transformer,
    legacy_transformer,
    modern_transformer,
)
from switchover_simulation.transformers.types import (
    ChannelType,
    Clock,
    JsonObject,
    JsonScalar,
    JsonValue,
    system_clock,
)

__all__ = [
    "ChannelType",
    "Clock",
    "ErrorKind",
    "JsonObject",
    "JsonScalar",
    "JsonValue",
    "LegacyTransformer",
    "MalformedDocument",
    "MappingConfig",
    "MappingRule",
    "ModernTransformer",
    "Transformer",
    "accepted",
    "documents",
    "error_kind",
    "legacy_transformer",
    "modern_transformer",
    "system_clock",
]
