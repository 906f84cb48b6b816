"""The domain rules every area shares: the as-of quarter, the targets and the one yardstick a figure is judged
against, and the growth the rest of the year needs.

Aggregation runs in SQL (queries/*.sql, called by the areas); this module holds the rules applied to the few rows
that come back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from monitor.core import scenarios
from monitor.core.store import Store

PERIOD_OF_QUARTER = {1: "Q1", 2: "H1", 3: "9M", 4: "Y"}
SCOPES = ("provincial", "central")
VINTAGE_MODES = ("latest", "first")


@dataclass(frozen=True)
class AsOf:
    year: int
    quarter: int
    vintage: str = "latest"

    def __post_init__(self):
        if self.quarter not in (1, 2, 3, 4):
            raise ValueError(f"quarter must be 1-4, not {self.quarter}")
        if self.vintage not in VINTAGE_MODES:
            raise ValueError(f"vintage must be one of {VINTAGE_MODES}")


def yardstick(period_pct: float | None, annual_pct: float | None, quarter: int) -> tuple[float | None, str]:
    """The target a figure to date is judged against, and its kind: the scenario for the elapsed period when one
    is set (before the year is complete), else the annual target; ("none") without either."""
    if period_pct is not None and quarter < 4:
        return period_pct, "scenario"
    if annual_pct is not None:
        return annual_pct, "annual"
    return None, "none"


def required_growth_pct(target_pct: float, annual_level_prev: float | None, ytd_level: float | None,
                        rest_level_prev: float | None) -> float | None:
    """Growth the remaining quarters need so the year reaches target_pct.

    ((1 + g*) * L_{year-1} - YTD_t) / (remaining quarters of last year) - 1, in percent.
    """
    if None in (annual_level_prev, ytd_level, rest_level_prev) or not rest_level_prev:
        return None
    return ((1 + target_pct / 100) * annual_level_prev - ytd_level) / rest_level_prev * 100 - 100


def latest_quarter(store: Store, indicator: str = "GRDP", unit: str = "22") -> AsOf | None:
    rows = store.records("latest_quarter", indicator=indicator, unit=unit)
    return AsOf(int(rows[0]["year"]), int(rows[0]["quarter"])) if rows else None


def quarter_end(as_of: AsOf) -> dt.date:
    """The as-of date of a quarter: its last day (the target in force then judges the quarter's figures)."""
    return dt.date(as_of.year + (as_of.quarter == 4), as_of.quarter * 3 % 12 + 1, 1) - dt.timedelta(days=1)


class Targets:
    """The targets of one indicator and year, looked up by unit, sector and scope: per period the one in force at
    the as-of date (the latest effective date on or before it; before the year's first document, that first one),
    with the scenario path completed both ways (monitor/core/scenarios.py). A range is judged on its lower bound."""

    def __init__(self, rows: list[dict], weights: list[dict] | None = None, on: dt.date | None = None):
        self.on = on
        history: dict[tuple, list[dict]] = {}
        rows = [{**r, "effective_date": _day(r.get("effective_date"))} for r in rows]
        for r in sorted(rows, key=lambda r: r["effective_date"] or dt.date.min):
            history.setdefault((r["unit_code"], r["sector_code"], r["scope"], r["period"]), []).append(r)
        self._history = history
        self._by_key = {key: _in_force(found, on) for key, found in history.items()}
        self._weights: dict[tuple, dict[int, float]] = {}
        for w in weights or []:
            self._weights.setdefault((w["unit_code"], w["sector_code"]), {})[int(w["quarter"])] = float(w["value"])
        self._paths: dict[tuple, scenarios.Path] = {}

    @classmethod
    def load(cls, store: Store, indicator: str, year: int, as_of: AsOf | None = None) -> Targets:
        """as_of: the quarter judged (its last day picks the targets in force, its vintage the weights); without
        one, the targets in force at the end of the year."""
        vintage = as_of.vintage if as_of else "latest"
        on = quarter_end(as_of) if as_of and as_of.year == year else dt.date(year, 12, 31)
        return cls(store.records("targets_for_year", indicator=indicator, year=year),
                   store.records("scenario_weights", indicator=indicator, year=year, vintage=vintage, unit=None,
                                 sector=None), on)

    def row(self, unit: str, sector: str, scope: str, period: str) -> dict | None:
        """The target row in force for one period (value, value_high, source, effective_date)."""
        return self._by_key.get((unit, sector, scope, period))

    def annual(self, unit: str, sector: str, scope: str) -> float | None:
        """The annual target in force, or a range's lower bound."""
        hit = self.row(unit, sector, scope, "Y")
        return float(hit["value"]) if hit else None

    def annual_high(self, unit: str, sector: str, scope: str) -> float | None:
        """A range's upper bound (None for a single value)."""
        hit = self.row(unit, sector, scope, "Y")
        return None if not hit or hit.get("value_high") is None else float(hit["value_high"])

    def path(self, unit: str, sector: str, scope: str) -> scenarios.Path:
        key = (unit, sector, scope)
        if key not in self._paths:
            values = {p: float(self._by_key[(*key, p)]["value"]) for p in scenarios.PERIODS
                      if (*key, p) in self._by_key}
            self._paths[key] = scenarios.path(values, self._weights.get((unit, sector)))
        return self._paths[key]

    def period(self, unit: str, sector: str, scope: str, quarter: int) -> float | None:
        """The cumulative scenario for the elapsed period (Q1, H1, 9M or Y), given or derived from the quarters'."""
        return self.path(unit, sector, scope).cumulative.get(quarter)

    def quarter(self, unit: str, sector: str, scope: str, quarter: int) -> float | None:
        """The scenario for the quarter alone, given or derived from the cumulative path."""
        return self.path(unit, sector, scope).quarter.get(quarter)

    def source(self, unit: str, sector: str, scope: str, period: str = "Y") -> str | None:
        hit = self.row(unit, sector, scope, period)
        return hit["source"] if hit else None

    def history(self, unit: str, sector: str, scope: str, period: str = "Y") -> list[dict]:
        """Every target set for one period, oldest effective date first, each with in_force."""
        chosen = self.row(unit, sector, scope, period)
        return [{**r, "in_force": r is chosen} for r in self._history.get((unit, sector, scope, period), [])]

    def for_status(self, unit: str, sector: str, quarter: int, parents: list[tuple[str, str]]):
        """The provincial target a row is judged against, and what kind it is.

        Its own scenario for the period, else its own annual target; else the same
        from the first ancestor (sector parent, then parent unit) that has one.
        Returns (target_pct, annual_pct, kind) with kind a catalog suffix.
        """
        for i, (u, s) in enumerate([(unit, sector), *parents]):
            annual = self.annual(u, s, "provincial")
            target, kind = yardstick(self.period(u, s, "provincial", quarter), annual, quarter)
            if target is not None:
                return target, annual, kind if i == 0 else f"parent_{kind}"
        return None, None, "none"


def _day(value) -> dt.date | None:
    """A stored date (a date, a pandas Timestamp or ISO text) as a date."""
    if value is None or value != value:
        return None
    if isinstance(value, dt.datetime) or hasattr(value, "to_pydatetime"):
        return value.date()
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _in_force(rows: list[dict], on: dt.date | None) -> dict:
    """Of one target's rows (oldest effective date first), the one in force on a day; before the first took
    effect, the first (the year is judged against the first target set for it)."""
    if on is None:
        return rows[-1]
    started = [r for r in rows if (r.get("effective_date") or dt.date.min) <= on]
    return started[-1] if started else rows[0]


def target_rows(targets: Targets, unit: str, sector: str, as_of: AsOf, ytd_pct: float | None,
                levels: dict, quarter_pct: float | None = None) -> list[dict]:
    """Gap to each scope's target for the elapsed period and required growth for the year; the quarter against
    the quarter's scenario beside it."""
    rows = []
    for scope in SCOPES:
        annual = targets.annual(unit, sector, scope)
        if annual is None:
            continue
        period_pct = targets.period(unit, sector, scope, as_of.quarter)
        quarter_scenario = targets.quarter(unit, sector, scope, as_of.quarter)
        reference, _ = yardstick(period_pct, annual, as_of.quarter)
        in_force = targets.row(unit, sector, scope, "Y")
        rows.append({
            "scope": scope,
            "annual_pct": annual,
            "annual_high_pct": targets.annual_high(unit, sector, scope),
            "period_pct": period_pct,
            "gap_pp": None if ytd_pct is None else ytd_pct - reference,
            "quarter_period_pct": quarter_scenario,
            "quarter_gap_pp": None if quarter_pct is None or quarter_scenario is None
            else quarter_pct - quarter_scenario,
            "required_rest_of_year_pct": None if as_of.quarter == 4 else required_growth_pct(
                annual, levels.get("annual_level_prev"), levels.get("ytd_level"),
                levels.get("rest_level_prev")),
            "source": targets.source(unit, sector, scope),
            "effective_date": None if in_force is None or in_force.get("effective_date") is None
            else str(in_force["effective_date"]),
        })
    return rows
