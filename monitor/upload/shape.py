"""The shape of the figures, checked before any load: values that look year-to-date where a quarter's value
belongs, growth rates or indices where levels belong, and jumps of more than ±50% on the same quarter last year.

Each is a warning with a name (its flag): on the page the confirmation tick loads it anyway; on the command line it
is an error unless the analyst says so (--accept-cumulative, --accept-rates, --accept-jumps, or --accept-warnings
for all). The messages say what the values look like and how to load them.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from monitor.core.errors import Problem
from monitor.core.store import Store, as_records, sql
from monitor.upload import plausibility

# a value is year-to-date-like when it beats last year's quarter by more than QUARTER_RATIO but sits within
# CUMULATIVE_BAND of last year's year to date (or, without last year, of this year's quarters so far)
QUARTER_RATIO = 1.6
CUMULATIVE_BAND = (0.85, 1.35)
STORED_SUM_TOLERANCE = 0.01   # "each close to the sum of the stored quarters so far"
LEVEL_RATIO = 0.2             # a level below a fifth of its reference reads as a rate or an index when it is in
RATE_RANGE = (-50.0, 70.0)    # the range growth rates take (%), or
INDEX_RANGE = (70.0, 170.0)   # the range indices take (last year = 100); a collapse to 184 from 2,640 is neither
FLAGS = {"upload.shape.cumulative": "cumulative", "upload.shape.cumulative_stored": "cumulative",
         "upload.shape.rate_for_level": "rates", "upload.shape.index_for_level": "rates",
         "upload.warn.rate_jump": "rates", "upload.warn.growth_jump": "jumps"}


def _warn(r: dict, code: str, **params) -> Problem:
    return Problem(int(r["row"]), "value", f"{r['value']:g}", code, (
        ("value", float(r["value"])), ("quarter", int(r["quarter"])), ("year", int(r["year"])),
        *params.items()), "warning")


def _judge(r: dict) -> Problem | None:
    v, q = float(r["value"]), int(r["quarter"])
    last_q, last_cum = r["last_quarter"], r["last_cumulative"]
    before, stored_q, prev = r["stored_before"], r["stored_quarter"], r["stored_previous"]
    reference = next((x for x in (last_q, prev, stored_q) if x), None)
    index = INDEX_RANGE[0] <= v <= INDEX_RANGE[1]
    if reference and reference > 0 and (index or RATE_RANGE[0] <= v <= RATE_RANGE[1]) and v < LEVEL_RATIO * reference:
        return _warn(r, "upload.shape.index_for_level" if index else "upload.shape.rate_for_level",
                     reference=round(float(reference), 1), growth=round(v - 100, 2))
    if q < 2 or v <= 0:
        return None
    if before and stored_q and abs(v - (before + stored_q)) <= STORED_SUM_TOLERANCE * v and v > 1.5 * stored_q:
        return _warn(r, "upload.shape.cumulative_stored", cumulative=round(float(before + stored_q), 1),
                     stored=round(float(stored_q), 1))
    low, high = CUMULATIVE_BAND
    if last_q and last_cum and v > QUARTER_RATIO * last_q and low <= v / last_cum <= high:
        return _warn(r, "upload.shape.cumulative", last_quarter=round(float(last_q), 1),
                     last_cumulative=round(float(last_cum), 1), ratio=round(v / last_q, 2))
    if not last_q and before and prev and v > QUARTER_RATIO * prev and low <= v / (before + prev) <= high:
        return _warn(r, "upload.shape.cumulative_stored", cumulative=round(float(before + prev), 1),
                     stored=round(float(prev), 1))
    return None


def _maybe(c: pd.DataFrame) -> pd.Series:
    """The rows _judge may warn about, judged on whole columns with its own arithmetic (a missing or zero figure
    counts as absent, as there); only these are judged one by one."""
    def present(x: pd.Series) -> pd.Series:
        return x.notna() & x.ne(0)

    v, q = c["value"].astype(float), c["quarter"]
    last_q, last_cum, before, stored_q, prev = (c[k].astype(float) for k in (
        "last_quarter", "last_cumulative", "stored_before", "stored_quarter", "stored_previous"))
    reference = last_q.where(present(last_q), prev.where(present(prev), stored_q.where(present(stored_q))))
    low, high = CUMULATIVE_BAND
    level = (reference > 0) & v.between(RATE_RANGE[0], INDEX_RANGE[1]) & (v < LEVEL_RATIO * reference)
    stored = (present(before) & present(stored_q) & ((v - (before + stored_q)).abs() <= STORED_SUM_TOLERANCE * v)
              & (v > 1.5 * stored_q))
    last = (present(last_q) & present(last_cum) & (v > QUARTER_RATIO * last_q)
            & (v / last_cum).between(low, high))
    earlier = (~present(last_q) & present(before) & present(prev) & (v > QUARTER_RATIO * prev)
               & (v / (before + prev)).between(low, high))
    return level | ((q >= 2) & (v > 0) & (stored | last | earlier))


def check(store: Store, rows: pd.DataFrame) -> list[Problem]:
    """The shape warnings of the validated rows (level and plan indicators), in file order."""
    cur = store.con.cursor()
    try:
        cur.register("staged", plausibility.staged(rows))
        context = cur.execute(sql("staged_shape_context")).df()
    finally:
        cur.close()
    return [p for r in as_records(context[_maybe(context)]) if (p := _judge(r))]


def merge(shape: list[Problem], jumps: list[Problem]) -> list[Problem]:
    """Shape warnings first (what the values look like), then the jumps (a year-to-date value is a jump too)."""
    return shape + jumps


def flag(problem: Problem) -> str | None:
    return FLAGS.get(problem.code)


def unaccepted(warnings: list[Problem], accept: frozenset) -> list[Problem]:
    """The shape warnings the analyst has not accepted by name (or all with "all"), as errors."""
    if "all" in accept:
        return []
    return [replace(p, severity="error") for p in warnings if flag(p) and flag(p) not in accept]


def how_to_accept(refused: list[Problem]) -> Problem:
    """The closing line of a refusal: the flags that load these figures as they are."""
    flags = sorted({flag(p) for p in refused})
    return Problem(None, None, None, "upload.shape.how_to_accept", (
        ("flags", " ".join(f"--accept-{f}" for f in flags)),))
