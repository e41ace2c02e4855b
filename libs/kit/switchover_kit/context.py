"""Who is calling, under which request id and until when: the state of the current call.

The server wrapper fills these in for every inbound RPC; log lines and outbound calls read them,
so the request id, the end user and the deadline follow the work from service to service.
Background workers that start work on their own use `bind` to give it the same context.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from typing import Any

from switchover_kit.auth import Principal

ACTOR_METADATA_KEY = "x-switchover-actor"
REQUEST_ID_METADATA_KEY = "x-request-id"

_request_id: ContextVar[str] = ContextVar("switchover_request_id", default="")
_principal: ContextVar[Principal | None] = ContextVar("switchover_principal", default=None)
_forwarded_actor: ContextVar[str] = ContextVar("switchover_forwarded_actor", default="")
_deadline: ContextVar[float | None] = ContextVar("switchover_deadline", default=None)
_service: ContextVar[str] = ContextVar("switchover_service", default="")


def request_id() -> str:
    """Returns the id of the request being served, or "" outside a request."""
    return _request_id.get()


def principal() -> Principal | None:
    """Returns the authenticated caller of the current request."""
    return _principal.get()


def actor() -> str:
    """Returns the end user the work is done for.

    That is the caller's own name, except when the caller is a service passing on a request:
    then it is the `x-switchover-actor` the service forwarded. "" when nobody is known.
    """
    caller = _principal.get()
    if caller is None:
        return ""
    forwarded = _forwarded_actor.get()
    return forwarded if caller.service and forwarded else caller.name


def deadline() -> float | None:
    """Returns the `time.monotonic()` deadline of the current inbound call, if it has one."""
    return _deadline.get()


def time_remaining() -> float | None:
    """Returns the seconds left before the current call's deadline, if it has one."""
    end = _deadline.get()
    return None if end is None else end - time.monotonic()


def service() -> str:
    """Returns the name of the service handling the current request."""
    return _service.get()


def enter_call(
    *,
    request_id: str,
    service: str,
    deadline: float | None,
    principal: Principal | None = None,
    forwarded_actor: str = "",
) -> None:
    """Sets the context of an inbound call without restoring it afterwards.

    Only for code that runs in a task of its own per call, as gRPC's asyncio server does:
    each task has its own copy of the context, so nothing leaks between calls.
    """
    _request_id.set(request_id)
    _service.set(service)
    _deadline.set(deadline)
    _principal.set(principal)
    _forwarded_actor.set(forwarded_actor)


def set_caller(principal: Principal, forwarded_actor: str = "") -> None:
    """Records the authenticated caller of the current call (see `enter_call`)."""
    _principal.set(principal)
    _forwarded_actor.set(forwarded_actor)


@contextmanager
def bind(
    *,
    request_id: str | None = None,
    principal: Principal | None = None,
    forwarded_actor: str | None = None,
    deadline: float | None = None,
    service: str | None = None,
) -> Iterator[None]:
    """Sets the given values (None leaves one unchanged) for the block, then restores them."""
    changes: list[tuple[ContextVar[Any], Any]] = [
        (_request_id, request_id),
        (_principal, principal),
        (_forwarded_actor, forwarded_actor),
        (_deadline, deadline),
        (_service, service),
    ]
    tokens: list[tuple[ContextVar[Any], Token[Any]]] = [
        (variable, variable.set(value)) for variable, value in changes if value is not None
    ]
    try:
        yield
    finally:
        for variable, token in reversed(tokens):
            variable.reset(token)
