"""Quarter and cumulative scenarios: either derives the other with last year's quarterly levels as weights.

A scenario for a single quarter q (Q2, Q3, Q4; Q1 is both) is that quarter's growth on the same quarter last year,
g_q. A cumulative scenario (Q1, H1, 9M, Y) is the growth of the year to date, G_k. With L_q last year's level of
quarter q (queries/scenario_weights.sql):

    G_k = sum_{q<=k} L_q (1 + g_q) / sum_{q<=k} L_q - 1
    g_k = ((1 + G_k) sum_{q<=k} L_q - (1 + G_{k-1}) sum_{q<k} L_q) / L_k - 1      (G_0 = 0, an empty sum)

A target row names its period; the given values win and the others are derived where their quarters are known.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

QUARTER_PERIOD = {1: "Q1", 2: "Q2", 3: "Q3", 4: "Q4"}
CUMULATIVE_PERIOD = {1: "Q1", 2: "H1", 3: "9M", 4: "Y"}
PERIODS = ("Q1", "Q2", "Q3", "Q4", "H1", "9M", "Y")  # the periods a target may have, in the order shown
QUARTER_ONLY = ("Q2", "Q3", "Q4")
CUMULATIVE_ONLY = ("H1", "9M")
# a path of quarter scenarios reaches its annual target when the conversion gives it within this many points:
# published scenarios carry two decimals, and four rounded quarters move the year by less than 0.01
REACH_TOLERANCE_PP = 0.05


def cumulative_from_quarters(prev: Mapping[int, float], quarter_pct: Mapping[int, float]) -> dict[int, float]:
    """G_k in percent for every k whose quarters 1..k all have a scenario and a weight."""
    out, grown, base = {}, 0.0, 0.0
    for q in (1, 2, 3, 4):
        if q not in quarter_pct or not prev.get(q):
            break
        grown += prev[q] * (1 + quarter_pct[q] / 100)
        base += prev[q]
        out[q] = (grown / base - 1) * 100
    return out


def quarters_from_cumulative(prev: Mapping[int, float], cumulative_pct: Mapping[int, float]) -> dict[int, float]:
    """g_k in percent for every k whose cumulative scenarios G_k and G_{k-1} are known (G_0 = 0)."""
    out, base, before = {}, 0.0, 0.0  # before = (1 + G_{k-1}) * sum_{q<k} L_q
    for q in (1, 2, 3, 4):
        if q not in cumulative_pct or not prev.get(q):
            break
        base += prev[q]
        reached = (1 + cumulative_pct[q] / 100) * base
        out[q] = ((reached - before) / prev[q] - 1) * 100
        before = reached
    return out


@dataclass(frozen=True)
class Path:
    """One scenario path: the quarter scenarios and the cumulative ones, each given or derived (quarter 1-4)."""

    quarter: dict[int, float] = field(default_factory=dict)
    cumulative: dict[int, float] = field(default_factory=dict)
    given: frozenset[str] = frozenset()

    @property
    def kind(self) -> str:
        """'quarter' (Q2-Q4 given), 'cumulative' (H1 or 9M given), 'annual' (the year alone) or 'none'."""
        if self.given & set(QUARTER_ONLY):
            return "quarter"
        if self.given & set(CUMULATIVE_ONLY) or "Q1" in self.given:
            return "cumulative"
        return "annual" if "Y" in self.given else "none"


def path(values: Mapping[str, float], prev: Mapping[int, float] | None) -> Path:
    """The full path from a unit's and sector's target values by period; prev: last year's quarterly levels (or
    None: nothing is derived)."""
    quarter = {q: values[p] for q, p in QUARTER_PERIOD.items() if p in values}
    cumulative = {q: values[p] for q, p in CUMULATIVE_PERIOD.items() if p in values}
    if prev:
        derived_c = cumulative_from_quarters(prev, quarter)
        derived_q = quarters_from_cumulative(prev, cumulative)
        cumulative = {**derived_c, **cumulative}
        quarter = {**derived_q, **quarter}
    return Path(quarter, cumulative, frozenset(values))


def reach_gap(values: Mapping[str, float], prev: Mapping[int, float] | None) -> float | None:
    """How far a path of four quarter scenarios lands from its annual target, in points (None when the path has no
    four quarters and a year, or last year's levels are unknown)."""
    quarter = {q: values[p] for q, p in QUARTER_PERIOD.items() if p in values}
    if len(quarter) < 4 or "Y" not in values or not prev:
        return None
    year = cumulative_from_quarters(prev, quarter).get(4)
    return None if year is None else year - values["Y"]
