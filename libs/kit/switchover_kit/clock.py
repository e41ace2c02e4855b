"""The one injectable clock, so schedules, leases, retries and timeouts are tested without sleeping.

Services take a `Clock` and never call `datetime.now`, `time.monotonic` or `asyncio.sleep`
directly. Production code uses `SystemClock`; tests use `FakeClock` and move time by hand.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Wall time, monotonic time and sleeping."""

    def now(self) -> datetime:
        """Returns the current wall time, timezone-aware in UTC."""
        ...

    def monotonic(self) -> float:
        """Returns seconds on a clock that never goes backwards, for measuring intervals."""
        ...

    async def sleep(self, seconds: float) -> None:
        """Suspends the caller for `seconds` of this clock's time."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        """Returns the current wall time in UTC."""
        return datetime.now(UTC)

    def monotonic(self) -> float:
        """Returns `time.monotonic()`."""
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        """Sleeps on the event loop."""
        await asyncio.sleep(seconds)


class FakeClock:
    """A clock that only moves when told to.

    `advance` moves wall and monotonic time together and wakes every sleeper whose time has
    come; the woken coroutines run at the caller's next await. `set` moves only the wall clock,
    as a clock adjustment would, so sleepers (which measure intervals) are not affected.
    """

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs a timezone-aware start time")
        self._now = start.astimezone(UTC)
        self._monotonic = 0.0
        # Entries are (wake time, tie breaker, future); the counter keeps the heap from ever
        # comparing futures when two sleepers wake at the same instant.
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    def now(self) -> datetime:
        """Returns the fake wall time."""
        return self._now

    def monotonic(self) -> float:
        """Returns the fake monotonic time (starts at 0)."""
        return self._monotonic

    @property
    def sleepers(self) -> int:
        """Counts coroutines currently sleeping on this clock, so tests can wait for them."""
        return sum(1 for _, _, future in self._sleepers if not future.done())

    async def sleep(self, seconds: float) -> None:
        """Waits until the clock has been advanced by at least `seconds`."""
        if seconds <= 0:
            await asyncio.sleep(0)
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self._monotonic + seconds, next(self._order), future))
        await future

    def advance(self, seconds: float) -> None:
        """Moves time forward and wakes the sleepers that are due."""
        if seconds < 0:
            raise ValueError("time only moves forward")
        self._monotonic += seconds
        self._now += timedelta(seconds=seconds)
        while self._sleepers and self._sleepers[0][0] <= self._monotonic:
            _, _, future = heapq.heappop(self._sleepers)
            if not future.done():
                future.set_result(None)

    def set(self, when: datetime) -> None:
        """Sets the wall clock to `when` (timezone-aware) without touching monotonic time."""
        if when.tzinfo is None:
            raise ValueError("FakeClock.set needs a timezone-aware time")
        self._now = when.astimezone(UTC)
