"""Tests of the Monte Carlo forecast."""

from __future__ import annotations

import itertools
from random import Random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from switchover_simulation.forecast import (
    FailureRates,
    ForecastInput,
    ForecastPhase,
    ForecastSettings,
    MigrationUnit,
    QualityPolicy,
    RetryPolicy,
    Strategy,
    UnitSimulator,
    forecast,
    makespan,
    percentile,
)

NO_FAILURES = FailureRates(network=0, overload=0, corruption=0)
CALM = ForecastSettings(failure_rates=NO_FAILURES, duration_spread=0)


def _unit(name: str, seconds: float = 1000, strategy: Strategy = Strategy.PHASED) -> MigrationUnit:
    return MigrationUnit(
        name=name,
        data_bytes=int(seconds * 1_000_000),
        throughput_bytes_per_second=1_000_000,
        strategy=strategy,
    )


def _plan(
    units: int = 10, settings: ForecastSettings | None = None, phases: int = 2
) -> ForecastInput:
    return ForecastInput(
        phases=tuple(
            ForecastPhase(
                name=f"wave-{p}",
                units=tuple(_unit(f"u-{p}-{n}", 600 + 60 * n) for n in range(units)),
            )
            for p in range(phases)
        ),
        settings=settings or ForecastSettings(),
    )


def _scaled(factor: int) -> ForecastSettings:
    return ForecastSettings(
        failure_rates=FailureRates(
            network=0.05 * factor, overload=0.03 * factor, corruption=0.01 * factor
        )
    )


def test_the_same_seed_gives_the_same_forecast() -> None:
    assert forecast(_plan(), 200, seed=11) == forecast(_plan(), 200, seed=11)


def test_different_seeds_give_different_samples() -> None:
    assert forecast(_plan(), 200, seed=1).mean_duration_seconds != (
        forecast(_plan(), 200, seed=2).mean_duration_seconds
    )


def test_the_result_states_its_seed_and_iterations() -> None:
    result = forecast(_plan(), 50, seed=42)

    assert (result.seed, result.iterations) == (42, 50)


def test_without_failures_or_spread_the_duration_is_the_nominal_critical_path() -> None:
    result = forecast(_plan(units=3, settings=CALM), 20, seed=0)

    # Each phase lasts as long as its longest unit: 600 + 60 * 2 seconds.
    assert (result.p50_duration_seconds, result.p90_duration_seconds) == (1440.0, 1440.0)
    assert result.success_probability == 1.0


@pytest.mark.parametrize(
    ("strategy", "downtime"),
    [(Strategy.BIG_BANG, 1000.0), (Strategy.PHASED, 350.0), (Strategy.PARALLEL_RUN, 60.0)],
)
def test_downtime_depends_on_the_strategy(strategy: Strategy, downtime: float) -> None:
    plan = ForecastInput(
        phases=(ForecastPhase(name="w", units=(_unit("u", 1000, strategy),)),), settings=CALM
    )

    assert forecast(plan, 10, seed=0).expected_downtime_seconds == pytest.approx(downtime)


def test_downtime_adds_up_across_units() -> None:
    units = (_unit("a", 1000, Strategy.BIG_BANG), _unit("b", 500, Strategy.BIG_BANG))
    plan = ForecastInput(phases=(ForecastPhase(name="w", units=units),), settings=CALM)

    assert forecast(plan, 10, seed=0).expected_downtime_seconds == pytest.approx(1500)


def test_units_beyond_the_lanes_wait_for_a_free_lane() -> None:
    settings = CALM.model_copy(update={"max_parallel_units": 2})
    units = tuple(_unit(f"u{n}", 100) for n in range(3))
    plan = ForecastInput(phases=(ForecastPhase(name="w", units=units),), settings=settings)

    assert forecast(plan, 5, seed=0).p50_duration_seconds == pytest.approx(200)


def test_exhausted_retries_fail_the_unit_and_roll_it_back() -> None:
    settings = ForecastSettings(
        failure_rates=FailureRates(network=0, overload=1, corruption=0),
        retry=RetryPolicy(max_attempts=2, initial_backoff_seconds=10),
        duration_spread=0,
        rollback_seconds=300,
    )
    run = UnitSimulator(settings).run(Random(0), 300, Strategy.BIG_BANG)

    # The first extract substage (30 % of 300 s over three substages) times out twice, with
    # a 10 s backoff between the attempts; then the rollback.
    assert (run.succeeded, run.retries) == (False, 1)
    assert run.elapsed_seconds == pytest.approx(30 + 10 + 30 + 300)
    assert run.downtime_seconds == pytest.approx(run.elapsed_seconds)


