"""Configuration shared by every service: pydantic-settings over `SWITCHOVER_*` variables.

Values come, strongest first, from keyword arguments, the environment (`SWITCHOVER_DATA_DIR`,
`SWITCHOVER_RISK_PORT`, ...) and an optional YAML file named by `SWITCHOVER_CONFIG_FILE`.
Services subclass `Settings` to add their own knobs; the same file and prefix serve them all.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    YamlConfigSettingsSource,
)

SERVICES: dict[str, int] = {
    "gateway": 50051,
    "risk": 50052,
    "orchestration": 50053,
    "simulation": 50054,
    "cutover": 50055,
    "notification": 50056,
}
"""The six services and their default loopback ports (DESIGN.md §8)."""

ENV_PREFIX = "SWITCHOVER_"
CONFIG_FILE_VARIABLE = "SWITCHOVER_CONFIG_FILE"

_OVERRIDE_SUFFIXES = {"_PORT": "port", "_ADDRESS": "address", "_DATABASE_URL": "database_url"}


@dataclass(frozen=True)
class DatabaseConfig:
    """Where one service keeps its data."""

    url: str
    """SQLAlchemy URL (`sqlite:///...` or `postgresql+psycopg://...`)."""
    schema: str | None = None
    """PostgreSQL schema that holds the service's tables; None means the default search path."""


class ServiceOverrides(BaseModel):
    """Per-service settings that replace the suite-wide defaults when set."""

    port: int | None = None
    """Port the service listens on."""
    address: str | None = None
    """Target clients use to reach the service (`host:port`)."""
    database_url: str | None = None
    """A database of its own, instead of a schema in the shared `database_url`."""


class _ServiceOverridesSource(PydanticBaseSettingsSource):
    """Reads `SWITCHOVER_<SVC>_PORT|ADDRESS|DATABASE_URL` into the `services` field."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        """Returns the per-service overrides in the environment (this source feeds only them)."""
        services: dict[str, dict[str, str]] = {}
        for variable, value in os.environ.items():
            upper = variable.upper()
            if not upper.startswith(ENV_PREFIX):
                continue
            for suffix, key in _OVERRIDE_SUFFIXES.items():
                if not upper.endswith(suffix):
                    continue
                service = upper[len(ENV_PREFIX) : -len(suffix)].lower()
                if service in SERVICES:
                    services.setdefault(service, {})[key] = value
        return services, field_name, True

    def __call__(self) -> dict[str, Any]:
        services, _, _ = self.get_field_value(
            self.settings_cls.model_fields["services"], "services"
        )
        return {"services": services} if services else {}


class Settings(BaseSettings):
    """Suite-wide settings; subclass to add a service's own knobs."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore")

    data_dir: Path = Path(".switchover")
    """Folder for SQLite files, API keys and the bootstrap tokens."""
    host: str = "127.0.0.1"
    """Interface the services bind to; anything but loopback requires API keys to exist."""
    database_url: str | None = None
    """Shared database URL; on PostgreSQL each service uses its own schema `switchover_<svc>`."""
    log_level: str = "INFO"
    """Level of the JSON log lines written to stderr."""
    drain_seconds: float = 2.0
    """Time between reporting NOT_SERVING and stopping, so load balancers move away first."""
    call_timeout_seconds: float = 30.0
    """Deadline of an outbound call when neither the call nor the inbound request sets one."""
    services: dict[str, ServiceOverrides] = Field(default_factory=dict)
    """Per-service overrides, keyed by service name (also read from `SWITCHOVER_<SVC>_*`)."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Orders the sources: arguments, then the environment, then the YAML file."""
        sources: list[PydanticBaseSettingsSource] = [
            init_settings,
            env_settings,
            _ServiceOverridesSource(settings_cls),
        ]
        config_file = os.environ.get(CONFIG_FILE_VARIABLE)
        if config_file:
            sources.append(YamlConfigSettingsSource(settings_cls, yaml_file=Path(config_file)))
        return tuple(sources)

    def _overrides(self, service: str) -> ServiceOverrides:
        if service not in SERVICES:
            raise ValueError(f"unknown service {service!r}; known: {', '.join(SERVICES)}")
        return self.services.get(service) or ServiceOverrides()

    def port(self, service: str) -> int:
        """Returns the port `service` listens on."""
        override = self._overrides(service).port
        return SERVICES[service] if override is None else override

    def address(self, service: str) -> str:
        """Returns the target clients use to reach `service`."""
        return self._overrides(service).address or f"127.0.0.1:{self.port(service)}"

    def database(self, service: str) -> DatabaseConfig:
        """Returns where `service` keeps its data: its own URL, a shared one, or a SQLite file."""
        own = self._overrides(service).database_url
        if own:
            return DatabaseConfig(own)
        if self.database_url:
            shared_pg = self.database_url.startswith("postgresql")
            return DatabaseConfig(self.database_url, f"switchover_{service}" if shared_pg else None)
        return DatabaseConfig(f"sqlite:///{self.data_dir / f'{service}.db'}")

    @property
    def keys_file(self) -> Path:
        """The API key store (hashed keys, never secrets)."""
        return self.data_dir / "api_keys.json"

    @property
    def admin_token_file(self) -> Path:
        """Where the admin token made at first start is kept for the CLI."""
        return self.data_dir / "admin.token"

    @property
    def service_token_file(self) -> Path:
        """Where the token services use to call each other is kept."""
        return self.data_dir / "service.token"
