"""Exits 0 when a gRPC server reports SERVING on the standard health service, 1 otherwise.

The container health check of docker-compose.yml (Kubernetes uses its native gRPC probes):

    python /opt/switchover/grpc_health_check.py 127.0.0.1:50052 [--service NAME]

An empty service name (the default) asks about the server as a whole. The health service needs
no token, so the check works before any key exists.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc


def is_serving(target: str, service: str = "", timeout: float = 3.0) -> bool:
    """Asks `target` whether `service` is SERVING; any RPC failure counts as not serving."""
    with grpc.insecure_channel(target) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        try:
            response = stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=timeout)
        except grpc.RpcError as error:
            print(f"{target}: {error.code().name}", file=sys.stderr)
            return False
    status: int = response.status
    if status != health_pb2.HealthCheckResponse.SERVING:
        name = health_pb2.HealthCheckResponse.ServingStatus.Name(status)
        print(f"{target}: {name}", file=sys.stderr)
        return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point; returns the process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", help="host:port of the gRPC server")
    parser.add_argument("--service", default="", help="service name (default: whole server)")
    parser.add_argument("--timeout", type=float, default=3.0, help="seconds to wait")
    args = parser.parse_args(argv)
    return 0 if is_serving(args.target, args.service, args.timeout) else 1


if __name__ == "__main__":
    raise SystemExit(main())
