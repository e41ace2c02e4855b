"""What every modern transformer shares: mapping, generated ids, ISO timestamps, error outputs."""

from __future__ import annotations

import uuid
from abc import ABC, abstractmethod

from switchover_simulation.transformers.errors import MalformedDocument
from switchover_simulation.transformers.mapping import MappingConfig
from switchover_simulation.transformers.modern.document import SourceDocument, to_canonical
from switchover_simulation.transformers.types import Clock, JsonObject, JsonValue, system_clock

_MESSAGE_NAMESPACE = uuid.UUID("0d5f8c3e-7a41-5b9e-8c2d-4e6f7a8b9c0d")


class ModernTransformer(ABC):
    """A modern reference transformer: parses a payload into typed documents and maps them.

    Message ids are name-based UUIDs of the payload, so a replayed message keeps its id; the
    receive time comes from the injected clock.
    """

    def __init__(self, mapping: MappingConfig, clock: Clock = system_clock) -> None:
        self._mapping = mapping
        self._clock = clock

    def transform(self, payload: str) -> JsonObject:
        """Transforms one payload; a malformed payload yields a "rejected" output, never raises."""
        message_id = str(uuid.uuid5(_MESSAGE_NAMESPACE, payload))
        meta: JsonObject = {"message_id": message_id, "received_at": self._clock().isoformat()}
        try:
            documents = self.parse(payload)
        except MalformedDocument as error:
            return {
                "outcome": "rejected",
                "meta": meta,
                "error": {"kind": str(error.kind), "detail": error.detail},
            }
        mapped: list[JsonValue] = [
            to_canonical(doc, self._mapping, f"{message_id}/{index}")
            for index, doc in enumerate(documents)
        ]
        return {"outcome": "accepted", "meta": meta, "documents": mapped}

    @abstractmethod
    def parse(self, payload: str) -> list[SourceDocument]:
        """Parses the payload into documents; raises MalformedDocument when it cannot."""
