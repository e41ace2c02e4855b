"""Tests of SystemClock and FakeClock."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta, timezone

import pytest

from switchover_kit.clock import Clock, FakeClock, SystemClock

START = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def test_system_clock_gives_aware_utc_time() -> None:
    now = SystemClock().now()
    assert now.tzinfo is UTC
    assert abs(now - datetime.now(UTC)) < timedelta(seconds=5)


def test_system_clock_monotonic_does_not_go_back() -> None:
    clock = SystemClock()
    first = clock.monotonic()
    assert clock.monotonic() >= first


async def test_system_clock_sleeps() -> None:
    clock: Clock = SystemClock()
    started = clock.monotonic()
    await clock.sleep(0.01)
    assert clock.monotonic() - started >= 0.009


def test_fake_clock_starts_where_told() -> None:
    clock = FakeClock(START)
    assert (clock.now(), clock.monotonic()) == (START, 0.0)


def test_fake_clock_keeps_utc_for_other_zones() -> None:
    clock = FakeClock(datetime(2025, 3, 1, 14, 0, tzinfo=timezone(timedelta(hours=2))))
    assert clock.now() == START
    assert clock.now().tzinfo is UTC


def test_fake_clock_refuses_naive_start() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        FakeClock(datetime(2025, 3, 1))


def test_advance_moves_wall_and_monotonic_time() -> None:
    clock = FakeClock(START)
    clock.advance(90)
    assert (clock.now(), clock.monotonic()) == (START + timedelta(seconds=90), 90.0)


def test_advance_backwards_is_refused() -> None:
    with pytest.raises(ValueError, match="forward"):
        FakeClock(START).advance(-1)


def test_set_moves_only_the_wall_clock() -> None:
    clock = FakeClock(START)
    clock.set(START + timedelta(days=1))
    assert (clock.now(), clock.monotonic()) == (START + timedelta(days=1), 0.0)


def test_set_refuses_naive_time() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        FakeClock(START).set(datetime(2025, 3, 2))


async def test_sleeper_waits_until_advanced_far_enough() -> None:
    clock = FakeClock(START)
    sleeper = asyncio.create_task(clock.sleep(10))
    await asyncio.sleep(0)
    clock.advance(9)
    await asyncio.sleep(0)
    assert not sleeper.done()
    clock.advance(1)
    await asyncio.sleep(0)
    assert sleeper.done()


async def test_advance_wakes_only_due_sleepers_in_time_order() -> None:
    clock = FakeClock(START)
    woken: list[int] = []

    async def sleep_then_record(seconds: int) -> None:
        await clock.sleep(seconds)
        woken.append(seconds)

    tasks = [asyncio.create_task(sleep_then_record(s)) for s in (30, 10, 20)]
    await asyncio.sleep(0)
    clock.advance(25)
    await asyncio.sleep(0)
    assert woken == [10, 20]
    clock.advance(5)
    await asyncio.gather(*tasks)
    assert woken == [10, 20, 30]


async def test_sleepers_counts_waiting_coroutines() -> None:
    clock = FakeClock(START)
    sleeper = asyncio.create_task(clock.sleep(5))
    await asyncio.sleep(0)
    assert clock.sleepers == 1
    clock.advance(5)
    await sleeper
    assert clock.sleepers == 0


async def test_cancelled_sleeper_is_skipped() -> None:
    clock = FakeClock(START)
    sleeper = asyncio.create_task(clock.sleep(5))
    await asyncio.sleep(0)
    sleeper.cancel()
    await asyncio.gather(sleeper, return_exceptions=True)
    assert clock.sleepers == 0
    clock.advance(5)


async def test_sleep_of_zero_returns_at_once() -> None:
    clock = FakeClock(START)
    await asyncio.wait_for(clock.sleep(0), 1)
    assert clock.monotonic() == 0.0
