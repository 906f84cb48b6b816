"""Bridge equations: a quarter's GRDP growth from the quarterly aggregates of monthly indicators.

For each indicator i, an OLS (statsmodels) of the quarter's GRDP growth on the same quarter last year, y_t, on the
indicator's growth over the same three months last year, x_i,t (the ratio of the three months' sums, so an index
and a flow in money are treated alike): y_t = a_i + b_i x_i,t + e. Estimated on the quarters known at the time,
never on the quarter being estimated. The quarter's missing months (not yet published) are filled by an AR(2)
with a constant on the indicator's monthly growth on the same month last year (statsmodels AutoReg). The nowcast is
the mean of the equations that can be estimated (at least MIN_TRAIN quarters) and evaluated (the year-earlier
months present): equal weights, which are hard to beat on short samples.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import statsmodels.api as sm
from statsmodels.tsa.ar_model import AutoReg

from monitor.nowcast.inputs import Inputs, quarter_months

AR_LAGS = 2
MIN_TRAIN = 8  # quarters an equation needs before it is used
MIN_AR_MONTHS = 12  # months of growth the monthly AR needs; below that the last growth is carried forward


def monthly_growth(series: dict[int, float]) -> dict[int, float]:
    """Growth of each month on the same month of the year before, %."""
    return {mi: v / series[mi - 12] * 100 - 100 for mi, v in series.items() if series.get(mi - 12)}


def _last_run(growth: dict[int, float]) -> list[float]:
    """The latest unbroken stretch of monthly growth (a gap in the history ends it)."""
    if not growth:
        return []
    months = sorted(growth)
    start = len(months) - 1
    while start > 0 and months[start - 1] == months[start] - 1:
        start -= 1
    return [growth[mi] for mi in months[start:]]


def fill_months(series: dict[int, float], upto: int) -> tuple[dict[int, float], list[int]]:
    """The series with the months after its last figure up to `upto` filled: the AR forecast of growth on the
    same month last year, applied to last year's level. Returns the filled series and the months it filled."""
    if not series or max(series) >= upto:
        return dict(series), []
    last = max(series)
    run = _last_run(monthly_growth(series))
    steps = upto - last
    if len(run) >= MIN_AR_MONTHS:
        fit = AutoReg(np.asarray(run), lags=AR_LAGS, trend="c").fit()
        path = list(fit.predict(start=len(run), end=len(run) + steps - 1))
    else:
        path = [run[-1] if run else 0.0] * steps
    filled, added = dict(series), []
    for k, g in enumerate(path, 1):
        base = filled.get(last + k - 12)
        if base is None:
            break
        filled[last + k] = base * (1 + g / 100)
        added.append(last + k)
    return filled, added


def quarter_growth(series: dict[int, float], qi: int) -> float | None:
    """Growth of the quarter's three months on the same months last year (ratio of sums), %; None if any missing."""
    now = [series.get(mi) for mi in quarter_months(qi)]
    before = [series.get(mi - 12) for mi in quarter_months(qi)]
    if None in now or None in before or not sum(before):
        return None
    return sum(now) / sum(before) * 100 - 100


@dataclass
class Equation:
    indicator: str
    intercept: float
    slope: float
    n_quarters: int
    x_pct: float  # the indicator's growth for the quarter (published months plus filled ones)
    months_published: int

    @property
    def estimate(self) -> float:
        return self.intercept + self.slope * self.x_pct


@dataclass
class ModelNowcast:
    quarter_index: int
    as_of: int
    equations: list[Equation] = field(default_factory=list)

    @property
    def value(self) -> float | None:
        return float(np.mean([e.estimate for e in self.equations])) if self.equations else None

    @property
    def months_used(self) -> int:
        return max((e.months_published for e in self.equations), default=0)


def fit_equation(known: Inputs, indicator: str, qi: int) -> Equation | None:
    """One bridge equation estimated on the quarters before qi that `known` holds; None when it cannot be."""
    series = known.monthly.get(indicator, {})
    y = known.growth_series()
    pairs = [(g, x) for q, g in y.items() if q < qi and (x := quarter_growth(series, q)) is not None]
    if len(pairs) < MIN_TRAIN:
        return None
    filled, _ = fill_months(series, quarter_months(qi)[-1])
    x_now = quarter_growth(filled, qi)
    if x_now is None:
        return None
    ys, xs = np.array(pairs).T
    fit = sm.OLS(ys, sm.add_constant(xs, has_constant="add")).fit()
    published = sum(1 for mi in quarter_months(qi) if mi in series)
    return Equation(indicator, float(fit.params[0]), float(fit.params[1]), len(pairs), float(x_now), published)


def nowcast(inputs: Inputs, qi: int, as_of: int) -> ModelNowcast:
    """The model's estimate of quarter qi's growth with what was published by the end of month as_of."""
    known = inputs.known_at(as_of)
    found = [fit_equation(known, ind, qi) for ind in sorted(known.monthly)]
    return ModelNowcast(qi, as_of, [e for e in found if e is not None])


def news(inputs: Inputs, qi: int, as_of: int) -> tuple[ModelNowcast, ModelNowcast, list[dict]]:
    """The change since the nowcast of the month before, split by monthly release: an indicator's contribution is
    its weight times its slope times the change in its quarterly growth (new months in, filled months replaced);
    what the re-estimated coefficients and the changed set of equations move is `model_update`. They sum to the
    change exactly."""
    now, before = nowcast(inputs, qi, as_of), nowcast(inputs, qi, as_of - 1)
    if now.value is None or before.value is None:
        return now, before, []
    old = {e.indicator: e for e in before.equations}
    weight = 1 / len(now.equations)
    rows = [{"indicator": e.indicator, "contribution_pp": weight * e.slope * (e.x_pct - old[e.indicator].x_pct)}
            for e in now.equations if e.indicator in old]
    rest = now.value - before.value - sum(r["contribution_pp"] for r in rows)
    rows.append({"indicator": "model_update", "contribution_pp": rest})
    return now, before, rows
