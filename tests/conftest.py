"""Fixtures for the cross-service tests: the whole suite, in one process or in several."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest_asyncio

from switchover_cli.processes import free_ports
from switchover_cli.stack import SERVICE_ORDER, Credentials, embedded_stack
from switchover_kit.auth import KeyStore, Role
from switchover_kit.config import ServiceOverrides, Settings


@dataclass(frozen=True)
class Suite:
    """A running suite: where each service listens and tokens for every role."""

    settings: Settings
    credentials: Credentials
    tokens: dict[Role, str]

    def target(self, service: str) -> str:
        return self.settings.address(service)


def suite_settings(data_dir: Path, **overrides: object) -> Settings:
    """Settings for a suite on free loopback ports with its data in `data_dir`."""
    ports = free_ports(len(SERVICE_ORDER))
    services = {
        name: ServiceOverrides(port=port, address=f"127.0.0.1:{port}")
        for name, port in zip(SERVICE_ORDER, ports, strict=True)
    }
    return Settings(data_dir=data_dir, drain_seconds=0.0, services=services, **overrides)


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def suite(tmp_path_factory: object) -> AsyncIterator[Suite]:
    """All six services in this process (real gRPC on loopback), shared by a module's tests."""
    data_dir: Path = tmp_path_factory.mktemp("suite")  # type: ignore[attr-defined]
    settings = suite_settings(data_dir)
    async with embedded_stack(settings) as credentials:
        keystore = KeyStore(settings.keys_file)
        tokens = {role: keystore.create_key(f"{role.name.lower()}-user", role) for role in Role}
        yield Suite(settings=settings, credentials=credentials, tokens=tokens)
