"""The scenario-path rule for targets, checked on every way targets get in (the targets page, an upload of a
targets file, `python -m monitor targets`): a path of cumulative targets (Q1, H1, 9M) ends at its annual target
(Y) and misses no period. An annual target alone is a target without a path, and fine.
"""

from __future__ import annotations

import pandas as pd

from monitor.core.errors import Problem
from monitor.core.store import Store

PERIODS = ("Q1", "H1", "9M", "Y")
PATH_KEY = ["indicator", "unit_code", "sector_code", "year", "scope"]
TARGET_KEY = ["indicator", "unit_code", "sector_code", "year", "period", "scope"]


def path_problem(code: str, key: tuple, **params) -> Problem:
    label = "/".join(str(k) for k in key)
    return Problem(None, "period", label, code, (("path", label), *params.items()))


def check_paths(frame: pd.DataFrame) -> list[Problem]:
    """Every path of the frame (rows in the targets file format) that lacks its annual target or a period."""
    problems = []
    for key, rows in frame.groupby(PATH_KEY, sort=True):
        have = set(rows["period"])
        if have == {"Y"}:
            continue
        if "Y" not in have:
            problems.append(path_problem("whatif.targets.err.no_annual", key))
        missing = [p for p in PERIODS[:3] if p not in have]
        if missing:
            problems.append(path_problem("whatif.targets.err.missing_period", key, periods=", ".join(missing)))
    return problems


def check_after_load(store: Store, rows: pd.DataFrame) -> list[Problem]:
    """The paths a file touches, as they would stand after loading it over the targets in force."""
    if rows.empty:
        return []
    current = store.run("targets_export", indicator=None, year=None)
    columns = [*TARGET_KEY, "value"]
    merged = pd.concat([rows[columns], current[columns]]).drop_duplicates(TARGET_KEY, keep="first")
    return check_paths(merged.merge(rows[PATH_KEY].drop_duplicates(), on=PATH_KEY))
