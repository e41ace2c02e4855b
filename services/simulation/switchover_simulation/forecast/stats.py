"""Summary statistics of simulated samples."""

from __future__ import annotations

import math
from collections.abc import Sequence


def percentile(values: Sequence[float], percent: float) -> float:
    """Nearest-rank percentile: the smallest value with at least `percent` % of the samples at
    or below it. Always one of the samples, and monotonic in `percent`.

    Raises ValueError for no samples or a percent outside (0, 100].
    """
    if not values:
        raise ValueError("percentile of no samples")
    if not 0 < percent <= 100:
        raise ValueError(f"percent must be within (0, 100], got {percent}")
    ordered = sorted(values)
    rank = math.ceil(percent / 100 * len(ordered))
    return ordered[rank - 1]
