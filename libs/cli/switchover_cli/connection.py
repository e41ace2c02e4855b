"""How the CLI reaches a running Switchover: the gateway's address and a token."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from switchover.gateway.v1 import gateway_service_pb2_grpc
from switchover.orchestration.v1 import orchestration_service_pb2_grpc
from switchover_kit.client import connect
from switchover_kit.config import Settings

TOKEN_ENV = "SWITCHOVER_TOKEN"


class NoTokenError(RuntimeError):
    """Raised when no token is given and the data directory has no admin token."""


def token_for(settings: Settings, explicit: str | None = None) -> str:
    """The token to call with: `--token`, else `SWITCHOVER_TOKEN`, else `<data dir>/admin.token`."""
    if explicit:
        return explicit
    if env := os.environ.get(TOKEN_ENV):
        return env
    path = settings.admin_token_file
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    raise NoTokenError(
        f"no token: pass --token, set {TOKEN_ENV}, or start the stack once so that {path} exists"
    )


@asynccontextmanager
async def gateway(
    settings: Settings, token: str, *, call_timeout: float = 120.0
) -> AsyncIterator[gateway_service_pb2_grpc.GatewayServiceStub]:
    """A gateway stub for the duration of the block."""
    channel = connect(settings.address("gateway"), "gateway", token, timeout=call_timeout)
    try:
        yield gateway_service_pb2_grpc.GatewayServiceStub(channel)
    finally:
        await channel.close()


@asynccontextmanager
async def orchestration(
    settings: Settings, token: str
) -> AsyncIterator[orchestration_service_pb2_grpc.OrchestrationServiceStub]:
    """An orchestration stub (plan exports live there) for the duration of the block."""
    channel = connect(settings.address("orchestration"), "orchestration", token)
    try:
        yield orchestration_service_pb2_grpc.OrchestrationServiceStub(channel)
    finally:
        await channel.close()
