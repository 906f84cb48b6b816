"""Checks that need the store and do not block a load on their own.

Warnings (a growth rate beyond +-50% on last year; a sector or unit that the
indicator had in the previous quarter but the file lacks; a file loaded before)
are shown and need a confirmation on the page; the command line prints them and
goes on unless --strict. A lower vintage over a higher one (an estimate over an
official figure) needs its own confirmation everywhere.
"""

from __future__ import annotations

import pandas as pd

from monitor.core.errors import Problem
from monitor.core.store import Store, as_records, sql

GROWTH_LIMIT_PCT = 50.0


def _query(store: Store, name: str, staged: pd.DataFrame, **params) -> pd.DataFrame:
    cur = store.con.cursor()
    try:
        cur.register("staged", staged)
        return cur.execute(sql(name), params).df()
    finally:
        cur.close()


def staged(rows: pd.DataFrame) -> pd.DataFrame:
    """The validated rows with their file line number as a column, as the queries expect."""
    return rows.rename_axis("row").reset_index()


def growth_jumps(store: Store, rows: pd.DataFrame, limit: float = GROWTH_LIMIT_PCT) -> list[Problem]:
    found = _query(store, "staged_growth_jumps", staged(rows), limit_pct=limit)
    return [Problem(int(r["row"]), "value", _plain(r["value"]), "upload.warn.growth_jump" if r["kind"] != "rate"
                    else "upload.warn.rate_jump",
                    (("change", float(r["change_pct"])), ("prev", "–" if r["prev_value"] is None else r["prev_value"]),
                     ("limit", limit)), severity="warning") for r in as_records(found)]


def missing_components(store: Store, rows: pd.DataFrame) -> list[Problem]:
    found = _query(store, "staged_missing_components", staged(rows))
    return [Problem(None, "sector_code", r.missing_sectors, "upload.warn.missing_components", (
        ("indicator", r.indicator), ("unit", r.unit_code), ("year", int(r.year)), ("quarter", int(r.quarter)),
        ("sectors", r.missing_sectors), ("count", int(r.missing_count))), severity="warning")
        for r in found.itertuples()]


def same_file(store: Store, digest: str) -> list[Problem]:
    earlier = store.run("batch_by_sha256", sha256=digest)
    return [Problem(None, None, r.file_name, "upload.warn.same_file", (
        ("batch", int(r.batch_id)), ("file", r.file_name), ("when", str(r.loaded_at)[:16])), severity="warning")
        for r in earlier.itertuples()]


def downgrades(changes: pd.DataFrame) -> list[Problem]:
    """Rows whose vintage is below the one in force: kept as history only after a confirmation."""
    down = changes[changes["change"] == "downgrade"]
    return [Problem(int(r.row), "vintage", r.vintage, "upload.confirm.downgrade", (
        ("new", r.vintage), ("old", r.old_vintage), ("old_value", float(r.old_value))), severity="confirm")
        for r in down.itertuples()]


def _plain(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)
