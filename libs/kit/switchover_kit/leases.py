"""Row leases with fencing tokens: how replicas share durable work (DESIGN.md §6).

A worker claims rows (steps, deliveries, cutover steps) for a while; each claim increments the
row's fencing token, and a completion is accepted only with the current token, so a worker
whose lease expired and was taken over cannot overwrite the new owner's work.

On PostgreSQL, `claim` locks rows with `FOR UPDATE SKIP LOCKED`, so claimers pass each other.
On SQLite, call it inside `Database.write_session()`: `BEGIN IMMEDIATE` lets one claimer in at a
time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, TypeVar, cast

from sqlalchemy import ColumnElement, CursorResult, String, or_, select, text, update
from sqlalchemy.orm import InstrumentedAttribute, Mapped, Session, class_mapper, mapped_column

from switchover_kit.db import UtcDateTime


class LeaseMixin:
    """Columns of a leasable row; mix into a declarative model with a one-column primary key."""

    lease_owner: Mapped[str | None] = mapped_column(String(200), default=None)
    """Who holds the lease (a worker id), or None when free."""
    lease_expires_time: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    """When the lease runs out and the row may be claimed again."""
    fencing_token: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    """Incremented at each claim; writes must present the current value."""


L = TypeVar("L", bound=LeaseMixin)


def _primary_key(model: type[LeaseMixin]) -> InstrumentedAttribute[Any]:
    mapper = class_mapper(model)
    if len(mapper.primary_key) != 1:
        raise ValueError(f"{model.__name__} needs a single-column primary key to be leased")
    attribute = mapper.get_property_by_column(mapper.primary_key[0]).key
    return cast(InstrumentedAttribute[Any], getattr(model, attribute))


def _rowcount(result: Any) -> int:
    return int(cast(CursorResult[Any], result).rowcount)


def claim(
    session: Session,
    model: type[L],
    *,
    where: ColumnElement[bool],
    owner: str,
    lease_seconds: float,
    now: datetime,
    limit: int,
    order_by: Sequence[Any] = (),
) -> list[L]:
    """Leases up to `limit` rows matching `where` that are free or whose lease expired.

    Rows come in `order_by` order (default: primary key) with owner, expiry and a new fencing
    token set and flushed; the caller's commit makes the claim durable.
    """
    free = or_(
        model.lease_owner.is_(None),
        model.lease_expires_time.is_(None),
        model.lease_expires_time <= now,
    )
    statement = (
        select(model)
        .where(where, free)
        .order_by(*(order_by or [_primary_key(model)]))
        .limit(limit)
        .with_for_update(skip_locked=True)
        # Rows already in the session must show the values just read, fencing token included.
        .execution_options(populate_existing=True)
    )
    rows = list(session.scalars(statement))
    expires = now + timedelta(seconds=lease_seconds)
    for row in rows:
        row.lease_owner = owner
        row.lease_expires_time = expires
        row.fencing_token += 1
    session.flush()
    return rows


def renew(
    session: Session, model: type[LeaseMixin], id: Any, token: int, owner: str, until: datetime
) -> bool:
    """Extends a lease still held by `owner` with `token`; False when it was lost."""
    result = session.execute(
        update(model)
        .where(_primary_key(model) == id, model.fencing_token == token, model.lease_owner == owner)
        .values(lease_expires_time=until)
    )
    return _rowcount(result) == 1


def fenced_update(
    session: Session, model: type[LeaseMixin], id: Any, token: int, values: dict[str, Any]
) -> bool:
    """Applies `values` only if `token` is still the row's fencing token; False when stale."""
    result = session.execute(
        update(model)
        .where(_primary_key(model) == id, model.fencing_token == token)
        .values(**values)
    )
    return _rowcount(result) == 1


def release(session: Session, model: type[LeaseMixin], id: Any, token: int) -> bool:
    """Frees a lease held with `token`, so the row can be claimed at once; False when stale."""
    return fenced_update(
        session, model, id, token, {"lease_owner": None, "lease_expires_time": None}
    )
