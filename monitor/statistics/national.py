"""The national figure beside the province's: the country's (unit VN) growth for the same period and sector.

Numbers and codes only, with where the figure comes from (the SDMX message and the date it was prepared, or the
file of an ordinary upload) and whether it is synthetic: the national series loaded by `init --demo` is the
statistics office's real one, and says so. When the store has no national figure for the period, `latest` is the
last quarter it has, so a screen can say how far the national series goes.
"""

from __future__ import annotations

from monitor.core import engine
from monitor.core.engine import AsOf
from monitor.core.reference import COUNTRY
from monitor.core.store import Store

FIGURES = ("quarter_growth_pct", "ytd_growth_pct", "ytd_contribution_pp", "ytd_share_of_increase_pct",
           "contribution_base", "share_base")  # the bases: the national office's convention (publisher_conventions)


def beside(store: Store, indicator: str, as_of: AsOf, sector: str = "TOTAL", unit: str = COUNTRY) -> dict:
    """The national figures of a sector for the as-of period, or figures None and the latest national quarter."""
    rows = store.records("growth_by_sector", indicator=indicator, unit=unit, year=as_of.year, quarter=as_of.quarter,
                         vintage=as_of.vintage)
    row = next((r for r in rows if r["sector_code"] == sector), {})
    found = {
        "indicator": indicator, "unit_code": unit, "sector_code": sector, "year": as_of.year,
        "quarter": as_of.quarter, **{f: row.get(f) for f in FIGURES},
        "vintage": None, "file_name": None, "message_id": None, "prepared": None, "synthetic": None,
        "latest": None,
    }
    if row.get("ytd_growth_pct") is None:
        last = engine.latest_quarter(store, indicator, unit)
        found["latest"] = {"year": last.year, "quarter": last.quarter} if last else None
        return found
    source = store.records("figure_source", indicator=indicator, unit=unit, sector=sector, year=as_of.year,
                           quarter=as_of.quarter, vintage=as_of.vintage)
    if source:
        s = source[0]
        found.update(file_name=s["file_name"], message_id=s["message_id"], prepared=s["prepared"],
                     synthetic=bool(s["synthetic"]))
    found["vintage"] = store.scalar("period_vintage", indicator=indicator, unit=unit, sector=sector,
                                    year=as_of.year, quarter=as_of.quarter, vintage=as_of.vintage)
    return found
