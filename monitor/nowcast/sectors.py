"""The nowcast by sector, where the monthly indicators allow (data/nowcast/sectors.csv): industry and construction
(KV2) from industrial production and exports, services (KV3) from retail sales and tourist arrivals. The same
bridge equations and pseudo-real-time record as the total (model.py, evaluate.py), on the sector's own GRDP growth;
the band is ±1.96 × the sector's own RMSE at that month of the quarter. The model's estimate is always the one
given here, with whether it beat the naive benchmarks in the record."""

from __future__ import annotations

import pandas as pd

from monitor.core.store import ROOT, Store
from monitor.nowcast import evaluate, model
from monitor.nowcast.inputs import Inputs, load, quarter_index, quarter_months

CONFIG = ROOT / "data" / "nowcast" / "sectors.csv"


def sector_indicators(unit: str) -> dict[str, list[str]]:
    """sector -> the monthly indicators its equations use, for one unit."""
    frame = pd.read_csv(CONFIG, dtype={"unit_code": str})
    rows = frame[frame["unit_code"] == unit]
    return {s: list(g["indicator"]) for s, g in rows.groupby("sector_code", sort=True)}


def sector_inputs(store: Store, unit: str, sector: str, indicators: list[str], vintage: str = "latest") -> Inputs:
    """The unit's inputs with the sector's GRDP levels in place of the total and only the sector's indicators."""
    whole = load(store, unit, vintage)
    levels = store.run("nowcast_quarter_levels", unit=unit, sector=sector, vintage=vintage)
    quarterly = {quarter_index(int(r.year), int(r.quarter)): float(r.value) for r in levels.itertuples()}
    monthly = {ind: s for ind, s in whole.monthly.items() if ind in indicators}
    return Inputs(quarterly, monthly, {ind: whole.lags[ind] for ind in monthly})


def nowcasts(store: Store, unit: str, year: int, quarter: int, as_of: int, vintage: str = "latest") -> list[dict]:
    """One row per sector with indicators: sector_code, nowcast_pct (the model's), band_low_pct, band_high_pct,
    rmse_pp, record_quarters, model_beats_benchmarks, months_used, published_pct (today's figure, if any)."""
    qi = quarter_index(year, quarter)
    k = min(3, max(1, as_of - quarter_months(qi)[0] + 1))
    out = []
    for sector, indicators in sector_indicators(unit).items():
        inputs = sector_inputs(store, unit, sector, indicators, vintage)
        found = model.nowcast(inputs, qi, as_of)
        if found.value is None:
            continue
        record = evaluate.run(inputs.known_at(as_of))
        month = record["by_month"][k - 1] if record["n_quarters"] else {"rmse_pp": None,
                                                                          "model_beats_benchmarks": False}
        band = None if month["rmse_pp"] is None else evaluate.Z95 * month["rmse_pp"]
        out.append({"sector_code": sector, "nowcast_pct": found.value, "months_used": found.months_used,
                    "band_low_pct": None if band is None else found.value - band,
                    "band_high_pct": None if band is None else found.value + band,
                    "rmse_pp": month["rmse_pp"], "record_quarters": record["n_quarters"],
                    "model_beats_benchmarks": month["model_beats_benchmarks"],
                    "published_pct": inputs.growth(qi)})
    return out
