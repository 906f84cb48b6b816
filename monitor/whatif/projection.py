"""What-if: project the rest of the year from assumed sector growth, and solve for one sector.

Every remaining quarter of a sector is projected as the same quarter of last
year times (1 + assumed growth). The year is the sum of the quarters so far and
the projected ones, over all components (KV1, KV2, KV3, TAX, or the VSIC
sections and TAX); because the components add up to the total, their
contributions in points add up to the projected growth exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from monitor.core import engine
from monitor.core.engine import AsOf
from monitor.core.errors import Problem, ValidationError
from monitor.core.reference import PROVINCE
from monitor.core.store import Store

BASES = ("run_rate", "last_year", "nowcast")  # defaults: growth so far, the same quarter last year, the nowcast
LEVELS = ("components", "sections")


def fail(message_key: str, /, **params) -> ValidationError:
    """A named what-if failure with a catalog message."""
    return ValidationError([Problem(None, None, None, message_key, tuple(params.items()))])


@dataclass
class Levels:
    """Quarterly levels of a set of components (sectors or units), six years back from the as-of year."""

    as_of: AsOf
    codes: list[str]
    values: dict[tuple[str, int, int], float] = field(repr=False)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, as_of: AsOf, codes: list[str]) -> Levels:
        present = set(frame["code"])
        codes = [c for c in codes if c in present]
        values = {(r.code, int(r.year), int(r.quarter)): float(r.value) for r in frame.itertuples()}
        return cls(as_of, codes, values)

    @property
    def rest(self) -> list[int]:
        """The quarters still to come after the as-of quarter."""
        return list(range(self.as_of.quarter + 1, 5))

    def level(self, code: str, year: int, quarters) -> float | None:
        """Sum of the quarters' levels; None when any is missing (never a partial sum)."""
        vals = [self.values.get((code, year, q)) for q in quarters]
        return None if not vals or None in vals else sum(vals)

    def growth(self, code: str, year: int, quarters) -> float | None:
        now, before = self.level(code, year, quarters), self.level(code, year - 1, quarters)
        return None if now is None or not before else now / before * 100 - 100


