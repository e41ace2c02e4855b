"""A Switchover stack of separate processes on loopback: one `switchover serve <svc>` each.

End-to-end tests, chaos tests and benchmarks use it to run the services exactly as they are
deployed, talking real gRPC across process boundaries, and to kill and restart one of them.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from switchover_cli.stack import SERVICE_ORDER


def free_ports(count: int) -> list[int]:
    """Ports the kernel reports free now (held open together so they are distinct)."""
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def wait_serving(target: str, *, timeout: float = 60.0, service: str = "") -> None:
    """Blocks until the gRPC health check at `target` answers SERVING."""
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    with grpc.insecure_channel(target) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        while time.monotonic() < deadline:
            try:
                reply = stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=2)
                if reply.status == health_pb2.HealthCheckResponse.SERVING:
                    return
            except grpc.RpcError as error:
                last = error
            time.sleep(0.1)
    raise TimeoutError(f"{target} did not become SERVING within {timeout}s ({last})")


@dataclass
class ProcessStack:
    """Services running as child processes, sharing one data directory and key store."""

    data_dir: Path
    ports: dict[str, int]
    extra_env: Mapping[str, str] = field(default_factory=dict)
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    @property
    def env(self) -> dict[str, str]:
        """The environment every service process gets."""
        env = dict(os.environ)
        env["SWITCHOVER_DATA_DIR"] = str(self.data_dir)
        env["SWITCHOVER_DRAIN_SECONDS"] = "0"
        for service, port in self.ports.items():
            env[f"SWITCHOVER_{service.upper()}_PORT"] = str(port)
            env[f"SWITCHOVER_{service.upper()}_ADDRESS"] = f"127.0.0.1:{port}"
        env.update(self.extra_env)
        return env

    def target(self, service: str) -> str:
        """The loopback address of `service`."""
        return f"127.0.0.1:{self.ports[service]}"

    @property
    def admin_token(self) -> str:
        """The admin token made by the first service to start."""
        return (self.data_dir / "admin.token").read_text(encoding="utf-8").strip()

    def bootstrap(self) -> None:
        """Makes the key store before any service starts, so no two race to create it."""
        subprocess.run(
            [sys.executable, "-m", "switchover_cli", "keys", "bootstrap"],
            env=self.env,
            check=True,
            capture_output=True,
        )

    def start(self, service: str) -> None:
        """Starts `service` and waits until it is SERVING."""
        log = (self.data_dir / f"{service}.log").open("ab")
        self.processes[service] = subprocess.Popen(
            [sys.executable, "-m", "switchover_cli", "serve", service],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        wait_serving(self.target(service))

    def kill(self, service: str) -> None:
        """SIGKILLs `service`: no drain, no clean-up, as a crash would."""
        process = self.processes.pop(service)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)

    def terminate(self, service: str, timeout: float = 30.0) -> int:
        """SIGTERMs `service` and returns its exit code."""
        process = self.processes.pop(service)
        process.terminate()
        return process.wait(timeout=timeout)

    def stop_all(self) -> None:
        """Terminates every service, killing those that do not stop in time."""
        for service in list(self.processes):
            try:
                self.terminate(service, timeout=20)
            except subprocess.TimeoutExpired:
                self.kill(service)


@contextmanager
def process_stack(
    data_dir: Path,
    services: Sequence[str] = SERVICE_ORDER,
    extra_env: Mapping[str, str] | None = None,
) -> Iterator[ProcessStack]:
    """Runs `services` as separate processes for the duration of the block."""
    data_dir.mkdir(parents=True, exist_ok=True)
    ports = dict(zip(SERVICE_ORDER, free_ports(len(SERVICE_ORDER)), strict=True))
    stack = ProcessStack(data_dir=data_dir, ports=ports, extra_env=extra_env or {})
    stack.bootstrap()
    try:
        for service in [s for s in SERVICE_ORDER if s in services]:
            stack.start(service)
        yield stack
    finally:
        stack.stop_all()
