"""Loading an SDMX-ML message: read (sdmx.py), map (mapping.py), check, write one batch.

The quarterly rows go through the upload's own path: they are written in the upload format (upload/export.py) and
prepared by upload/ingest.py, so they meet every rule a CSV upload meets (codes, duplicates, future quarters,
parents equal to the sum of their parts, growth jumps, vintage downgrades) and are compared with the figures in
force the same way. Monthly rows are checked against the same codes and compared with the monthly figures in force.
Then one transaction writes the batch (load_batches: the file's name and sha256, the counts), the quarterly rows,
the monthly rows and what the message says about itself (sdmx_files: id, prepared date), or nothing. The batch
shows in the load history and rolls back like any other.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from monitor.core.errors import ConfirmationRequired, Problem, StalePreviewError, ValidationError
from monitor.core.store import ROOT, Store, sql
from monitor.statistics import mapping as mapping_rules
from monitor.statistics import monthly, sdmx
from monitor.upload import export, ingest, plausibility

DEFAULT_MAPPING = ROOT / "data" / "nsdp" / "mapping.csv"
NSDP = ROOT / "data" / "nsdp"


@dataclass
class Release:
    """A checked SDMX message, ready to write: its quarterly rows prepared by the upload path, its monthly rows."""

    file_name: str
    sha256: str
    message: sdmx.Message
    mapped: mapping_rules.Mapped
    quarterly: ingest.Prepared | None
    monthly_changes: pd.DataFrame
    version: tuple
    warnings: list[Problem] = field(default_factory=list)
    downgrades: list[Problem] = field(default_factory=list)

    @property
    def counts(self) -> dict:
        counts = {k: 0 for k in ("new", "revised", "unchanged", "downgrade")}
        for changes in (self.quarterly.changes if self.quarterly else None, self.monthly_changes):
            if changes is not None and not changes.empty:
                for k in counts:
                    counts[k] += int((changes["change"] == k).sum())
        return counts

    @property
    def rows(self) -> int:
        return len(self.mapped.quarterly) + len(self.mapped.monthly)

    def summary(self) -> dict:
        """Numbers and codes for the command line's report."""
        m = self.message
        return {
            "file": self.file_name, "sha256": self.sha256, "message_id": m.message_id,
            "prepared": m.prepared.isoformat() if m.prepared else None, "structure": m.structure,
            "series_mapped": self.mapped.series_used, "series_skipped": len(self.mapped.skipped),
            "quarterly_rows": len(self.mapped.quarterly), "monthly_rows": len(self.mapped.monthly),
            "missing_values": self.mapped.missing_values, "not_in_file": self.mapped.not_found,
            "vintages": {freq: frame["vintage"].value_counts().sort_index().to_dict()
                         for freq, frame in (("quarterly", self.mapped.quarterly), ("monthly", self.mapped.monthly))
                         if not frame.empty},
            **self.counts,
        }


def source_note(file_name: str, message: sdmx.Message) -> str:
    """The source written on every row: 'SDMX GDPVNM.xml IREF392914, prepared 2024-10-24'."""
    parts = [f"SDMX {file_name}"] + ([message.message_id] if message.message_id else [])
    prepared = f", prepared {message.prepared:%Y-%m-%d}" if message.prepared else ""
    return " ".join(parts) + prepared


def known_codes(store: Store) -> dict[str, set[str]]:
    return {
        "quarterly": set(store.run("indicators_all")["code"]),
        "monthly": set(monthly.indicators_frame()["code"]),
        "units": set(store.run("unit_names")["code"]),
        "sectors": set(store.run("sector_names")["code"]),
    }


def _located(problems: list[Problem], frame: pd.DataFrame) -> list[Problem]:
    """Problems of the generated upload rows, named by indicator, unit, sector and period instead of a line."""
    out = []
    for p in problems:
        if p.row is not None and p.row - 2 in range(len(frame)):
            r = frame.iloc[p.row - 2]
            where = f"{r.indicator} {r.unit_code} {r.sector_code} {int(r.year)}-Q{int(r.quarter)}"
            p = Problem(None, p.column, f"{where}: {p.value}" if p.value is not None else where, p.code, p.params,
                        p.severity)
        out.append(p)
    return out


def _check_monthly(frame: pd.DataFrame) -> list[Problem]:
    key = ["indicator", "unit_code", "sector_code", "year", "month", "vintage"]
    dup = frame[frame.duplicated(key, keep=False)]
    return [Problem(None, "month", f"{r.indicator} {r.unit_code} {r.sector_code} {r.year}-{r.month:02d}",
                    "statistics.err.duplicate") for r in dup.drop_duplicates(key).itertuples()]


