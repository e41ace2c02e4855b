"""Tests of Database on SQLite and PostgreSQL: settings, transactions, threads, migrations."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, inspect, select, text
from sqlalchemy.orm import Session

from switchover_kit import context
from switchover_kit.config import DatabaseConfig
from switchover_kit.db import KIT_MIGRATIONS, Database, UtcDateTime
from switchover_kit.testing import fresh_pg_schema, postgres_url

metadata = MetaData()
counters = Table(
    "counters", metadata, Column("id", Integer, primary_key=True), Column("n", Integer)
)
stamps = Table(
    "stamps", metadata, Column("id", Integer, primary_key=True), Column("at", UtcDateTime())
)


@pytest.fixture
def sqlite_file(tmp_path: Path) -> Path:
    return tmp_path / "nested" / "svc.db"


@pytest.fixture
def sqlite_db(sqlite_file: Path) -> Iterator[Database]:
    db = Database(DatabaseConfig(f"sqlite:///{sqlite_file}"), service="svc")
    metadata.create_all(db.engine)
    yield db
    db.dispose()


def locked_out(path: Path) -> bool:
    """Tells whether another connection is kept from writing to the SQLite file right now."""
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        other.close()


def test_sqlite_creates_the_folder(sqlite_db: Database, sqlite_file: Path) -> None:
    assert sqlite_file.parent.is_dir()
    assert sqlite_db.is_sqlite
    assert not sqlite_db.is_postgres


def test_sqlite_connection_settings(sqlite_db: Database) -> None:
    with sqlite_db.session() as session:
        pragmas = [
            session.execute(text(f"PRAGMA {name}")).scalar_one()
            for name in ("journal_mode", "foreign_keys", "busy_timeout")
        ]
    assert pragmas == ["wal", 1, 30000]


def test_session_commits_on_success(sqlite_db: Database) -> None:
    with sqlite_db.session() as session:
        session.execute(counters.insert().values(id=1, n=1))
    with sqlite_db.session() as session:
        assert session.execute(select(counters.c.n)).scalar_one() == 1


def insert_then_fail(db: Database) -> None:
    with db.session() as session:
        session.execute(counters.insert().values(id=1, n=1))
        raise RuntimeError("abandon")


def test_session_rolls_back_on_error(sqlite_db: Database) -> None:
    with pytest.raises(RuntimeError, match="abandon"):
        insert_then_fail(sqlite_db)
    with sqlite_db.session() as session:
        assert session.execute(select(counters)).first() is None


def test_read_session_does_not_take_the_write_lock(sqlite_db: Database, sqlite_file: Path) -> None:
    with sqlite_db.session() as session:
        session.execute(select(counters)).all()
        assert not locked_out(sqlite_file)


def test_write_session_takes_the_write_lock_before_reading(
    sqlite_db: Database, sqlite_file: Path
) -> None:
    with sqlite_db.write_session() as session:
        session.execute(select(counters)).all()
        assert locked_out(sqlite_file)
    assert not locked_out(sqlite_file)


def test_write_sessions_of_two_engines_run_one_after_the_other(sqlite_file: Path) -> None:
    first = Database(DatabaseConfig(f"sqlite:///{sqlite_file}"), service="a")
    second = Database(DatabaseConfig(f"sqlite:///{sqlite_file}"), service="b")
    metadata.create_all(first.engine)
    with first.session() as session:
        session.execute(counters.insert().values(id=1, n=0))

    def increment(db: Database, entered: threading.Event | None) -> None:
        with db.write_session() as session:
            n = session.execute(select(counters.c.n)).scalar_one()
            if entered is not None:
                entered.set()
                threading.Event().wait(0.2)  # hold the lock while the other one tries
            session.execute(counters.update().values(n=n + 1))

    entered = threading.Event()
    holder = threading.Thread(target=increment, args=(first, entered))
    holder.start()
    entered.wait(5)
    increment(second, None)
    holder.join(5)
    with first.session() as session:
        assert session.execute(select(counters.c.n)).scalar_one() == 2
    first.dispose()
    second.dispose()


async def test_run_uses_the_database_thread(sqlite_db: Database) -> None:
    def thread_name(session: Session) -> str:
        return threading.current_thread().name

    assert (await sqlite_db.run(thread_name)).startswith("db-svc")


async def test_run_commits_and_returns(sqlite_db: Database) -> None:
    await sqlite_db.run(lambda s: s.execute(counters.insert().values(id=1, n=5)))
    assert await sqlite_db.run(lambda s: s.execute(select(counters.c.n)).scalar_one()) == 5


async def test_run_carries_the_request_context(sqlite_db: Database) -> None:
    with context.bind(request_id="req-db"):
        seen = await sqlite_db.run(lambda s: context.request_id())
    assert seen == "req-db"


async def test_run_write_takes_the_write_lock(sqlite_db: Database, sqlite_file: Path) -> None:
    assert await sqlite_db.run(lambda s: locked_out(sqlite_file), write=True)
    assert not await sqlite_db.run(lambda s: locked_out(sqlite_file))


def test_in_memory_sqlite_needs_no_folder() -> None:
    db = Database(DatabaseConfig("sqlite://"), service="svc")
    with db.session() as session:
        assert session.execute(text("SELECT 1")).scalar_one() == 1
    db.dispose()


def test_unsupported_database_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported database 'mysql'"):
        Database(DatabaseConfig("mysql://db/x"), service="svc")


def test_migrate_kit_creates_the_kit_tables(database: Database) -> None:
    database.migrate_kit()
    database.migrate_kit()  # a second start finds nothing to do
    tables = set(inspect(database.engine).get_table_names())
    assert {"kit_idempotency_keys", "alembic_version_kit"} <= tables


def test_service_migrations_keep_their_own_version_table(
    database: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "svc_migrations"
    (folder / "versions").mkdir(parents=True)
    shutil.copy(KIT_MIGRATIONS / "env.py", folder / "env.py")
    (folder / "versions" / "svc_0001.py").write_text(
        "import sqlalchemy as sa\n"
        "from alembic import op\n"
        "revision = 'svc_0001'\n"
        "down_revision = None\n"
        "def upgrade():\n"
        "    op.create_table('widgets', sa.Column('id', sa.Integer, primary_key=True))\n"
    )
    database.migrate_kit()
    database.migrate(folder, "alembic_version_svc")
    with database.session() as session:
        versions = [
            session.execute(text(f"SELECT version_num FROM {table}")).scalar_one()
            for table in ("alembic_version_kit", "alembic_version_svc")
        ]
    assert versions == ["kit_0001", "svc_0001"]
    assert "widgets" in inspect(database.engine).get_table_names()


def test_utc_datetime_comes_back_aware_in_utc(database: Database) -> None:
    metadata.create_all(database.engine)
    local = datetime(2025, 5, 1, 14, 30, tzinfo=timezone(timedelta(hours=2)))
    with database.session() as session:
        session.execute(stamps.insert().values(id=1, at=local))
        session.execute(stamps.insert().values(id=2, at=None))
    with database.session() as session:
        values = session.execute(select(stamps.c.at).order_by(stamps.c.id)).scalars().all()
    assert values == [datetime(2025, 5, 1, 12, 30, tzinfo=UTC), None]
    assert values[0] is not None
    assert values[0].tzinfo == UTC


def test_utc_datetime_refuses_naive_values(database: Database) -> None:
    metadata.create_all(database.engine)
    with pytest.raises(Exception, match="naive"), database.session() as session:
        session.execute(stamps.insert().values(id=1, at=datetime(2025, 5, 1)))


def test_utc_datetimes_compare_in_sql(database: Database) -> None:
    metadata.create_all(database.engine)
    base = datetime(2025, 5, 1, tzinfo=UTC)
    with database.session() as session:
        for i in range(3):
            session.execute(stamps.insert().values(id=i, at=base + timedelta(hours=i)))
    with database.session() as session:
        later = session.execute(
            select(stamps.c.id).where(stamps.c.at > base + timedelta(minutes=30))
        ).scalars()
        assert sorted(later) == [1, 2]


@pytest.mark.postgres
def test_postgres_creates_a_missing_schema_and_uses_it() -> None:
    with fresh_pg_schema() as existing:
        schema = f"{existing.schema}_new"
        db = Database(DatabaseConfig(postgres_url(), schema), service="svc")
        try:
            assert db.is_postgres
            assert not db.is_sqlite
            metadata.create_all(db.engine)
            assert "counters" in inspect(db.engine).get_table_names(schema=schema)
            with db.session() as session:
                assert session.execute(text("SELECT current_schema()")).scalar_one() == schema
        finally:
            with db.engine.begin() as connection:
                connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
            db.dispose()


@pytest.mark.postgres
def test_postgres_without_schema_uses_the_default_search_path() -> None:
    db = Database(DatabaseConfig(postgres_url()), service="svc")
    with db.session() as session:
        assert session.execute(text("SELECT current_schema()")).scalar_one() == "public"
    db.dispose()


@pytest.mark.postgres
def test_postgres_schema_name_must_be_an_identifier() -> None:
    with pytest.raises(ValueError, match="identifier"):
        Database(DatabaseConfig(postgres_url(), "bad; drop"), service="svc")


@pytest.mark.postgres
def test_postgres_migrations_land_in_the_schema() -> None:
    with fresh_pg_schema() as config:
        db = Database(config, service="svc")
        db.migrate_kit()
        tables = inspect(db.engine).get_table_names(schema=config.schema)
        db.dispose()
    assert {"kit_idempotency_keys", "alembic_version_kit"} <= set(tables)
