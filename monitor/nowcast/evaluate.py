"""Pseudo-real-time evaluation: every past quarter from a start, as of its first, second and third month.

For each quarter and month of the quarter k (as of the end of the quarter's k-th month, so k months published with
a lag of 0), the model is re-estimated on what was known then (inputs.Inputs.known_at) and compared with the
published growth of that quarter (the figure in force today). The naive benchmarks see the same information:
- previous_quarter: the growth of the latest quarter known (the quarter before);
- same_quarter_last_year: the growth of the same quarter a year earlier;
- ar1: an AR(1) with a constant on the quarterly growth series known, forecast to the quarter.
RMSE and MAE are in percentage points. The band of a nowcast is ±1.96 × the RMSE of the same month of the quarter.
"""

from __future__ import annotations

import math

import numpy as np
from statsmodels.tsa.ar_model import AutoReg

from monitor.nowcast import model
from monitor.nowcast.inputs import Inputs, quarter_months

BENCHMARKS = ("previous_quarter", "same_quarter_last_year", "ar1")
Z95 = 1.96


def benchmark_values(known: Inputs, qi: int) -> dict[str, float | None]:
    """Each naive benchmark's forecast of quarter qi's growth from the quarters in `known`."""
    y = {q: g for q, g in known.growth_series().items() if q < qi}
    if not y:
        return dict.fromkeys(BENCHMARKS)
    last = max(y)
    run = [y[last]]
    while last - len(run) in y:
        run.insert(0, y[last - len(run)])
    ar1 = None
    if len(run) >= 6:
        fit = AutoReg(np.asarray(run), lags=1, trend="c").fit()
        ar1 = float(fit.predict(start=len(run), end=len(run) + qi - last - 1)[-1])
    return {"previous_quarter": y[last], "same_quarter_last_year": y.get(qi - 4), "ar1": ar1}


def _errors_summary(errors: list[float]) -> dict:
    if not errors:
        return {"n": 0, "rmse_pp": None, "mae_pp": None}
    e = np.asarray(errors)
    return {"n": len(errors), "rmse_pp": float(math.sqrt(np.mean(e ** 2))), "mae_pp": float(np.mean(np.abs(e)))}


def run(inputs: Inputs, first: int | None = None, last: int | None = None) -> dict:
    """The track record: one row per quarter and month of the quarter, and the summaries. Quarters from `first`
    (default: the first the model can estimate) to `last` (default: the last published)."""
    published = inputs.growth_series()
    if not published:
        return summarise([])
    last = max(published) if last is None else last
    start = first if first is not None else min(published) + 4
    rows = []
    for qi in range(start, last + 1):
        actual = published.get(qi)
        if actual is None:
            continue
        for k, as_of in enumerate(quarter_months(qi), 1):
            est = model.nowcast(inputs, qi, as_of)
            if est.value is None:
                continue
            bench = benchmark_values(inputs.known_at(as_of), qi)
            rows.append({"quarter_index": qi, "month_of_quarter": k, "as_of": as_of, "actual_pct": actual,
                         "nowcast_pct": est.value, "months_used": est.months_used,
                         **{f"{b}_pct": v for b, v in bench.items()}})
    return summarise(rows)


def summarise(rows: list[dict]) -> dict:
    """RMSE and MAE of the model (all months and by month of the quarter) and of each benchmark over the same
    quarters; which is best by month. Only quarters the model and every benchmark estimated are compared."""
    comparable = [r for r in rows if all(r[f"{b}_pct"] is not None for b in BENCHMARKS)]
    quarters = sorted({r["quarter_index"] for r in comparable})

    def errors(name: str, month: int | None = None) -> list[float]:
        return [r[f"{name}_pct"] - r["actual_pct"] for r in comparable
                if month is None or r["month_of_quarter"] == month]

    model_all = _errors_summary(errors("nowcast"))
    by_month = []
    for k in (1, 2, 3):
        m = _errors_summary(errors("nowcast", k))
        bench = {b: _errors_summary(errors(b, k))["rmse_pp"] for b in BENCHMARKS}
        best = min((v, b) for b, v in bench.items() if v is not None) if any(bench.values()) else (None, None)
        beats = m["rmse_pp"] is not None and best[0] is not None and m["rmse_pp"] < best[0]
        by_month.append({"month_of_quarter": k, **m, "band_pp": None if m["rmse_pp"] is None
                         else Z95 * m["rmse_pp"], "benchmarks": bench, "best_benchmark": best[1],
                         "model_beats_benchmarks": beats})
    return {"n_quarters": len(quarters), "first_quarter_index": quarters[0] if quarters else None,
            "last_quarter_index": quarters[-1] if quarters else None,
            "rmse_pp": model_all["rmse_pp"], "mae_pp": model_all["mae_pp"], "by_month": by_month,
            "benchmarks": {b: _errors_summary(errors(b))["rmse_pp"] for b in BENCHMARKS},
            "benchmarks_mae_pp": {b: _errors_summary(errors(b))["mae_pp"] for b in BENCHMARKS},
            "rows": comparable}
