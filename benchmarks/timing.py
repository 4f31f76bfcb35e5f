"""Wall-clock timing shared by the benchmarks: the machine is shared and noisy, so every figure is a median."""

from __future__ import annotations

import statistics
import time
from typing import Callable


def median_seconds(function: Callable[[], object], runs: int) -> float:
    """Median wall-clock seconds of ``runs`` calls of ``function``."""
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)
