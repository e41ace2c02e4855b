"""What every legacy transformer shares: its own control numbers, its stamp and its reject."""

from __future__ import annotations

import itertools
from abc import ABC, abstractmethod

from switchover_simulation.transformers.errors import MalformedDocument
from switchover_simulation.transformers.legacy.record import LegacyDocument, post
from switchover_simulation.transformers.types import Clock, JsonObject, JsonValue, system_clock


class LegacyTransformer(ABC):
    """A legacy reference transformer: reads a payload into ERP records and posts them.

    The ERP numbers every run and every posted document from its own sequence and stamps the run
    with its local YYMMDD HHMMSS clock; those are the noise the comparison's ignore rules remove.
    """

    def __init__(self, clock: Clock = system_clock, first_control_number: int = 1) -> None:
        self._clock = clock
        self._sequence = itertools.count(first_control_number)

    def transform(self, payload: str) -> JsonObject:
        """Transforms one payload; a malformed payload yields a REJECTED output, never raises."""
        meta: JsonObject = {
            "control_number": self._next_control_number(),
            "processed_at": self._clock().strftime("%y%m%d %H%M%S"),
        }
        try:
            documents = self.read(payload)
        except MalformedDocument as error:
            return {
                "outcome": "REJECTED",
                "meta": meta,
                "error": {"kind": error.kind.upper(), "detail": error.detail.upper()},
            }
        posted: list[JsonValue] = [post(doc, self._next_control_number()) for doc in documents]
        return {"outcome": "ACCEPTED", "meta": meta, "documents": posted}

    @abstractmethod
    def read(self, payload: str) -> list[LegacyDocument]:
        """Reads the payload into ERP records; raises MalformedDocument when it cannot."""

    def _next_control_number(self) -> str:
        return f"{next(self._sequence):09d}"
