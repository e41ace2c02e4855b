"""Fixtures shared by the kit's tests: settings, keys per role, and databases of both kinds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from switchover_kit.auth import KeyStore, Role
from switchover_kit.config import DatabaseConfig, Settings
from switchover_kit.db import Database
from switchover_kit.testing import fresh_pg_schema, make_keystore, make_settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings with data in tmp_path and no drain delay."""
    return make_settings(tmp_path)


@pytest.fixture
def keys(tmp_path: Path) -> tuple[KeyStore, dict[Role, str]]:
    """A key store with one key per role."""
    return make_keystore(tmp_path)


@pytest.fixture
def keystore(keys: tuple[KeyStore, dict[Role, str]]) -> KeyStore:
    """The key store of `keys`."""
    return keys[0]


@pytest.fixture
def tokens(keys: tuple[KeyStore, dict[Role, str]]) -> dict[Role, str]:
    """A token per role, from `keys`."""
    return keys[1]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_config(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DatabaseConfig]:
    """A SQLite file, then a fresh schema in the local PostgreSQL."""
    if request.param == "sqlite":
        yield DatabaseConfig(f"sqlite:///{tmp_path / 'data' / 'kit.db'}")
        return
    with fresh_pg_schema() as config:
        yield config


@pytest.fixture
def database(database_config: DatabaseConfig) -> Iterator[Database]:
    """A Database on `database_config`, disposed afterwards."""
    db = Database(database_config, service="kit")
    yield db
    db.dispose()
