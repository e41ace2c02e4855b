"""Tests of ServiceApp: the call steps, health, reflection, start and stop, on real servers."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from switchover_kit import context, echo
from switchover_kit.auth import KeyStore, Role
from switchover_kit.config import Settings
from switchover_kit.errors import FieldViolation, InvalidArgument, NotFound, details
from switchover_kit.server import ServiceApp, UnsafeBindError, serve
from switchover_kit.testing import bearer, make_settings, running

SECRET_TEXT = "the database password is hunter2"
GARBAGE = b"\x0a\x05ab"  # field 1, length 5, but only 2 bytes follow


class Servicer:
    """Echo servicer whose behaviour is chosen by the request text."""

    async def Echo(self, request: Any, servicer_context: Any) -> Any:
        if request.text == "raise":
            raise RuntimeError(SECRET_TEXT)
        if request.text == "missing":
            raise NotFound("programs/acme")
        if request.text == "invalid":
            raise InvalidArgument([FieldViolation("text", "must not say invalid")])
        if request.text == "abort":
            await servicer_context.abort(grpc.StatusCode.OUT_OF_RANGE, "beyond the end")
        if request.text == "unimplemented":
            raise NotImplementedError
        return echo.EchoResponse(
            text=request.text, request_id=context.request_id(), actor=context.actor()
        )

    async def Expand(self, request: Any, servicer_context: Any) -> AsyncIterator[Any]:
        for index in range(request.count):
            yield echo.EchoResponse(text=f"{request.text}{index}")
        if request.text == "raise":
            raise RuntimeError(SECRET_TEXT)

    async def Collect(self, requests: Any, servicer_context: Any) -> Any:
        return echo.EchoResponse(text="".join([r.text async for r in requests]))

    async def Chat(self, requests: Any, servicer_context: Any) -> AsyncIterator[Any]:
        async for request in requests:
            yield echo.EchoResponse(text=request.text.upper())

    async def Undeclared(self, request: Any, servicer_context: Any) -> Any:
        return echo.EchoResponse(text="nobody should get here")


class WritingServicer(Servicer):
    """Streams with `context.write` instead of yielding."""

    async def Expand(self, request: Any, servicer_context: Any) -> None:  # type: ignore[override]
        for index in range(request.count):
            await servicer_context.write(echo.EchoResponse(text=f"w{index}"))


def make_app(settings: Settings, keystore: KeyStore, servicer: Any = None) -> ServiceApp:
    app = ServiceApp("echo", settings, keystore, port=0)
    app.add_servicer(echo.add_echo_servicer_to_server, servicer or Servicer(), echo.SERVICE)
    return app


@pytest.fixture
async def stub(settings: Settings, keystore: KeyStore) -> AsyncIterator[Any]:
    async with (
        running(make_app(settings, keystore)) as target,
        grpc.aio.insecure_channel(target) as channel,
    ):
        yield echo.EchoStub(channel)


@pytest.fixture
async def channel(settings: Settings, keystore: KeyStore) -> AsyncIterator[Any]:
    async with (
        running(make_app(settings, keystore)) as target,
        grpc.aio.insecure_channel(target) as channel,
    ):
        yield channel


async def failure(call: Any) -> Any:
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await call
    return caught.value


async def test_call_without_token_is_unauthenticated(stub: Any) -> None:
    err = await failure(stub.Echo(echo.EchoRequest(text="hi")))
    found = details(err)
    assert (found.code, found.reason) == (grpc.StatusCode.UNAUTHENTICATED, "MISSING_API_KEY")
    assert found.domain == "echo.switchover"


async def test_unknown_token_is_unauthenticated(stub: Any) -> None:
    call = stub.Echo(echo.EchoRequest(text="hi"), metadata=bearer("so_abc_notarealsecret"))
    found = details(await failure(call))
    assert (found.code, found.reason) == (grpc.StatusCode.UNAUTHENTICATED, "INVALID_API_KEY")


async def test_token_without_bearer_scheme_is_unauthenticated(
    stub: Any, tokens: dict[Role, str]
) -> None:
    call = stub.Echo(echo.EchoRequest(), metadata=(("authorization", tokens[Role.ADMIN]),))
    assert details(await failure(call)).reason == "MISSING_API_KEY"


async def test_viewer_on_operator_method_is_permission_denied(
    stub: Any, tokens: dict[Role, str]
) -> None:
    call = stub.Echo(echo.EchoRequest(text="hi"), metadata=bearer(tokens[Role.VIEWER]))
    found = details(await failure(call))
    assert (found.code, found.reason) == (grpc.StatusCode.PERMISSION_DENIED, "ROLE_TOO_LOW")
    assert found.metadata == {
        "method": f"/{echo.SERVICE_NAME}/Echo",
        "required_role": "OPERATOR",
        "role": "VIEWER",
    }


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.APPROVER, Role.ADMIN])
async def test_operator_method_admits_operator_and_above(
    stub: Any, tokens: dict[Role, str], role: Role
) -> None:
    response = await stub.Echo(echo.EchoRequest(text="hi"), metadata=bearer(tokens[role]))
    assert response.text == "hi"


async def test_method_without_required_role_is_denied_to_admin(
    stub: Any, tokens: dict[Role, str]
) -> None:
    call = stub.Undeclared(echo.EchoRequest(), metadata=bearer(tokens[Role.ADMIN]))
    found = details(await failure(call))
    assert (found.code, found.reason) == (grpc.StatusCode.PERMISSION_DENIED, "ROLE_NOT_DECLARED")


async def test_method_without_required_role_is_denied_to_services(
    stub: Any, keystore: KeyStore
) -> None:
    token = keystore.create_key("worker", Role.ADMIN, service=True)
    call = stub.Undeclared(echo.EchoRequest(), metadata=bearer(token))
    assert details(await failure(call)).reason == "ROLE_NOT_DECLARED"


async def test_service_principal_passes_every_role_check(stub: Any, keystore: KeyStore) -> None:
    token = keystore.create_key("risk", Role.VIEWER, service=True)
    response = await stub.Echo(echo.EchoRequest(text="hi"), metadata=bearer(token))
    assert response.text == "hi"


async def test_undecodable_request_is_malformed_request(
    channel: Any, tokens: dict[Role, str]
) -> None:
    raw = channel.unary_unary(f"/{echo.SERVICE_NAME}/Echo")
    found = details(await failure(raw(GARBAGE, metadata=bearer(tokens[Role.ADMIN]))))
    assert (found.code, found.reason) == (grpc.StatusCode.INVALID_ARGUMENT, "MALFORMED_REQUEST")
    assert found.domain == "echo.switchover"


async def test_undecodable_request_without_token_is_unauthenticated_first(channel: Any) -> None:
    raw = channel.unary_unary(f"/{echo.SERVICE_NAME}/Echo")
    assert details(await failure(raw(GARBAGE))).code == grpc.StatusCode.UNAUTHENTICATED


async def test_undecodable_message_in_request_stream_is_malformed_request(
    channel: Any, tokens: dict[Role, str]
) -> None:
    raw = channel.stream_unary(f"/{echo.SERVICE_NAME}/Collect")
    valid = echo.EchoRequest(text="a").SerializeToString()
    call = raw(iter([valid, GARBAGE]), metadata=bearer(tokens[Role.VIEWER]))
    assert details(await failure(call)).reason == "MALFORMED_REQUEST"


async def test_raising_handler_is_internal_without_exception_text(
    stub: Any, tokens: dict[Role, str]
) -> None:
    call = stub.Echo(echo.EchoRequest(text="raise"), metadata=bearer(tokens[Role.ADMIN]))
    err = await failure(call)
    request_id = dict(err.trailing_metadata())["x-request-id"]
    assert err.code() == grpc.StatusCode.INTERNAL
    assert err.details() == f"internal error (request id {request_id})"
    assert "hunter2" not in str(err.trailing_metadata())


async def test_raising_handler_logs_the_traceback(
    stub: Any, tokens: dict[Role, str], caplog: pytest.LogCaptureFixture
) -> None:
    await failure(stub.Echo(echo.EchoRequest(text="raise"), metadata=bearer(tokens[Role.ADMIN])))
    logged = [r for r in caplog.records if r.exc_info and SECRET_TEXT in str(r.exc_info[1])]
    assert len(logged) == 1


async def test_service_error_becomes_its_code_with_error_info(
    stub: Any, tokens: dict[Role, str]
) -> None:
    call = stub.Echo(echo.EchoRequest(text="missing"), metadata=bearer(tokens[Role.ADMIN]))
    found = details(await failure(call))
    assert (found.code, found.reason, found.domain) == (
        grpc.StatusCode.NOT_FOUND,
        "RESOURCE_NOT_FOUND",
        "echo.switchover",
    )
    assert found.metadata == {"name": "programs/acme"}
    assert found.message == "programs/acme not found"


async def test_invalid_argument_carries_bad_request_violations(
    stub: Any, tokens: dict[Role, str]
) -> None:
    call = stub.Echo(echo.EchoRequest(text="invalid"), metadata=bearer(tokens[Role.ADMIN]))
    found = details(await failure(call))
    assert (found.code, found.reason) == (grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT")
    assert found.violations == [FieldViolation("text", "must not say invalid")]


async def test_handler_abort_keeps_its_status(stub: Any, tokens: dict[Role, str]) -> None:
    call = stub.Echo(echo.EchoRequest(text="abort"), metadata=bearer(tokens[Role.ADMIN]))
    err = await failure(call)
    assert (err.code(), err.details()) == (grpc.StatusCode.OUT_OF_RANGE, "beyond the end")


async def test_not_implemented_handler_is_unimplemented(stub: Any, tokens: dict[Role, str]) -> None:
    call = stub.Echo(echo.EchoRequest(text="unimplemented"), metadata=bearer(tokens[Role.ADMIN]))
    found = details(await failure(call))
    assert (found.code, found.reason) == (grpc.StatusCode.UNIMPLEMENTED, "METHOD_NOT_IMPLEMENTED")


async def test_request_id_from_metadata_reaches_handler_and_is_echoed(
    stub: Any, tokens: dict[Role, str]
) -> None:
    metadata = (*bearer(tokens[Role.OPERATOR]), ("x-request-id", "req-42"))
    call = stub.Echo(echo.EchoRequest(text="hi"), metadata=metadata)
    response = await call
    assert response.request_id == "req-42"
    assert dict(await call.initial_metadata())["x-request-id"] == "req-42"


async def test_request_id_is_made_when_missing(stub: Any, tokens: dict[Role, str]) -> None:
    call = stub.Echo(echo.EchoRequest(text="hi"), metadata=bearer(tokens[Role.OPERATOR]))
    response = await call
    assert uuid.UUID(response.request_id).version == 4
    assert dict(await call.initial_metadata())["x-request-id"] == response.request_id


@pytest.mark.parametrize("given", ["two words", "x" * 129])
async def test_unfit_request_id_is_replaced(stub: Any, tokens: dict[Role, str], given: str) -> None:
    metadata = (*bearer(tokens[Role.OPERATOR]), ("x-request-id", given))
    response = await stub.Echo(echo.EchoRequest(text="hi"), metadata=metadata)
    assert uuid.UUID(response.request_id).version == 4


async def test_errors_echo_the_request_id_in_trailing_metadata_only(stub: Any) -> None:
    call = stub.Echo(echo.EchoRequest(), metadata=(("x-request-id", "req-7"),))
    err = await failure(call)
    assert dict(err.trailing_metadata())["x-request-id"] == "req-7"
    # Initial metadata would commit the call and keep gRPC from retrying it.
    assert "x-request-id" not in dict(await call.initial_metadata())


async def test_successful_calls_echo_the_request_id_in_trailing_metadata(
    stub: Any, tokens: dict[Role, str]
) -> None:
    metadata = (*bearer(tokens[Role.OPERATOR]), ("x-request-id", "req-8"))
    call = stub.Echo(echo.EchoRequest(text="hi"), metadata=metadata)
    await call
    assert dict(await call.trailing_metadata())["x-request-id"] == "req-8"


async def test_streams_echo_the_request_id_with_the_first_message(
    stub: Any, tokens: dict[Role, str]
) -> None:
    metadata = (*bearer(tokens[Role.VIEWER]), ("x-request-id", "req-9"))
    call = stub.Expand(echo.EchoRequest(text="x", count=2), metadata=metadata)
    assert dict(await call.initial_metadata())["x-request-id"] == "req-9"
    assert len([r async for r in call]) == 2


async def test_actor_is_the_caller_for_people(stub: Any, tokens: dict[Role, str]) -> None:
    metadata = (*bearer(tokens[Role.OPERATOR]), ("x-switchover-actor", "mallory"))
    response = await stub.Echo(echo.EchoRequest(text="hi"), metadata=metadata)
    assert response.actor == "operator"


async def test_actor_is_forwarded_by_services(stub: Any, keystore: KeyStore) -> None:
    token = keystore.create_key("gateway", Role.ADMIN, service=True)
    metadata = (*bearer(token), ("x-switchover-actor", "alice"))
    response = await stub.Echo(echo.EchoRequest(text="hi"), metadata=metadata)
    assert response.actor == "alice"


async def test_server_streaming_goes_through_the_wrapper(
    stub: Any, tokens: dict[Role, str]
) -> None:
    call = stub.Expand(echo.EchoRequest(text="x", count=3), metadata=bearer(tokens[Role.VIEWER]))
    assert [r.text async for r in call] == ["x0", "x1", "x2"]


async def test_server_streaming_is_authenticated(stub: Any) -> None:
    call = stub.Expand(echo.EchoRequest(text="x", count=3))
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        [r async for r in call]
    assert details(caught.value).code == grpc.StatusCode.UNAUTHENTICATED


async def test_server_streaming_failure_after_items_is_internal(
    stub: Any, tokens: dict[Role, str]
) -> None:
    call = stub.Expand(echo.EchoRequest(text="raise", count=2), metadata=bearer(tokens[Role.ADMIN]))
    received: list[str] = []

    async def receive() -> None:
        async for response in call:
            received.append(response.text)

    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await receive()
    assert received == ["raise0", "raise1"]
    assert caught.value.code() == grpc.StatusCode.INTERNAL
    assert "hunter2" not in caught.value.details()


async def test_server_streaming_with_context_write(
    settings: Settings, keystore: KeyStore, tokens: dict[Role, str]
) -> None:
    app = make_app(settings, keystore, WritingServicer())
    async with running(app) as target, grpc.aio.insecure_channel(target) as channel:
        call = echo.EchoStub(channel).Expand(
            echo.EchoRequest(count=2), metadata=bearer(tokens[Role.VIEWER])
        )
        assert [r.text async for r in call] == ["w0", "w1"]


async def test_client_streaming_goes_through_the_wrapper(
    stub: Any, tokens: dict[Role, str]
) -> None:
    requests = iter([echo.EchoRequest(text="a"), echo.EchoRequest(text="b")])
    response = await stub.Collect(requests, metadata=bearer(tokens[Role.VIEWER]))
    assert response.text == "ab"


async def test_bidirectional_streaming_goes_through_the_wrapper(
    stub: Any, tokens: dict[Role, str]
) -> None:
    requests = iter([echo.EchoRequest(text="a"), echo.EchoRequest(text="b")])
    call = stub.Chat(requests, metadata=bearer(tokens[Role.VIEWER]))
    assert [r.text async for r in call] == ["A", "B"]


async def test_every_call_writes_one_log_line(
    stub: Any, tokens: dict[Role, str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="switchover_kit.server")
    metadata = (*bearer(tokens[Role.VIEWER]), ("x-request-id", "req-log"))
    await failure(stub.Echo(echo.EchoRequest(text="hi"), metadata=metadata))
    lines = [r for r in caplog.records if r.getMessage() == "rpc"]
    assert len(lines) == 1
    line: Any = lines[0]
    assert (line.method, line.code, line.request_id, line.principal) == (
        f"/{echo.SERVICE_NAME}/Echo",
        "PERMISSION_DENIED",
        "req-log",
        "viewer",
    )
    assert line.duration_ms >= 0


async def check_health(channel: Any, service: str) -> Any:
    stub = health_pb2_grpc.HealthStub(channel)
    response = await stub.Check(health_pb2.HealthCheckRequest(service=service))
    return response.status


@pytest.mark.parametrize("service", ["", echo.SERVICE_NAME])
async def test_health_is_serving_without_auth(channel: Any, service: str) -> None:
    assert await check_health(channel, service) == health_pb2.HealthCheckResponse.SERVING


async def test_health_is_not_serving_once_stop_begins(tmp_path: Path, keystore: KeyStore) -> None:
    app = make_app(make_settings(tmp_path, drain_seconds=0.5), keystore)
    await app.start(port=0)
    async with grpc.aio.insecure_channel(f"127.0.0.1:{app.port}") as channel:
        stopping = asyncio.create_task(app.stop(0))
        await asyncio.sleep(0.05)
        statuses = [await check_health(channel, s) for s in ("", echo.SERVICE_NAME)]
        draining = not stopping.done()
        await stopping
    assert draining
    assert statuses == [health_pb2.HealthCheckResponse.NOT_SERVING] * 2


async def test_calls_in_flight_during_drain_still_succeed(
    tmp_path: Path, keystore: KeyStore, tokens: dict[Role, str]
) -> None:
    app = make_app(make_settings(tmp_path, drain_seconds=0.3), keystore)
    await app.start(port=0)
    async with grpc.aio.insecure_channel(f"127.0.0.1:{app.port}") as channel:
        stopping = asyncio.create_task(app.stop(1.0))
        await asyncio.sleep(0.05)
        response = await echo.EchoStub(channel).Echo(
            echo.EchoRequest(text="late"), metadata=bearer(tokens[Role.OPERATOR])
        )
        await stopping
    assert response.text == "late"


async def test_reflection_lists_the_service_without_auth(channel: Any) -> None:
    stub = reflection_pb2_grpc.ServerReflectionStub(channel)
    request = reflection_pb2.ServerReflectionRequest(list_services="")
    responses = [r async for r in stub.ServerReflectionInfo(iter([request]))]
    names = {s.name for s in responses[0].list_services_response.service}
    assert echo.SERVICE_NAME in names
    assert "grpc.health.v1.Health" in names


async def test_start_refuses_non_loopback_host_without_keys(
    tmp_path: Path, settings: Settings
) -> None:
    app = make_app(settings, KeyStore(tmp_path / "empty.json"))
    with pytest.raises(UnsafeBindError):
        await app.start(host="0.0.0.0", port=0)


async def test_start_refuses_a_host_name_without_keys(tmp_path: Path, settings: Settings) -> None:
    app = make_app(settings, KeyStore(tmp_path / "empty.json"))
    with pytest.raises(UnsafeBindError):
        await app.start(host="switchover.example", port=0)


async def test_start_allows_non_loopback_host_with_keys(
    settings: Settings, keystore: KeyStore
) -> None:
    app = make_app(settings, keystore)
    assert await app.start(host="0.0.0.0", port=0) > 0
    await app.stop(0)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
async def test_start_allows_loopback_hosts_without_keys(
    tmp_path: Path, settings: Settings, host: str
) -> None:
    app = make_app(settings, KeyStore(tmp_path / "empty.json"))
    assert await app.start(host=host, port=0) > 0
    await app.stop(0)


async def test_port_uses_the_settings_when_not_given(tmp_path: Path, keystore: KeyStore) -> None:
    settings = make_settings(tmp_path, services={"risk": {"port": 0}})
    app = ServiceApp("risk", settings, keystore)
    app.add_servicer(echo.add_echo_servicer_to_server, Servicer(), echo.SERVICE)
    assert await app.start() == app.port
    await app.stop(0)


async def test_port_before_start_is_an_error(settings: Settings, keystore: KeyStore) -> None:
    with pytest.raises(RuntimeError, match="not been started"):
        _ = make_app(settings, keystore).port


async def test_starting_twice_is_an_error(settings: Settings, keystore: KeyStore) -> None:
    app = make_app(settings, keystore)
    async with running(app):
        with pytest.raises(RuntimeError, match="already started"):
            await app.start(port=0)


async def test_adding_a_servicer_after_start_is_an_error(
    settings: Settings, keystore: KeyStore
) -> None:
    app = make_app(settings, keystore)
    async with running(app):
        with pytest.raises(RuntimeError, match="before start"):
            app.add_servicer(echo.add_echo_servicer_to_server, Servicer(), echo.SERVICE)


async def test_hooks_run_after_bind_and_before_drain_ends(
    settings: Settings, keystore: KeyStore
) -> None:
    app = make_app(settings, keystore)
    events: list[str] = []

    async def started() -> None:
        events.append(f"start on {app.port}")

    async def stopping() -> None:
        events.append("stop")

    app.on_start(started)
    app.on_stop(stopping)
    async with running(app):
        events.append("serving")
    assert events == [f"start on {app.port}", "serving", "stop"]


async def test_failing_start_hook_stops_the_server(settings: Settings, keystore: KeyStore) -> None:
    app = make_app(settings, keystore)

    async def broken() -> None:
        raise OSError("worker could not start")

    app.on_start(broken)
    with pytest.raises(OSError, match="worker could not start"):
        await app.start(port=0)
    async with grpc.aio.insecure_channel(f"127.0.0.1:{app.port}") as channel:
        with pytest.raises(grpc.aio.AioRpcError):
            await check_health(channel, "")


async def test_failing_stop_hook_does_not_prevent_stopping(
    settings: Settings, keystore: KeyStore, caplog: pytest.LogCaptureFixture
) -> None:
    app = make_app(settings, keystore)

    async def broken() -> None:
        raise OSError("worker would not stop")

    app.on_stop(broken)
    await app.start(port=0)
    await app.stop(0)
    await asyncio.wait_for(app.wait_for_termination(), 5)
    assert any(r.getMessage() == "stop hook failed" for r in caplog.records)


async def test_stop_twice_stops_once(settings: Settings, keystore: KeyStore) -> None:
    app = make_app(settings, keystore)
    calls: list[str] = []

    async def stopping() -> None:
        calls.append("stop")

    app.on_stop(stopping)
    await app.start(port=0)
    await asyncio.gather(app.stop(0), app.stop(0))
    assert calls == ["stop"]


async def test_stop_before_start_does_nothing(settings: Settings, keystore: KeyStore) -> None:
    app = make_app(settings, keystore)
    await app.stop(0)
    await app.wait_for_termination()


def test_add_servicer_refuses_a_service_missing_a_method(
    settings: Settings, keystore: KeyStore
) -> None:
    def add_nothing(servicer: Any, server: Any) -> None:
        server.add_generic_rpc_handlers(())

    app = ServiceApp("echo", settings, keystore, port=0)
    with pytest.raises(ValueError, match="no handler"):
        app.add_servicer(add_nothing, Servicer(), echo.SERVICE)


async def test_add_servicer_accepts_generic_handlers_only(
    settings: Settings, keystore: KeyStore, tokens: dict[Role, str]
) -> None:
    class GenericOnly:
        def add_generic_rpc_handlers(self, handlers: Any) -> None:
            self.handlers = handlers

        def add_registered_method_handlers(self, service: str, handlers: Any) -> None:
            """Ignored, as in code generated before registered methods existed."""

    def add_generic_only(servicer: Any, server: Any) -> None:
        capture = GenericOnly()
        echo.add_echo_servicer_to_server(servicer, capture)
        server.add_generic_rpc_handlers(capture.handlers)

    app = ServiceApp("echo", settings, keystore, port=0)
    app.add_servicer(add_generic_only, Servicer(), echo.SERVICE)
    async with running(app) as target, grpc.aio.insecure_channel(target) as channel:
        response = await echo.EchoStub(channel).Echo(
            echo.EchoRequest(text="generic"), metadata=bearer(tokens[Role.OPERATOR])
        )
    assert response.text == "generic"


async def test_serve_stops_every_app_on_sigterm(settings: Settings, keystore: KeyStore) -> None:
    apps = [make_app(settings, keystore) for _ in range(2)]
    started: list[str] = []
    all_started = asyncio.Event()

    async def record_start() -> None:
        started.append("started")
        if len(started) == len(apps):
            all_started.set()

    for app in apps:
        app.on_start(record_start)
    serving = asyncio.create_task(serve(apps, grace=0))
    await asyncio.wait_for(all_started.wait(), 5)
    os.kill(os.getpid(), signal.SIGTERM)
    await asyncio.wait_for(serving, 5)
    for app in apps:
        await asyncio.wait_for(app.wait_for_termination(), 5)


class Waiting(Servicer):
    """Never answers Echo, Expand or Collect: the client has to give up."""

    def __init__(self) -> None:
        self.entered = asyncio.Event()

    async def Echo(self, request: Any, servicer_context: Any) -> Any:
        self.entered.set()
        await asyncio.sleep(30)

    async def Expand(self, request: Any, servicer_context: Any) -> AsyncIterator[Any]:
        self.entered.set()
        await asyncio.sleep(30)
        yield echo.EchoResponse()


async def logged_codes(caplog: pytest.LogCaptureFixture) -> list[str]:
    """Waits for the server's call log line and returns the codes logged."""
    for _ in range(200):
        codes = [getattr(r, "code", "") for r in caplog.records if r.getMessage() == "rpc"]
        if codes:
            return codes
        await asyncio.sleep(0.01)
    return []