def sector_levels(store: Store, indicator: str, unit: str, as_of: AsOf, level: str = "components") -> Levels:
    """The components of a unit's total: KV1-KV3 and TAX, or the VSIC sections and TAX."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}")
    frame = store.run("quarter_levels_by_sector", indicator=indicator, unit=unit, year=as_of.year,
                      vintage=as_of.vintage)
    tree = store.run("sector_names")
    parents = {p for p in tree["parent_code"] if isinstance(p, str)}
    if level == "components":
        codes = [r.code for r in tree.itertuples() if r.parent_code == "TOTAL"]
    else:  # the VSIC sections under KV1-KV3 (not their divisions, A01-A03) and the components without sections
        components = {r.code for r in tree.itertuples() if r.parent_code == "TOTAL"}
        codes = [r.code for r in tree.itertuples() if r.parent_code in components
                 or (r.code in components and r.code not in parents)]
    return Levels.from_frame(frame, as_of, codes)


def unit_levels(store: Store, indicator: str, parent: str, as_of: AsOf, unit_level: str = "commune") -> Levels:
    """The localities under a parent unit (sector TOTAL)."""
    frame = store.run("quarter_levels_by_unit", indicator=indicator, parent=parent, level=unit_level,
                      sector="TOTAL", year=as_of.year, vintage=as_of.vintage)
    return Levels.from_frame(frame, as_of, sorted(set(frame["code"])))


def defaults(lv: Levels, basis: str = "run_rate", shift_pp: float = 0.0) -> dict[str, dict[int, float | None]]:
    """Default growth per component and remaining quarter.

    run_rate: the component's year-to-date growth at the as-of quarter;
    last_year: the growth the same quarter had last year (on the year before);
    nowcast: the run-rate moved by shift_pp, the next quarter's nowcast minus the total's run-rate (nowcast_shift):
    the components keep their differences and the total's next quarter lands near the nowcast (exactly when each
    component's share of last year's quarter is its share of last year's quarters so far).
    """
    if basis not in BASES:
        raise ValueError(f"basis must be one of {BASES}")
    year, q = lv.as_of.year, lv.as_of.quarter
    out = {}
    for code in lv.codes:
        run_rate = lv.growth(code, year, range(1, q + 1))
        if basis == "nowcast":
            run_rate = None if run_rate is None else run_rate + shift_pp
        out[code] = {r: lv.growth(code, year - 1, [r]) if basis == "last_year" else run_rate for r in lv.rest}
    return out


def merge(lv: Levels, base: dict, assume: dict | None) -> dict[str, dict[int, float | None]]:
    """Defaults overridden by the leader's assumptions: {code: pct} for every remaining quarter,
    or {code: {quarter: pct}} for some of them."""
    out = {code: dict(qs) for code, qs in base.items()}
    for code, value in (assume or {}).items():
        if code not in lv.codes:
            raise fail("whatif.err.unknown_sector", code=code, known=", ".join(lv.codes))
        per_quarter = value if isinstance(value, dict) else dict.fromkeys(lv.rest, value)
        for q, pct in per_quarter.items():
            if int(q) not in lv.rest:
                raise fail("whatif.err.not_remaining", code=code, quarter=int(q))
            out[code][int(q)] = float(pct)
    return out


def _rest_levels(lv: Levels, code: str, growth: dict[int, float | None]) -> dict[int, float]:
    year = lv.as_of.year
    out = {}
    for r in lv.rest:
        prev, g = lv.level(code, year - 1, [r]), growth.get(r)
        if prev is None or g is None:
            raise fail("whatif.err.missing_levels", code=code, year=year - 1, quarter=r)
        out[r] = prev * (1 + g / 100)
    return out


def project(lv: Levels, assumptions: dict[str, dict[int, float]]) -> dict:
    """Projected annual growth, each component's contribution in points and the cumulative path."""
    year, q = lv.as_of.year, lv.as_of.quarter
    rows, projected = [], {}
    prev_total = annual_total = 0.0
    for code in lv.codes:
        ytd, prev = lv.level(code, year, range(1, q + 1)), lv.level(code, year - 1, range(1, 5))
        if ytd is None or prev is None:
            raise fail("whatif.err.missing_levels", code=code, year=year, quarter=q)
        projected[code] = _rest_levels(lv, code, assumptions.get(code, {}))
        annual = ytd + sum(projected[code].values())
        rest_prev = lv.level(code, year - 1, lv.rest)
        rows.append({"sector_code": code, "annual": annual, "prev": prev,
                     "assumed_growth_pct": sum(projected[code].values()) / rest_prev * 100 - 100
                     if lv.rest else None})
        prev_total += prev
        annual_total += annual
    path = []
    for k in range(q, 5):
        now = sum(lv.level(c, year, range(1, q + 1)) + sum(v for r, v in projected[c].items() if r <= k)
                  for c in lv.codes)
        before = sum(lv.level(c, year - 1, range(1, k + 1)) for c in lv.codes)
        path.append({"quarter": k, "ytd_growth_pct": now / before * 100 - 100})
    return {
        "projected_annual_pct": annual_total / prev_total * 100 - 100,
        "sectors": [{"sector_code": r["sector_code"], "assumed_growth_pct": r["assumed_growth_pct"],
                     "contribution_pp": (r["annual"] - r["prev"]) / prev_total * 100} for r in rows],
        "path": path,
        "rest_levels": projected,
        "annual_prev": prev_total,
    }


RECORD_YEARS = 5


def record_5y(lv: Levels, code: str) -> float | None:
    """Best growth of the remaining quarters (taken together) in the five years before the as-of year."""
    year = lv.as_of.year
    found = [g for y in range(year - RECORD_YEARS, year) if (g := lv.growth(code, y, lv.rest)) is not None]
    return max(found) if found else None


def solve(lv: Levels, assumptions: dict, code: str, target_pct: float) -> float | None:
    """The growth one component needs in every remaining quarter, the others held, for the year to reach
    target_pct: ((1 + g*) * L_{year-1} - other components' years - its year so far) / its rest last year - 1."""
    if code not in lv.codes:
        raise fail("whatif.err.unknown_sector", code=code, known=", ".join(lv.codes))
    if not lv.rest:
        return None
    p = project(lv, assumptions)
    year, q = lv.as_of.year, lv.as_of.quarter
    others = sum(lv.level(c, year, range(1, q + 1)) + sum(p["rest_levels"][c].values())
                 for c in lv.codes if c != code)
    need = (1 + target_pct / 100) * p["annual_prev"] - others - lv.level(code, year, range(1, q + 1))
    return need / lv.level(code, year - 1, lv.rest) * 100 - 100


