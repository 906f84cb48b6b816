"""Plan indicators (cumulative value as % of the annual plan) and rate indicators
(a reported year-to-date % change), judged against their targets, in numbers and codes
(leader/wording.py adds the measure unit and the reasons)."""

from __future__ import annotations

from monitor.core import flags
from monitor.core.engine import SCOPES, AsOf, Targets, yardstick
from monitor.core.store import Store


def plan_or_rate_report(store: Store, info: dict, unit: str, as_of: AsOf) -> dict:
    indicator, kind = info["code"], info["kind"]
    rules = flags.Rules.from_store(store)
    targets = Targets.load(store, indicator, as_of.year, as_of)
    row = store.records("cumulative_values", indicator=indicator, unit=unit, year=as_of.year,
                        quarter=as_of.quarter, vintage=as_of.vintage)[0]
    out = {
        "indicator": indicator, "kind": kind, "unit_code": unit, "year": as_of.year,
        "quarter": as_of.quarter, "vintage": as_of.vintage,
        "targets": [],
    }
    if kind == "plan":
        ytd, prev = row["ytd_value"], row["ytd_value_prev"]
        out.update(quarter_value=row["quarter_value"], ytd_value=ytd,
                   ytd_growth_pct=None if not ytd or not prev else ytd / prev * 100 - 100)
        for scope in SCOPES:
            plan = targets.annual(unit, "TOTAL", scope)
            if plan is None:
                continue
            period_plan = targets.period(unit, "TOTAL", scope, as_of.quarter)
            # without a plan for the period, the pro-rata share of the year is the yardstick
            pro_rata = period_plan is None
            expected = as_of.quarter * 25.0 if pro_rata else period_plan / plan * 100
            pct_of_plan = None if ytd is None else ytd / plan * 100
            gap = None if pct_of_plan is None else pct_of_plan - expected
            out["targets"].append({
                "scope": scope, "plan_value": plan, "period_plan_value": period_plan,
                "pct_of_plan": pct_of_plan, "expected_pct_of_plan": expected, "gap_pp": gap,
                "status": rules.status(gap), "source": targets.source(unit, "TOTAL", scope), "pro_rata": pro_rata,
            })
        prev_ytd = row["prev_quarter_ytd_value"]
        plan = targets.annual(unit, "TOTAL", "provincial")
        out["trend"] = None if not plan or prev_ytd is None or ytd is None else (
            "up" if ytd > prev_ytd else "flat")
    else:
        value = row["quarter_value"]
        out.update(ytd_growth_pct=value, prev_ytd_growth_pct=row["prev_quarter_value"],
                   trend=rules.trend(value, row["prev_quarter_value"]))
        for scope in SCOPES:
            annual = targets.annual(unit, "TOTAL", scope)
            if annual is None:
                continue
            period_pct = targets.period(unit, "TOTAL", scope, as_of.quarter)
            reference, _ = yardstick(period_pct, annual, as_of.quarter)
            gap = None if value is None else value - reference
            out["targets"].append({"scope": scope, "annual_pct": annual, "period_pct": period_pct,
                                   "gap_pp": gap, "status": rules.status(gap),
                                   "source": targets.source(unit, "TOTAL", scope)})
    main = out["targets"][0] if out["targets"] else None
    # a figure without any target is not missing: it has nothing to be judged against
    out["status"] = main["status"] if main else rules.judge(out["ytd_growth_pct"] if kind == "rate"
                                                             else out["ytd_value"], None)
    return out
