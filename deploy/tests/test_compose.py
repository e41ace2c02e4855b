"""docker-compose.yml: the six services, the key bootstrap and PostgreSQL."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PORTS = {
    "gateway": 50051,
    "risk": 50052,
    "orchestration": 50053,
    "simulation": 50054,
    "cutover": 50055,
    "notification": 50056,
}


@pytest.fixture(scope="module")
def services() -> dict[str, Any]:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    result: dict[str, Any] = compose["services"]
    return result


def test_compose_runs_the_six_services_keys_and_postgres(services: dict[str, Any]) -> None:
    assert set(services) == {*PORTS, "keys", "postgres"}


@pytest.mark.parametrize(("name", "port"), PORTS.items())
def test_service_serves_its_name_on_its_port(
    services: dict[str, Any], name: str, port: int
) -> None:
    service = services[name]
    assert service["command"] == [name]
    assert service["ports"] == [f"{port}:{port}"]
    assert service["healthcheck"]["test"][-1] == f"127.0.0.1:{port}"


@pytest.mark.parametrize("name", PORTS)
def test_service_waits_for_keys_and_a_healthy_database(services: dict[str, Any], name: str) -> None:
    depends_on = services[name]["depends_on"]
    assert depends_on["keys"] == {"condition": "service_completed_successfully"}
    assert depends_on["postgres"] == {"condition": "service_healthy"}


def test_gateway_starts_after_every_other_service_is_healthy(services: dict[str, Any]) -> None:
    depends_on = services["gateway"]["depends_on"]
    assert {name for name in PORTS if name != "gateway"} <= set(depends_on)


@pytest.mark.parametrize("name", [*PORTS, "keys"])
def test_service_environment_names_host_data_database_and_peers(
    services: dict[str, Any], name: str
) -> None:
    environment = services[name]["environment"]
    assert environment["SWITCHOVER_HOST"] == "0.0.0.0"
    assert environment["SWITCHOVER_DATA_DIR"] == "/data"
    assert environment["SWITCHOVER_DATABASE_URL"] == (
        "postgresql+psycopg://switchover:switchover@postgres:5432/switchover"
    )
    for peer, port in PORTS.items():
        assert environment[f"SWITCHOVER_{peer.upper()}_ADDRESS"] == f"{peer}:{port}"


@pytest.mark.parametrize("name", [*PORTS, "keys"])
def test_service_shares_the_data_volume_on_a_read_only_root(
    services: dict[str, Any], name: str
) -> None:
    service = services[name]
    assert "data:/data" in service["volumes"]
    assert service["read_only"] is True
    assert "/tmp" in service["tmpfs"]
    assert service["build"]["dockerfile"] == "deploy/Dockerfile"


def test_keys_service_runs_the_bootstrap_once(services: dict[str, Any]) -> None:
    keys = services["keys"]
    assert keys["entrypoint"] == ["switchover", "keys", "bootstrap"]
    assert keys["restart"] == "no"
    assert "depends_on" not in keys


def test_postgres_is_version_16_with_a_readiness_check(services: dict[str, Any]) -> None:
    postgres = services["postgres"]
    assert postgres["image"] == "postgres:16"
    assert "pg_isready" in postgres["healthcheck"]["test"][1]
    assert postgres["environment"]["POSTGRES_DB"] == "switchover"


@pytest.mark.skipif(shutil.which("docker-compose") is None, reason="docker-compose not installed")
def test_docker_compose_accepts_the_file() -> None:
    result = subprocess.run(
        ["docker-compose", "--file", "docker-compose.yml", "config", "--quiet"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
