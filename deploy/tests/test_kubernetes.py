"""deploy/kubernetes: the kustomize base and the dev overlay."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

KUBERNETES = Path(__file__).resolve().parents[1] / "kubernetes"
BASE = KUBERNETES / "base"
PORTS = {
    "gateway": 50051,
    "risk": 50052,
    "orchestration": 50053,
    "simulation": 50054,
    "cutover": 50055,
    "notification": 50056,
}
KEY_FILES = ("api_keys.json", "admin.token", "service.token")
NAMESPACED_KINDS = {
    "ConfigMap",
    "Secret",
    "Service",
    "ServiceAccount",
    "Deployment",
    "Job",
    "Role",
    "RoleBinding",
    "PodDisruptionBudget",
}


def _documents(path: Path) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


@pytest.fixture(scope="module")
def base() -> list[dict[str, Any]]:
    kustomization = yaml.safe_load((BASE / "kustomization.yaml").read_text(encoding="utf-8"))
    return [doc for name in kustomization["resources"] for doc in _documents(BASE / name)]


def _find(docs: list[dict[str, Any]], kind: str, name: str) -> dict[str, Any]:
    matches = [d for d in docs if d["kind"] == kind and d["metadata"]["name"] == name]
    assert len(matches) == 1, f"{kind}/{name}"
    return matches[0]


def _containers(docs: list[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    for doc in docs:
        if doc["kind"] in ("Deployment", "Job"):
            pod = doc["spec"]["template"]["spec"]
            for container in pod.get("initContainers", []) + pod["containers"]:
                yield doc["metadata"]["name"], container


def _settings() -> dict[str, str]:
    lines = (BASE / "settings.env").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


@pytest.mark.parametrize("path", sorted(KUBERNETES.rglob("*.yaml")), ids=str)
def test_every_manifest_parses_into_typed_documents(path: Path) -> None:
    documents = _documents(path)
    assert documents
    assert all({"apiVersion", "kind"} <= set(doc) for doc in documents)


@pytest.mark.parametrize(("name", "port"), PORTS.items())
def test_service_has_a_deployment_and_a_service_on_its_port(
    base: list[dict[str, Any]], name: str, port: int
) -> None:
    deployment = _find(base, "Deployment", f"switchover-{name}")
    service = _find(base, "Service", f"switchover-{name}")
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    assert container["args"] == [name]
    assert container["ports"] == [{"name": "grpc", "containerPort": port}]
    assert service["spec"]["ports"][0]["port"] == port
    assert service["spec"]["selector"] == deployment["spec"]["selector"]["matchLabels"]


@pytest.mark.parametrize(("name", "port"), PORTS.items())
def test_probes_are_native_grpc_on_the_service_port(
    base: list[dict[str, Any]], name: str, port: int
) -> None:
    container = _find(base, "Deployment", f"switchover-{name}")["spec"]["template"]["spec"][
        "containers"
    ][0]
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert container[probe]["grpc"] == {"port": port, "service": ""}


@pytest.mark.parametrize(
    ("name", "replicas"),
    [(name, 2 if name in ("orchestration", "notification") else 1) for name in PORTS],
)
def test_leasing_services_run_two_replicas(
    base: list[dict[str, Any]], name: str, replicas: int
) -> None:
    assert _find(base, "Deployment", f"switchover-{name}")["spec"]["replicas"] == replicas


def test_every_pod_runs_as_non_root(base: list[dict[str, Any]]) -> None:
    for doc in base:
        if doc["kind"] in ("Deployment", "Job"):
            context = doc["spec"]["template"]["spec"]["securityContext"]
            assert context["runAsNonRoot"] is True, doc["metadata"]["name"]
            assert context["runAsUser"] != 0


def test_every_container_has_a_read_only_root_and_resources(base: list[dict[str, Any]]) -> None:
    for owner, container in _containers(base):
        context = container["securityContext"]
        assert context["readOnlyRootFilesystem"] is True, (owner, container["name"])
        assert context["allowPrivilegeEscalation"] is False
        assert container["resources"]["requests"], (owner, container["name"])
        assert container["resources"]["limits"]["memory"], (owner, container["name"])


@pytest.mark.parametrize("name", PORTS)
def test_service_reads_database_url_from_a_secret_and_settings_from_the_config(
    base: list[dict[str, Any]], name: str
) -> None:
    container = _find(base, "Deployment", f"switchover-{name}")["spec"]["template"]["spec"][
        "containers"
    ][0]
    env = {item["name"]: item for item in container["env"]}
    secret = env["SWITCHOVER_DATABASE_URL"]["valueFrom"]["secretKeyRef"]
    assert secret == {"name": "switchover-database", "key": "url"}
    assert container["envFrom"] == [{"configMapRef": {"name": "switchover-config"}}]


def test_config_points_every_address_at_its_kubernetes_service(
    base: list[dict[str, Any]],
) -> None:
    settings = _settings()
    for name, port in PORTS.items():
        service = _find(base, "Service", f"switchover-{name}")
        address = settings[f"SWITCHOVER_{name.upper()}_ADDRESS"]
        assert address == f"{service['metadata']['name']}:{port}"
    assert settings["SWITCHOVER_HOST"] == "0.0.0.0"


def test_bootstrap_job_publishes_the_key_files_as_a_secret(base: list[dict[str, Any]]) -> None:
    job = _find(base, "Job", "switchover-keys-bootstrap")["spec"]["template"]["spec"]
    assert job["initContainers"][0]["command"] == ["switchover", "keys", "bootstrap"]
    publish = " ".join(job["containers"][0]["command"])
    assert "kubectl create secret generic switchover-api-keys" in publish
    for key in KEY_FILES:
        assert f"--from-file={key}=/keys/{key}" in publish


@pytest.mark.parametrize("name", PORTS)
def test_service_copies_the_secret_keys_into_its_writable_data_directory(
    base: list[dict[str, Any]], name: str
) -> None:
    pod = _find(base, "Deployment", f"switchover-{name}")["spec"]["template"]["spec"]
    volumes = {v["name"]: v for v in pod["volumes"]}
    copy = pod["initContainers"][0]
    mounts = {m["name"]: m for m in copy["volumeMounts"]}
    secret_mount = next(m for m in mounts.values() if "secret" in volumes[m["name"]])
    data_mount = next(m for m in mounts.values() if "emptyDir" in volumes[m["name"]])
    assert volumes[secret_mount["name"]]["secret"]["secretName"] == "switchover-api-keys"
    assert copy["command"] == [
        "cp",
        "-L",
        *(f"{secret_mount['mountPath']}/{key}" for key in KEY_FILES),
        f"{data_mount['mountPath']}/",
    ]
    data_dir = _settings()["SWITCHOVER_DATA_DIR"]
    service_mounts = {m["mountPath"]: m["name"] for m in pod["containers"][0]["volumeMounts"]}
    assert service_mounts[data_dir] == data_mount["name"]
    assert data_mount["mountPath"] == data_dir


def test_bootstrap_role_may_create_and_read_only_the_keys_secret(
    base: list[dict[str, Any]],
) -> None:
    rules = _find(base, "Role", "switchover-keys-bootstrap")["rules"]
    assert all(rule["resources"] == ["secrets"] for rule in rules)
    reads = [rule for rule in rules if "get" in rule["verbs"]]
    assert [rule.get("resourceNames") for rule in reads] == [["switchover-api-keys"]]


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl not installed")
@pytest.mark.parametrize("folder", ["base", "overlays/dev"])
def test_kustomize_builds(folder: str) -> None:
    result = subprocess.run(
        ["kubectl", "kustomize", str(KUBERNETES / folder)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    kinds = {doc["kind"] for doc in yaml.safe_load_all(result.stdout) if doc}
    assert {"Deployment", "Service", "ConfigMap", "Job"} <= kinds


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl not installed")
def test_dev_overlay_puts_everything_in_its_namespace_with_a_database_secret() -> None:
    result = subprocess.run(
        ["kubectl", "kustomize", str(KUBERNETES / "overlays" / "dev")],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    documents = [doc for doc in yaml.safe_load_all(result.stdout) if doc]
    namespaced = [doc for doc in documents if doc["kind"] in NAMESPACED_KINDS]
    assert {doc["metadata"]["namespace"] for doc in namespaced} == {"switchover-dev"}
    secrets = [doc["metadata"]["name"] for doc in documents if doc["kind"] == "Secret"]
    assert any(name.startswith("switchover-database-") for name in secrets)
