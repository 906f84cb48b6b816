"""The scenario-path rule for targets, checked on every way targets get in (the targets page, an upload of a
targets file, `python -m monitor targets`).

A path is the targets of one indicator, unit, sector, year, scope and effective date. It is either cumulative
(Q1, H1, 9M and the year Y) or of quarters (Q1, Q2, Q3, Q4, each the quarter alone, and Y), never a mix; either
kind misses no period and has its annual target. A path of quarters must reach its annual target through the
conversion with last year's quarterly levels (monitor/core/scenarios.py) within REACH_TOLERANCE_PP points; it is
checked when the store holds last year's four quarters (targets are often set before them) and only for level
indicators (GRDP): a plan or a rate indicator has no quarter periods. An annual target alone is a target without a
path, and fine. A range (value_high) must not end below its start.
"""

from __future__ import annotations

import math

import pandas as pd

from monitor.core.errors import Problem
from monitor.core.scenarios import CUMULATIVE_ONLY, QUARTER_ONLY, REACH_TOLERANCE_PP, reach_gap
from monitor.core.store import Store

PERIODS = ("Q1", "Q2", "Q3", "Q4", "H1", "9M", "Y")
PATH_KEY = ["indicator", "unit_code", "sector_code", "year", "scope", "effective_date"]
TARGET_KEY = ["indicator", "unit_code", "sector_code", "year", "period", "scope", "effective_date"]


def path_problem(code: str, key: tuple, row: int | None = None, **params) -> Problem:
    """key: indicator, unit, sector, year, scope[, effective date]; the label names the date only when it is not
    1 January (the default), as 'GRDP/VN/TOTAL/2025/central/2025-08-05'."""
    parts = [str(k) for k in key[:5]]
    if len(key) > 5 and key[5] and str(key[5]) != f"{key[3]}-01-01":
        parts.append(str(key[5]))
    label = "/".join(parts)
    return Problem(row, "period", label, code, (("path", label), *params.items()))


def _row_of(rows: pd.DataFrame, period: str) -> int | None:
    """The file row (the frame's index) of a path's period, when the file holds it."""
    hit = rows[(rows["period"] == period) & rows["_row"].notna()]
    return None if hit.empty else int(hit["_row"].iloc[0])


def check_paths(frame: pd.DataFrame, kinds: dict[str, str] | None = None, weights=None) -> list[Problem]:
    """Every path of the frame (rows in the targets file format) that lacks its annual target or a period, mixes
    the two kinds, has quarters where its indicator has none, or whose quarters miss the annual target.
    kinds: indicator -> kind (level, plan, rate); weights(indicator, unit, sector, year) -> last year's levels."""
    frame = frame.assign(effective_date=frame["effective_date"].fillna("") if "effective_date" in frame else "")
    if "_row" not in frame:
        frame = frame.assign(_row=frame.index)
    problems = []
    for key, rows in frame.groupby(PATH_KEY, sort=True, dropna=False):
        have = set(rows["period"])
        quarters, cumulative = have & set(QUARTER_ONLY), have & set(CUMULATIVE_ONLY)
        if have == {"Y"}:
            continue
        first = int(rows["_row"].dropna().min()) if rows["_row"].notna().any() else None
        if quarters and (kinds or {}).get(key[0], "level") != "level":
            problems.append(path_problem("whatif.targets.err.quarter_kind", key, _row_of(rows, min(quarters)),
                                         indicator=key[0]))
            continue
        if quarters and cumulative:
            problems.append(path_problem("whatif.targets.err.mixed", key, first,
                                         quarters=", ".join(sorted(quarters)),
                                         cumulative=", ".join(sorted(cumulative))))
            continue
        if "Y" not in have:
            problems.append(path_problem("whatif.targets.err.no_annual", key, first))
        wanted = ("Q1", "Q2", "Q3", "Q4") if quarters else ("Q1", "H1", "9M")
        missing = [p for p in wanted if p not in have]
        if missing:
            problems.append(path_problem("whatif.targets.err.missing_period", key, first, periods=", ".join(missing)))
        elif quarters and "Y" in have and weights is not None:
            values = dict(zip(rows["period"], rows["value"].astype(float)))
            gap = reach_gap(values, weights(key[0], key[1], key[2], int(key[3])))
            if gap is not None and abs(gap) > REACH_TOLERANCE_PP:
                problems.append(path_problem(
                    "whatif.targets.err.not_reached", key, _row_of(rows, "Y"),
                    reached=round(values["Y"] + gap, 2), annual=values["Y"], tolerance=REACH_TOLERANCE_PP))
    return problems


def check_ranges(rows: pd.DataFrame) -> list[Problem]:
    """A range's upper bound (value_high) below its lower bound (value), by file row."""
    if "value_high" not in rows:
        return []
    high = pd.to_numeric(rows["value_high"], errors="coerce")
    bad = high.notna() & (high < rows["value"].astype(float))
    return [Problem(int(i), "value_high", str(rows.at[i, "value_high"]), "whatif.targets.err.range",
                    (("low", float(rows.at[i, "value"])),)) for i in rows.index[bad]]


def check_after_load(store: Store, rows: pd.DataFrame) -> list[Problem]:
    """The paths a file touches, as they would stand after loading it over the targets in force."""
    if rows.empty:
        return []
    current = store.run("targets_export", indicator=None, year=None)
    file_rows = rows.assign(effective_date=effective_dates(rows), _row=rows.index.astype("Int64"))
    stored = current.assign(effective_date=effective_dates(current),
                            _row=pd.array([None] * len(current), dtype="Int64"))
    columns = [*TARGET_KEY, "value", "_row"]
    merged = pd.concat([file_rows[columns], stored[columns]]).drop_duplicates(TARGET_KEY, keep="first")
    touched = merged.merge(file_rows[PATH_KEY].drop_duplicates(), on=PATH_KEY)
    kinds = {r["code"]: r["kind"] for r in store.records("indicators_all")}

    def weights(indicator: str, unit: str, sector: str, year: int) -> dict[int, float] | None:
        found = store.records("scenario_weights", indicator=indicator, year=year, vintage="latest", unit=unit,
                              sector=sector)
        levels = {int(r["quarter"]): float(r["value"]) for r in found}
        return levels if len(levels) == 4 else None

    return check_ranges(rows) + check_paths(touched, kinds, weights)


def effective_dates(frame: pd.DataFrame) -> pd.Series:
    """Effective dates as ISO text, a missing one as 1 January of the target's year (the store's rule)."""
    given = frame["effective_date"] if "effective_date" in frame else pd.Series([None] * len(frame), frame.index)
    return pd.Series([str(d)[:10] if d is not None and not (isinstance(d, float) and math.isnan(d)) and str(d) != ""
                      and str(d) != "NaT" else f"{int(y)}-01-01" for d, y in zip(given, frame["year"])],
                     index=frame.index)
