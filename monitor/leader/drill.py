"""Drill-down figures behind the Sectors and Localities pages: the time series
of one sector or unit, the structure at current prices, and the bridge from
last year's growth to this year's by component.

Aggregation runs in SQL (queries/growth_series.sql,
queries/structure_current_prices.sql, queries/growth_by_sector.sql); this module
only arranges the few rows that come back.
"""

from __future__ import annotations

import pandas as pd

from monitor.core.engine import AsOf
from monitor.core.store import Store, as_records
from monitor.leader.status import sector_growth

SERIES_SINCE = 2019
CURRENT_PRICES = {"GRDP": "GRDP_CURRENT"}  # the current-price twin of a constant-price indicator


def growth_series(store: Store, indicator: str, unit: str, sector: str, vintage: str = "latest",
                  since: int = SERIES_SINCE, until: AsOf | None = None) -> pd.DataFrame:
    """Quarter and year-to-date growth of one unit and sector, quarter by quarter since `since`."""
    frame = store.run("growth_series", indicator=indicator, unit=unit, sector=sector, vintage=vintage,
                      since=since)
    if until is not None:
        frame = frame[(frame["year"] < until.year)
                      | ((frame["year"] == until.year) & (frame["quarter"] <= until.quarter))]
    return frame.reset_index(drop=True)


def structure(store: Store, indicator: str, unit: str, as_of: AsOf) -> pd.DataFrame:
    """Shares of KV1, KV2, KV3 and TAX in the total at current prices, this year and last (empty when the
    indicator has no current-price twin)."""
    twin = CURRENT_PRICES.get(indicator)
    if twin is None:
        return pd.DataFrame(columns=["sector_code", "ytd_level", "ytd_level_prev", "share_pct",
                                     "share_prev_pct"])
    return store.run("structure_current_prices", indicator=twin, unit=unit, year=as_of.year,
                     quarter=as_of.quarter, vintage=as_of.vintage)


def contribution_bridge(store: Store, indicator: str, unit: str, as_of: AsOf) -> dict:
    """From last year's year-to-date growth to this year's, component by component.

    Growth is the sum of the components' contributions, so the change in growth is
    the sum of the changes in contributions (KV1, KV2, KV3, TAX), each in points.
    """
    now = as_records(sector_growth(store, indicator, unit, as_of))
    before = as_records(sector_growth(store, indicator, unit, AsOf(as_of.year - 1, as_of.quarter, as_of.vintage)))
    prev = {r["sector_code"]: r["ytd_contribution_pp"] for r in before}
    steps = []
    for r in (r for r in now if r["parent_code"] == "TOTAL"):
        this_pp, last_pp = r["ytd_contribution_pp"], prev.get(r["sector_code"])
        steps.append({"sector_code": r["sector_code"], "contribution_pp": this_pp, "contribution_prev_pp": last_pp,
                      "change_pp": None if this_pp is None or last_pp is None else this_pp - last_pp})
    total = {r["sector_code"]: r["ytd_growth_pct"] for r in now}
    total_prev = {r["sector_code"]: r["ytd_growth_pct"] for r in before}
    return {"start_pct": total_prev.get("TOTAL"), "end_pct": total.get("TOTAL"),
            "start_year": as_of.year - 1, "end_year": as_of.year, "steps": steps}
