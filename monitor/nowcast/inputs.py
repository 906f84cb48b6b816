"""The nowcast's inputs and what was known when: quarterly GRDP levels and the monthly indicators of one unit.

Pseudo-real time. Time is counted in months (`mi = year * 12 + month - 1`). A nowcast "as of month M" sees:
- a monthly figure of month m when m + lag <= M, the lag being the indicator's publication lag in months
  (data/nowcast/indicators.csv: 0 for the office's monthly report, which carries the month's own estimate);
- a quarter's GRDP when the quarter's last month + GRDP_LAG_MONTHS <= M (the estimate of a quarter is out in the
  month after it ends, so as of the first month of a quarter the previous quarter is known).
The values are the figures in force today (latest vintage): the office's files hold one release each, so past
vintages of a month cannot be rebuilt; the evaluation is pseudo-real time in the usual sense (data cut by date,
today's values), which flatters it by the size of revisions (README, "Nowcast").
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from monitor.core.store import ROOT, Store

CONFIG = ROOT / "data" / "nowcast" / "indicators.csv"
GRDP_LAG_MONTHS = 1


def month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def quarter_index(year: int, quarter: int) -> int:
    return year * 4 + quarter - 1


def quarter_of(qi: int) -> tuple[int, int]:
    return qi // 4, qi % 4 + 1


def month_of(mi: int) -> tuple[int, int]:
    return mi // 12, mi % 12 + 1


def quarter_months(qi: int) -> list[int]:
    """The three month indexes of a quarter."""
    return [qi * 3 + k for k in range(3)]


def indicator_config(unit: str) -> dict[str, int]:
    """The monthly indicators the unit's nowcast uses, with their publication lag in months."""
    frame = pd.read_csv(CONFIG, dtype={"unit_code": str})
    rows = frame[frame["unit_code"] == unit]
    return {r.indicator: int(r.publication_lag_months) for r in rows.itertuples()}


@dataclass(frozen=True)
class Inputs:
    """Levels by period: quarterly {qi: level}, monthly {indicator: {mi: value}}, and each indicator's lag."""

    quarterly: dict[int, float]
    monthly: dict[str, dict[int, float]]
    lags: dict[str, int]

    def known_at(self, as_of: int) -> Inputs:
        """Only what was published by the end of month `as_of` (nothing later can reach the result)."""
        q = {qi: v for qi, v in self.quarterly.items() if quarter_months(qi)[-1] + GRDP_LAG_MONTHS <= as_of}
        m = {ind: {mi: v for mi, v in s.items() if mi + self.lags[ind] <= as_of} for ind, s in self.monthly.items()}
        return Inputs(q, m, self.lags)

    def growth(self, qi: int) -> float | None:
        """GRDP growth of a quarter on the same quarter of the year before, %."""
        now, before = self.quarterly.get(qi), self.quarterly.get(qi - 4)
        return None if now is None or not before else now / before * 100 - 100

    def growth_series(self) -> dict[int, float]:
        return {qi: g for qi in sorted(self.quarterly) if (g := self.growth(qi)) is not None}

    def last_month(self) -> int | None:
        """The latest month any indicator has a figure for."""
        months = [mi for s in self.monthly.values() for mi in s]
        return max(months) if months else None


def load(store: Store, unit: str, vintage: str = "latest") -> Inputs:
    """The unit's GRDP (TOTAL) and its configured monthly indicators from the store."""
    lags = indicator_config(unit)
    levels = store.run("nowcast_quarter_levels", unit=unit, sector="TOTAL", vintage=vintage)
    quarterly = {quarter_index(int(r.year), int(r.quarter)): float(r.value) for r in levels.itertuples()}
    months = store.run("nowcast_monthly_inputs", unit=unit, vintage=vintage)
    monthly: dict[str, dict[int, float]] = {ind: {} for ind in lags}
    for r in months.itertuples():
        if r.indicator in lags:
            monthly[r.indicator][month_index(int(r.year), int(r.month))] = float(r.value)
    present = {ind: s for ind, s in monthly.items() if s}
    return Inputs(quarterly, present, {ind: lags[ind] for ind in present})
