"""Tests of Settings: defaults, environment, YAML file and per-service overrides."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from switchover_kit.config import SERVICES, DatabaseConfig, Settings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keeps SWITCHOVER_* variables of the machine out of these tests."""
    for variable in [v for v in os.environ if v.upper().startswith("SWITCHOVER_")]:
        monkeypatch.delenv(variable)


def test_default_ports_are_the_documented_ones() -> None:
    assert SERVICES == {
        "gateway": 50051,
        "risk": 50052,
        "orchestration": 50053,
        "simulation": 50054,
        "cutover": 50055,
        "notification": 50056,
    }


def test_defaults() -> None:
    settings = Settings()
    assert (settings.data_dir, settings.host, settings.database_url) == (
        Path(".switchover"),
        "127.0.0.1",
        None,
    )
    assert (settings.log_level, settings.drain_seconds, settings.call_timeout_seconds) == (
        "INFO",
        2.0,
        30.0,
    )


def test_port_and_address_default_to_loopback_and_the_service_port() -> None:
    settings = Settings()
    assert settings.port("risk") == 50052
    assert settings.address("risk") == "127.0.0.1:50052"


def test_database_defaults_to_a_sqlite_file_per_service(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    assert settings.database("cutover") == DatabaseConfig(f"sqlite:///{tmp_path}/cutover.db")


def test_files_live_in_the_data_dir(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    assert settings.keys_file == tmp_path / "api_keys.json"
    assert settings.admin_token_file == tmp_path / "admin.token"
    assert settings.service_token_file == tmp_path / "service.token"


def test_environment_sets_fields(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SWITCHOVER_DATA_DIR", "/srv/switchover")
    monkeypatch.setenv("SWITCHOVER_DRAIN_SECONDS", "0.5")
    settings = Settings()
    assert (settings.data_dir, settings.drain_seconds) == (Path("/srv/switchover"), 0.5)


def test_environment_overrides_one_service(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SWITCHOVER_RISK_PORT", "6002")
    monkeypatch.setenv("SWITCHOVER_CUTOVER_ADDRESS", "cutover.internal:443")
    monkeypatch.setenv("SWITCHOVER_GATEWAY_DATABASE_URL", "postgresql+psycopg://db/gateway")
    settings = Settings()
    assert settings.port("risk") == 6002
    assert settings.address("risk") == "127.0.0.1:6002"
    assert settings.address("cutover") == "cutover.internal:443"
    assert settings.database("gateway") == DatabaseConfig("postgresql+psycopg://db/gateway")
    assert settings.port("gateway") == 50051


def test_unrelated_variables_are_not_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SWITCHOVER_LEDGER_PORT", "7000")
    assert Settings().services == {}


def test_shared_postgres_url_gives_each_service_a_schema() -> None:
    settings = Settings(database_url="postgresql+psycopg://db/switchover")
    assert settings.database("risk") == DatabaseConfig(
        "postgresql+psycopg://db/switchover", "switchover_risk"
    )


def test_shared_sqlite_url_is_used_as_is() -> None:
    settings = Settings(database_url="sqlite:///all.db")
    assert settings.database("risk") == DatabaseConfig("sqlite:///all.db", None)


def test_own_database_url_beats_the_shared_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SWITCHOVER_RISK_DATABASE_URL", "postgresql+psycopg://other/risk")
    settings = Settings(database_url="postgresql+psycopg://db/switchover")
    assert settings.database("risk") == DatabaseConfig("postgresql+psycopg://other/risk")


def write_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    path = tmp_path / "switchover.yaml"
    path.write_text(text)
    monkeypatch.setenv("SWITCHOVER_CONFIG_FILE", str(path))


def test_yaml_file_sets_fields_and_overrides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(tmp_path, monkeypatch, "log_level: DEBUG\nservices:\n  risk:\n    port: 6102\n")
    settings = Settings()
    assert (settings.log_level, settings.port("risk")) == ("DEBUG", 6102)


def test_environment_wins_over_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_config(tmp_path, monkeypatch, "log_level: DEBUG\nservices:\n  risk:\n    port: 6102\n")
    monkeypatch.setenv("SWITCHOVER_LOG_LEVEL", "WARNING")
    monkeypatch.setenv("SWITCHOVER_RISK_PORT", "6202")
    settings = Settings()
    assert (settings.log_level, settings.port("risk")) == ("WARNING", 6202)


def test_file_and_environment_overrides_merge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(tmp_path, monkeypatch, "services:\n  risk:\n    address: risk.internal:1\n")
    monkeypatch.setenv("SWITCHOVER_RISK_PORT", "6202")
    settings = Settings()
    assert (settings.port("risk"), settings.address("risk")) == (6202, "risk.internal:1")


def test_arguments_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SWITCHOVER_HOST", "0.0.0.0")
    assert Settings(host="127.0.0.2").host == "127.0.0.2"


def test_file_may_hold_knobs_of_other_services(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(tmp_path, monkeypatch, "lanes: 12\nhost: 127.0.0.3\n")
    assert Settings().host == "127.0.0.3"


def test_subclass_adds_its_own_knobs(monkeypatch: pytest.MonkeyPatch) -> None:
    class OrchestrationSettings(Settings):
        lanes: int = 50

    monkeypatch.setenv("SWITCHOVER_LANES", "8")
    monkeypatch.setenv("SWITCHOVER_ORCHESTRATION_PORT", "6003")
    settings = OrchestrationSettings()
    assert (settings.lanes, settings.port("orchestration")) == (8, 6003)


def test_unknown_service_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown service 'ledger'"):
        Settings().port("ledger")
