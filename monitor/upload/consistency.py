"""Consistency with the store: a file holding part of a quarter is checked together with the figures in force for
the rest. A parent (TOTAL, KV1-KV3) that would no longer equal the sum of its parts within 0.1% is refused with
the parent, the sum and the difference; when the file changed only parts, the corrected parent (the sum of its
parts) can be included on request (the page's button, or --include-parents), checked again up the tree (a KV2
correction moves TOTAL too).
"""

from __future__ import annotations

import pandas as pd

from monitor.core.errors import Problem
from monitor.core.store import Store, as_records, sql
from monitor.upload import plausibility
from monitor.upload.validate import TOTAL_TOLERANCE_PCT

PARENT_SOURCE = "sum of parts"


def _mismatches(store: Store, rows: pd.DataFrame) -> list[dict]:
    cur = store.con.cursor()
    try:
        cur.register("staged", plausibility.staged(rows))
        return as_records(cur.execute(sql("staged_parent_sums"), {"tolerance_pct": TOTAL_TOLERANCE_PCT}).df())
    finally:
        cur.close()


def _problem(m: dict) -> Problem:
    diff = m["parent_value"] - m["parts_sum"]
    params = (("sector", m["sector_code"]), ("unit", m["unit_code"]), ("year", int(m["year"])),
              ("quarter", int(m["quarter"])), ("parent", round(float(m["parent_value"]), 1)),
              ("sum", round(float(m["parts_sum"]), 1)), ("diff", round(float(diff), 1)),
              ("pct", round(abs(float(diff)) / abs(float(m["parent_value"])) * 100, 2) if m["parent_value"] else 0),
              ("changed", m["changed"] or m["sector_code"]))
    code = "upload.err.parent_in_file" if m["parent_in_file"] else "upload.err.parent_mismatch"
    return Problem(int(m["row"]), "value", None, code, params)


def check(store: Store, rows: pd.DataFrame, include_parents: bool = False) -> tuple[pd.DataFrame, list[Problem],
                                                                                   list[Problem]]:
    """(rows, with corrected parents added when asked; problems; notes of what was added)."""
    notes: list[Problem] = []
    for _ in range(4):  # a correction moves its parent, and that one's parent: the tree is three levels deep
        found = _mismatches(store, rows)
        fixable = [m for m in found if not m["parent_in_file"]]
        if not include_parents or not fixable or len(fixable) < len(found):
            return rows, [_problem(m) for m in found], notes
        start = int(rows.index.max()) + 1
        added = pd.DataFrame([{
            "indicator": m["indicator"], "unit_code": m["unit_code"], "sector_code": m["sector_code"],
            "year": int(m["year"]), "quarter": int(m["quarter"]), "value": round(float(m["parts_sum"]), 6),
            "vintage": m["vintage"], "source": PARENT_SOURCE} for m in fixable],
            index=range(start, start + len(fixable)))
        rows = pd.concat([rows, added.astype(rows.dtypes.to_dict())])
        notes += [Problem(i, "value", None, "upload.note.parent_added", (
            ("sector", m["sector_code"]), ("unit", m["unit_code"]), ("year", int(m["year"])),
            ("quarter", int(m["quarter"])), ("value", round(float(m["parts_sum"]), 1)),
            ("old", round(float(m["parent_value"]), 1))), "note") for i, m in zip(added.index, fixable)]
    return rows, [], notes


def offer(problems: list[Problem]) -> bool:
    """Whether every refusal is a parent the file left behind (so including the corrected parents fixes it)."""
    return bool(problems) and all(p.code == "upload.err.parent_mismatch" for p in problems)
