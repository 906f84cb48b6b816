"""Growth against target: the numbers every page, export and `status --json` show.

Aggregation runs in SQL (queries/growth_by_*.sql); this module picks targets,
computes the required growth for the rest of the year and applies the status
rules to the few rows that come back.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

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


def as_float(x) -> float | None:
    if x is None:
        return None
    x = float(x)
    return None if math.isnan(x) else x


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


def sector_growth(store: Store, indicator: str, unit: str, as_of: AsOf) -> pd.DataFrame:
    return store.run("growth_by_sector", indicator=indicator, unit=unit, year=as_of.year,
                     quarter=as_of.quarter, vintage=as_of.vintage)


def unit_growth(store: Store, indicator: str, parent: str, level: str, as_of: AsOf,
                sector: str = "TOTAL") -> pd.DataFrame:
    if level not in ("commune", "former_district", "province"):
        raise ValueError(f"unknown unit level {level!r}")
    return store.run("growth_by_unit", indicator=indicator, parent=parent, level=level, sector=sector,
                     year=as_of.year, quarter=as_of.quarter, vintage=as_of.vintage)


class Targets:
    """The targets of one indicator and year, looked up by unit, sector and scope."""

    def __init__(self, frame: pd.DataFrame):
        self._by_key = {(r.unit_code, r.sector_code, r.scope, r.period): (float(r.value), r.source)
                        for r in frame.itertuples()}

    @classmethod
    def load(cls, store: Store, indicator: str, year: int) -> Targets:
        return cls(store.run("targets_for_year", indicator=indicator, year=year))

    def annual(self, unit: str, sector: str, scope: str) -> float | None:
        hit = self._by_key.get((unit, sector, scope, "Y"))
        return hit[0] if hit else None

    def period(self, unit: str, sector: str, scope: str, quarter: int) -> float | None:
        """The target for the elapsed period (Q1, H1, 9M or Y), when one is set."""
        hit = self._by_key.get((unit, sector, scope, PERIOD_OF_QUARTER[quarter]))
        return hit[0] if hit else None

    def source(self, unit: str, sector: str, scope: str, period: str = "Y") -> str | None:
        hit = self._by_key.get((unit, sector, scope, period))
        return hit[1] if hit else None

    def for_status(self, unit: str, sector: str, quarter: int, parents: list[tuple[str, str]]):
        """The provincial target a row is judged against, and what kind it is.

        Its own scenario for the period, else its own annual target; else the same
        from the first ancestor (sector parent, then parent unit) that has one.
        Returns (target_pct, annual_pct, kind) with kind a catalog suffix.
        """
        for i, (u, s) in enumerate([(unit, sector), *parents]):
            own = i == 0
            period = self.period(u, s, "provincial", quarter)
            annual = self.annual(u, s, "provincial")
            if period is not None and quarter < 4:
                return period, annual, "scenario" if own else "parent_scenario"
            if annual is not None:
                return annual, annual, "annual" if own else "parent_annual"
        return None, None, "none"


def target_rows(targets: Targets, unit: str, sector: str, as_of: AsOf, ytd_pct: float | None,
                levels: dict) -> list[dict]:
    """Gap to each scope's target for the elapsed period and required growth for the year."""
    rows = []
    for scope in SCOPES:
        annual = targets.annual(unit, sector, scope)
        if annual is None:
            continue
        period_pct = targets.period(unit, sector, scope, as_of.quarter)
        reference = period_pct if period_pct is not None else annual
        rows.append({
            "scope": scope,
            "annual_pct": annual,
            "period_pct": period_pct,
            "gap_pp": None if ytd_pct is None else ytd_pct - reference,
            "required_rest_of_year_pct": None if as_of.quarter == 4 else required_growth_pct(
                annual, levels.get("annual_level_prev"), levels.get("ytd_level"),
                levels.get("rest_level_prev")),
            "source": targets.source(unit, sector, scope),
        })
    return rows


def ytd_path(store: Store, indicator: str, unit: str, as_of: AsOf) -> pd.DataFrame:
    """Year-to-date growth quarter by quarter, this year (to the as-of quarter) and last year."""
    path = store.run("ytd_path", indicator=indicator, unit=unit, year=as_of.year, vintage=as_of.vintage)
    return path[(path["year"] < as_of.year) | (path["quarter"] <= as_of.quarter)].reset_index(drop=True)
