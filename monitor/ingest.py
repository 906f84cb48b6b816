"""Loading a file: read, validate, compare with the store, write one batch.

The command line and the upload page both call load_observations / load_targets,
so they share the reader, the rules and the messages.
"""

from __future__ import annotations

import getpass
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from monitor import reader, validate
from monitor.errors import ValidationError
from monitor.store import Store, sql

KEY = ["indicator", "unit_code", "sector_code", "year", "quarter", "vintage"]
TARGET_KEY = ["indicator", "unit_code", "sector_code", "year", "period", "scope"]


@dataclass
class Prepared:
    """A validated file, ready to write; counts compare it with the figures in force."""

    rows: pd.DataFrame
    info: reader.ReadInfo
    file_name: str
    sha256: str
    counts: dict = field(default_factory=dict)
    changes: pd.DataFrame | None = None


def sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _reference(store: Store) -> dict:
    units = store.run("unit_names")
    sectors = store.run("sector_names")
    indicators = store.run("indicators_all")
    children: dict[str, list[str]] = {}
    for r in sectors.itertuples():
        if isinstance(r.parent_code, str):
            children.setdefault(r.parent_code, []).append(r.code)
    return {
        "units": set(units["code"]), "unit_rows": units, "sectors": set(sectors["code"]),
        "indicators": set(indicators["code"]), "kinds": dict(zip(indicators["code"], indicators["kind"])),
        "children": children,
    }


def _check(store: Store, raw: bytes, columns, key: list[str], level_rules: bool):
    """Read and apply every rule; raise ValidationError with all problems, or return typed rows."""
    frame, info = reader.read_table(raw)
    frame, problems = validate.rename_columns(frame, columns)
    if problems:
        raise ValidationError(problems)
    typed, problems = validate.check_columns(frame, columns)
    ref = _reference(store)
    problems += validate.check_codes(frame, typed, ref)
    # cross-row rules skip the cells already found bad, so every problem is reported at once
    problems += validate.check_duplicates(frame, typed, key)
    if level_rules:
        problems += validate.check_unit_validity(frame, typed, ref["unit_rows"])
        problems += validate.check_levels(frame, typed, ref["kinds"], ref["children"])
    if problems:
        raise ValidationError(sorted(problems, key=lambda p: (p.row or 0, p.column or "")))
    typed = typed.astype({c: "int64" for c in ("year", "quarter") if c in typed} | {"value": "float64"})
    typed["source"] = typed["source"].replace("", None)
    return typed, info


def prepare_observations(store: Store, raw: bytes, file_name: str) -> Prepared:
    """Validate a canonical observations file and compare it with the figures in force."""
    typed, info = _check(store, raw, validate.OBSERVATION_COLUMNS, KEY, level_rules=True)
    prepared = Prepared(typed, info, file_name, sha256(raw))
    _compare(store, prepared)
    return prepared


def _compare(store: Store, prepared: Prepared) -> None:
    """New, revised and unchanged rows against the figures in force for the same key."""
    cur = store.con.cursor()
    try:
        cur.register("staged", prepared.rows)
        changes = cur.execute(sql("compare_with_store")).df()
        cur.unregister("staged")
    finally:
        cur.close()
    prepared.changes = changes
    prepared.counts = {k: int((changes["change"] == k).sum()) for k in ("new", "revised", "unchanged")}



def write_batch(store: Store, prepared: Prepared, kind: str = "observations", user: str | None = None,
                synthetic: bool = False) -> int:
    """One transaction: the batch row and all its rows, or nothing."""
    user = user or getpass.getuser()
    with store.transaction() as cur:
        batch_id = cur.execute(sql("insert_batch"), {
            "kind": kind, "file_name": prepared.file_name, "sha256": prepared.sha256,
            "row_count": len(prepared.rows), "user_name": user, "synthetic": synthetic,
        }).fetchall()[0][0]
        cur.register("staged", prepared.rows)
        cur.execute(sql(f"insert_{kind}"), {"batch_id": batch_id})
        cur.unregister("staged")
    return int(batch_id)


def load_observations(store: Store, path: Path, user: str | None = None, synthetic: bool = False):
    prepared = prepare_observations(store, Path(path).read_bytes(), Path(path).name)
    batch_id = write_batch(store, prepared, "observations", user, synthetic)
    return batch_id, prepared


def prepare_targets(store: Store, raw: bytes, file_name: str) -> Prepared:
    typed, info = _check(store, raw, validate.TARGET_COLUMNS, TARGET_KEY, level_rules=False)
    return Prepared(typed, info, file_name, sha256(raw), {"new": len(typed)})


def load_targets(store: Store, path: Path, user: str | None = None, synthetic: bool = False):
    prepared = prepare_targets(store, Path(path).read_bytes(), Path(path).name)
    return write_batch(store, prepared, "targets", user, synthetic), prepared
