"""The gRPC server every service runs: one `ServiceApp` per service (DESIGN.md §6).

`add_servicer` takes the generated `add_XServicer_to_server`, lets it register its handlers on a
recorder, and registers wrapped handlers on the real `grpc.aio` server instead. Every call then
goes through the same steps, in order:

1. request id: `x-request-id` from the caller or a new UUID4, echoed in trailing metadata
   always and in initial metadata with the first response message (not before: initial
   metadata commits a call, and gRPC never retries a committed call);
2. authentication: `authorization: Bearer <token>` against the key store;
3. authorisation: the method's `required_role` from the contract (none declared: refused);
4. decoding: a request that failed to decode is INVALID_ARGUMENT / MALFORMED_REQUEST;
5. the handler, with `ServiceError` mapped to its rich status and anything else to INTERNAL
   without the exception text (the traceback goes to the log);
6. one structured log line: method, code, duration_ms, request_id, principal.

Health (`grpc.health.v1`) and reflection are served without authentication.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import re
import signal
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any, NamedTuple

import grpc
from google.protobuf.descriptor import ServiceDescriptor
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_health.v1._async import HealthServicer
from grpc_reflection.v1alpha import reflection

from switchover_kit import context
from switchover_kit.auth import KeyStore, Principal, RoleTable
from switchover_kit.config import Settings
from switchover_kit.errors import (
    InvalidArgument,
    PermissionDenied,
    ServiceError,
    Unauthenticated,
)

MAX_MESSAGE_BYTES = 64 * 1024 * 1024
MESSAGE_SIZE_OPTIONS = [
    ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
    ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
]
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_SERVING = health_pb2.HealthCheckResponse.SERVING
_NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING

Hook = Callable[[], Awaitable[None]]

log = logging.getLogger(__name__)


class UnsafeBindError(RuntimeError):
    """Raised when asked to listen beyond loopback while no API key exists."""


class _Undecodable:
    """Stands in for a request that could not be decoded, so the wrapper can answer properly.

    gRPC would otherwise fail the call itself, with its own status and the exception text.
    """

    def __init__(self, error: str) -> None:
        self.error = error


def _tolerant(deserialize: Callable[[bytes], Any] | None) -> Callable[[bytes], Any] | None:
    """Wraps a request deserializer so that it returns `_Undecodable` instead of raising."""
    if deserialize is None:
        return None

    def run(data: bytes) -> Any:
        try:
            return deserialize(data)
        except Exception as exc:
            return _Undecodable(f"{type(exc).__name__}: {exc}")

    return run


def _decoded(request: Any) -> Any:
    if isinstance(request, _Undecodable):
        raise InvalidArgument(
            [], message="the request message could not be decoded", reason="MALFORMED_REQUEST"
        )
    return request


async def _decoded_stream(requests: AsyncIterator[Any]) -> AsyncIterator[Any]:
    async for request in requests:
        yield _decoded(request)


class _CallDetails(NamedTuple):
    """The two fields a generic handler looks at when asked for a method's handler."""

    method: str
    invocation_metadata: tuple[tuple[str, str], ...]


class _HandlerRecorder:
    """Takes the place of a server while generated code registers a servicer's handlers."""

    def __init__(self) -> None:
        self.generic: list[Any] = []
        self.registered: dict[str, dict[str, Any]] = {}

    def add_generic_rpc_handlers(self, handlers: Sequence[Any]) -> None:
        self.generic.extend(handlers)

    def add_registered_method_handlers(self, service: str, handlers: dict[str, Any]) -> None:
        self.registered.setdefault(service, {}).update(handlers)

    def handler_for(self, service: str, method: str) -> Any:
        """Finds the handler of one method, whichever way it was registered."""
        found = self.registered.get(service, {}).get(method)
        details = _CallDetails(f"/{service}/{method}", ())
        for generic in self.generic:
            found = found or generic.service(details)
        return found


