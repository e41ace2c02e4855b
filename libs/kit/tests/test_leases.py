"""Tests of row leases on SQLite (BEGIN IMMEDIATE) and PostgreSQL (SKIP LOCKED)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import String, true
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from switchover_kit.config import DatabaseConfig
from switchover_kit.db import Database
from switchover_kit.leases import LeaseMixin, claim, fenced_update, release, renew
from switchover_kit.testing import fresh_pg_schema

NOW = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)


class Base(DeclarativeBase):
    pass


class Step(LeaseMixin, Base):
    __tablename__ = "steps"

    id: Mapped[str] = mapped_column(String(20), primary_key=True)
    state: Mapped[str] = mapped_column(String(20), default="pending")
    rank: Mapped[int] = mapped_column(default=0)


class Pair(LeaseMixin, Base):
    __tablename__ = "pairs"

    left: Mapped[str] = mapped_column(String(5), primary_key=True)
    right: Mapped[str] = mapped_column(String(5), primary_key=True)


@pytest.fixture
def db(database: Database) -> Database:
    Base.metadata.create_all(database.engine)
    with database.session() as session:
        session.add_all(Step(id=f"s{i:02d}", rank=-i) for i in range(10))
    return database


def take(db: Database, owner: str, limit: int = 3, now: datetime = NOW) -> list[tuple[str, int]]:
    with db.write_session() as session:
        rows = claim(
            session,
            Step,
            where=Step.state == "pending",
            owner=owner,
            lease_seconds=60,
            now=now,
            limit=limit,
        )
        return [(row.id, row.fencing_token) for row in rows]


def test_claim_takes_free_rows_in_key_order(db: Database) -> None:
    assert take(db, "w1") == [("s00", 1), ("s01", 1), ("s02", 1)]


def test_claim_sets_owner_and_expiry(db: Database) -> None:
    take(db, "w1", limit=1)
    with db.session() as session:
        step = session.get(Step, "s00")
        assert step is not None
        assert (step.lease_owner, step.lease_expires_time) == ("w1", NOW + timedelta(seconds=60))


def test_claimed_rows_are_not_claimed_again_while_leased(db: Database) -> None:
    first = {row for row, _ in take(db, "w1", limit=5)}
    second = {row for row, _ in take(db, "w2", limit=10, now=NOW + timedelta(seconds=59))}
    assert first.isdisjoint(second)
    assert len(first | second) == 10


def test_expired_lease_is_reclaimed_with_a_new_token(db: Database) -> None:
    take(db, "w1", limit=1)
    assert take(db, "w2", limit=1, now=NOW + timedelta(seconds=60)) == [("s00", 2)]


def test_claim_respects_where_and_order_by(db: Database) -> None:
    with db.write_session() as session:
        session.get(Step, "s09").state = "done"  # type: ignore[union-attr]
        rows = claim(
            session,
            Step,
            where=Step.state == "pending",
            owner="w",
            lease_seconds=1,
            now=NOW,
            limit=2,
            order_by=[Step.rank],
        )
        assert [row.id for row in rows] == ["s08", "s07"]


def test_stale_fencing_token_is_rejected(db: Database) -> None:
    take(db, "w1", limit=1)
    take(db, "w2", limit=1, now=NOW + timedelta(minutes=2))
    with db.write_session() as session:
        assert not fenced_update(session, Step, "s00", 1, {"state": "done"})
        assert fenced_update(session, Step, "s00", 2, {"state": "done"})
    with db.session() as session:
        assert session.get(Step, "s00").state == "done"  # type: ignore[union-attr]


def test_renew_extends_a_held_lease(db: Database) -> None:
    take(db, "w1", limit=1)
    later = NOW + timedelta(minutes=5)
    with db.write_session() as session:
        assert renew(session, Step, "s00", 1, "w1", later)
    with db.session() as session:
        assert session.get(Step, "s00").lease_expires_time == later  # type: ignore[union-attr]


def test_renew_fails_for_another_owner_or_token(db: Database) -> None:
    take(db, "w1", limit=1)
    with db.write_session() as session:
        assert not renew(session, Step, "s00", 1, "w2", NOW)
        assert not renew(session, Step, "s00", 7, "w1", NOW)


def test_release_frees_the_row_at_once(db: Database) -> None:
    take(db, "w1", limit=1)
    with db.write_session() as session:
        assert release(session, Step, "s00", 1)
    assert take(db, "w2", limit=1) == [("s00", 2)]


def test_release_with_a_stale_token_does_nothing(db: Database) -> None:
    take(db, "w1", limit=1)
    with db.write_session() as session:
        assert not release(session, Step, "s00", 0)


def test_composite_primary_keys_are_refused(db: Database) -> None:
    with pytest.raises(ValueError, match="single-column primary key"), db.session() as session:
        claim(session, Pair, where=true(), owner="w", lease_seconds=1, now=NOW, limit=1)


def claim_until_empty(config: DatabaseConfig, owner: str, got: list[str]) -> None:
    """One worker with its own engine, claiming one row at a time until none is left."""
    worker_db = Database(config, service=owner)
    try:
        while claimed := take(worker_db, owner, limit=1):
            got.extend(row for row, _ in claimed)
    finally:
        worker_db.dispose()


def test_concurrent_claimers_never_share_a_row(
    db: Database, database_config: DatabaseConfig
) -> None:
    results: dict[str, list[str]] = {"a": [], "b": [], "c": []}
    workers = [
        threading.Thread(target=claim_until_empty, args=(database_config, owner, got))
        for owner, got in results.items()
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)
    everything = [row for got in results.values() for row in got]
    assert sorted(everything) == [f"s{i:02d}" for i in range(10)]


@pytest.fixture
def pg_db() -> Iterator[Database]:
    with fresh_pg_schema() as config:
        database = Database(config, service="kit")
        Base.metadata.create_all(database.engine)
        with database.session() as session:
            session.add_all(Step(id=f"s{i:02d}") for i in range(6))
        yield database
        database.dispose()


@pytest.mark.postgres
def test_postgres_claimers_skip_rows_locked_by_an_open_claim(pg_db: Database) -> None:
    with pg_db.write_session() as holding:
        held = claim(holding, Step, where=true(), owner="w1", lease_seconds=60, now=NOW, limit=2)
        # w1 has not committed: its rows are still free on disk, but locked.
        others = take(pg_db, "w2", limit=10)
        assert [row.id for row in held] == ["s00", "s01"]
    assert [row for row, _ in others] == ["s02", "s03", "s04", "s05"]


@pytest.mark.postgres
def test_postgres_claim_sees_tokens_changed_since_the_row_was_loaded(pg_db: Database) -> None:
    with pg_db.write_session() as session:
        loaded = session.get(Step, "s00")
        assert loaded is not None
        assert loaded.fencing_token == 0
        take(pg_db, "other", limit=1)  # commits fencing token 1 from another connection
        rows = claim(
            session,
            Step,
            where=true(),
            owner="w",
            lease_seconds=1,
            now=NOW + timedelta(minutes=5),
            limit=1,
        )
        assert (rows[0] is loaded, rows[0].fencing_token) == (True, 2)
