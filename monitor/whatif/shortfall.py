"""Shortfall allocation: the points missing to a target, split across sectors or localities.

The shortfall is the target minus the projected annual growth (the what-if
projection under the leader's assumptions or the defaults), never below zero.
Each component i carries a weight w_i = R_i / sum(R), R_i its level in the
remaining quarters of last year. It must add extra_pp_i = w_i * shortfall points
of the parent's growth, that is an extra level of extra_pp_i / 100 * L_{year-1};
its implied growth in the remaining quarters is (projected rest + extra) / R_i - 1.
The allocated points add up to the shortfall by construction. The flag compares
the implied growth with the best growth the same quarters reached in each of the
last five years.
"""

from __future__ import annotations

from monitor.core.engine import AsOf
from monitor.core.reference import PROVINCE
from monitor.core.store import Store
from monitor.whatif import projection

BY = ("sector", "unit")
RECORD_YEARS = projection.RECORD_YEARS
max_growth_5y = projection.record_5y


def allocate(lv: projection.Levels, rest_projected: dict[str, float], shortfall_pp: float,
             annual_prev: float) -> list[dict]:
    """Split shortfall_pp (points of the parent's annual growth) in proportion to last year's rest levels."""
    prev_rest = {c: lv.level(c, lv.as_of.year - 1, lv.rest) for c in lv.codes}
    weights_sum = sum(v for c, v in prev_rest.items() if v and c in rest_projected)
    items = []
    for code in lv.codes:
        r, proj = prev_rest[code], rest_projected.get(code)
        if not r or proj is None or not weights_sum:
            extra = implied = None
        else:
            extra = shortfall_pp * r / weights_sum
            implied = (proj + extra / 100 * annual_prev) / r * 100 - 100
        record = max_growth_5y(lv, code)
        items.append({
            "code": code,
            "extra_pp": extra,
            "implied_growth_pct": implied,
            "max_growth_5y_pct": record,
            "plausible": None if implied is None or record is None else implied <= record,
        })
    return items


def _unit_rest_projection(lv: projection.Levels, basis: str, shift_pp: float = 0.0) -> dict[str, float]:
    """Each locality's remaining quarters on its own default growth (the basis applied to its figures)."""
    out = {}
    for code, growth in projection.defaults(lv, basis, shift_pp).items():
        try:
            out[code] = sum(projection._rest_levels(lv, code, growth).values())
        except projection.ValidationError:
            continue  # no figures for last year's quarters: left out of the weights
    return out


def shortfall(store: Store, as_of: AsOf, indicator: str = "GRDP", unit: str = PROVINCE, by: str = "sector",
              scope: str = "provincial", assume: dict | None = None, basis: str = "run_rate",
              level: str = "components", unit_level: str = "commune") -> dict:
    """What `shortfall --json` prints and the what-if page shows under the projection."""
    if by not in BY:
        raise ValueError(f"by must be one of {BY}")
    report = projection.whatif(store, as_of, indicator, unit, assume, None, basis, level)
    projected = report["projected_annual_pct"]
    gaps = {t["scope"]: max(0.0, t["annual_pct"] - projected) for t in report["targets"]}
    if scope not in gaps:
        raise projection.fail("whatif.err.no_target", scope=scope, unit=unit)
    lv = projection.sector_levels(store, indicator, unit, as_of, level)
    sectors = projection.project(lv, report["assumptions"])
    if by == "sector":
        rest = {c: sum(v.values()) for c, v in sectors["rest_levels"].items()}
    else:
        lv = projection.unit_levels(store, indicator, unit, as_of, unit_level)
        rest = _unit_rest_projection(lv, basis, (report["nowcast"] or {}).get("shift_pp", 0.0))
    items = allocate(lv, rest, gaps[scope], sectors["annual_prev"]) if lv.rest else []
    return {
        "indicator": indicator, "unit_code": unit, "year": as_of.year, "quarter": as_of.quarter,
        "by": by, "scope": scope, "basis": basis, "level": level,
        "projected_annual_pct": projected,
        "shortfall_pp": gaps,
        "items": sorted(items, key=lambda i: -(i["extra_pp"] or 0)),
        "year_complete": not lv.rest,
        "record_years": [as_of.year - RECORD_YEARS, as_of.year - 1],
    }
