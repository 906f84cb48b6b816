"""The chance the year reaches a target, given the nowcast, its band and the spread of the quarters still to come.

Method (normal, closed form). With last year's quarterly levels L'_k and weights w_k = L'_k / sum(L'), the year's
growth is G = sum(known quarters' levels) / sum(L') + sum_{k >= Q} w_k (1 + g_k / 100), in %. The nowcast quarter's
growth is g_Q ~ N(nowcast, sigma^2), sigma = the band / 1.96 (the realised RMSE); each later quarter's growth is
the quarter before's plus a step u ~ N(0, s^2), s = the standard deviation of the change in growth from one
quarter to the next over the known history (a random walk: no mean reversion assumed). Then G is normal with mean
the year at the nowcast held flat, and variance sigma^2 (sum_{k>=Q} w_k)^2 + s^2 sum_{j>=1} (sum_{k>=Q+j} w_k)^2;
P(reach) = 1 - Phi((target - mean) / sd).
"""

from __future__ import annotations

import math

import numpy as np
from scipy.stats import norm

from monitor.nowcast.inputs import Inputs, quarter_index


def step_sd(known: Inputs, before_qi: int) -> float | None:
    """Standard deviation of the quarter-to-quarter change in growth over the known quarters before `before_qi`."""
    y = known.growth_series()
    steps = [y[q] - y[q - 1] for q in y if q < before_qi and q - 1 in y]
    return float(np.std(steps, ddof=1)) if len(steps) >= 4 else None


def year_distribution(known: Inputs, year: int, quarter: int, nowcast_pct: float, sigma: float,
                      s: float | None) -> tuple[float, float] | None:
    """Mean and standard deviation of the year's growth (%); None without last year's four quarters or this
    year's quarters before the nowcast one."""
    last = [known.quarterly.get(quarter_index(year - 1, k)) for k in range(1, 5)]
    done = [known.quarterly.get(quarter_index(year, k)) for k in range(1, quarter)]
    if None in last or None in done or not sum(last):
        return None
    w = [v / sum(last) for v in last]
    mean = (sum(done) / sum(last) + sum(w[k - 1] for k in range(quarter, 5)) * (1 + nowcast_pct / 100)) * 100 - 100
    var = (sigma * sum(w[quarter - 1:])) ** 2
    var += (s or 0.0) ** 2 * sum(sum(w[k - 1] for k in range(quarter + j, 5)) ** 2 for j in range(1, 5 - quarter))
    return mean, math.sqrt(var)


def reaching(mean: float, sd: float, target_pct: float) -> float:
    """P(year's growth >= target)."""
    if sd <= 0:
        return 1.0 if mean >= target_pct else 0.0
    return float(1 - norm.cdf((target_pct - mean) / sd))
