"""Inputs and results of the migration forecast (DESIGN.md §4)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

_FROZEN = ConfigDict(frozen=True)


class Strategy(StrEnum):
    """How a unit is migrated; it decides how much of its migration is downtime."""

    BIG_BANG = "BIG_BANG"
    """The channel is frozen for the unit's whole ETL run."""

    PHASED = "PHASED"
    """Extract, transform and validate run while legacy serves; only the load is downtime."""

    PARALLEL_RUN = "PARALLEL_RUN"
    """Both platforms run; only the final switch is downtime, and a failure costs none."""


class MigrationUnit(BaseModel):
    """One unit of migration: a channel or a data domain moved through the staged ETL."""

    model_config = _FROZEN

    name: str = Field(min_length=1)
    """Unique within the plan, e.g. a channel's resource name."""

    data_bytes: int = Field(ge=0)
    """How much data the unit moves."""

    throughput_bytes_per_second: float = Field(gt=0)
    """Sustained ETL throughput for this unit."""

    strategy: Strategy = Strategy.PHASED
    """How the unit is cut over."""


class ForecastPhase(BaseModel):
    """A wave: its units run in parallel lanes; phases run one after another."""

    model_config = _FROZEN

    name: str = Field(min_length=1)
    units: tuple[MigrationUnit, ...] = Field(min_length=1)


class FailureRates(BaseModel):
    """Probabilities per substage attempt (each attempt draws once against all three)."""

    model_config = _FROZEN

    network: float = Field(default=0.05, ge=0, le=1)
    """The connection drops partway through the attempt; the attempt is retried."""

    overload: float = Field(default=0.03, ge=0, le=1)
    """The target is saturated and the attempt times out at its end; the attempt is retried."""

    corruption: float = Field(default=0.01, ge=0, le=1)
    """The attempt completes with corrupted records, lowering the unit's quality score."""

    @model_validator(mode="after")
    def _at_most_certain(self) -> FailureRates:
        if self.network + self.overload + self.corruption > 1:
            raise ValueError("network + overload + corruption must not exceed 1")
        return self


class RetryPolicy(BaseModel):
    """Retries of a failed substage attempt, with exponential backoff."""

    model_config = _FROZEN

    max_attempts: int = Field(default=4, ge=1)
    """Attempts per substage, the first included; when all fail, the unit fails."""

    initial_backoff_seconds: float = Field(default=30.0, ge=0)
    multiplier: float = Field(default=2.0, ge=1)
    max_backoff_seconds: float = Field(default=600.0, ge=0)


class QualityPolicy(BaseModel):
    """How corruption degrades a unit's data quality (0..100, starting at 100)."""

    model_config = _FROZEN

    corruption_penalty: float = Field(default=3.0, ge=0, le=100)
    """Points lost per corrupted attempt."""

    threshold: float = Field(default=95.0, ge=0, le=100)
    """Below this score the unit fails its quality gate and is rolled back."""


class ForecastSettings(BaseModel):
    """Everything about the simulated environment; the defaults are DESIGN.md's."""

    model_config = _FROZEN

    failure_rates: FailureRates = FailureRates()
    retry: RetryPolicy = RetryPolicy()
    quality: QualityPolicy = QualityPolicy()
    max_parallel_units: int = Field(default=50, ge=1)
    """Lanes per phase: units beyond this wait for a free lane."""

    duration_spread: float = Field(default=0.15, ge=0, le=2)
    """Sigma of the log-normal factor applied to each stage's nominal duration."""

    rollback_seconds: float = Field(default=300.0, ge=0)
    """Time to restore legacy after a failed unit."""

    switch_seconds: float = Field(default=60.0, ge=0)
    """Downtime of a parallel-run unit's final switch."""


class ForecastInput(BaseModel):
    """A plan to forecast: phases of units, and the environment to simulate."""

    model_config = _FROZEN

    phases: tuple[ForecastPhase, ...] = Field(min_length=1)
    settings: ForecastSettings = ForecastSettings()

    @model_validator(mode="after")
    def _unique_unit_names(self) -> ForecastInput:
        seen: set[str] = set()
        for phase in self.phases:
            for unit in phase.units:
                if unit.name in seen:
                    raise ValueError(f"unit name {unit.name!r} appears twice in the plan")
                seen.add(unit.name)
        return self


class PhaseForecast(BaseModel):
    """One phase's simulated outcomes."""

    model_config = _FROZEN

    name: str
    p50_duration_seconds: float
    p90_duration_seconds: float
    success_probability: float
    """Share of iterations in which every unit of the phase succeeded (0..1)."""


class UnitForecast(BaseModel):
    """One unit's simulated outcomes."""

    model_config = _FROZEN

    name: str
    phase: str
    failure_probability: float
    """Share of iterations in which the unit failed (0..1)."""

    mean_retries: float
    """Retried attempts per iteration, on average."""


class ForecastResult(BaseModel):
    """The Monte Carlo forecast of a plan, reproducible from its seed and iteration count."""

    model_config = _FROZEN

    seed: int
    iterations: int
    p50_duration_seconds: float
    p90_duration_seconds: float
    mean_duration_seconds: float
    success_probability: float
    """Share of iterations in which every unit succeeded (0..1)."""

    expected_downtime_seconds: float
    """Mean over iterations of the downtime summed across units (each unit's customers see
    their own outage, so overlapping outages add up)."""

    p90_downtime_seconds: float
    phases: tuple[PhaseForecast, ...]
    units: tuple[UnitForecast, ...]
