"""The status report: what the overview shows and `status --json` prints, as numbers and codes.

Aggregation runs in SQL (queries/growth_by_sector.sql, queries/growth_by_unit.sql); this module applies the
targets and the status rules to the rows that come back. Words (names, reasons) are added by leader/wording.py,
so the same report serves both languages.
"""

from __future__ import annotations

import pandas as pd

from monitor.core import engine, flags
from monitor.core.engine import AsOf, Targets
from monitor.core.reference import PROVINCE
from monitor.core.store import Store
from monitor.leader import progress

UNIT_LEVELS = ("commune", "former_district", "province")
SECTOR_FIGURES = ("quarter_growth_pct", "ytd_growth_pct", "quarter_contribution_pp", "ytd_contribution_pp",
                  "quarter_share_of_increase_pct", "ytd_share_of_increase_pct", "prev_ytd_growth_pct",
                  "ytd_level", "ytd_level_prev")
UNIT_FIGURES = ("quarter_growth_pct", "ytd_growth_pct", "prev_ytd_growth_pct", "quarter_contribution_pp",
                "ytd_contribution_pp")


def sector_growth(store: Store, indicator: str, unit: str, as_of: AsOf) -> pd.DataFrame:
    """One row per sector of a unit: levels, growth, contributions and shares (queries/growth_by_sector.sql)."""
    return store.run("growth_by_sector", indicator=indicator, unit=unit, year=as_of.year,
                     quarter=as_of.quarter, vintage=as_of.vintage)


def unit_growth(store: Store, indicator: str, parent: str, level: str, as_of: AsOf,
                sector: str = "TOTAL") -> pd.DataFrame:
    """One row per unit of a level under a parent (queries/growth_by_unit.sql)."""
    return store.run("growth_by_unit", **_unit_params(store, indicator, parent, level, as_of, sector))


def _unit_params(store: Store, indicator: str, parent: str, level: str, as_of: AsOf, sector: str) -> dict:
    """growth_by_unit's parameters: the members resolved first (queries/unit_members.sql) and bound as a list,
    so the unit filter reaches the scan of observations (BENCHMARKS.md finding 2)."""
    if level not in UNIT_LEVELS:
        raise ValueError(f"unknown unit level {level!r}")
    members = store.run("unit_members", parent=parent, level=level)["code"].tolist()
    return dict(indicator=indicator, parent=parent, members=members, sector=sector, year=as_of.year,
                quarter=as_of.quarter, vintage=as_of.vintage)


def ytd_path(store: Store, indicator: str, unit: str, as_of: AsOf) -> pd.DataFrame:
    """Year-to-date growth quarter by quarter, this year (to the as-of quarter) and last year."""
    path = store.run("ytd_path", indicator=indicator, unit=unit, year=as_of.year, vintage=as_of.vintage)
    return path[(path["year"] < as_of.year) | (path["quarter"] <= as_of.quarter)].reset_index(drop=True)


def shortfall_pp(gap_pp: float | None, level_prev: float | None, parent_level_prev: float | None) -> float | None:
    """The points of the parent's growth a row's gap below its target costs: the gap weighted by the row's share
    of the parent's level in the same period last year (0 when on or above target). A large sector 1 point short
    costs the province more than a small one 10 points short."""
    if gap_pp is None or not level_prev or not parent_level_prev:
        return None
    return max(0.0, -gap_pp) * level_prev / parent_level_prev


def _levels(row: dict) -> dict:
    return {k: row.get(k) for k in ("annual_level_prev", "ytd_level", "rest_level_prev")}


def _judge(rules, targets, unit, sector, quarter, row, parents) -> dict:
    """Status and trend of one sector or unit row against the provincial target, with the figures its reason
    needs (target, kind of target, annual target, required growth)."""
    ytd = row.get("ytd_growth_pct")
    target_pct, annual_pct, kind = targets.for_status(unit, sector, quarter, parents)
    gap = None if ytd is None or target_pct is None else ytd - target_pct
    required = None
    if annual_pct is not None and quarter < 4:
        lv = _levels(row)
        required = engine.required_growth_pct(annual_pct, lv["annual_level_prev"], lv["ytd_level"],
                                              lv["rest_level_prev"])
    quarter_target = targets.quarter(unit, sector, "provincial", quarter)  # its own scenario for the quarter alone
    quarter_growth = row.get("quarter_growth_pct")
    return {
        "target_pct": target_pct,
        "target_kind": kind,
        "quarter_target_pct": quarter_target,
        "quarter_gap_pp": (None if quarter_target is None or quarter_growth is None
                           else quarter_growth - quarter_target),
        "annual_pct": annual_pct,
        "gap_pp": gap,
        "required_rest_of_year_pct": required,
        "status": rules.judge(ytd, gap),  # no figure: no data; a figure without a target at any level: no target
        "trend": rules.trend(ytd, row.get("prev_ytd_growth_pct")),
    }


def _sector_parents(sector: str, parent_of: dict, unit: str) -> list[tuple[str, str]]:
    chain, code = [], parent_of.get(sector)
    while code:
        chain.append((unit, code))
        code = parent_of.get(code)
    return chain


