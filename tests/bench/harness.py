"""The benchmark harness: named figures measured in one run and written to bench/results.json.

A benchmark is a function registered with `@benchmark("a.figure", "another.figure")` that
returns the `Figure`s it measured. Baselines are measured inside the same function, in the same
run, so every ratio compares like with like on the machine at hand.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "results.json"


@dataclass(frozen=True)
class Figure:
    """One measured figure, as written to bench/results.json."""

    name: str
    """Stable dotted name, e.g. `gateway.read_qps`."""
    value: float
    unit: str
    baseline: float | None = None
    """The same measure for the baseline, taken in the same run."""
    ratio: float | None = None
    """value / baseline, or the ratio the figure's definition names."""
    detail: dict[str, Any] = field(default_factory=dict)
    """Context a reader needs: sizes, repetitions, the figure beside it (e.g. MB/s)."""


BenchFn = Callable[[], list[Figure]]
REGISTRY: dict[str, tuple[tuple[str, ...], BenchFn]] = {}


def benchmark(*names: str) -> Callable[[BenchFn], BenchFn]:
    """Registers a benchmark that produces the figures called `names`."""

    def register(fn: BenchFn) -> BenchFn:
        REGISTRY[f"{fn.__module__}.{fn.__qualname__}"] = (names, fn)
        return fn

    return register


def median_of(repeats: int, measure: Callable[[], float]) -> tuple[float, list[float]]:
    """Runs `measure` `repeats` times and returns the median and every sample."""
    samples = [measure() for _ in range(repeats)]
    return statistics.median(samples), samples


def timed_ms(fn: Callable[[], object]) -> float:
    """Wall time of one call of `fn` in milliseconds."""
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000.0


def write_results(figures: list[Figure], path: Path = RESULTS) -> None:
    """Merges `figures` into the results file, replacing figures of the same name."""
    existing: dict[str, dict[str, Any]] = {}
    if path.exists():
        existing = {row["name"]: row for row in json.loads(path.read_text())}
    for figure in figures:
        row = asdict(figure)
        if not row["detail"]:
            del row["detail"]
        existing[figure.name] = row
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(sorted(existing.values(), key=lambda r: r["name"]), indent=2) + "\n")
