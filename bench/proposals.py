"""The loader's two checks as they were before the benchmark's fix, kept so a run can still measure the
difference.

`monitor.validate.check_levels` and `check_unit_validity` are column-wise since the first national run; these
are the versions they replaced, which looked every parent row up one at a time (`iterrows` and `.loc` per
row: 72% of a validated load of 1 million rows) and compared every row once per ended unit
(bench/profiles/loader-*.txt). `patched_loader()` runs the loader with them, without changing monitor/, and
tests/test_bench_smoke.py checks that both give the same problems.
"""

from __future__ import annotations

import math
from contextlib import contextmanager

import pandas as pd

from monitor.core.errors import Problem
from monitor.upload import validate


def check_levels(frame: pd.DataFrame, typed: pd.DataFrame, kinds: dict, children: dict) -> list[Problem]:
    """Levels not negative; a TOTAL (or KV) row equals the sum of its components."""
    problems = []
    is_level = typed["indicator"].map(kinds).isin(("level", "plan"))
    problems += validate._problems(is_level & (typed["value"] < 0), frame, "value", "err.negative_level")
    group = ["indicator", "unit_code", "year", "quarter", "vintage"]
    rows = typed[is_level & typed["value"].notna()]
    for parent, kids in children.items():
        parents = rows[rows["sector_code"] == parent]
        if parents.empty:
            continue
        parts = rows[rows["sector_code"].isin(kids)]
        sums = parts.groupby(group)["value"].agg(["sum", "count"])
        for i, prow in parents.iterrows():
            k = tuple(prow[g] for g in group)
            if k not in sums.index or sums.loc[k, "count"] != len(kids):
                continue  # components not all in the file: nothing to compare
            total, s = prow["value"], sums.loc[k, "sum"]
            diff = abs(total - s) / abs(total) * 100 if total else (0 if s == 0 else math.inf)
            if diff > validate.TOTAL_TOLERANCE_PCT:
                problems.append(Problem(int(i), "value", frame.at[i, "value"], "err.total_mismatch", (
                    ("total", round(total, 1)), ("sum", round(s, 1)), ("diff", round(diff, 2)))))
    return problems


def check_unit_validity(frame: pd.DataFrame, typed: pd.DataFrame, units: pd.DataFrame) -> list[Problem]:
    """A unit that ended (a former district after 2025 Q2) names its successors."""
    ended = units[units["valid_to"].notna()]
    problems = []
    for unit in ended.itertuples():
        valid_to = pd.Timestamp(unit.valid_to)
        end_key = valid_to.year * 10 + (valid_to.month - 1) // 3 + 1
        rows = typed[(typed["unit_code"] == unit.code)
                     & (typed["year"] * 10 + typed["quarter"] > end_key)]
        successors = units.loc[units["main_former_district"] == unit.code, "code"].tolist()
        for i in rows.index:
            problems.append(Problem(int(i), "unit_code", unit.code, "err.unit_not_valid", (
                ("unit", unit.code), ("quarter", int(typed.at[i, "quarter"])), ("year", int(typed.at[i, "year"])),
                ("valid_to", str(valid_to.date())), ("successors", ", ".join(successors)))))
    return problems


@contextmanager
def patched_loader():
    """monitor.validate's two column-wise checks replaced by the former per-row versions for the duration."""
    originals = validate.check_levels, validate.check_unit_validity
    validate.check_levels, validate.check_unit_validity = check_levels, check_unit_validity
    try:
        yield
    finally:
        validate.check_levels, validate.check_unit_validity = originals
