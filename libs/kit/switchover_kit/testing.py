"""Helpers for everyone's tests: running servers, keys per role, PostgreSQL schemas.

Importable without pytest, so benchmarks and scripts can use it too.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from switchover_kit.auth import KeyStore, Role
from switchover_kit.config import DatabaseConfig, Settings
from switchover_kit.server import ServiceApp

DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def make_settings(tmp_path: Path, **overrides: Any) -> Settings:
    """Settings for a test: data in `tmp_path` and no drain delay on stop."""
    values: dict[str, Any] = {"data_dir": tmp_path, "drain_seconds": 0.0, **overrides}
    return Settings(**values)


@asynccontextmanager
async def running(app: ServiceApp, *, grace: float = 0.0) -> AsyncIterator[str]:
    """Starts `app` on 127.0.0.1 with an ephemeral port, yields its target, then stops it."""
    port = await app.start(host="127.0.0.1", port=0)
    try:
        yield f"127.0.0.1:{port}"
    finally:
        await app.stop(grace)


def make_keystore(tmp_path: Path) -> tuple[KeyStore, dict[Role, str]]:
    """A key store in `tmp_path` with one key per role; the principals are named after roles."""
    keystore = KeyStore(tmp_path / "api_keys.json")
    tokens = {role: keystore.create_key(role.name.lower(), role) for role in Role}
    return keystore, tokens


def bearer(token: str) -> tuple[tuple[str, str], ...]:
    """Call metadata that authenticates with `token`."""
    return (("authorization", f"Bearer {token}"),)


def postgres_url() -> str:
    """The test PostgreSQL: `SWITCHOVER_TEST_POSTGRES_URL`, else the local `test` database."""
    return os.environ.get("SWITCHOVER_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)


@contextmanager
def fresh_pg_schema() -> Iterator[DatabaseConfig]:
    """A new, empty schema in the test database, dropped with everything in it afterwards."""
    schema = f"test_{secrets.token_hex(6)}"
    engine = create_engine(postgres_url(), poolclass=NullPool)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        yield DatabaseConfig(postgres_url(), schema)
    finally:
        with engine.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        engine.dispose()
