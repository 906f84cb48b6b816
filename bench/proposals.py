"""Fixes proposed for code the benchmark does not own, kept here so their effect can be measured.

`check_levels` is a column-wise version of monitor.validate.check_levels giving the same
problems: the original looks every parent row up one at a time (`iterrows` and `.loc` per
row), 80% of a validated load's time (bench/profiles/loader.txt). `patched_loader()` runs the
loader with it, without changing monitor/.
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


@contextmanager
def patched_loader():
    """monitor.validate.check_levels replaced by the column-wise version for the duration."""
    original = validate.check_levels
    validate.check_levels = check_levels
    try:
        yield
    finally:
        validate.check_levels = original
