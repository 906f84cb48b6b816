"""The items an owner answers for, as the status report judges them: every sector and commune of the province with
its status, gap and the points of provincial growth it costs (numbers and codes; leader/status.py computes them)."""

from __future__ import annotations

from monitor.core.engine import AsOf
from monitor.core.reference import PROVINCE
from monitor.core.store import Store
from monitor.leader import status

FLAGGED = ("lagging", "watch")


def judged(store: Store, as_of: AsOf) -> dict[tuple[str, str], dict]:
    """(kind, code) -> status, gap_pp, shortfall_pp, ytd_growth_pct, target_pct for every sector and commune at
    as_of (the province's own TOTAL is the headline, not an item)."""
    report = status.report(store, "GRDP", PROVINCE, as_of, unit_level="commune")
    found = {}
    for kind, rows, key in (("sector", report["sectors"], "sector_code"), ("unit", report["units"], "unit_code")):
        for r in rows:
            if r[key] != "TOTAL":
                found[kind, r[key]] = {k: r.get(k) for k in ("status", "gap_pp", "shortfall_pp", "ytd_growth_pct",
                                                              "target_pct")}
    return found


def gap_at(store: Store, item_kind: str, item_code: str, year: int, quarter: int) -> float | None:
    """The gap an item had at a review (None when it was not judged then)."""
    try:
        return judged(store, AsOf(year, quarter)).get((item_kind, item_code), {}).get("gap_pp")
    except ValueError:
        return None
