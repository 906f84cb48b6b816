"""The status report: what the overview shows and `status --json` prints.

One function per indicator kind; all of them read the engine, so the page, the
exports and the command line cannot disagree.
"""

from __future__ import annotations

from monitor.core import engine, flags, i18n
from monitor.core.engine import AsOf, Targets, as_float
from monitor.core.reference import PROVINCE
from monitor.core.store import Store

MAX_NAMED = 3  # laggards named in a parent's reason (by name: a leader does not read VSIC letters)


def _levels(row) -> dict:
    return {k: as_float(row.get(k)) for k in ("annual_level_prev", "ytd_level", "rest_level_prev")}


def _judge(rules, targets, unit, sector, as_of, row, parents, lang, flagged=None) -> dict:
    """Status, trend and reason of one sector or unit row, against the provincial target."""
    ytd = as_float(row.get("ytd_growth_pct"))
    target_pct, annual_pct, kind = targets.for_status(unit, sector, as_of.quarter, parents)
    gap = None if ytd is None or target_pct is None else ytd - target_pct
    required = None
    if annual_pct is not None and as_of.quarter < 4:
        lv = _levels(row)
        required = engine.required_growth_pct(annual_pct, lv["annual_level_prev"], lv["ytd_level"],
                                              lv["rest_level_prev"])
    status = rules.status(gap)  # no figure or no target at any level: no data to judge
    return {
        "target_pct": target_pct,
        "target_kind": kind,
        "gap_pp": gap,
        "required_rest_of_year_pct": required,
        "status": status,
        "trend": rules.trend(ytd, as_float(row.get("prev_ytd_growth_pct"))),
        "reason": flags.reason(lang, as_of.quarter, ytd, target_pct, kind, required, annual_pct, flagged),
    }


def _sector_parents(sector: str, parent_of: dict, unit: str) -> list[tuple[str, str]]:
    chain, code = [], parent_of.get(sector)
    while code:
        chain.append((unit, code))
        code = parent_of.get(code)
    return chain


def level_report(store: Store, indicator: str, unit: str, as_of: AsOf, lang: str = "vi",
                 unit_level: str = "commune") -> dict:
    rules = flags.Rules.from_store(store)
    targets = Targets.load(store, indicator, as_of.year)
    sectors = engine.sector_growth(store, indicator, unit, as_of)
    names = {r["code"]: r for r in store.records("sector_names")}
    parent_of = {code: r["parent_code"] for code, r in names.items() if isinstance(r["parent_code"], str)}
    by_code = {r["sector_code"]: r for r in sectors.to_dict("records")}
    total = by_code.get("TOTAL", {})

    sector_rows = []
    for r in sectors.to_dict("records"):
        code = r["sector_code"]
        judged = _judge(rules, targets, unit, code, as_of, r, _sector_parents(code, parent_of, unit), lang)
        sector_rows.append({
            "sector_code": code,
            "parent_code": r["parent_code"] if isinstance(r["parent_code"], str) else None,
            "name": names[code]["name_vi" if lang == "vi" else "name_en"],
            **{k: as_float(r[k]) for k in (
                "quarter_growth_pct", "ytd_growth_pct", "quarter_contribution_pp", "ytd_contribution_pp",
                "quarter_share_of_increase_pct", "ytd_share_of_increase_pct", "prev_ytd_growth_pct",
                "ytd_level", "ytd_level_prev")},
            **judged,
        })
    _roll_up(sector_rows, "sector_code", lang, as_of, rules, targets, unit, by_code,
             parent_of)

    unit_rows = []
    if unit_level:
        units = engine.unit_growth(store, indicator, unit, unit_level, as_of)
        for r in units.to_dict("records"):
            judged = _judge(rules, targets, r["unit_code"], "TOTAL", as_of, r, [(unit, "TOTAL")], lang)
            unit_rows.append({
                "unit_code": r["unit_code"],
                "name": r["name_vi" if lang == "vi" else "name_en"],
                "main_former_district": r["main_former_district"]
                if isinstance(r["main_former_district"], str) else None,
                **{k: as_float(r[k]) for k in ("quarter_growth_pct", "ytd_growth_pct", "prev_ytd_growth_pct",
                                           "quarter_contribution_pp", "ytd_contribution_pp")},
                **judged,
            })

    ytd = as_float(total.get("ytd_growth_pct"))
    return {
        "indicator": indicator,
        "kind": "level",
        "unit_code": unit,
        "year": as_of.year,
        "quarter": as_of.quarter,
        "vintage": as_of.vintage,
        "quarter_growth_pct": as_float(total.get("quarter_growth_pct")),
        "ytd_growth_pct": ytd,
        "prev_ytd_growth_pct": as_float(total.get("prev_ytd_growth_pct")),
        "targets": [{**t, "status": rules.status(t["gap_pp"])}
                    for t in engine.target_rows(targets, unit, "TOTAL", as_of, ytd, _levels(total))],
        "sectors": sector_rows,
        "units": unit_rows,
    }


