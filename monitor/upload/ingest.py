"""Loading a file: read, validate, compare with the store, write one batch.

The command line and the upload page both call prepare_* then write_batch, so
they share the reader, the rules and the messages. Nothing is written until
write_batch, which refuses a file whose warnings or vintage downgrades were not
confirmed, and a preview made before another load changed the store.
"""

from __future__ import annotations

import getpass
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from monitor.core.errors import ConfirmationRequired, Problem, StalePreviewError, ValidationError
from monitor.core.store import Store, sql
from monitor.upload import plausibility, reader, scenario_paths, validate

KEY = ["indicator", "unit_code", "sector_code", "year", "quarter", "vintage"]
TARGET_KEY = scenario_paths.TARGET_KEY


@dataclass
class Prepared:
    """A validated file, ready to write; counts compare it with the figures in force."""

    rows: pd.DataFrame
    info: reader.ReadInfo
    file_name: str
    sha256: str
    counts: dict = field(default_factory=dict)
    changes: pd.DataFrame | None = None
    ytd_changes: pd.DataFrame | None = None
    warnings: list[Problem] = field(default_factory=list)
    downgrades: list[Problem] = field(default_factory=list)
    version: tuple = ()


def sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def data_version(store: Store) -> tuple:
    row = store.records("data_version")[0]
    return int(row["last_batch"]), int(row["rolled_back"])


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


def _first_per_cell(problems: list[Problem]) -> list[Problem]:
    """One problem per cell (the reader's comes first); file-wide problems all kept."""
    seen, kept = set(), []
    for p in problems:
        if p.row is not None and p.column is not None:
            if (p.row, p.column) in seen:
                continue
            seen.add((p.row, p.column))
        kept.append(p)
    return kept


def _check(store: Store, raw: bytes, columns, key: list[str], level_rules: bool, file_name: str = ""):
    """Read and apply every rule; raise ValidationError with all problems, or return typed rows."""
    frame, info = reader.read_table(raw, value_columns=validate.ALIASES["value"], file_name=file_name)
    frame, problems = validate.rename_columns(frame, columns)
    if problems:
        raise ValidationError(problems)
    typed, cell_problems = validate.check_columns(frame, columns)
    problems = list(info.problems) + cell_problems
    ref = _reference(store)
    problems += validate.check_codes(frame, typed, ref)
    # cross-row rules skip the cells already found bad, so every problem is reported at once
    problems += validate.check_duplicates(frame, typed, key)
    if level_rules:
        problems += validate.check_future(frame, typed)
        problems += validate.check_unit_validity(frame, typed, ref["unit_rows"])
        problems += validate.check_levels(frame, typed, ref["kinds"], ref["children"])
    if problems:
        order = {c: i for i, c in enumerate(frame.columns)}
        problems = sorted(_first_per_cell(problems), key=lambda p: (p.row or 0, order.get(p.column, 99)))
        raise ValidationError(problems)
    typed = typed.astype({c: "int64" for c in ("year", "quarter") if c in typed} | {"value": "float64"})
    typed["source"] = typed["source"].replace("", None)
    return typed, info


def prepare_observations(store: Store, raw: bytes, file_name: str) -> Prepared:
    """Validate a canonical observations file and compare it with the figures in force."""
    version = data_version(store)
    typed, info = _check(store, raw, validate.OBSERVATION_COLUMNS, KEY, level_rules=True, file_name=file_name)
    prepared = Prepared(typed, info, file_name, sha256(raw), version=version)
    staged = plausibility.staged(typed)
    cur = store.con.cursor()
    try:
        cur.register("staged", staged)
        prepared.changes = cur.execute(sql("compare_with_store")).df()
        prepared.ytd_changes = cur.execute(sql("staged_ytd_change")).df()
    finally:
        cur.close()
    prepared.counts = {k: int((prepared.changes["change"] == k).sum())
                       for k in ("new", "revised", "unchanged", "downgrade")}
    prepared.warnings = (plausibility.same_file(store, prepared.sha256) + plausibility.growth_jumps(store, typed)
                         + plausibility.missing_components(store, typed))
    prepared.downgrades = plausibility.downgrades(prepared.changes)
    return prepared


def write_batch(store: Store, prepared: Prepared, kind: str = "observations", user: str | None = None,
                synthetic: bool = False, confirm_warnings: bool = False, confirm_downgrades: bool = False) -> int:
    """One transaction: the batch row and all its rows, or nothing."""
    unconfirmed = ([] if confirm_warnings else prepared.warnings) + ([] if confirm_downgrades
                                                                     else prepared.downgrades)
    if unconfirmed:
        raise ConfirmationRequired(unconfirmed)
    user = user or getpass.getuser()
    counts = prepared.counts
    with store.transaction() as cur:
        # the preview was made against this state of the store; a load in between makes it stale
        now = cur.execute(sql("data_version")).fetchall()[0]
        if prepared.version and tuple(int(v) for v in now) != prepared.version:
            raise StalePreviewError(prepared.file_name)
        batch_id = cur.execute(sql("insert_batch"), {
            "kind": kind, "file_name": prepared.file_name, "sha256": prepared.sha256,
            "row_count": len(prepared.rows), "user_name": user, "synthetic": synthetic,
            "rows_new": counts.get("new"), "rows_revised": counts.get("revised"),
            "rows_unchanged": counts.get("unchanged"), "rows_kept": counts.get("downgrade"),
            "warnings_confirmed": len(prepared.warnings) + len(prepared.downgrades),
        }).fetchall()[0][0]
        cur.register("staged", prepared.rows)
        cur.execute(sql(f"insert_{kind}"), {"batch_id": batch_id})
        cur.unregister("staged")
    return int(batch_id)


def load_observations(store: Store, path: Path, user: str | None = None, synthetic: bool = False,
                      confirm_warnings: bool = True, confirm_downgrades: bool = False):
    """Prepare and write a file (the command line: warnings go on unless strict, downgrades need --yes)."""
    path = Path(path)
    prepared = prepare_observations(store, read_file(path), path.name)
    batch_id = write_batch(store, prepared, "observations", user, synthetic, confirm_warnings, confirm_downgrades)
    return batch_id, prepared


def prepare_targets(store: Store, raw: bytes, file_name: str) -> Prepared:
    version = data_version(store)
    typed, info = _check(store, raw, validate.TARGET_COLUMNS, TARGET_KEY, level_rules=False, file_name=file_name)
    problems = scenario_paths.check_after_load(store, typed)
    if problems:
        raise ValidationError(problems)
    prepared = Prepared(typed, info, file_name, sha256(raw), version=version)
    cur = store.con.cursor()
    try:
        cur.register("staged", plausibility.staged(typed))
        prepared.changes = cur.execute(sql("compare_targets_with_store")).df()
    finally:
        cur.close()
    prepared.counts = {k: int((prepared.changes["change"] == k).sum()) for k in ("new", "revised", "unchanged")}
    prepared.warnings = plausibility.same_file(store, prepared.sha256)
    return prepared


def load_targets(store: Store, path: Path, user: str | None = None, synthetic: bool = False,
                 confirm_warnings: bool = True, confirm_downgrades: bool = False):
    path = Path(path)
    prepared = prepare_targets(store, read_file(path), path.name)
    return write_batch(store, prepared, "targets", user, synthetic, confirm_warnings, confirm_downgrades), prepared


def read_file(path: Path) -> bytes:
    """The file's bytes, refused before reading when it is past the size limit."""
    reader.check_size(Path(path).stat().st_size)
    return Path(path).read_bytes()
