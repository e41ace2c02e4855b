"""Monte Carlo simulation of a migration plan's staged ETL.

Each unit runs extract -> transform -> validate -> load, each stage in three substages. Every
substage attempt draws once against the failure rates: a network failure loses part of the
attempt, an overload loses all of it, and both are retried after an exponential backoff until
the attempts run out; a corrupted attempt completes but costs quality points, and a unit whose
quality falls below the threshold fails. A failed unit is rolled back. Units of a phase share
the phase's lanes; phases run in sequence. All randomness comes from one `random.Random(seed)`.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass
from random import Random

from switchover_simulation.forecast.model import (
    ForecastInput,
    ForecastResult,
    ForecastSettings,
    PhaseForecast,
    Strategy,
    UnitForecast,
)
from switchover_simulation.forecast.stats import percentile

STAGES = ("extract", "transform", "validate", "load")
STAGE_SHARES = (0.30, 0.20, 0.15, 0.35)
"""Share of a unit's nominal duration (bytes / throughput) spent in each stage."""
SUBSTAGES_PER_STAGE = 3
MAX_ITERATIONS = 1_000_000

_LOAD = STAGES.index("load")


@dataclass(frozen=True)
class UnitRun:
    """One simulated run of one unit."""

    elapsed_seconds: float
    """Lane time, rollback included when the unit failed."""

    downtime_seconds: float
    succeeded: bool
    retries: int


class UnitSimulator:
    """Simulates single unit runs under fixed settings (precomputed thresholds and backoffs)."""

    def __init__(self, settings: ForecastSettings) -> None:
        rates = settings.failure_rates
        self._network = rates.network
        self._failure = rates.network + rates.overload
        self._any_event = rates.network + rates.overload + rates.corruption
        retry = settings.retry
        self._backoffs = tuple(
            min(
                retry.initial_backoff_seconds * retry.multiplier**attempt, retry.max_backoff_seconds
            )
            for attempt in range(retry.max_attempts - 1)
        )
        self._penalty = settings.quality.corruption_penalty
        self._quality_threshold = settings.quality.threshold
        self._spread = settings.duration_spread
        self._rollback = settings.rollback_seconds
        self._switch = settings.switch_seconds

    def run(self, rng: Random, nominal_seconds: float, strategy: Strategy) -> UnitRun:
        """Simulates one run of a unit whose undisturbed ETL would take nominal_seconds."""
        random, gauss = rng.random, rng.gauss
        network, failure, any_event = self._network, self._failure, self._any_event
        backoffs, retries_allowed = self._backoffs, len(self._backoffs)
        elapsed, quality, retries, load_start = 0.0, 100.0, 0, 0.0
        for stage, share in enumerate(STAGE_SHARES):
            if stage == _LOAD:
                load_start = elapsed
            spread = math.exp(gauss(0.0, self._spread)) if self._spread else 1.0
            substage = nominal_seconds * share * spread / SUBSTAGES_PER_STAGE
            for _ in range(SUBSTAGES_PER_STAGE):
                attempt = 0
                while True:
                    draw = random()
                    if draw >= failure:
                        elapsed += substage
                        if draw < any_event:
                            quality -= self._penalty
                            if quality < self._quality_threshold:
                                return self._failed(elapsed, stage, load_start, strategy, retries)
                        break
                    # A network drop loses part of the attempt; an overload times out at its end.
                    elapsed += substage * random() if draw < network else substage
                    if attempt == retries_allowed:
                        return self._failed(elapsed, stage, load_start, strategy, retries)
                    elapsed += backoffs[attempt]
                    attempt += 1
                    retries += 1
        if strategy is Strategy.BIG_BANG:
            downtime = elapsed
        elif strategy is Strategy.PHASED:
            downtime = elapsed - load_start
        else:
            downtime = self._switch
        return UnitRun(elapsed, downtime, True, retries)

    def _failed(
        self, elapsed: float, stage: int, load_start: float, strategy: Strategy, retries: int
    ) -> UnitRun:
        elapsed += self._rollback
        if strategy is Strategy.BIG_BANG:
            downtime = elapsed
        elif strategy is Strategy.PHASED and stage == _LOAD:
            downtime = elapsed - load_start
        else:
            # Legacy kept serving: a phased unit failing before its load, or any parallel run.
            downtime = 0.0
        return UnitRun(elapsed, downtime, False, retries)


