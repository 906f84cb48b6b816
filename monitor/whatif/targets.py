"""Managing targets: edits from the targets page, import, export, history, revert (the scenario-path rule is
upload/scenario_paths.py, checked on every way targets get in).

Every change is a batch of target rows (load_batches holds who and when; the
row's source holds the document, e.g. "2545-CV/TU"); the value it replaced is
the one in force just before it. Nothing is overwritten: a revert rolls the
batch back (its rows drop out of targets_in_force()) and records the revert as
an empty batch of its own, so the history shows who undid what and when.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

import pandas as pd

from monitor.core.errors import Problem, ValidationError
from monitor.core.export import neutral_frame
from monitor.core.store import Store, sql
from monitor.upload import ingest
from monitor.upload.scenario_paths import PERIODS, effective_dates, path_problem

COLUMNS = ["indicator", "unit_code", "sector_code", "year", "period", "value", "scope", "source", "value_high",
           "effective_date"]
GRID_KEY = ["unit_code", "sector_code", "scope", "effective_date"]  # one grid row per path and effective date
REVERT_PREFIX = "revert #"


def in_force(store: Store, indicator: str | None = None, year: int | None = None) -> pd.DataFrame:
    """The targets in force in the file format, effective dates as ISO text (every revision keeps its row)."""
    frame = store.run("targets_export", indicator=indicator, year=year)
    return frame.assign(effective_date=effective_dates(frame))


def to_csv(frame: pd.DataFrame, bom: bool = True, safe: bool = True) -> bytes:
    """Rows in the targets file format of the command line (UTF-8 with a BOM, so Excel reads it); safe: text a
    spreadsheet would run as a formula gets an apostrophe (core/export.py; only the page's own check of its
    edits reads the text as typed)."""
    out = frame[COLUMNS].copy()
    for col in ("source", "value_high", "effective_date"):
        out[col] = out[col].astype(object).where(out[col].notna(), "")
    out = neutral_frame(out) if safe else out
    text = out.to_csv(index=False, lineterminator="\n", float_format="%.10g")
    return ("\ufeff" if bom else "").encode() + text.encode("utf-8")


def export(store: Store, indicator: str | None = None, year: int | None = None) -> bytes:
    return to_csv(in_force(store, indicator, year))


@dataclass
class Plan:
    """A checked set of target rows: what changes, against what is in force."""

    rows: pd.DataFrame       # the rows to write (new or changed only)
    changes: pd.DataFrame    # every row of the input with old_value and change = new | changed | unchanged
    file_name: str
    sha256: str

    @property
    def counts(self) -> dict:
        return {k: int((self.changes["change"] == k).sum()) for k in ("new", "changed", "unchanged")}


def prepare(store: Store, raw: bytes, file_name: str) -> Plan:
    """Validate a targets file (the upload rules and the path checks, as for any targets file) and compare it
    with the targets in force. Raises ValidationError with every problem."""
    rows = ingest.prepare_targets(store, raw, file_name).rows  # the upload rules and the path checks
    current = in_force(store)
    rows = rows.assign(effective_date=effective_dates(rows))
    key = ingest.TARGET_KEY
    old = current[key + ["value", "value_high", "source"]].rename(
        columns={"value": "old_value", "value_high": "old_value_high", "source": "old_source"})
    changes = rows[COLUMNS].merge(old, on=key, how="left")
    high, old_high = (pd.to_numeric(changes[c], errors="coerce") for c in ("value_high", "old_value_high"))
    same_value = ((changes["value"] - changes["old_value"]).abs() < 1e-9) & (
        ((high - old_high).abs() < 1e-9) | (high.isna() & old_high.isna()))
    same_source = changes["source"].fillna("") == changes["old_source"].fillna("")
    changes["change"] = ["new" if math.isnan(o) else "unchanged" if v and s else "changed"
                         for o, v, s in zip(changes["old_value"].astype(float), same_value, same_source)]
    write = changes[changes["change"] != "unchanged"][COLUMNS].reset_index(drop=True)
    return Plan(write, changes, file_name, ingest.sha256(raw))


def commit(store: Store, plan: Plan, user: str) -> int | None:
    """Write the new and changed rows as one batch; None when nothing changes."""
    if plan.rows.empty:
        return None
    prepared = ingest.Prepared(plan.rows, None, plan.file_name, plan.sha256)
    return ingest.write_batch(store, prepared, "targets", user)


def _sector_rank(code: str) -> tuple:
    """TOTAL, KV1-KV3, TAX, then the VSIC sections A-T."""
    return (0 if code == "TOTAL" else 1 if code.startswith("KV") else 2 if code == "TAX" else 3, code)


def grid(frame: pd.DataFrame) -> pd.DataFrame:
    """Targets of one indicator and year as one row per unit, sector, scope and effective date: Q1-Q4, H1, 9M, Y,
    the top of the annual range, the source."""
    cols = [*GRID_KEY[:3], *PERIODS, "value_high", "effective_date", "source"]
    if frame.empty:
        return pd.DataFrame(columns=cols)
    frame = frame.assign(effective_date=effective_dates(frame))
    wide = frame.pivot_table(index=GRID_KEY, columns="period", values="value",
                             aggfunc="first").reindex(columns=list(PERIODS)).astype("float64")
    # one source shown per row: the annual target's, else the latest period's
    src = frame.assign(rank=frame["period"].map(PERIODS.index)).sort_values("rank")
    wide["source"] = src.groupby(GRID_KEY)["source"].last()
    annual = frame[frame["period"] == "Y"].set_index(GRID_KEY)["value_high"]
    wide["value_high"] = pd.to_numeric(annual.reindex(wide.index), errors="coerce").astype("float64")
    wide = wide.reset_index()
    wide["_o"] = [(u != "22", u, _sector_rank(s), sc, d) for u, s, sc, d in
                  zip(wide["unit_code"], wide["sector_code"], wide["scope"], wide["effective_date"])]
    return wide.sort_values("_o").drop(columns="_o").reset_index(drop=True)[cols]


def grid_changes(before: pd.DataFrame, after: pd.DataFrame, indicator: str, year: int,
                 document: str) -> pd.DataFrame:
    """Long rows for every cell edited in the grid (new rows included), with the document as source.
    A cleared cell is refused: a target is removed by reverting the change that added it."""
    idx = GRID_KEY
    old = before.set_index(idx)
    rows, problems = [], []
    for r in after.to_dict("records"):
        key = tuple(str(r.get(k) or "").strip() for k in idx)
        prev = old.loc[key] if key in old.index else None
        for period in PERIODS:
            value, was = _num(r.get(period)), None if prev is None else _num(prev[period])
            if value is None and was is not None:
                problems.append(path_problem("whatif.targets.err.cleared",
                                             (indicator, *key[:2], year, key[2], key[3]), period=period))
            elif value is not None and (was is None or abs(value - was) > 1e-9):
                high = r.get("value_high") if period == "Y" else None
                rows.append([indicator, key[0], key[1], year, period, value, key[2], document,
                             None if _num(high) is None else _num(high), key[3] or None])
    if problems:
        raise ValidationError(problems)
    return pd.DataFrame(rows, columns=COLUMNS)


def _num(x) -> float | None:
    try:
        x = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(x) else x


def save_grid(store: Store, before: pd.DataFrame, after: pd.DataFrame, indicator: str, year: int,
              user: str, document: str) -> tuple[int | None, Plan | None]:
    """Check and write the cells edited on the targets page as one batch recorded under `document`."""
    if not (document or "").strip():
        raise ValidationError([Problem(None, "source", None, "whatif.targets.err.no_document")])
    rows = grid_changes(before, after, indicator, year, document.strip())
    if rows.empty:
        return None, None
    plan = prepare(store, to_csv(rows, bom=False, safe=False), "targets page")
    return commit(store, plan, user), plan


def history(store: Store, indicator: str, year: int) -> pd.DataFrame:
    return store.run("target_history", indicator=indicator, year=year)


def batches(store: Store) -> pd.DataFrame:
    return store.run("target_batches")


def revert(store: Store, batch_id: int, user: str) -> int:
    """Undo one batch of targets: roll it back and record the revert (who, when) as a batch of its own.
    Refused when a later batch changed one of the same targets (revert that one first)."""
    found = batches(store)
    row = found[found["batch_id"] == batch_id]
    if row.empty or row.iloc[0]["outcome"] != "loaded" or int(row.iloc[0]["row_count"]) == 0:
        raise ValidationError([Problem(None, None, str(batch_id), "whatif.targets.err.not_revertible",
                                       (("batch", str(batch_id)),))])
    later = row.iloc[0]["later_batch"]
    if not pd.isna(later):
        raise ValidationError([Problem(None, None, str(batch_id), "whatif.targets.err.later_change",
                                       (("batch", str(batch_id)), ("later", str(int(later)))))])
    label = f"{REVERT_PREFIX}{batch_id}"
    with store.transaction() as cur:  # the same roll-back record as the history page's, plus the revert's batch
        cur.execute(sql("insert_batch"), {
            "kind": "targets", "file_name": label, "sha256": hashlib.sha256(label.encode()).hexdigest(),
            "row_count": 0, "user_name": user, "synthetic": False, "rows_new": None, "rows_revised": None,
            "rows_unchanged": None, "rows_kept": None, "warnings_confirmed": 0}).fetchall()
        cur.execute(sql("mark_batch_rolled_back"), {"batch_id": batch_id}).fetchall()
        cur.execute(sql("insert_batch_rollback"), {"batch_id": batch_id, "user_name": user, "reason": label})
    return batch_id

