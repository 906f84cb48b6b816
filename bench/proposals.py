"""Fixes proposed for code the benchmark does not own, kept here so their effect can be measured.

`check_levels` and `check_unit_validity` are column-wise versions of monitor.validate's, giving
the same problems: the originals look every parent row up one at a time (`iterrows` and `.loc`
per row: 72% of a validated load of 1 million rows) and compare every row once per ended unit
(bench/profiles/loader-*.txt). `patched_loader()` runs the loader with them, without changing
monitor/.
"""

from __future__ import annotations

import math
from contextlib import contextmanager

import numpy as np
import pandas as pd

from monitor import validate
from monitor.errors import Problem

GROUP = ["indicator", "unit_code", "year", "quarter", "vintage"]


def check_levels(frame: pd.DataFrame, typed: pd.DataFrame, kinds: dict, children: dict) -> list[Problem]:
    """Levels not negative; a TOTAL (or KV) row equals the sum of its components (all present)."""
    problems = []
    is_level = typed["indicator"].map(kinds).isin(("level", "plan"))
    negative = is_level & (typed["value"] < 0)
    problems += [Problem(int(i), "value", frame.at[i, "value"], "err.negative_level") for i in typed.index[negative]]
    rows = typed[is_level & typed["value"].notna()].dropna(subset=GROUP)
    parent_of = {kid: parent for parent, kids in children.items() for kid in kids}
    parts = rows.assign(parent=rows["sector_code"].map(parent_of)).dropna(subset=["parent"])
    sums = parts.groupby([*GROUP, "parent"], sort=False)["value"].agg(["sum", "count"]).reset_index()
    parents = rows[rows["sector_code"].isin(list(children))].rename_axis("line").reset_index()
    both = parents.merge(sums, left_on=[*GROUP, "sector_code"], right_on=[*GROUP, "parent"], how="inner")
    both = both[both["count"] == both["sector_code"].map({p: len(k) for p, k in children.items()})]
    total, s = both["value"].to_numpy(float), both["sum"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        diff = np.where(total != 0, np.abs(total - s) / np.abs(total) * 100, np.where(s == 0, 0.0, math.inf))
    bad = diff > validate.TOTAL_TOLERANCE_PCT
    for line, t, sm, d in zip(both["line"][bad], total[bad], s[bad], diff[bad]):
        problems.append(Problem(int(line), "value", frame.at[line, "value"], "err.total_mismatch", (
            ("total", round(float(t), 1)), ("sum", round(sm, 1)), ("diff", round(d, 2)))))  # numpy rounding, as before
    return problems


def check_unit_validity(frame: pd.DataFrame, typed: pd.DataFrame, units: pd.DataFrame) -> list[Problem]:
    """A unit that ended (a former district after 2025 Q2) names its successors; one pass over the rows
    instead of one comparison of every row per ended unit (801 former districts at national scale)."""
    ended = units[units["valid_to"].notna()]
    if ended.empty:
        return []
    valid_to = {code: pd.Timestamp(v) for code, v in zip(ended["code"], ended["valid_to"])}
    end_key = {code: v.year * 10 + (v.month - 1) // 3 + 1 for code, v in valid_to.items()}
    heirs = units[units["main_former_district"].isin(list(valid_to))].groupby("main_former_district")["code"]
    successors = {code: ", ".join(group.tolist()) for code, group in heirs}
    rows = typed[typed["unit_code"].isin(list(valid_to))]
    if rows.empty:
        return []
    late = rows[(rows["year"] * 10 + rows["quarter"]) > rows["unit_code"].map(end_key).astype(float)]
    return [Problem(int(i), "unit_code", code, "err.unit_not_valid", (
        ("unit", code), ("quarter", int(q)), ("year", int(y)), ("valid_to", str(valid_to[code].date())),
        ("successors", successors.get(code, "")))) for i, code, y, q in zip(
        late.index, late["unit_code"], late["year"], late["quarter"])]


@contextmanager
def patched_loader():
    """monitor.validate's two per-row checks replaced by the column-wise versions for the duration."""
    originals = validate.check_levels, validate.check_unit_validity
    validate.check_levels, validate.check_unit_validity = check_levels, check_unit_validity
    try:
        yield
    finally:
        validate.check_levels, validate.check_unit_validity = originals
