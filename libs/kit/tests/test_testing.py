"""Tests of the helpers other engineers' tests rely on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import grpc
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from switchover_kit import echo
from switchover_kit.auth import KeyStore, Principal, Role
from switchover_kit.server import ServiceApp
from switchover_kit.testing import (
    DEFAULT_POSTGRES_URL,
    bearer,
    fresh_pg_schema,
    make_keystore,
    make_settings,
    postgres_url,
    running,
)


def test_make_keystore_gives_a_token_per_role(tmp_path: Path) -> None:
    keystore, tokens = make_keystore(tmp_path)
    assert set(tokens) == set(Role)
    assert keystore.authenticate(tokens[Role.APPROVER]) == Principal("approver", Role.APPROVER)


def test_make_settings_uses_the_folder_and_skips_draining(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, log_level="DEBUG")
    assert (settings.data_dir, settings.drain_seconds, settings.log_level) == (
        tmp_path,
        0.0,
        "DEBUG",
    )


def test_bearer_builds_authorization_metadata() -> None:
    assert bearer("so_a_b") == (("authorization", "Bearer so_a_b"),)


def test_postgres_url_defaults_to_the_local_test_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SWITCHOVER_TEST_POSTGRES_URL", raising=False)
    assert (
        postgres_url()
        == DEFAULT_POSTGRES_URL
        == "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    )


def test_postgres_url_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SWITCHOVER_TEST_POSTGRES_URL", "postgresql+psycopg://elsewhere/db")
    assert postgres_url() == "postgresql+psycopg://elsewhere/db"


def schema_exists(name: str) -> bool:
    engine = create_engine(postgres_url(), poolclass=NullPool)
    with engine.connect() as connection:
        found = connection.execute(
            text("SELECT 1 FROM information_schema.schemata WHERE schema_name = :n"), {"n": name}
        ).first()
    engine.dispose()
    return found is not None


@pytest.mark.postgres
def test_fresh_pg_schema_exists_inside_and_is_dropped_after() -> None:
    with fresh_pg_schema() as config:
        assert config.url == postgres_url()
        assert config.schema is not None
        assert schema_exists(config.schema)
    assert not schema_exists(config.schema)


class Servicer(echo.EchoServicer):
    async def Echo(self, request: Any, servicer_context: Any) -> Any:
        return echo.EchoResponse(text=request.text)


async def test_running_serves_on_an_ephemeral_loopback_port_then_stops(
    tmp_path: Path, keystore: KeyStore, tokens: dict[Role, str]
) -> None:
    app = ServiceApp("risk", make_settings(tmp_path), keystore)
    app.add_servicer(echo.add_echo_servicer_to_server, Servicer(), echo.SERVICE)
    async with running(app) as target:
        assert target == f"127.0.0.1:{app.port}"
        assert app.port != 50052
        async with grpc.aio.insecure_channel(target) as channel:
            response = await echo.EchoStub(channel).Echo(
                echo.EchoRequest(text="up"), metadata=bearer(tokens[Role.OPERATOR])
            )
    assert response.text == "up"
    await app.wait_for_termination()


async def test_methods_a_servicer_leaves_out_are_unimplemented(
    tmp_path: Path, keystore: KeyStore, tokens: dict[Role, str]
) -> None:
    app = ServiceApp("risk", make_settings(tmp_path), keystore)
    app.add_servicer(echo.add_echo_servicer_to_server, Servicer(), echo.SERVICE)
    async with running(app) as target, grpc.aio.insecure_channel(target) as channel:
        call = echo.EchoStub(channel).Collect(iter([]), metadata=bearer(tokens[Role.ADMIN]))
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await call
    assert caught.value.code() == grpc.StatusCode.UNIMPLEMENTED
