"""Running services: one (`switchover serve <svc>`) or all six in one process (`switchover up`).

Each service keeps its own port, database and gRPC server even when they share a process, so
the embedded stack talks real gRPC on loopback exactly as a deployment does across machines.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Protocol

from switchover_kit.auth import KeyStore
from switchover_kit.config import SERVICES, Settings
from switchover_kit.server import ServiceApp, serve

# Start order: the services others call first, the gateway (which calls them all) last.
SERVICE_ORDER: tuple[str, ...] = (
    "notification",
    "risk",
    "simulation",
    "cutover",
    "orchestration",
    "gateway",
)
assert set(SERVICE_ORDER) == set(SERVICES)

log = logging.getLogger(__name__)


class AppFactory(Protocol):
    """The `create_app` every service's `server` module provides."""

    def __call__(
        self, settings: Settings, keystore: KeyStore, service_token: str
    ) -> ServiceApp: ...


def factory(service: str) -> AppFactory:
    """Returns `switchover_<service>.server.create_app`."""
    if service not in SERVICES:
        raise ValueError(f"unknown service {service!r}; choose from {', '.join(SERVICE_ORDER)}")
    module = importlib.import_module(f"switchover_{service}.server")
    create_app: AppFactory = module.create_app
    return create_app


@dataclass(frozen=True)
class Credentials:
    """The tokens a stack runs with: the admin's (for people and the CLI) and the services'."""

    admin_token: str
    service_token: str


def bootstrap(settings: Settings) -> tuple[KeyStore, Credentials]:
    """Opens the key store in the data directory, making the admin and service keys at first
    start (their tokens go to `admin.token` and `service.token`, mode 0600)."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    keystore = KeyStore(settings.keys_file)
    admin, service = keystore.ensure_bootstrap(
        settings.admin_token_file, settings.service_token_file
    )
    return keystore, Credentials(admin_token=admin, service_token=service)


def build_apps(
    settings: Settings, services: Sequence[str] = SERVICE_ORDER
) -> tuple[list[ServiceApp], Credentials]:
    """Builds the apps of `services` (in start order) sharing one key store."""
    keystore, credentials = bootstrap(settings)
    ordered = [s for s in SERVICE_ORDER if s in services]
    apps = [factory(s)(settings, keystore, credentials.service_token) for s in ordered]
    return apps, credentials


async def serve_services(settings: Settings, services: Sequence[str]) -> None:
    """Serves `services` until SIGTERM/SIGINT, then drains and stops them."""
    apps, _ = build_apps(settings, services)
    await serve(apps)


@asynccontextmanager
async def embedded_stack(settings: Settings) -> AsyncIterator[Credentials]:
    """Runs all six services in this process for the duration of the block."""
    apps, credentials = build_apps(settings)
    started: list[ServiceApp] = []
    try:
        for app in apps:
            await app.start()
            started.append(app)
        yield credentials
    finally:
        await asyncio.gather(*(app.stop(1.0) for app in reversed(started)))