def _roll_up(rows, key, lang, as_of, rules, targets, unit, by_code, parent_of):
    """A parent never hides a laggard: its reason names the flagged rows below it, worst first."""
    gap_of = {r[key]: (r["gap_pp"] if r["gap_pp"] is not None else 0.0) for r in rows}
    name_of = {r[key]: r["name"] for r in rows}
    flagged_under: dict[str, list[str]] = {}
    for row in rows:
        if row["status"] in ("watch", "lagging"):
            code = parent_of.get(row[key])
            while code:
                flagged_under.setdefault(code, []).append(row[key])
                code = parent_of.get(code)
    for row in rows:
        below = sorted(flagged_under.get(row[key], []), key=lambda c: gap_of[c])
        row["flagged_descendants"] = below
        if below:
            more = [i18n.t("reason.and_more", lang, n=len(below) - MAX_NAMED)] if len(below) > MAX_NAMED else []
            shown = [name_of[c] for c in below[:MAX_NAMED]] + more
            again = _judge(rules, targets, unit, row[key], as_of, by_code[row[key]],
                           _sector_parents(row[key], parent_of, unit), lang, flagged=shown)
            row["reason"] = again["reason"]


def report(store: Store, indicator: str = "GRDP", unit: str = PROVINCE, as_of: AsOf | None = None,
           lang: str = "vi", unit_level: str = "commune") -> dict:
    """The status of one indicator for a unit and as-of quarter (default: the latest)."""
    if lang not in i18n.LANGS:
        raise ValueError(f"unknown language {lang!r}")
    info = store.records("indicator_info", indicator=indicator)
    if not info:
        raise ValueError(f"unknown indicator {indicator!r}")
    as_of = as_of or engine.latest_quarter(store, indicator, unit)
    if as_of is None:
        raise ValueError(f"no figures for {indicator} in unit {unit}")
    kind = info[0]["kind"]
    if kind == "level":
        return level_report(store, indicator, unit, as_of, lang, unit_level)
    from monitor.leader.progress import plan_or_rate_report

    return plan_or_rate_report(store, info[0], unit, as_of, lang)


def trajectory_inputs(store: Store, indicator: str, unit: str, as_of: AsOf) -> dict:
    """What the trajectory chart needs: the year-to-date path, the scenario path, the annual targets."""
    targets = Targets.load(store, indicator, as_of.year)
    scenario = {q: targets.period(unit, "TOTAL", "provincial", q) for q in (1, 2, 3, 4)}
    return {
        "path": engine.ytd_path(store, indicator, unit, as_of),
        "year": as_of.year,
        "scenario": {q: v for q, v in scenario.items() if v is not None},
        "annual": {s: targets.annual(unit, "TOTAL", s) for s in engine.SCOPES
                   if targets.annual(unit, "TOTAL", s) is not None},
    }
