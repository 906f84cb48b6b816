"""The nowcast report: what `nowcast --json` prints and the pages show (numbers and codes, no words).

A quarter's nowcast as of a month: the model's estimate (model.py) with what was published by then, its band from
the pseudo-real-time record up to then (evaluate.py, same month of the quarter), and, when the model did not beat
the best naive benchmark at that month of the quarter, that benchmark shown in its place (`method`). Always a
model estimate: the statistics office alone compiles GRDP.
"""

from __future__ import annotations

from monitor.core import engine
from monitor.core.store import Store
from monitor.nowcast import evaluate, model, probability
from monitor.nowcast.inputs import Inputs, load, month_index, month_of, quarter_index, quarter_months, quarter_of


def month_text(mi: int) -> str:
    """Month index -> 'YYYY-MM'."""
    year, month = month_of(mi)
    return f"{year:04d}-{month:02d}"


def default_as_of(inputs: Inputs, qi: int) -> int:
    """The latest month with a monthly figure, not past the quarter's last month."""
    last = inputs.last_month()
    end = quarter_months(qi)[-1]
    return end if last is None else min(end, last)


def parse_month(text: str | None) -> int | None:
    """'2024-10' -> month index; None for None. A ValueError names the expected form."""
    if text is None:
        return None
    try:
        year, month = (int(p) for p in text.split("-"))
        if not 1 <= month <= 12:
            raise ValueError
    except ValueError:
        raise ValueError(f"--as-of-month: expected YYYY-MM, got {text!r}") from None
    return month_index(year, month)


def _shown(summary: dict, k: int, model_pct: float | None, bench: dict) -> tuple[str, float | None, dict]:
    """The estimate shown: the model's unless the best benchmark's RMSE at this month of the quarter was lower."""
    month = summary["by_month"][k - 1] if summary["n_quarters"] else None
    if month is None or month["rmse_pp"] is None:
        return "model", model_pct, {"rmse_pp": None}
    best = month["best_benchmark"]
    if model_pct is None or (not month["model_beats_benchmarks"] and best and bench.get(best) is not None):
        if best and bench.get(best) is not None:
            return best, bench[best], {"rmse_pp": month["benchmarks"][best]}
    return "model", model_pct, {"rmse_pp": month["rmse_pp"]}


def report(store: Store, unit: str, year: int, quarter: int, as_of: int | None = None,
           first: int | None = None, vintage: str = "latest", inputs: Inputs | None = None) -> dict:
    inputs = inputs or load(store, unit, vintage)
    qi = quarter_index(year, quarter)
    as_of = default_as_of(inputs, qi) if as_of is None else as_of
    known = inputs.known_at(as_of)
    k = min(3, max(1, as_of - quarter_months(qi)[0] + 1))
    record = evaluate.run(known, first)  # the record as it stood: quarters published by as_of, data known then
    now, before, news = model.news(inputs, qi, as_of)
    bench = evaluate.benchmark_values(known, qi)
    method, shown, err = _shown(record, k, now.value, bench)
    band = None if err["rmse_pp"] is None else evaluate.Z95 * err["rmse_pp"]
    out = {
        "unit_code": unit, "year": year, "quarter": quarter, "as_of_month": month_text(as_of),
        "month_of_quarter": k, "months_used": now.months_used, "label": "model_estimate",
        "nowcast_pct": shown, "method": method, "model_pct": now.value, "benchmark_pcts": bench,
        "band_pp": band, "band_low_pct": None if band is None or shown is None else shown - band,
        "band_high_pct": None if band is None or shown is None else shown + band,
        "rmse_pp": err["rmse_pp"], "record_quarters": record["n_quarters"],
        "model_beats_benchmarks": method == "model" and record["n_quarters"] > 0
        and record["by_month"][k - 1]["model_beats_benchmarks"],
        "published_pct": inputs.growth(qi), "published_known_at_as_of": qi in known.quarterly,
        "previous_nowcast_pct": before.value, "news": news,
        "equations": [vars(e) for e in now.equations],
        "ytd_nowcast_pct": None, "probability_reaching": [], "probability_method": None,
    }
    if shown is None:
        return out
    last = [known.quarterly.get(quarter_index(year - 1, q)) for q in range(1, quarter + 1)]
    done = [known.quarterly.get(quarter_index(year, q)) for q in range(1, quarter)]
    if None not in last and None not in done:
        out["ytd_nowcast_pct"] = (sum(done) + last[-1] * (1 + shown / 100)) / sum(last) * 100 - 100
    s = probability.step_sd(known, qi)
    dist = probability.year_distribution(known, year, quarter, shown, (band or 0.0) / evaluate.Z95, s)
    if dist is not None and band is not None:
        mean, sd = dist
        out["probability_method"] = {"year_mean_pct": mean, "year_sd_pp": sd, "step_sd_pp": s,
                                     "sigma_pp": band / evaluate.Z95}
        targets = engine.Targets.load(store, "GRDP", year)
        for scope in engine.SCOPES:
            target = targets.annual(unit, "TOTAL", scope)
            if target is not None:
                out["probability_reaching"].append({"scope": scope, "annual_pct": target,
                                                    "probability": probability.reaching(mean, sd, target)})
    return out


def next_quarter(store: Store, unit: str, year: int, quarter: int, vintage: str = "latest") -> dict | None:
    """The nowcast of the quarter after (year, quarter) when the store has no GRDP for it yet but holds monthly
    figures of its months (the overview and the briefing); None otherwise."""
    inputs = load(store, unit, vintage)
    qi = quarter_index(year, quarter) + 1
    last = inputs.last_month()
    if qi in inputs.quarterly or last is None or last < quarter_months(qi)[0]:
        return None
    found = report(store, unit, *quarter_of(qi), inputs=inputs)
    return found if found["nowcast_pct"] is not None else None


def evaluation(store: Store, unit: str, first: int | None = None, vintage: str = "latest") -> dict:
    """The pseudo-real-time record over every published quarter from `first` (nowcast-eval)."""
    return evaluate.run(load(store, unit, vintage), first)
