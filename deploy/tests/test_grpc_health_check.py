"""deploy/grpc_health_check.py against a real gRPC server with the standard health service."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from concurrent import futures
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health, health_pb2, health_pb2_grpc

from deploy.grpc_health_check import is_serving, main

SCRIPT = Path(__file__).resolve().parents[1] / "grpc_health_check.py"
SERVING = health_pb2.HealthCheckResponse.SERVING
NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING


@pytest.fixture
def servicer() -> health.HealthServicer:
    return health.HealthServicer()


@pytest.fixture
def target(servicer: health.HealthServicer) -> Iterator[str]:
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    health_pb2_grpc.add_HealthServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    yield f"127.0.0.1:{port}"
    server.stop(grace=None)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_serving_server_passes(servicer: health.HealthServicer, target: str) -> None:
    servicer.set("", SERVING)
    assert is_serving(target)


def test_not_serving_server_fails(servicer: health.HealthServicer, target: str) -> None:
    servicer.set("", NOT_SERVING)
    assert not is_serving(target)


def test_named_service_is_checked_on_its_own(servicer: health.HealthServicer, target: str) -> None:
    servicer.set("", SERVING)
    servicer.set("switchover.risk.v1.RiskService", NOT_SERVING)
    assert not is_serving(target, "switchover.risk.v1.RiskService")


def test_unknown_service_fails(servicer: health.HealthServicer, target: str) -> None:
    servicer.set("", SERVING)
    assert not is_serving(target, "no.such.Service")


def test_nothing_listening_fails() -> None:
    assert not is_serving(f"127.0.0.1:{_closed_port()}", timeout=1.0)


@pytest.mark.parametrize(("status", "exit_code"), [(SERVING, 0), (NOT_SERVING, 1)])
def test_command_line_exit_code_follows_the_status(
    servicer: health.HealthServicer, target: str, status: int, exit_code: int
) -> None:
    servicer.set("", status)
    result = subprocess.run(
        [sys.executable, str(SCRIPT), target], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == exit_code


def test_main_checks_the_named_service(servicer: health.HealthServicer, target: str) -> None:
    servicer.set("switchover.risk.v1.RiskService", SERVING)
    assert main([target, "--service", "switchover.risk.v1.RiskService", "--timeout", "2"]) == 0