def prepare(store: Store, raw: bytes, file_name: str, mapping_path: Path | None = None,
            vintage: str | None = None) -> Release:
    """Read, map and check a message against the store; ValidationError with every problem, nothing written."""
    message = sdmx.read(raw)
    table = mapping_rules.read_mapping(mapping_path or DEFAULT_MAPPING, known_codes(store))
    digest = ingest.sha256(raw)
    mapped = mapping_rules.apply(message, table, source_note(file_name, message), vintage)
    if mapped.quarterly.empty and mapped.monthly.empty:
        raise ValidationError([Problem(None, None, file_name, "statistics.err.nothing_mapped")])
    problems = _check_monthly(mapped.monthly)
    if problems:
        raise ValidationError(problems)
    version = ingest.data_version(store)
    quarterly = None
    if not mapped.quarterly.empty:
        rows = mapped.quarterly
        try:
            # read as the CSV it is written as (the reader goes by the name's extension, then by the content)
            csv_name = Path(file_name).with_suffix(".csv").name
            quarterly = ingest.prepare_observations(store, export.to_csv(rows, "en"), csv_name)
        except ValidationError as exc:
            raise ValidationError(_located(exc.problems, rows)) from None
    cur = store.con.cursor()
    try:
        cur.register("staged_monthly", mapped.monthly)
        changes = cur.execute(sql("compare_monthly_with_store")).df()
    finally:
        cur.close()
    release = Release(file_name, digest, message, mapped, quarterly, changes, version)
    if quarterly is not None:  # the same-file warning is about the message, not the rows written from it
        release.warnings = _located([w for w in quarterly.warnings if w.code != "upload.warn.same_file"],
                                    mapped.quarterly)
        release.downgrades = _located(quarterly.downgrades, mapped.quarterly)
    release.warnings += plausibility.same_file(store, digest)
    down = changes[changes["change"] == "downgrade"]
    release.downgrades += [Problem(None, "vintage", f"{r.indicator} {r.sector_code} {r.year}-{r.month:02d}",
                                   "statistics.confirm.downgrade", (("vintage", r.vintage),
                                                                    ("old_vintage", r.old_vintage)), "confirm")
                           for r in down.itertuples()]
    return release


def write(store: Store, release: Release, user: str | None = None, synthetic: bool = False,
          confirm_warnings: bool = False, confirm_downgrades: bool = False) -> int:
    """One transaction: the batch, its quarterly and monthly rows and the message's description, or nothing."""
    unconfirmed = ([] if confirm_warnings else release.warnings) + ([] if confirm_downgrades
                                                                    else release.downgrades)
    if unconfirmed:
        raise ConfirmationRequired(unconfirmed)
    counts, m = release.counts, release.message
    with store.transaction() as cur:
        now = cur.execute(sql("data_version")).fetchall()[0]
        if tuple(int(v) for v in now) != release.version:
            raise StalePreviewError(release.file_name)
        batch_id = cur.execute(sql("insert_batch"), {
            "kind": "observations", "file_name": release.file_name, "sha256": release.sha256,
            "row_count": release.rows, "user_name": user or getpass.getuser(), "synthetic": synthetic,
            "rows_new": counts["new"], "rows_revised": counts["revised"], "rows_unchanged": counts["unchanged"],
            "rows_kept": counts["downgrade"],
            "warnings_confirmed": len(release.warnings) + len(release.downgrades),
        }).fetchall()[0][0]
        if release.quarterly is not None:
            cur.register("staged", release.quarterly.rows)
            cur.execute(sql("insert_observations"), {"batch_id": batch_id})
            cur.unregister("staged")
        if not release.mapped.monthly.empty:
            cur.register("staged", monthly.indicators_frame())
            cur.execute(sql("seed_monthly_indicators"))
            cur.unregister("staged")
            cur.register("staged_monthly", release.mapped.monthly)
            cur.execute(sql("insert_observations_monthly"), {"batch_id": batch_id})
            cur.unregister("staged_monthly")
        cur.execute(sql("insert_sdmx_file"), {
            "sha256": release.sha256, "file_name": release.file_name, "message_id": m.message_id,
            "prepared": m.prepared.replace(tzinfo=None) if m.prepared else None, "sender": m.sender,
            "structure": m.structure, "comment": m.comment})
    return int(batch_id)


def load(store: Store, path: Path, mapping_path: Path | None = None, user: str | None = None,
         vintage: str | None = None, confirm_warnings: bool = True,
         confirm_downgrades: bool = False) -> tuple[int, Release]:
    """Prepare and write one SDMX-ML file (the command line and `init --demo`)."""
    path = Path(path)
    release = prepare(store, ingest.read_file(path), path.name, mapping_path, vintage)
    return write(store, release, user, False, confirm_warnings, confirm_downgrades), release