def test_a_failed_parallel_run_costs_no_downtime() -> None:
    settings = ForecastSettings(failure_rates=FailureRates(network=1, overload=0, corruption=0))
    run = UnitSimulator(settings).run(Random(0), 300, Strategy.PARALLEL_RUN)

    assert (run.succeeded, run.downtime_seconds) == (False, 0.0)


def test_a_phased_unit_failing_before_its_load_costs_no_downtime() -> None:
    settings = ForecastSettings(failure_rates=FailureRates(network=1, overload=0, corruption=0))
    run = UnitSimulator(settings).run(Random(0), 300, Strategy.PHASED)

    assert (run.succeeded, run.downtime_seconds) == (False, 0.0)


def test_corruption_below_the_quality_threshold_fails_the_unit() -> None:
    corrupt = FailureRates(network=0, overload=0, corruption=1)
    strict = ForecastSettings(failure_rates=corrupt, quality=QualityPolicy(threshold=95))
    lenient = ForecastSettings(failure_rates=corrupt, quality=QualityPolicy(threshold=0))

    assert not UnitSimulator(strict).run(Random(0), 300, Strategy.PHASED).succeeded
    assert UnitSimulator(lenient).run(Random(0), 300, Strategy.PHASED).succeeded


@pytest.mark.parametrize(("lower", "higher"), list(itertools.combinations(range(5), 2)))
def test_success_probability_falls_as_failure_rates_rise(lower: int, higher: int) -> None:
    calmer = forecast(_plan(settings=_scaled(lower)), 400, seed=5)
    rougher = forecast(_plan(settings=_scaled(higher)), 400, seed=5)

    assert calmer.success_probability > rougher.success_probability


def test_more_retries_raise_the_success_probability() -> None:
    rates = FailureRates(network=0.2, overload=0.1, corruption=0)
    few = ForecastSettings(failure_rates=rates, retry=RetryPolicy(max_attempts=2))
    many = ForecastSettings(failure_rates=rates, retry=RetryPolicy(max_attempts=6))

    assert (
        forecast(_plan(settings=few), 300, seed=3).success_probability
        < forecast(_plan(settings=many), 300, seed=3).success_probability
    )


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**32),
    units=st.integers(1, 8),
    factor=st.integers(0, 4),
    spread=st.floats(0, 1),
)
def test_percentiles_are_ordered_for_any_plan(
    seed: int, units: int, factor: int, spread: float
) -> None:
    settings = _scaled(factor).model_copy(update={"duration_spread": spread})
    result = forecast(_plan(units=units, settings=settings), 60, seed=seed)

    assert result.p50_duration_seconds <= result.p90_duration_seconds
    assert 0 <= result.success_probability <= 1
    assert all(p.p50_duration_seconds <= p.p90_duration_seconds for p in result.phases)
    assert result.success_probability <= min(p.success_probability for p in result.phases)


def test_unit_forecasts_name_their_phase_and_failure_probability() -> None:
    result = forecast(_plan(units=2, settings=_scaled(3)), 200, seed=9)

    assert [(u.name, u.phase) for u in result.units] == [
        ("u-0-0", "wave-0"),
        ("u-0-1", "wave-0"),
        ("u-1-0", "wave-1"),
        ("u-1-1", "wave-1"),
    ]
    assert all(0 < u.failure_probability < 1 and u.mean_retries > 0 for u in result.units)


@pytest.mark.parametrize("iterations", [0, 1_000_001])
def test_iterations_outside_the_bounds_are_refused(iterations: int) -> None:
    with pytest.raises(ValueError, match="iterations"):
        forecast(_plan(), iterations, seed=0)


def test_duplicate_unit_names_are_refused() -> None:
    with pytest.raises(ValidationError, match="appears twice"):
        ForecastInput(phases=(ForecastPhase(name="w", units=(_unit("a"), _unit("a"))),))


def test_failure_rates_beyond_certainty_are_refused() -> None:
    with pytest.raises(ValidationError, match="must not exceed 1"):
        FailureRates(network=0.6, overload=0.5, corruption=0)


def test_percentile_is_nearest_rank() -> None:
    values = [float(n) for n in range(1, 11)]

    assert (percentile(values, 50), percentile(values, 90), percentile(values, 100)) == (
        5.0,
        9.0,
        10.0,
    )


def test_percentile_of_no_samples_is_refused() -> None:
    with pytest.raises(ValueError, match="no samples"):
        percentile([], 50)


@pytest.mark.parametrize("percent", [0, 101])
def test_percentile_refuses_a_percent_outside_the_range(percent: float) -> None:
    with pytest.raises(ValueError, match="percent"):
        percentile([1.0], percent)


def test_makespan_fills_the_first_free_lane() -> None:
    assert makespan([5.0, 3.0, 3.0, 1.0], lanes=2) == 6.0
