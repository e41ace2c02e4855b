"""Reading a transformer output without caring which side produced it."""

from __future__ import annotations

from switchover_simulation.transformers.errors import ErrorKind
from switchover_simulation.transformers.types import JsonObject


def accepted(output: JsonObject) -> bool:
    """Whether the transformer accepted the payload (legacy says ACCEPTED, modern accepted)."""
    return str(output.get("outcome", "")).lower() == "accepted"


def documents(output: JsonObject) -> list[JsonObject]:
    """The documents of an accepted output; none for a rejection."""
    found = output.get("documents")
    if not isinstance(found, list):
        return []
    return [document for document in found if isinstance(document, dict)]


def error_kind(output: JsonObject) -> ErrorKind | None:
    """Why a rejected output was rejected; None for an accepted one."""
    error = output.get("error")
    if not isinstance(error, dict):
        return None
    return ErrorKind(str(error.get("kind", "")).lower())
