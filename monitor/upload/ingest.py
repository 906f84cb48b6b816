"""Loading a file: read, validate, compare with the store, write one batch.

The command line and the upload page both call prepare_* then write_batch, so
they share the reader, the rules and the messages. Nothing is written until
write_batch, which refuses a file whose warnings or vintage downgrades were not
confirmed, and a preview made before another load changed the store.

A statistics office's wide table is read into the same long rows first (office.py);
unit codes that lost their leading zero are restored; the figures' shape (shape.py)
and their consistency with the store's (consistency.py) are checked before any load.
"""

from __future__ import annotations

import getpass
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from monitor.core.errors import ConfirmationRequired, Problem, StalePreviewError, ValidationError
from monitor.core.store import Store, sql
from monitor.upload import cellrules, consistency, office, plausibility, reader, scenario_paths, shape, validate
from monitor.upload.names import restore_zeros
from monitor.upload.table import Hints

KEY = ["indicator", "unit_code", "sector_code", "year", "quarter", "vintage"]
TARGET_KEY = scenario_paths.TARGET_KEY


@dataclass(frozen=True)
class Options:
    """What the analyst says about a file: for an office table, its indicator, vintage, unit and sheet; whether to
    include the corrected parents the file leaves behind; which shape warnings to load anyway (command line:
    cumulative, rates, jumps, or all)."""

    indicator: str | None = None
    vintage: str | None = None
    unit: str | None = None
    sheet: str | None = None
    include_parents: bool = False
    accept: frozenset = frozenset()

    def hints(self) -> Hints:
        return Hints(self.indicator, self.vintage, self.unit, self.sheet)


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
    notes: list[Problem] = field(default_factory=list)   # what was done to the file: zeros restored, quarters derived
    office: office.Office | None = None                   # the office table the rows come from
    options: Options = field(default_factory=Options)

    def where(self, row: int) -> str:
        """Where a row of the file is, as the analyst finds it: its line, or an office table's cell (Biểu 1!F7)."""
        return self.office.at(row)[1] if self.office and row in self.office.cells else str(row)

    def layout(self) -> dict:
        """What was recognised: the reader's layout, with an office table's columns, rows and codes."""
        found = reader.layout(self.info) if self.info is not None else {}
        return {**found, "office": self.office.as_dict()} if self.office else found


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


def _zero_notes(restored: pd.DataFrame) -> list[Problem]:
    notes = []
    for (old, new), rows in restored.groupby(["old", "new"]).groups.items():
        lines = ", ".join(str(r) for r in list(rows)[:5]) + (" …" if len(rows) > 5 else "")
        notes.append(Problem(int(rows[0]), "unit_code", old, "upload.note.zero_restored", (
            ("old", old), ("new", new), ("count", len(rows)), ("rows", lines)), "note"))
    return notes


def _check(store: Store, raw: bytes, columns, key: list[str], level_rules: bool, file_name: str = "",
           table: tuple | None = None):
    """Read (or take the office table's rows) and apply every rule; raise ValidationError with all problems, or
    return the typed rows, how the file was read, and notes of what was done to it."""
    ref = _reference(store)
    fast = None if table else cellrules.check_file(raw, file_name, columns, ref["units"])
    if fast:  # a plain CSV: read by DuckDB's read_csv, its cells checked in SQL
        frame, typed, info, cell_problems, restored = fast
        notes = _zero_notes(restored)
    else:
        frame, info = table or reader.read_table(raw, value_columns=validate.ALIASES["value"], file_name=file_name)
        frame, problems = validate.rename_columns(frame, columns)
        if problems:
            raise ValidationError(problems)
        notes = []
        if "unit_code" in frame:  # "6652" out of a spreadsheet is 06652 when no other code fits
            frame["unit_code"], restored = restore_zeros(frame["unit_code"].fillna(""), ref["units"])
            notes = _zero_notes(restored)
        typed, cell_problems = cellrules.check_frame(frame, columns)
    problems = list(info.problems) + cell_problems
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
    return typed, info, notes


def _rows(store: Store, raw: bytes, file_name: str, options: Options):
    """The file's validated rows (an office table's read into long rows first), consistent with the store."""
    found = office.read(store, raw, file_name, options.hints())
    table = (found.frame, office.info(found)) if found else None
    try:
        typed, info, notes = _check(store, raw, validate.OBSERVATION_COLUMNS, KEY, level_rules=True,
                                    file_name=file_name, table=table)
        typed, refused, added = consistency.check(store, typed, options.include_parents)
        if refused:
            raise ValidationError(refused)
    except ValidationError as exc:
        if found:
            raise office.LayoutProblems(found.locate(exc.problems), found) from None
        raise
    return typed, info, (found.notes if found else []) + notes + added, found


def prepare_observations(store: Store, raw: bytes, file_name: str, options: Options | None = None) -> Prepared:
    """Validate an observations file (long, or an office table) and compare it with the figures in force."""
    options = options or Options()
    version = data_version(store)
    typed, info, notes, found = _rows(store, raw, file_name, options)
    prepared = Prepared(typed, info, file_name, sha256(raw), version=version, notes=notes, office=found,
                        options=options)
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
    prepared.warnings = (shape.merge(shape.check(store, typed), plausibility.growth_jumps(store, typed))
                         + (found.warnings if found else []) + plausibility.same_file(store, prepared.sha256)
                         + plausibility.missing_components(store, typed))
    prepared.downgrades = plausibility.downgrades(prepared.changes)
    if found:  # messages and the preview name the table's cells (Biểu 1!F7), not the long rows
        prepared.warnings, prepared.downgrades = found.locate(prepared.warnings), found.locate(prepared.downgrades)
        prepared.notes = found.locate(prepared.notes)
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
                      confirm_warnings: bool = True, confirm_downgrades: bool = False, options: Options | None = None):
    """Prepare and write a file (the command line: warnings go on unless strict, downgrades need --yes). With
    options (the command line's), a shape warning not accepted by name is an error."""
    path = Path(path)
    prepared = prepare_observations(store, read_file(path), path.name, options)
    refused = shape.unaccepted(prepared.warnings, options.accept) if options is not None else []
    if refused:
        raise ValidationError(refused + [shape.how_to_accept(refused)])
    batch_id = write_batch(store, prepared, "observations", user, synthetic, confirm_warnings, confirm_downgrades)
    return batch_id, prepared


def prepare_targets(store: Store, raw: bytes, file_name: str) -> Prepared:
    version = data_version(store)
    typed, info, notes = _check(store, raw, validate.TARGET_COLUMNS, TARGET_KEY, level_rules=False,
                                file_name=file_name)
    problems = scenario_paths.check_after_load(store, typed)
    if problems:
        raise ValidationError(problems)
    prepared = Prepared(typed, info, file_name, sha256(raw), version=version, notes=notes)
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
