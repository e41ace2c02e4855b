"""Tests of idempotent requests on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from google.protobuf.duration_pb2 import Duration
from sqlalchemy import func, select

from switchover_kit import echo
from switchover_kit.clock import FakeClock
from switchover_kit.db import Database
from switchover_kit.errors import Aborted
from switchover_kit.idempotency import Idempotency, idempotency_keys, request_fingerprint

METHOD = "/kit.echo.v1.EchoService/Echo"
REQUEST_ID = "6f1c2d4e-3b5a-4c7d-9e8f-0a1b2c3d4e5f"


@pytest.fixture
def keys(database: Database) -> Idempotency:
    database.migrate_kit()
    return Idempotency()


def request(text: str, request_id: str = REQUEST_ID) -> Any:
    return echo.EchoRequest(text=text, request_id=request_id)


def stored_rows(database: Database) -> int:
    with database.session() as session:
        return int(session.execute(select(func.count()).select_from(idempotency_keys)).scalar_one())


def test_unknown_request_id_has_no_response(database: Database, keys: Idempotency) -> None:
    with database.session() as session:
        assert keys.lookup(session, METHOD, request("a"), echo.EchoResponse) is None


def test_same_id_and_content_returns_the_first_response(
    database: Database, keys: Idempotency
) -> None:
    with database.write_session() as session:
        keys.record(session, METHOD, request("a"), echo.EchoResponse(text="created"))
    with database.write_session() as session:
        replay = keys.lookup(session, METHOD, request("a"), echo.EchoResponse)
    assert replay == echo.EchoResponse(text="created")


def test_same_id_with_other_content_is_aborted(database: Database, keys: Idempotency) -> None:
    with database.write_session() as session:
        keys.record(session, METHOD, request("a"), echo.EchoResponse(text="created"))
    with pytest.raises(Aborted) as caught, database.write_session() as session:
        keys.lookup(session, METHOD, request("b"), echo.EchoResponse)
    assert caught.value.reason == "REQUEST_ID_REUSED"
    assert caught.value.metadata == {"request_id": REQUEST_ID}


def test_same_id_on_another_method_is_independent(database: Database, keys: Idempotency) -> None:
    with database.write_session() as session:
        keys.record(session, METHOD, request("a"), echo.EchoResponse(text="created"))
        assert keys.lookup(session, "/other/Method", request("b"), echo.EchoResponse) is None


def test_requests_without_request_id_are_not_stored(database: Database, keys: Idempotency) -> None:
    with database.write_session() as session:
        keys.record(session, METHOD, request("a", ""), echo.EchoResponse(text="created"))
        assert keys.lookup(session, METHOD, request("a", ""), echo.EchoResponse) is None
    assert stored_rows(database) == 0


def record_then_fail(database: Database, keys: Idempotency) -> None:
    with database.write_session() as session:
        keys.record(session, METHOD, request("a"), echo.EchoResponse(text="created"))
        raise RuntimeError("the mutation failed")


def test_response_rolls_back_with_the_transaction(database: Database, keys: Idempotency) -> None:
    with pytest.raises(RuntimeError, match="mutation failed"):
        record_then_fail(database, keys)
    assert stored_rows(database) == 0


def test_recording_an_id_twice_is_aborted(database: Database, keys: Idempotency) -> None:
    with database.write_session() as session:
        keys.record(session, METHOD, request("a"), echo.EchoResponse(text="first"))
    with pytest.raises(Aborted) as caught, database.write_session() as session:
        keys.record(session, METHOD, request("a"), echo.EchoResponse(text="second"))
    assert caught.value.reason == "REQUEST_IN_PROGRESS"


def test_purge_deletes_old_keys(database: Database) -> None:
    database.migrate_kit()
    clock = FakeClock(datetime(2025, 1, 1, tzinfo=UTC))
    keys = Idempotency(clock)
    with database.write_session() as session:
        keys.record(session, METHOD, request("a"), echo.EchoResponse())
        clock.advance(3600)
        keys.record(
            session,
            METHOD,
            request("b", "7f1c2d4e-3b5a-4c7d-9e8f-0a1b2c3d4e5f"),
            echo.EchoResponse(),
        )
    with database.write_session() as session:
        assert keys.purge(session, clock.now() - timedelta(minutes=30)) == 1
    assert stored_rows(database) == 1


def test_fingerprint_ignores_the_request_id() -> None:
    assert request_fingerprint(request("a", "1")) == request_fingerprint(request("a", "2"))


def test_fingerprint_depends_on_the_content() -> None:
    assert request_fingerprint(request("a")) != request_fingerprint(request("b"))


def test_fingerprint_of_a_message_without_request_id() -> None:
    assert request_fingerprint(Duration(seconds=1)) != request_fingerprint(Duration(seconds=2))