def makespan(durations: list[float], lanes: int) -> float:
    """How long a phase takes when its units start, in order, on the first free of `lanes`."""
    if len(durations) <= lanes:
        return max(durations, default=0.0)
    free_at = [0.0] * lanes
    for duration in durations:
        heapq.heappush(free_at, heapq.heappop(free_at) + duration)
    return max(free_at)


def forecast(plan: ForecastInput, iterations: int, seed: int) -> ForecastResult:
    """Simulates the plan `iterations` times from `random.Random(seed)`.

    The same plan, iterations and seed always give the same result. Raises ValueError unless
    1 <= iterations <= MAX_ITERATIONS.
    """
    if not 1 <= iterations <= MAX_ITERATIONS:
        raise ValueError(f"iterations must be within 1..{MAX_ITERATIONS}, got {iterations}")
    rng = Random(seed)
    simulator = UnitSimulator(plan.settings)
    lanes = plan.settings.max_parallel_units
    phases = [
        [
            (unit.data_bytes / unit.throughput_bytes_per_second, unit.strategy)
            for unit in phase.units
        ]
        for phase in plan.phases
    ]
    unit_count = sum(len(units) for units in phases)
    totals: list[float] = []
    downtimes: list[float] = []
    phase_durations: list[list[float]] = [[] for _ in phases]
    phase_successes = [0] * len(phases)
    unit_failures = [0] * unit_count
    unit_retries = [0] * unit_count
    plan_successes = 0
    for _ in range(iterations):
        total, downtime, plan_ok, index = 0.0, 0.0, True, 0
        for phase_index, units in enumerate(phases):
            elapsed: list[float] = []
            phase_ok = True
            for nominal, strategy in units:
                run = simulator.run(rng, nominal, strategy)
                elapsed.append(run.elapsed_seconds)
                downtime += run.downtime_seconds
                unit_retries[index] += run.retries
                if not run.succeeded:
                    unit_failures[index] += 1
                    phase_ok = False
                index += 1
            duration = makespan(elapsed, lanes)
            phase_durations[phase_index].append(duration)
            phase_successes[phase_index] += phase_ok
            plan_ok = plan_ok and phase_ok
            total += duration
        totals.append(total)
        downtimes.append(downtime)
        plan_successes += plan_ok
    named_units = [(phase.name, unit.name) for phase in plan.phases for unit in phase.units]
    return ForecastResult(
        seed=seed,
        iterations=iterations,
        p50_duration_seconds=percentile(totals, 50),
        p90_duration_seconds=percentile(totals, 90),
        mean_duration_seconds=sum(totals) / iterations,
        success_probability=plan_successes / iterations,
        expected_downtime_seconds=sum(downtimes) / iterations,
        p90_downtime_seconds=percentile(downtimes, 90),
        phases=tuple(
            PhaseForecast(
                name=phase.name,
                p50_duration_seconds=percentile(phase_durations[i], 50),
                p90_duration_seconds=percentile(phase_durations[i], 90),
                success_probability=phase_successes[i] / iterations,
            )
            for i, phase in enumerate(plan.phases)
        ),
        units=tuple(
            UnitForecast(
                name=unit_name,
                phase=phase_name,
                failure_probability=unit_failures[i] / iterations,
                mean_retries=unit_retries[i] / iterations,
            )
            for i, (phase_name, unit_name) in enumerate(named_units)
        ),
    )
