"""The domain rules every area shares: the as-of quarter, the targets and the one yardstick a figure is judged
against, and the growth the rest of the year needs.

Aggregation runs in SQL (queries/*.sql, called by the areas); this module holds the rules applied to the few rows
that come back.
"""

from __future__ import annotations

from dataclasses import dataclass

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


class Targets:
    """The targets of one indicator and year, looked up by unit, sector and scope."""

    def __init__(self, rows: list[dict]):
        self._by_key = {(r["unit_code"], r["sector_code"], r["scope"], r["period"]): (float(r["value"]), r["source"])
                        for r in rows}

    @classmethod
    def load(cls, store: Store, indicator: str, year: int) -> Targets:
        return cls(store.records("targets_for_year", indicator=indicator, year=year))

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
            annual = self.annual(u, s, "provincial")
            target, kind = yardstick(self.period(u, s, "provincial", quarter), annual, quarter)
            if target is not None:
                return target, annual, kind if i == 0 else f"parent_{kind}"
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
        reference, _ = yardstick(period_pct, annual, as_of.quarter)
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