def _interruption(servicer_context: Any) -> Any:
    """Tells why gRPC cancelled a handler: the deadline passed, or the client gave up."""
    remaining = servicer_context.time_remaining()
    if remaining is not None and remaining <= 0:
        return grpc.StatusCode.DEADLINE_EXCEEDED
    return grpc.StatusCode.CANCELLED


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _bearer_token(value: str) -> str:
    scheme, _, token = value.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


class ServiceApp:
    """One service's gRPC server with the kit's call handling, health and reflection."""

    def __init__(
        self,
        name: str,
        settings: Settings,
        keystore: KeyStore,
        *,
        port: int | None = None,
        host: str | None = None,
    ) -> None:
        self.name = name
        self.settings = settings
        self.keystore = keystore
        self.domain = f"{name}.switchover"
        self._requested_port = port
        self._host = host or settings.host
        self._descriptors: list[ServiceDescriptor] = []
        self._handlers: dict[str, dict[str, Any]] = {}
        self._roles = RoleTable({})
        self._health = HealthServicer()
        self._server: Any = None
        self._port: int | None = None
        self._start_hooks: list[Hook] = []
        self._stop_hooks: list[Hook] = []
        self._stopping: asyncio.Task[None] | None = None

    @property
    def port(self) -> int:
        """The port the server is bound to (after `start`)."""
        if self._port is None:
            raise RuntimeError(f"{self.name} has not been started")
        return self._port

    @property
    def service_names(self) -> list[str]:
        """Full names of the services added so far."""
        return [d.full_name for d in self._descriptors]

    def on_start(self, hook: Hook) -> None:
        """Runs `hook` after the server is bound, before it reports SERVING."""
        self._start_hooks.append(hook)

    def on_stop(self, hook: Hook) -> None:
        """Runs `hook` once the server reports NOT_SERVING, before draining ends."""
        self._stop_hooks.append(hook)

    def add_servicer(
        self,
        add_fn: Callable[[Any, Any], None],
        servicer: Any,
        service_descriptor: ServiceDescriptor,
    ) -> None:
        """Serves `servicer` through the generated `add_fn`, with every method wrapped."""
        if self._server is not None:
            raise RuntimeError("add servicers before start()")
        recorder = _HandlerRecorder()
        add_fn(servicer, recorder)
        service = service_descriptor.full_name
        wrapped: dict[str, Any] = {}
        for method in service_descriptor.methods:
            handler = recorder.handler_for(service, method.name)
            if handler is None:
                raise ValueError(f"{add_fn.__name__} registered no handler for {method.full_name}")
            wrapped[method.name] = self._wrap(f"/{service}/{method.name}", handler)
        self._descriptors.append(service_descriptor)
        self._handlers[service] = wrapped
        self._roles = RoleTable.from_services(*self._descriptors)

    async def start(self, *, host: str | None = None, port: int | None = None) -> int:
        """Binds, starts serving and reports SERVING; returns the port.

        `host` and `port` override the ones given at construction (tests bind port 0).
        """
        if self._server is not None:
            raise RuntimeError(f"{self.name} is already started")
        host = host or self._host
        port = self._requested_port if port is None else port
        if port is None:
            port = self.settings.port(self.name)
        if not _is_loopback(host) and not self.keystore.list():
            raise UnsafeBindError(
                f"refusing to listen on {host}: no API key exists in {self.keystore.path}; "
                "create one first or bind to loopback"
            )
        server = grpc.aio.server(options=MESSAGE_SIZE_OPTIONS)
        for service, handlers in self._handlers.items():
            server.add_generic_rpc_handlers(
                (grpc.method_handlers_generic_handler(service, handlers),)
            )
            server.add_registered_method_handlers(service, handlers)
        health_pb2_grpc.add_HealthServicer_to_server(self._health, server)
        reflection.enable_server_reflection(
            [*self.service_names, health.SERVICE_NAME, reflection.SERVICE_NAME], server
        )
        address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        self._port = server.add_insecure_port(address)
        await self._health.set("", _NOT_SERVING)
        await server.start()
        self._server = server
        try:
            for hook in self._start_hooks:
                await hook()
        except BaseException:
            await server.stop(0)
            raise
        for service in ["", *self.service_names]:
            await self._health.set(service, _SERVING)
        log.info("serving", extra={"service": self.name, "address": f"{host}:{self._port}"})
        return self._port

    async def stop(self, grace: float) -> None:
        """Reports NOT_SERVING, runs the stop hooks, drains, then stops within `grace` seconds."""
        if self._server is None:
            return
        if self._stopping is None:
            self._stopping = asyncio.create_task(self._stop(grace))
        await asyncio.shield(self._stopping)

    async def _stop(self, grace: float) -> None:
        loop = asyncio.get_running_loop()
        drained = loop.time() + self.settings.drain_seconds
        await self._health.enter_graceful_shutdown()
        for hook in self._stop_hooks:
            try:
                await hook()
            except Exception:
                log.exception(
                    "stop hook failed",
                    extra={"service": self.name, "hook": getattr(hook, "__name__", "")},
                )
        await asyncio.sleep(max(0.0, drained - loop.time()))
        await self._server.stop(grace)
        log.info("stopped", extra={"service": self.name})

    async def wait_for_termination(self) -> None:
        """Returns when the server has stopped."""
        if self._server is not None:
            await self._server.wait_for_termination()

    def _wrap(self, method: str, handler: Any) -> Any:
        """Builds the handler that runs `handler` behind the kit's call steps."""
        deserialize = _tolerant(handler.request_deserializer)
        serialize = handler.response_serializer
        if handler.request_streaming and handler.response_streaming:
            return grpc.stream_stream_rpc_method_handler(
                self._streaming(method, handler.stream_stream, True), deserialize, serialize
            )
        if handler.request_streaming:
            return grpc.stream_unary_rpc_method_handler(
                self._unary(method, handler.stream_unary, True), deserialize, serialize
            )
        if handler.response_streaming:
            return grpc.unary_stream_rpc_method_handler(
                self._streaming(method, handler.unary_stream, False), deserialize, serialize
            )
        return grpc.unary_unary_rpc_method_handler(
            self._unary(method, handler.unary_unary, False), deserialize, serialize
        )

    def _unary(
        self, method: str, behavior: Callable[..., Any], request_streaming: bool
    ) -> Callable[[Any, Any], Awaitable[Any]]:
        async def handle(request: Any, servicer_context: Any) -> Any:
            started, interrupted = time.monotonic(), None
            try:
                self._admit(method, servicer_context)
                request = _decoded_stream(request) if request_streaming else _decoded(request)
                response = await behavior(request, servicer_context)
                await self._echo_request_id(servicer_context)
                return response
            except asyncio.CancelledError:
                interrupted = _interruption(servicer_context)
                raise
            except Exception as exc:
                await self._fail(exc, method, servicer_context)
            finally:
                self._log_call(method, servicer_context, started, interrupted)

        return handle

    def _streaming(
        self, method: str, behavior: Callable[..., Any], request_streaming: bool
    ) -> Callable[[Any, Any], AsyncIterator[Any]]:
        async def handle(request: Any, servicer_context: Any) -> AsyncIterator[Any]:
            started, interrupted = time.monotonic(), None
            try:
                self._admit(method, servicer_context)
                request = _decoded_stream(request) if request_streaming else _decoded(request)
                responses = behavior(request, servicer_context)
                if hasattr(responses, "__aiter__"):
                    echoed = False
                    async for response in responses:
                        if not echoed:
                            await self._echo_request_id(servicer_context)
                            echoed = True
                        yield response
                else:
                    # A handler that writes with `context.write` instead of yielding.
                    await responses
            except asyncio.CancelledError:
                interrupted = _interruption(servicer_context)
                raise
            except Exception as exc:
                await self._fail(exc, method, servicer_context)
            finally:
                self._log_call(method, servicer_context, started, interrupted)

        return handle

    def _admit(self, method: str, servicer_context: Any) -> None:
        """Sets up the call's context, then authenticates and authorises the caller."""
        metadata = dict(servicer_context.invocation_metadata() or ())
        given = metadata.get(context.REQUEST_ID_METADATA_KEY, "")
        request_id = given if _REQUEST_ID.match(given) else str(uuid.uuid4())
        remaining = servicer_context.time_remaining()
        context.enter_call(
            request_id=request_id,
            service=self.name,
            deadline=None if remaining is None else time.monotonic() + remaining,
        )
        servicer_context.set_trailing_metadata(((context.REQUEST_ID_METADATA_KEY, request_id),))
        caller = self._authenticate(metadata.get("authorization", ""))
        forwarded = metadata.get(context.ACTOR_METADATA_KEY, "") if caller.service else ""
        context.set_caller(caller, forwarded)
        required = self._roles.required(method)
        if required is None:
            raise PermissionDenied(
                "ROLE_NOT_DECLARED",
                f"{method} declares no required_role, so nobody may call it",
                {"method": method},
            )
        if not caller.allows(required):
            raise PermissionDenied(
                "ROLE_TOO_LOW",
                f"{method} needs the {required.name.lower()} role; "
                f"{caller.name} has {caller.role.name.lower()}",
                {"method": method, "required_role": required.name, "role": caller.role.name},
            )

    def _authenticate(self, authorization: str) -> Principal:
        token = _bearer_token(authorization)
        if not token:
            raise Unauthenticated("MISSING_API_KEY")
        caller = self.keystore.authenticate(token)
        if caller is None:
            raise Unauthenticated("INVALID_API_KEY", "the API key is unknown or was revoked")
        return caller

    async def _fail(self, exc: Exception, method: str, servicer_context: Any) -> None:
        """Ends the call with the status `exc` deserves; never shows unexpected exception text."""
        if isinstance(exc, grpc.aio.AbortError):
            # The handler ended the call itself with `context.abort`; its status stands.
            raise exc
        if isinstance(exc, ServiceError):
            error = exc
        elif isinstance(exc, NotImplementedError):
            error = ServiceError(
                grpc.StatusCode.UNIMPLEMENTED, "METHOD_NOT_IMPLEMENTED", f"{method} is not served"
            )
        else:
            log.error("unhandled error in %s", method, exc_info=exc)
            error = ServiceError(
                grpc.StatusCode.INTERNAL,
                "INTERNAL",
                f"internal error (request id {context.request_id()})",
            )
        status = error.to_status(self.domain)
        trailing = (
            *status.trailing_metadata,
            (context.REQUEST_ID_METADATA_KEY, context.request_id()),
        )
        await servicer_context.abort(status.code, status.details, trailing)

    @staticmethod
    async def _echo_request_id(servicer_context: Any) -> None:
        await servicer_context.send_initial_metadata(
            ((context.REQUEST_ID_METADATA_KEY, context.request_id()),)
        )

    def _log_call(
        self, method: str, servicer_context: Any, started: float, interrupted: Any
    ) -> None:
        code = interrupted or servicer_context.code() or grpc.StatusCode.OK
        caller = context.principal()
        log.info(
            "rpc",
            extra={
                "method": method,
                "code": code.name,
                "duration_ms": round((time.monotonic() - started) * 1000, 3),
                "request_id": context.request_id(),
                "principal": caller.name if caller else "",
            },
        )


async def serve(apps: Sequence[ServiceApp], *, grace: float = 5.0) -> None:
    """Starts `apps`, and on SIGTERM or SIGINT drains and stops them all; returns when stopped."""
    loop = asyncio.get_running_loop()
    stop_requested = asyncio.Event()
    signals = (signal.SIGTERM, signal.SIGINT)
    started: list[ServiceApp] = []
    for signum in signals:
        loop.add_signal_handler(signum, stop_requested.set)
    try:
        for app in apps:
            await app.start()
            started.append(app)
        await stop_requested.wait()
        log.info("stopping on signal")
    finally:
        for signum in signals:
            loop.remove_signal_handler(signum)
        await asyncio.gather(*(app.stop(grace) for app in started))
