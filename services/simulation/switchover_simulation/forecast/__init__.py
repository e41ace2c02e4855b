"""Monte Carlo forecast of a migration plan: P50/P90 duration, success probability and
expected downtime, reproducible from a seed."""

from __future__ import annotations

from switchover_simulation.forecast.engine import (
    MAX_ITERATIONS,
    STAGE_SHARES,
    STAGES,
    SUBSTAGES_PER_STAGE,
    UnitRun,
    UnitSimulator,
    forecast,
    makespan,
)
from switchover_simulation.forecast.model import (
    FailureRates,
    ForecastInput,
    ForecastPhase,
    ForecastResult,
    ForecastSettings,
    MigrationUnit,
    PhaseForecast,
    QualityPolicy,
    RetryPolicy,
    Strategy,
    UnitForecast,
)
from switchover_simulation.forecast.stats import percentile

__all__ = [
    "MAX_ITERATIONS",
    "STAGES",
    "STAGE_SHARES",
    "SUBSTAGES_PER_STAGE",
    "FailureRates",
    "ForecastInput",
    "ForecastPhase",
    "ForecastResult",
    "ForecastSettings",
    "MigrationUnit",
    "PhaseForecast",
    "QualityPolicy",
    "RetryPolicy",
    "Strategy",
    "UnitForecast",
    "UnitRun",
    "UnitSimulator",
    "forecast",
    "makespan",
    "percentile",
]
