"""deploy/Dockerfile and its ignore file (no engine runs here, so the text is what is checked)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "deploy" / "Dockerfile").read_text(encoding="utf-8")
IGNORE = (ROOT / "deploy" / "Dockerfile.dockerignore").read_text(encoding="utf-8")


def _instructions(keyword: str) -> list[str]:
    """Arguments of every `keyword` instruction, with continuation lines joined."""
    joined = DOCKERFILE.replace("\\\n", " ")
    return [m.group(1).strip() for m in re.finditer(rf"^{keyword}\s+(.*)$", joined, re.M)]


def test_both_stages_start_from_python_3_11_slim() -> None:
    assert "ARG PYTHON_IMAGE=python:3.11-slim" in DOCKERFILE
    assert _instructions("FROM") == ["${PYTHON_IMAGE} AS build", "${PYTHON_IMAGE}"]


def test_uv_comes_from_pypi_at_a_pinned_version() -> None:
    installs = [run for run in _instructions("RUN") if "pip install" in run]
    assert len(installs) == 1
    assert re.search(r"\buv==\d+\.\d+\.\d+\b", installs[0])
    assert "--no-cache-dir" in installs[0]


def test_dependencies_come_from_the_lock_without_dev_tools() -> None:
    syncs = [run for run in _instructions("RUN") if run.startswith("uv sync")]
    assert syncs
    assert all("--frozen" in run and "--no-dev" in run for run in syncs)
    assert "UV_NO_CACHE=1" in DOCKERFILE


def test_runtime_user_is_not_root() -> None:
    users = _instructions("USER")
    assert users
    assert users[-1].split(":")[0] not in ("0", "root")


def test_entrypoint_serves_the_service_named_as_argument() -> None:
    assert [json.loads(e) for e in _instructions("ENTRYPOINT")] == [["switchover", "serve"]]
    assert _instructions("CMD") == []


def test_data_directory_is_a_volume() -> None:
    assert "SWITCHOVER_DATA_DIR=/data" in DOCKERFILE
    assert _instructions("VOLUME") == ['["/data"]']


@pytest.mark.parametrize(
    "source",
    [
        part
        for copy in _instructions("COPY")
        if not copy.startswith("--from")
        for part in copy.split()[:-1]
    ],
)
def test_copied_sources_exist_and_are_not_ignored(source: str) -> None:
    assert (ROOT / source).exists()
    assert f"!{source.rstrip('/')}" in IGNORE.replace("/\n", "\n")


def test_compose_health_check_runs_the_script_the_image_holds() -> None:
    copies = [c.split() for c in _instructions("COPY") if "grpc_health_check.py" in c]
    assert len(copies) == 1
    destination = copies[0][-1]
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    assert compose["services"]["risk"]["healthcheck"]["test"][2] == destination
