"""Timing: warm-up runs, then repeated runs; median, quartiles and extremes (an equivalent of
pytest-benchmark's statistics without its test-collection machinery, so `make test` never runs it)."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable


def summary(samples: list[float]) -> dict:
    """Median, quartiles, extremes and count of a list of seconds."""
    s = sorted(samples)
    if len(s) >= 2:
        q = statistics.quantiles(s, n=4, method="inclusive")
        p25, p75 = q[0], q[2]
    else:
        p25 = p75 = s[0]
    return {"median_s": statistics.median(s), "p25_s": p25, "p75_s": p75, "min_s": s[0], "max_s": s[-1],
            "n": len(s)}


def percentile(samples: list[float], pct: float) -> float:
    """The pct-th percentile (nearest rank on the sorted samples, like most load tools)."""
    s = sorted(samples)
    rank = max(1, min(len(s), math.ceil(pct / 100 * len(s))))
    return s[rank - 1]


def measure(fn: Callable[[], object], warmup: int = 1, repeat: int = 7, setup: Callable[[], object] | None = None
            ) -> dict:
    """Run fn warmup times untimed, then repeat times timed; setup (untimed) runs before every call."""
    samples = []
    for i in range(warmup + repeat):
        if setup:
            setup()
        start = time.perf_counter()
        fn()
        elapsed = time.perf_counter() - start
        if i >= warmup:
            samples.append(elapsed)
    return summary(samples)


def measure_paired(fns: dict[str, Callable[[], object]], warmup: int = 1, repeat: int = 7
                   ) -> tuple[dict, dict]:
    """Run the functions in turn, round after round, so a burst of outside load hits them alike.

    Returns (summary per name, {(a, b): median over rounds of time a / time b} for every pair)."""
    names = list(fns)
    samples: dict[str, list[float]] = {n: [] for n in names}
    for i in range(warmup + repeat):
        for name in names:
            start = time.perf_counter()
            fns[name]()
            elapsed = time.perf_counter() - start
            if i >= warmup:
                samples[name].append(elapsed)
    ratios = {(a, b): statistics.median(x / y for x, y in zip(samples[a], samples[b]))
              for a in names for b in names if a != b}
    return {n: summary(v) for n, v in samples.items()}, ratios