def _flag_descendants(rows: list[dict], parent_of: dict) -> None:
    """A parent never hides a laggard: each row lists the flagged rows below it, worst gap first."""
    gap_of = {r["sector_code"]: (r["gap_pp"] if r["gap_pp"] is not None else 0.0) for r in rows}
    under: dict[str, list[str]] = {}
    for row in rows:
        if row["status"] in ("watch", "lagging"):
            code = parent_of.get(row["sector_code"])
            while code:
                under.setdefault(code, []).append(row["sector_code"])
                code = parent_of.get(code)
    for row in rows:
        row["flagged_descendants"] = sorted(under.get(row["sector_code"], []), key=lambda c: gap_of[c])


def level_report(store: Store, indicator: str, unit: str, as_of: AsOf, unit_level: str = "commune") -> dict:
    rules = flags.Rules.from_store(store)
    targets = Targets.load(store, indicator, as_of.year, as_of)
    sectors = store.records("growth_by_sector", indicator=indicator, unit=unit, year=as_of.year,
                            quarter=as_of.quarter, vintage=as_of.vintage)
    parent_of = {r["code"]: r["parent_code"] for r in store.records("sector_names") if r["parent_code"]}
    total = next((r for r in sectors if r["sector_code"] == "TOTAL"), {})
    sector_rows = [{
        "sector_code": r["sector_code"],
        "parent_code": r["parent_code"],
        **{k: r[k] for k in SECTOR_FIGURES},
        **_judge(rules, targets, unit, r["sector_code"], as_of.quarter, r,
                 _sector_parents(r["sector_code"], parent_of, unit)),
    } for r in sectors]
    _flag_descendants(sector_rows, parent_of)
    base = total.get("ytd_level_prev")
    for row, r in zip(sector_rows, sectors):
        row["shortfall_pp"] = shortfall_pp(row["gap_pp"], r["ytd_level_prev"], base)

    unit_rows = []
    if unit_level:
        units = store.records("growth_by_unit", **_unit_params(store, indicator, unit, unit_level, as_of, "TOTAL"))
        unit_rows = [{
            "unit_code": r["unit_code"],
            "main_former_district": r["main_former_district"],
            **{k: r[k] for k in UNIT_FIGURES},
            **_judge(rules, targets, r["unit_code"], "TOTAL", as_of.quarter, r, [(unit, "TOTAL")]),
        } for r in units]
        for row, r in zip(unit_rows, units):
            row["shortfall_pp"] = shortfall_pp(row["gap_pp"], r["ytd_level_prev"], base)


    ytd = total.get("ytd_growth_pct")
    return {
        "indicator": indicator,
        "kind": "level",
        "unit_code": unit,
        "year": as_of.year,
        "quarter": as_of.quarter,
        "vintage": as_of.vintage,
        "quarter_growth_pct": total.get("quarter_growth_pct"),
        "ytd_growth_pct": ytd,
        "prev_ytd_growth_pct": total.get("prev_ytd_growth_pct"),
        # the publisher's bases of the sectors' contributions and shares (publisher_conventions): 'grdp' or
        # 'value_added' (GRDP less product taxes)
        "contribution_base": sectors[0]["contribution_base"] if sectors else None,
        "share_base": sectors[0]["share_base"] if sectors else None,
        # the least final vintage of the year's figures so far: a release's verb follows it (ước đạt, sơ bộ đạt, đạt)
        "ytd_vintage": store.scalar("period_vintage", indicator=indicator, unit=unit, sector="TOTAL",
                                    year=as_of.year, quarter=as_of.quarter, vintage=as_of.vintage),
        "targets": [{**t, "status": rules.status(t["gap_pp"])}
                    for t in engine.target_rows(targets, unit, "TOTAL", as_of, ytd, _levels(total),
                                                total.get("quarter_growth_pct"))],
        "sectors": sector_rows,
        "units": unit_rows,
    }


def report(store: Store, indicator: str = "GRDP", unit: str = PROVINCE, as_of: AsOf | None = None,
           unit_level: str = "commune") -> dict:
    """The status of one indicator for a unit and as-of quarter (default: the latest), in numbers and codes."""
    info = store.records("indicator_info", indicator=indicator)
    if not info:
        raise ValueError(f"unknown indicator {indicator!r}")
    as_of = as_of or engine.latest_quarter(store, indicator, unit)
    if as_of is None:
        raise ValueError(f"no figures for {indicator} in unit {unit}")
    if info[0]["kind"] == "level":
        return level_report(store, indicator, unit, as_of, unit_level)
    return progress.plan_or_rate_report(store, info[0], unit, as_of)


def trajectory_inputs(store: Store, indicator: str, unit: str, as_of: AsOf) -> dict:
    """What the trajectory chart needs: the year-to-date path, the scenario path, the annual targets."""
    targets = Targets.load(store, indicator, as_of.year, as_of)
    scenario = {q: targets.period(unit, "TOTAL", "provincial", q) for q in (1, 2, 3, 4)}
    return {
        "path": ytd_path(store, indicator, unit, as_of),
        "year": as_of.year,
        "scenario": {q: v for q, v in scenario.items() if v is not None},
        "annual": {s: targets.annual(unit, "TOTAL", s) for s in engine.SCOPES
                   if targets.annual(unit, "TOTAL", s) is not None},
    }