@pytest.mark.parametrize("method", ["Echo", "Expand"])
async def test_call_the_client_cancels_is_logged_as_cancelled(
    settings: Settings,
    keystore: KeyStore,
    tokens: dict[Role, str],
    caplog: pytest.LogCaptureFixture,
    method: str,
) -> None:
    caplog.set_level(logging.INFO, logger="switchover_kit.server")
    servicer = Waiting()
    async with running(make_app(settings, keystore, servicer)) as target:
        async with grpc.aio.insecure_channel(target) as channel:
            call = getattr(echo.EchoStub(channel), method)(
                echo.EchoRequest(), metadata=bearer(tokens[Role.OPERATOR])
            )
            await asyncio.wait_for(servicer.entered.wait(), 5)
            call.cancel()
        assert await logged_codes(caplog) == ["CANCELLED"]


async def test_call_past_its_deadline_is_logged_as_deadline_exceeded(
    settings: Settings,
    keystore: KeyStore,
    tokens: dict[Role, str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="switchover_kit.server")
    async with running(make_app(settings, keystore, Waiting())) as target:
        async with grpc.aio.insecure_channel(target) as channel:
            call = echo.EchoStub(channel).Echo(
                echo.EchoRequest(), metadata=bearer(tokens[Role.OPERATOR]), timeout=0.2
            )
            assert (await failure(call)).code() == grpc.StatusCode.DEADLINE_EXCEEDED
        assert await logged_codes(caplog) == ["DEADLINE_EXCEEDED"]


async def test_handlers_without_a_deserializer_get_the_raw_bytes(
    settings: Settings, keystore: KeyStore, tokens: dict[Role, str]
) -> None:
    async def echo_bytes(request: bytes, servicer_context: Any) -> bytes:
        return request[::-1]

    def add_raw(servicer: Any, server: Any) -> None:
        handlers = {name: grpc.unary_unary_rpc_method_handler(echo_bytes) for name in echo.METHODS}
        server.add_registered_method_handlers(echo.SERVICE_NAME, handlers)

    app = ServiceApp("echo", settings, keystore, port=0)
    app.add_servicer(add_raw, None, echo.SERVICE)
    async with running(app) as target, grpc.aio.insecure_channel(target) as channel:
        raw = channel.unary_unary(f"/{echo.SERVICE_NAME}/Echo")
        assert await raw(b"\x01\x02", metadata=bearer(tokens[Role.OPERATOR])) == b"\x02\x01"
