"""Monthly figures in: a file with a `month` (Tháng) column instead of `quarter`, for the monthly indicators
(data/monthly_indicators.csv: IIP, retail sales, exports, tourists...), loaded into observations_monthly.

The same reader as the quarterly upload (encoding, separator, decimal style detected and said); every row is
checked and every problem named by line, column and value; the load is one batch or nothing. Monthly figures are
levels of the month (an index, or a flow in money or people), not year-to-date.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from monitor.core import i18n, shell
from monitor.core.errors import Problem, StalePreviewError, ValidationError
from monitor.core.store import ROOT, Store, sql
from monitor.upload import headers, reader
from monitor.upload.ingest import Options, data_version, sha256
from monitor.upload.validate import CHOICE_ALIASES, VINTAGES

INDICATORS = ROOT / "data" / "monthly_indicators.csv"
COLUMNS = ("indicator", "unit_code", "sector_code", "year", "month", "value", "vintage")
KEY = ["indicator", "unit_code", "sector_code", "year", "month", "vintage"]  # one row per key in a file
MONTH_ALIASES = ("month", "thang")
SNIFF_LINES = 20  # beside the quarterly upload's table of names (upload/headers.py)


def column(name: str) -> str:
    """The canonical column a header cell stands for: 'Tháng' -> 'month', 'Giá trị' -> 'value'."""
    return "month" if headers.normalise_header(name) in MONTH_ALIASES else headers.canonical(name) or name


def _is_header(cells: list[str]) -> bool:
    """The header row, under any title rows (an office's table): it names enough known columns."""
    return headers.matches(cells) >= headers.MIN_HEADER_MATCHES


def is_monthly(columns) -> bool:
    """A table with a month column and no quarter column is monthly."""
    names = {column(c) for c in columns}
    return "month" in names and "quarter" not in names


@dataclass
class MonthlyLoad:
    """A checked monthly file, ready to write. It answers what the upload page reads of a quarterly preview
    (info, counts, changes with each row's line, warnings, notes...), so the page shows and confirms it alike."""

    file_name: str
    sha256: str
    rows: pd.DataFrame
    changes: pd.DataFrame
    read_as: reader.ReadInfo
    version: tuple = ()
    options: Options = field(default_factory=Options)
    warnings: list[Problem] = field(default_factory=list)   # monthly files have no warnings to confirm
    downgrades: list[Problem] = field(default_factory=list)  # a lower vintage is kept as history, as counted
    notes: list[Problem] = field(default_factory=list)
    office = None
    ytd_changes = None

    @property
    def info(self) -> reader.ReadInfo:
        return self.read_as

    @property
    def counts(self) -> dict[str, int]:
        found = self.changes["change"].value_counts()
        return {k: int(found.get(k, 0)) for k in ("new", "revised", "unchanged", "downgrade")}

    def where(self, row: int) -> str:
        return str(row)


def _int(text: str, low: int, high: int) -> int | None:
    return int(text) if text.strip().isdigit() and low <= int(text) <= high else None


def _check(frame: pd.DataFrame, known: dict[str, set[str]]) -> tuple[pd.DataFrame, list[Problem]]:
    problems: list[Problem] = []
    missing = [c for c in COLUMNS if c not in frame]
    if missing:
        return frame, [Problem(None, c, None, "monthly.err.missing_column") for c in missing]
    rows = []
    for line, r in frame.iterrows():
        found = []
        for column, kind in (("indicator", "indicators"), ("unit_code", "units"), ("sector_code", "sectors")):
            if r[column] not in known[kind]:
                found.append(Problem(line, column, r[column], f"monthly.err.unknown_{kind}"))
        year, month = _int(r["year"], 1990, 2100), _int(r["month"], 1, 12)
        if year is None:
            found.append(Problem(line, "year", r["year"], "monthly.err.year"))
        if month is None:
            found.append(Problem(line, "month", r["month"], "monthly.err.month"))
        try:
            value = float(r["value"])
            if value != value or value < 0:
                raise ValueError
        except ValueError:
            found.append(Problem(line, "value", r["value"], "monthly.err.value"))
            value = None
        if r["vintage"] not in VINTAGES:
            found.append(Problem(line, "vintage", r["vintage"], "monthly.err.vintage"))
        problems += found
        if not found:
            rows.append({"indicator": r["indicator"], "unit_code": r["unit_code"], "sector_code": r["sector_code"],
                         "year": year, "month": month, "value": value, "vintage": r["vintage"],
                         "source": r.get("source") or None, "line": line})
    out = pd.DataFrame(rows, columns=[*COLUMNS, "source", "line"])
    dup = out[out.duplicated(list(COLUMNS[:5]) + ["vintage"], keep="first") & out.duplicated(
        list(COLUMNS[:5]) + ["vintage"], keep=False)]
    problems += [Problem(int(r.line), "month", f"{r.indicator} {r.unit_code} {r.sector_code} {r.year}-{r.month:02d}",
                         "monthly.err.duplicate") for r in dup.itertuples()]
    return out, problems


def prepare(store: Store, raw: bytes, file_name: str) -> MonthlyLoad:
    """Read and check a monthly file against the store; ValidationError with every problem, nothing written."""
    frame, info = reader.read_table(raw, headers.ALIASES["value"], file_name, header_at=_is_header)
    frame.columns = [column(c) for c in frame.columns]
    if "vintage" in frame:  # "Ước tính", "Sơ bộ", "Chính thức" as the quarterly upload reads them
        frame["vintage"] = [CHOICE_ALIASES["vintage"].get(headers.normalise_header(v), v) for v in frame["vintage"]]
    known = {"indicators": set(pd.read_csv(INDICATORS, dtype=str)["code"]),
             "units": set(store.run("unit_names")["code"]), "sectors": set(store.run("sector_names")["code"])}
    rows, problems = _check(frame, known)
    problems = list(info.problems) + problems
    if problems:
        raise ValidationError(problems)
    lines, rows = rows[[*KEY, "line"]], rows.drop(columns="line")
    version = data_version(store)
    cur = store.con.cursor()
    try:
        cur.register("staged_monthly", rows)
        changes = cur.execute(sql("compare_monthly_with_store")).df()
    finally:
        cur.close()
    changes = changes.merge(lines, on=KEY, how="left").rename(columns={"line": "row"})  # each change's line
    return MonthlyLoad(file_name, sha256(raw), rows, changes, info, version)


def write(store: Store, load: MonthlyLoad, user: str | None = None, synthetic: bool = False) -> int:
    """One transaction: the batch and its monthly rows (the indicators' names refreshed), or nothing. A preview
    made before another load (its version older than the store's) is refused: the page makes it again."""
    counts = load.counts
    with store.transaction() as cur:
        now = cur.execute(sql("data_version")).fetchall()[0]
        if load.version and tuple(int(v) for v in now) != load.version:
            raise StalePreviewError(load.file_name)
        batch_id = cur.execute(sql("insert_batch"), {
            "kind": "observations", "file_name": load.file_name, "sha256": load.sha256,
            "row_count": len(load.rows), "user_name": user or getpass.getuser(), "synthetic": synthetic,
            "rows_new": counts["new"], "rows_revised": counts["revised"], "rows_unchanged": counts["unchanged"],
            "rows_kept": counts["downgrade"], "warnings_confirmed": 0}).fetchall()[0][0]
        cur.register("staged", pd.read_csv(INDICATORS, dtype=str).astype({"sort_order": int}))
        cur.execute(sql("seed_monthly_indicators"))
        cur.unregister("staged")
        cur.register("staged_monthly", load.rows)
        cur.execute(sql("insert_observations_monthly"), {"batch_id": batch_id})
        cur.unregister("staged_monthly")
    return int(batch_id)


def load_file(store: Store, path: Path, user: str | None = None, synthetic: bool = False) -> tuple[int, MonthlyLoad]:
    """Prepare and write one monthly file (the command line and `init --demo`)."""
    path = Path(path)
    prepared = prepare(store, path.read_bytes(), path.name)
    return write(store, prepared, user, synthetic), prepared


def load_demo(store: Store, path: Path, lang: str) -> int | None:
    """`init --demo`: the demo's synthetic monthly indicators of unit 22 (the nowcast's inputs), once."""
    if store.records("batch_by_sha256", sha256=sha256(Path(path).read_bytes())):
        return None
    batch, prepared = load_file(store, path, "demo", synthetic=True)
    print(i18n.t("monthly.demo_loaded", lang, rows=len(prepared.rows)))
    return batch


def sniff(path: Path) -> bool:
    """Whether a file reads as a monthly table (a Month column, no Quarter column); False when it cannot be read
    (the quarterly upload then says why)."""
    try:
        return sniff_bytes(Path(path).read_bytes(), Path(path).name)
    except OSError:
        return False


def sniff_bytes(raw: bytes, file_name: str) -> bool:
    """The same for an uploaded file's bytes (the upload page). A text file is judged on its first lines, so a
    large quarterly file is not read twice; a workbook (a zip) is read whole."""
    head = raw if raw[:2] == b"PK" else b"\n".join(raw.split(b"\n", SNIFF_LINES)[:SNIFF_LINES])
    try:
        frame, _ = reader.read_table(head, headers.ALIASES["value"], file_name, header_at=_is_header)
    except ValidationError:
        return False
    return is_monthly(frame.columns)


def cli_load(args) -> int:
    """`ingest FILE` for a monthly file: one batch or nothing; every problem on stderr with exit 1."""
    path = Path(args.file)
    with shell.open_waiting(args) as store:
        try:
            batch, prepared = load_file(store, path, args.user)
        except ValidationError as exc:
            return shell.print_refusal(exc, path.name, args)
    print(i18n.t("monthly.loaded", args.lang, file=path.name, batch=batch, rows=len(prepared.rows),
                 **prepared.counts))
    return 0
