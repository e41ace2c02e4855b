"""Tests of `connect`: credentials, request id, actor and deadline travel with every call."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import grpc
import pytest

from switchover_kit import context, echo
from switchover_kit.auth import KeyStore, Role
from switchover_kit.client import DEADLINE_MARGIN_SECONDS, connect, load_service_config
from switchover_kit.config import Settings
from switchover_kit.errors import Unavailable
from switchover_kit.server import ServiceApp
from switchover_kit.testing import bearer, running


class Downstream:
    """Reports what the kit told it about the call."""

    def __init__(self) -> None:
        self.attempts = 0

    async def Echo(self, request: Any, servicer_context: Any) -> Any:
        self.attempts += 1
        if request.text == "flaky" and self.attempts == 1:
            raise Unavailable()
        return echo.EchoResponse(
            text=request.text,
            request_id=context.request_id(),
            actor=context.actor(),
            time_remaining=context.time_remaining() or -1.0,
        )

    async def Expand(self, request: Any, servicer_context: Any) -> AsyncIterator[Any]:
        yield echo.EchoResponse(text=context.actor())

    async def Collect(self, requests: Any, servicer_context: Any) -> Any:
        return echo.EchoResponse(text="".join([r.text async for r in requests]))

    async def Chat(self, requests: Any, servicer_context: Any) -> AsyncIterator[Any]:
        async for request in requests:
            yield echo.EchoResponse(text=request.text)

    async def Undeclared(self, request: Any, servicer_context: Any) -> Any:
        return echo.EchoResponse()


class Forwarder(Downstream):
    """Passes every Echo on to a downstream service, as a service."""

    def __init__(self, target: str, token: str) -> None:
        super().__init__()
        self.target = target
        self.token = token

    async def Echo(self, request: Any, servicer_context: Any) -> Any:
        async with connect(self.target, "echo", self.token) as channel:
            return await echo.EchoStub(channel).Echo(request)


def make_app(settings: Settings, keystore: KeyStore, servicer: Any) -> ServiceApp:
    app = ServiceApp("echo", settings, keystore, port=0)
    app.add_servicer(echo.add_echo_servicer_to_server, servicer, echo.SERVICE)
    return app


@pytest.fixture
async def downstream(settings: Settings, keystore: KeyStore) -> AsyncIterator[str]:
    async with running(make_app(settings, keystore, Downstream())) as target:
        yield target


@pytest.fixture
async def front(settings: Settings, keystore: KeyStore, downstream: str) -> AsyncIterator[str]:
    service_token = keystore.create_key("front", Role.VIEWER, service=True)
    async with running(make_app(settings, keystore, Forwarder(downstream, service_token))) as t:
        yield t


async def test_connect_authenticates_with_the_token(
    downstream: str, tokens: dict[Role, str]
) -> None:
    async with connect(downstream, "echo", tokens[Role.OPERATOR]) as channel:
        response = await echo.EchoStub(channel).Echo(echo.EchoRequest(text="hi"))
    assert (response.text, response.actor) == ("hi", "operator")


async def test_connect_authenticates_streaming_calls(
    downstream: str, tokens: dict[Role, str]
) -> None:
    async with connect(downstream, "echo", tokens[Role.VIEWER]) as channel:
        stub = echo.EchoStub(channel)
        expanded = [r.text async for r in stub.Expand(echo.EchoRequest())]
        collected = await stub.Collect(iter([echo.EchoRequest(text="a")]))
        chatted = [r.text async for r in stub.Chat(iter([echo.EchoRequest(text="b")]))]
    assert (expanded, collected.text, chatted) == (["viewer"], "a", ["b"])


async def test_request_id_travels_from_client_through_server_to_downstream(
    front: str, tokens: dict[Role, str]
) -> None:
    async with connect(front, "echo", tokens[Role.OPERATOR]) as channel:
        with context.bind(request_id="req-chain"):
            call = echo.EchoStub(channel).Echo(echo.EchoRequest(text="hi"))
            response = await call
    assert response.request_id == "req-chain"
    assert dict(await call.initial_metadata())["x-request-id"] == "req-chain"


async def test_request_id_given_with_the_call_is_kept(
    downstream: str, tokens: dict[Role, str]
) -> None:
    async with connect(downstream, "echo", tokens[Role.OPERATOR]) as channel:
        with context.bind(request_id="from-context"):
            response = await echo.EchoStub(channel).Echo(
                echo.EchoRequest(text="hi"), metadata=(("x-request-id", "from-call"),)
            )
    assert response.request_id == "from-call"


async def test_authorization_given_with_the_call_is_kept(
    downstream: str, tokens: dict[Role, str]
) -> None:
    async with connect(downstream, "echo", tokens[Role.VIEWER]) as channel:
        response = await echo.EchoStub(channel).Echo(
            echo.EchoRequest(text="hi"), metadata=bearer(tokens[Role.ADMIN])
        )
    assert response.actor == "admin"


async def test_calls_outside_a_request_get_a_new_request_id_each(
    downstream: str, tokens: dict[Role, str]
) -> None:
    async with connect(downstream, "echo", tokens[Role.OPERATOR]) as channel:
        stub = echo.EchoStub(channel)
        first = await stub.Echo(echo.EchoRequest(text="1"))
        second = await stub.Echo(echo.EchoRequest(text="2"))
    assert first.request_id != second.request_id


async def test_end_user_travels_through_a_service_to_downstream(
    front: str, tokens: dict[Role, str]
) -> None:
    async with connect(front, "echo", tokens[Role.OPERATOR]) as channel:
        response = await echo.EchoStub(channel).Echo(echo.EchoRequest(text="hi"))
    assert response.actor == "operator"


async def test_inbound_deadline_bounds_the_downstream_deadline(
    front: str, tokens: dict[Role, str]
) -> None:
    async with connect(front, "echo", tokens[Role.OPERATOR]) as channel:
        response = await echo.EchoStub(channel).Echo(echo.EchoRequest(text="hi"), timeout=2.0)
    assert 0 < response.time_remaining < 2.0


async def test_default_timeout_applies_without_inbound_deadline(
    downstream: str, tokens: dict[Role, str]
) -> None:
    async with connect(downstream, "echo", tokens[Role.OPERATOR], timeout=3.0) as channel:
        response = await echo.EchoStub(channel).Echo(echo.EchoRequest(text="hi"))
    assert 2.0 < response.time_remaining <= 3.1


async def test_default_timeout_is_thirty_seconds(downstream: str, tokens: dict[Role, str]) -> None:
    async with connect(downstream, "echo", tokens[Role.OPERATOR]) as channel:
        response = await echo.EchoStub(channel).Echo(echo.EchoRequest(text="hi"))
    assert 29.0 < response.time_remaining <= 30.1


async def test_own_call_timeout_wins(downstream: str, tokens: dict[Role, str]) -> None:
    async with connect(downstream, "echo", tokens[Role.OPERATOR], timeout=3.0) as channel:
        with context.bind(deadline=time.monotonic() + 0.5):
            response = await echo.EchoStub(channel).Echo(echo.EchoRequest(text="hi"), timeout=9.0)
    assert 8.0 < response.time_remaining <= 9.1


async def test_call_fails_at_once_when_the_inbound_deadline_is_too_close(
    downstream: str, tokens: dict[Role, str]
) -> None:
    async with connect(downstream, "echo", tokens[Role.OPERATOR]) as channel:
        with (
            context.bind(deadline=time.monotonic() + DEADLINE_MARGIN_SECONDS / 2),
            pytest.raises(grpc.aio.AioRpcError) as caught,
        ):
            await echo.EchoStub(channel).Echo(echo.EchoRequest(text="hi"))
    assert caught.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED


async def test_service_config_retries_unavailable(
    settings: Settings, keystore: KeyStore, tokens: dict[Role, str]
) -> None:
    retry = {
        "methodConfig": [
            {
                "name": [{"service": echo.SERVICE_NAME}],
                "retryPolicy": {
                    "maxAttempts": 3,
                    "initialBackoff": "0.01s",
                    "maxBackoff": "0.05s",
                    "backoffMultiplier": 2,
                    "retryableStatusCodes": ["UNAVAILABLE"],
                },
            }
        ]
    }
    servicer = Downstream()
    async with running(make_app(settings, keystore, servicer)) as target:
        token = tokens[Role.OPERATOR]
        async with connect(target, "echo", token, service_config=json.dumps(retry)) as channel:
            response = await echo.EchoStub(channel).Echo(echo.EchoRequest(text="flaky"))
    assert (response.text, servicer.attempts) == ("flaky", 2)


def make_config_package(root: Path, package: str, service: str, content: str) -> None:
    folder = root.joinpath(*package.split("."))
    folder.mkdir(parents=True)
    for level in range(1, len(package.split(".")) + 1):
        root.joinpath(*package.split(".")[:level], "__init__.py").touch()
    (folder / f"{service}_grpc_service_config.json").write_text(content)


def test_service_config_is_loaded_from_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_config_package(tmp_path, "kitcfg_present.v1", "demo", '{"methodConfig": []}\n')
    monkeypatch.syspath_prepend(str(tmp_path))
    assert load_service_config("demo", "kitcfg_present.v1") == '{"methodConfig": []}'


def test_service_config_file_missing_gives_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_config_package(tmp_path, "kitcfg_other.v1", "other", "{}")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert load_service_config("demo", "kitcfg_other.v1") is None


def test_service_config_of_unknown_service_is_none() -> None:
    assert load_service_config("nosuchservice") is None


def test_broken_service_config_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_config_package(tmp_path, "kitcfg_broken.v1", "demo", "{not json")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(json.JSONDecodeError):
        load_service_config("demo", "kitcfg_broken.v1")
