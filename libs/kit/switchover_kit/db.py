"""Persistence for every service: SQLAlchemy 2 on SQLite (default) or PostgreSQL.

SQLite runs in WAL mode with foreign keys on and a 30 s busy timeout, and the kit takes over
transaction control from pysqlite (SQLAlchemy's "Serializable isolation / Savepoints /
Transactional DDL" recipe) so that `write_session` can start with `BEGIN IMMEDIATE`: a
read-then-write is then atomic across processes. On PostgreSQL a service may live in its own
schema of a shared database. `run` keeps the event loop free by running database work on a
small thread pool.
"""

from __future__ import annotations

import asyncio
import contextvars
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import DateTime, Engine, create_engine, event, text
from sqlalchemy.engine import Connection, Dialect, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.types import TypeDecorator

from switchover_kit.config import DatabaseConfig

T = TypeVar("T")

KIT_MIGRATIONS = Path(__file__).parent / "migrations"
KIT_VERSION_TABLE = "alembic_version_kit"
SQLITE_BUSY_TIMEOUT_MS = 30_000
_SCHEMA = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
# Execution option naming the statement that opens a transaction on SQLite.
_SQLITE_BEGIN = "switchover_sqlite_begin"


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on every backend.

    SQLite has no time zones: values are stored as UTC wall time (so they still sort and
    compare correctly) and come back as aware UTC datetimes. Naive datetimes are refused.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Converts to UTC (naive on SQLite) before storing."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous; pass a timezone-aware one")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Returns an aware UTC datetime."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _sqlite_engine(url: str) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    # Connections move between the event loop thread and the database thread pool, one user
    # at a time, which the pool guarantees; sqlite3's same-thread check would refuse that.
    engine = create_engine(url, connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Stop pysqlite from issuing BEGIN itself (late, and never before a SELECT): the
        # "begin" listener below issues it, so reads and writes share one transaction.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql(connection.get_execution_options().get(_SQLITE_BEGIN, "BEGIN"))

    return engine


def _postgres_engine(url: str, schema: str | None) -> Engine:
    if schema is None:
        return create_engine(url, pool_pre_ping=True)
    if not _SCHEMA.match(schema):
        raise ValueError(f"schema {schema!r} must be a lowercase SQL identifier")
    engine = create_engine(
        url, pool_pre_ping=True, connect_args={"options": f"-c search_path={schema}"}
    )
    with engine.begin() as connection:
        # Replicas starting together would race on CREATE SCHEMA IF NOT EXISTS.
        connection.execute(text("SELECT pg_advisory_xact_lock(hashtext(:s))"), {"s": schema})
        connection.exec_driver_sql(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
    return engine


class Database:
    """A service's database: engine, sessions, a thread pool and migrations."""

    def __init__(self, config: DatabaseConfig, *, service: str) -> None:
        self.config = config
        self.service = service
        backend = make_url(config.url).get_backend_name()
        if backend == "sqlite":
            self.engine = _sqlite_engine(config.url)
        elif backend == "postgresql":
            self.engine = _postgres_engine(config.url, config.schema)
        else:
            raise ValueError(f"unsupported database {backend!r}: use sqlite or postgresql")
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = self.engine.execution_options(**{_SQLITE_BEGIN: "BEGIN IMMEDIATE"})
        self._write_sessions = sessionmaker(self._writer, expire_on_commit=False)
        # SQLite has one writer at a time anyway; more threads would only queue on its lock.
        self._executor = ThreadPoolExecutor(
            max_workers=1 if self.is_sqlite else 4, thread_name_prefix=f"db-{service}"
        )

    @property
    def is_sqlite(self) -> bool:
        """Tells whether this is a SQLite database."""
        return self.engine.dialect.name == "sqlite"

    @property
    def is_postgres(self) -> bool:
        """Tells whether this is a PostgreSQL database."""
        return self.engine.dialect.name == "postgresql"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in a transaction: committed on exit, rolled back on error."""
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def write_session(self) -> Iterator[Session]:
        """Like `session`, but on SQLite takes the write lock first (`BEGIN IMMEDIATE`).

        Use it whenever the transaction reads and then writes based on what it read, so no
        other process can write in between.
        """
        with self._write_sessions.begin() as session:
            # Connecting begins the transaction, so the lock is held from here on.
            session.connection()
            yield session

    def _call(self, fn: Callable[[Session], T], write: bool) -> T:
        with self.write_session() if write else self.session() as session:
            return fn(session)

    async def run(self, fn: Callable[[Session], T], *, write: bool = False) -> T:
        """Runs `fn` in a session on the database thread pool and returns its result."""
        loop = asyncio.get_running_loop()
        # Carry the request context over so log lines from `fn` keep their request id.
        call_context = contextvars.copy_context()
        return await loop.run_in_executor(self._executor, call_context.run, self._call, fn, write)

    def migrate(self, script_location: str | Path, version_table: str) -> None:
        """Upgrades to the newest revision in `script_location`, tracked in `version_table`.

        The migrations' env.py gets the connection from `config.attributes["connection"]` (see
        `switchover_kit/migrations/env.py`). Concurrent migrators wait for each other.
        """
        config = AlembicConfig()
        # Alembic's config is a ConfigParser: a literal % must be doubled.
        config.set_main_option("script_location", str(script_location).replace("%", "%%"))
        with self._writer.begin() as connection:
            if self.is_postgres:
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
                    {"key": f"switchover-migrate-{self.config.schema or ''}"},
                )
            config.attributes["connection"] = connection
            config.attributes["version_table"] = version_table
            command.upgrade(config, "head")

    def migrate_kit(self) -> None:
        """Creates or upgrades the kit's own tables (idempotency keys)."""
        self.migrate(KIT_MIGRATIONS, KIT_VERSION_TABLE)

    def dispose(self) -> None:
        """Waits for running work, then closes every connection."""
        self._executor.shutdown(wait=True)
        self.engine.dispose()


__all__ = ["Database", "DatabaseConfig", "UtcDateTime"]