def required_uniform(lv: Levels, target_pct: float) -> float | None:
    """The growth every remaining quarter needs (all components alike): the engine's required growth."""
    year, q = lv.as_of.year, lv.as_of.quarter
    if not lv.rest:
        return None
    return engine.required_growth_pct(
        target_pct, sum(lv.level(c, year - 1, range(1, 5)) for c in lv.codes),
        sum(lv.level(c, year, range(1, q + 1)) for c in lv.codes),
        sum(lv.level(c, year - 1, lv.rest) for c in lv.codes))


def whatif(store: Store, as_of: AsOf, indicator: str = "GRDP", unit: str = PROVINCE, assume: dict | None = None,
           solve_for: list[str] | None = None, basis: str = "run_rate", level: str = "components") -> dict:
    """The what-if report: what `whatif --json` prints and the what-if page shows."""
    lv = sector_levels(store, indicator, unit, as_of, level)
    if not lv.codes:
        raise fail("whatif.err.no_figures", indicator=indicator, unit=unit)
    found = nowcast_shift(store, lv, unit) if basis == "nowcast" else None
    base = defaults(lv, basis, found["shift_pp"] if found else 0.0)
    assumptions = merge(lv, base, assume)
    p = project(lv, assumptions)
    targets = engine.Targets.load(store, indicator, as_of.year, as_of)
    annual = {s: targets.annual(unit, "TOTAL", s) for s in engine.SCOPES}
    annual = {s: v for s, v in annual.items() if v is not None}
    result = {
        "indicator": indicator, "unit_code": unit, "year": as_of.year, "quarter": as_of.quarter,
        "vintage": as_of.vintage, "basis": basis, "level": level,
        "projected_annual_pct": p["projected_annual_pct"],
        "sectors": p["sectors"],
        "targets": [{"scope": s, "annual_pct": v, "distance_pp": p["projected_annual_pct"] - v}
                    for s, v in annual.items()],
        "required_rest_of_year_pct": {s: required_uniform(lv, v) for s, v in annual.items()},
        "assumptions": assumptions,
        "defaults": base,
        "path": p["path"],
        "codes": lv.codes,
        "record_5y_pct": {c: record_5y(lv, c) for c in lv.codes},
        "record_years": [as_of.year - RECORD_YEARS, as_of.year - 1],
        "nowcast": found,
    }
    if solve_for:
        result["solve"] = [{"scope": s, "sector_code": code, "required_growth_pct": solve(lv, assumptions, code, v)}
                           for code in solve_for for s, v in annual.items()]
    return result


def nowcast_shift(store: Store, lv: Levels, unit: str) -> dict | None:
    """The next quarter's nowcast (monitor/nowcast) and its distance to the total's run-rate, in points; None when
    no quarter remains. A named failure when the unit has no monthly figures to estimate it from."""
    from monitor.nowcast import service  # the nowcast area sits below what-if (tests/test_architecture.py)

    year, q = lv.as_of.year, lv.as_of.quarter
    if not lv.rest:
        return None
    found = service.report(store, unit, year, q + 1)
    total_now = sum(lv.level(c, year, range(1, q + 1)) or 0 for c in lv.codes)
    total_before = sum(lv.level(c, year - 1, range(1, q + 1)) or 0 for c in lv.codes)
    if found["nowcast_pct"] is None or not total_before:
        raise fail("whatif.err.no_nowcast", unit=unit)
    keep = ("nowcast_pct", "band_low_pct", "band_high_pct", "method", "as_of_month", "months_used")
    return {**{k: found[k] for k in keep}, "shift_pp": found["nowcast_pct"] - (total_now / total_before * 100 - 100)}


def parse_assumptions(text: str | None) -> dict:
    """'KV2=15,KV3=16' (every remaining quarter) or 'KV2@3=15' (one quarter) -> {code: pct or {q: pct}}."""
    out: dict = {}
    for part in filter(None, (p.strip() for p in (text or "").split(","))):
        key, sep, value = part.partition("=")
        try:
            pct = float(value)
        except ValueError:
            raise fail("whatif.err.bad_assumption", text=part) from None
        if not sep or not key.strip():
            raise fail("whatif.err.bad_assumption", text=part)
        code, at, quarter = key.strip().upper().partition("@")
        if at:
            if not quarter.isdigit():
                raise fail("whatif.err.bad_assumption", text=part)
            base = out.get(code)
            out[code] = {**(base if isinstance(base, dict) else {}), int(quarter): pct}
        else:
            out[code] = pct
    return out
