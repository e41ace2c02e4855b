"""Channels from one service (or a test, or the CLI) to another.

`connect` returns a `grpc.aio` channel that sends the API key, passes on the current request id
and end user, and gives every call a deadline: the call's own timeout, else the smaller of the
channel's default and what is left of the inbound call (minus a margin for the way back). The
contract's gRPC service config (retries, timeouts) is loaded from the generated package.
"""

from __future__ import annotations

import importlib.resources
import json
import uuid
from typing import Any

import grpc

from switchover_kit import context
from switchover_kit.server import MESSAGE_SIZE_OPTIONS

DEFAULT_TIMEOUT_SECONDS = 30.0
# Left of the inbound deadline for the answer to travel back before the caller gives up.
DEADLINE_MARGIN_SECONDS = 0.05


def load_service_config(service: str, package: str | None = None) -> str | None:
    """Returns the gRPC service config JSON shipped with a service's generated code, if any.

    It is `<service>_grpc_service_config.json` in `package` (default `switchover.<svc>.v1`).
    """
    package = package or f"switchover.{service}.v1"
    try:
        resource = importlib.resources.files(package) / f"{service}_grpc_service_config.json"
        text = resource.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return None
    # Parsing here turns a broken file into a clear error at connect time.
    return json.dumps(json.loads(text))


class _Outbound:
    """Adds credentials, request id, actor and deadline to an outgoing call."""

    def __init__(self, token: str, timeout: float) -> None:
        self._token = token
        self._timeout = timeout

    def _deadline(self, own: float | None) -> float:
        if own is not None:
            return own
        remaining = context.time_remaining()
        if remaining is None:
            return self._timeout
        left = remaining - DEADLINE_MARGIN_SECONDS
        if left <= 0:
            # Nobody waits for the answer any more: fail as gRPC would, without sending.
            raise grpc.aio.AioRpcError(
                grpc.StatusCode.DEADLINE_EXCEEDED,
                grpc.aio.Metadata(),
                grpc.aio.Metadata(),
                "the deadline of the inbound call has passed",
            )
        return min(self._timeout, left)

    def details(self, call: Any) -> Any:
        """Returns the call details with metadata and timeout filled in."""
        metadata = grpc.aio.Metadata(*(call.metadata or ()))
        if "authorization" not in metadata:
            metadata.add("authorization", f"Bearer {self._token}")
        if context.REQUEST_ID_METADATA_KEY not in metadata:
            metadata.add(context.REQUEST_ID_METADATA_KEY, context.request_id() or str(uuid.uuid4()))
        actor = context.actor()
        if actor and context.ACTOR_METADATA_KEY not in metadata:
            metadata.add(context.ACTOR_METADATA_KEY, actor)
        return grpc.aio.ClientCallDetails(
            method=call.method,
            timeout=self._deadline(call.timeout),
            metadata=metadata,
            credentials=call.credentials,
            wait_for_ready=call.wait_for_ready,
        )


# grpc ships no type information, so its interceptor base classes are `Any` to mypy.
class _UnaryUnary(_Outbound, grpc.aio.UnaryUnaryClientInterceptor):  # type: ignore[misc]
    async def intercept_unary_unary(self, continuation: Any, call: Any, request: Any) -> Any:
        return await continuation(self.details(call), request)


class _UnaryStream(_Outbound, grpc.aio.UnaryStreamClientInterceptor):  # type: ignore[misc]
    async def intercept_unary_stream(self, continuation: Any, call: Any, request: Any) -> Any:
        return await continuation(self.details(call), request)


class _StreamUnary(_Outbound, grpc.aio.StreamUnaryClientInterceptor):  # type: ignore[misc]
    async def intercept_stream_unary(self, continuation: Any, call: Any, requests: Any) -> Any:
        return await continuation(self.details(call), requests)


class _StreamStream(_Outbound, grpc.aio.StreamStreamClientInterceptor):  # type: ignore[misc]
    async def intercept_stream_stream(self, continuation: Any, call: Any, requests: Any) -> Any:
        return await continuation(self.details(call), requests)


def connect(
    target: str,
    service: str,
    token: str,
    *,
    timeout: float | None = None,
    service_config: str | None = None,
) -> grpc.aio.Channel:
    """Opens a channel to `service` at `target` that authenticates as `token`.

    `timeout` is the default deadline in seconds (30 unless given); `service_config` replaces
    the config shipped with the service's generated code. Close the channel when done.
    """
    options: list[tuple[str, Any]] = list(MESSAGE_SIZE_OPTIONS)
    config = service_config or load_service_config(service)
    if config:
        options.append(("grpc.service_config", config))
    default = DEFAULT_TIMEOUT_SECONDS if timeout is None else timeout
    interceptors = [
        kind(token, default) for kind in (_UnaryUnary, _UnaryStream, _StreamUnary, _StreamStream)
    ]
    return grpc.aio.insecure_channel(target, options=options, interceptors=interceptors)
