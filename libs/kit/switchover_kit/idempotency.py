"""Idempotent mutations by `request_id` (AIP-155).

A mutating handler, inside the transaction that makes its change:

    with db.write_session() as session:
        if (done := keys.lookup(session, METHOD, request, CreateRunResponse)) is not None:
            return done
        response = ...  # the change
        keys.record(session, METHOD, request, response)

A retry with the same request id and the same content gets the first response and changes
nothing; the same id with other content is ABORTED / REQUEST_ID_REUSED. The response and the
change commit together, so a crash never leaves one without the other.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any, TypeVar, cast

from google.protobuf.message import Message
from sqlalchemy import Column, CursorResult, LargeBinary, MetaData, String, Table, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from switchover_kit.clock import Clock, SystemClock
from switchover_kit.db import UtcDateTime
from switchover_kit.errors import Aborted

M = TypeVar("M", bound=Message)

metadata = MetaData()

idempotency_keys = Table(
    "kit_idempotency_keys",
    metadata,
    Column("method", String(300), primary_key=True),
    Column("request_id", String(64), primary_key=True),
    Column("request_hash", String(64), nullable=False),
    Column("response_type", String(300), nullable=False),
    Column("response", LargeBinary(), nullable=False),
    Column("create_time", UtcDateTime(), nullable=False, index=True),
)
"""The kit's table, created by `Database.migrate_kit()`."""


def request_fingerprint(request: Message) -> str:
    """Hashes a request's content, leaving out its `request_id`."""
    content = type(request)()
    content.CopyFrom(request)
    if "request_id" in content.DESCRIPTOR.fields_by_name:
        content.ClearField("request_id")
    return hashlib.sha256(content.SerializeToString(deterministic=True)).hexdigest()


def _request_id(request: Message) -> str:
    return str(getattr(request, "request_id", ""))


class Idempotency:
    """Stores and replays responses of mutating requests, keyed by (method, request id)."""

    def __init__(self, clock: Clock | None = None) -> None:
        self._clock: Clock = clock or SystemClock()

    def lookup(
        self, session: Session, method: str, request: Message, response_cls: type[M]
    ) -> M | None:
        """Returns the stored response of an earlier identical request, or None.

        `method` is any stable name of the RPC, such as its full gRPC name.
        """
        request_id = _request_id(request)
        if not request_id:
            return None
        row = session.execute(
            select(idempotency_keys.c.request_hash, idempotency_keys.c.response).where(
                idempotency_keys.c.method == method,
                idempotency_keys.c.request_id == request_id,
            )
        ).first()
        if row is None:
            return None
        if row.request_hash != request_fingerprint(request):
            raise Aborted(
                "REQUEST_ID_REUSED",
                f"request_id {request_id} was already used for a different request",
                {"request_id": request_id},
            )
        return response_cls.FromString(row.response)

    def record(self, session: Session, method: str, request: Message, response: Message) -> None:
        """Stores `response` as the answer to `request` (nothing to do without a request id)."""
        request_id = _request_id(request)
        if not request_id:
            return
        try:
            session.execute(
                idempotency_keys.insert().values(
                    method=method,
                    request_id=request_id,
                    request_hash=request_fingerprint(request),
                    response_type=response.DESCRIPTOR.full_name,
                    response=response.SerializeToString(deterministic=True),
                    create_time=self._clock.now(),
                )
            )
        except IntegrityError as exc:
            # Another transaction recorded the same request id first (PostgreSQL lets two run
            # side by side); this one must roll back, and a retry will replay the winner.
            raise Aborted(
                "REQUEST_IN_PROGRESS",
                f"request_id {request_id} was processed concurrently; retry to get its result",
                {"request_id": request_id},
            ) from exc

    def purge(self, session: Session, before: datetime) -> int:
        """Deletes keys recorded before `before`; returns how many."""
        result = session.execute(
            delete(idempotency_keys).where(idempotency_keys.c.create_time < before)
        )
        return int(cast(CursorResult[Any], result).rowcount)
