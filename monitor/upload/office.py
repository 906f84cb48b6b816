"""Office tables in: a statistics office's wide table read into the upload's long rows, before the upload rules.

read() finds the sheet holding a table with periods (the active sheet first, or the one named), applies the
correction saved for its layout (layout_memory), recognises the rest (layouts), and unpivots it (unpivot) with the
store's figures in force for the quarters a cumulative period needs. The result is the canonical frame the rules
check, each row knowing its source cell, so every message names the cell as the spreadsheet shows it (Biểu 1!F7).
A table that needs the analyst's help raises LayoutProblems, which carries what was understood so the page can show
it for correction.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

import pandas as pd

from monitor.core.errors import Problem, ValidationError
from monitor.core.store import Store, sql
from monitor.upload import grid, layout_memory, layouts, unpivot
from monitor.upload.names import Matcher
from monitor.upload.table import Hints, Layout

COLUMNS = ["indicator", "unit_code", "sector_code", "year", "quarter", "value", "vintage", "source"]


@dataclass
class Office:
    layout: Layout
    signature: str
    saved: dict | None
    frame: pd.DataFrame = None               # the canonical rows as text, index 1..n
    cells: dict = field(default_factory=dict)  # frame index -> (table row, value column)
    notes: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def at(self, index: int, column: str | None = None) -> tuple[int, str]:
        """A frame row's source, as (sheet row, cell reference): the label cell for a unit or sector code."""
        r, c = self.cells[index]
        if column in ("unit_code", "sector_code"):
            c = next((col.col for col in self.layout.columns if col.role in ("label", "code")), c)
        return self.layout.line(r, c), self.layout.ref(r, c)

    def locate(self, problems: list[Problem]) -> list[Problem]:
        """Problems of the canonical rows named by the table's cells instead."""
        found = []
        for p in problems:
            if p.row is not None and p.row in self.cells:
                line, ref = self.at(p.row, p.column)
                p = replace(p, row=line, column=ref)
            found.append(p)
        return found


    def as_dict(self) -> dict:
        """What was recognised, as plain data (the command line's --dry-run --json, the page's correction form)."""
        lay = self.layout
        return {
            "kind": "office_table", "sheet": lay.sheet.name, "signature": self.signature,
            "saved": None if self.saved is None else {k: self.saved[k] for k in ("file_name", "saved_by", "saved_at")},
            "transposed": lay.transposed_at is not None, "header_rows": [lay.line(r) for r in lay.header_rows],
            "rows_are": lay.dimension, "indicator": lay.indicator, "fixed": lay.fixed,
            "measure": list(lay.measure) if lay.measure else None, "how": dict(lay.how),
            "columns": [{"column": lay.heading(c.col),
                         "header": c.header, "role": c.role, "period": c.period.key() if c.period else None,
                         "vintage": c.vintage, "rate": c.rate,
                         "checks": None if c.pair is None else lay.heading(c.pair)}
                        for c in lay.columns if c.header or c.role not in ("unknown", "ignore")],
            "rows": [{"row": lay.line(r.row), "label": r.label, "code": r.code, "kind": r.kind, "how": r.how,
                      "group": r.group or None} for r in lay.rows],
        }


@dataclass(frozen=True)
class OfficeInfo:
    """How the file was read, for the preview and the command line: the reader's own (encoding, sheet, hidden rows)
    with what the office table adds (header row, decimal style)."""

    base: object
    header_row: int
    decimal: str
    columns_read: int
    rows_read: int
    problems: tuple = ()
    columns: tuple = ()   # (heading as written, what it was read as: "value 2025Q1-Q3 estimate"), the reader's way

    def __getattr__(self, name):  # encoding, separator, sheet, sheets, hidden_rows... are the reader's
        return getattr(self.base, name)

    def describe(self, lang: str = "en") -> str:
        from monitor.core.i18n import t

        decimal = t("upload.decimal_comma" if self.decimal == "," else "upload.decimal_point", lang)
        notes = [t(key, lang, **params) for key, params in getattr(self.base, "notes", list)()]
        return "; ".join([t("layout.read_as", lang, sheet=self.base.sheet or "CSV", header=self.header_row,
                            rows=self.rows_read, columns=self.columns_read, decimal=decimal), *notes])


def info(found: Office) -> OfficeInfo:
    lay = found.layout
    columns = tuple((c.header, " ".join(str(x) for x in (c.role, c.period.key() if c.period else "", c.vintage or "")
                                         if x).strip()) for c in lay.columns if c.header)
    return OfficeInfo(lay.sheet.info, lay.line(lay.header_rows[-1]), lay.sheet.decimal, len(lay.value_columns()),
                      sum(r.kind == "data" for r in lay.rows), columns=columns)


class LayoutProblems(ValidationError):
    """The office table needs the analyst's help (or breaks a rule); office holds what was understood."""

    def __init__(self, problems: list[Problem], office: Office):
        super().__init__(problems)
        self.office = office


def _in_force(store: Store, layout: Layout) -> dict:
    codes = [r.code for r in layout.rows if r.kind == "data" and r.code]
    years = [c.period.year for c in layout.columns if c.role in ("value", "compare", "rate") and c.period]
    if not codes or not years or layout.indicator is None:
        return {}
    pairs = [(layout.fixed, code) if layout.dimension == "sector" else (code, layout.fixed) for code in codes]
    wanted = pd.DataFrame(pairs, columns=["unit_code", "sector_code"])
    cur = store.con.cursor()
    try:
        cur.register("wanted", wanted)
        rows = cur.execute(sql("in_force_quarters_for_units"), {
            "indicator": layout.indicator, "first_year": min(years) - 1, "last_year": max(years)}).fetchall()
    finally:
        cur.close()
    return {(u, s, int(y), int(q)): Decimal(repr(float(v))) for u, s, y, q, v in rows}


def _recognised(store: Store, sheets: list, hints: Hints) -> tuple[Layout, str, dict | None] | None:
    matcher = Matcher.from_store(store)
    first = None
    for sheet in sheets:
        sig = layout_memory.signature(sheet)
        saved = layout_memory.load(store, sig)
        layout = layouts.recognise(sheet, matcher, replace(hints, saved=saved["spec"] if saved else {}))
        if layout is None:
            continue
        if any(r.kind == "data" for r in layout.rows) and layout.value_columns():
            return layout, sig, saved
        first = first or (layout, sig, saved)
    return first


def read(store: Store, raw: bytes, file_name: str, hints: Hints | None = None) -> Office | None:
    """The office table in the file as canonical rows; None for a long file (the reader's)."""
    hints = hints or Hints()
    sheets = grid.sheets(raw, file_name, hints.sheet)
    if not sheets:
        return None
    found = _recognised(store, sheets, hints)
    if found is None:
        raise ValidationError([Problem(None, None, None, "layout.err.not_recognised", (("sheet", sheets[0].name),))])
    layout, sig, saved = found
    office = Office(layout, sig, saved, problems=list(layout.sheet.problems) + layout.problems)
    out = unpivot.unpivot(layout, _in_force(store, layout))
    label = next((c.col for c in layout.columns if c.role in ("code", "label")), 0)
    restored = [Problem(layout.line(r.row, label), layout.ref(r.row, label), r.written, "upload.note.zero_restored", (
        ("old", r.written), ("new", r.code), ("count", 1), ("rows", layout.line(r.row, label))), "note")
        for r in layout.rows if r.how == "zero"]
    office.notes, office.warnings = restored + out.notes, out.warnings
    office.problems += out.problems
    rows = []
    for i, f in enumerate(out.figures, start=1):
        office.cells[i] = f.cell
        rows.append([layout.indicator or "", f.unit, f.sector, str(f.year), str(f.quarter),
                     format(f.value.normalize(), "f"), f.vintage or "", f.source])
    office.frame = pd.DataFrame(rows, columns=COLUMNS, index=range(1, len(rows) + 1), dtype=str)
    if office.problems or not rows:
        raise LayoutProblems(office.problems or [Problem(None, None, None, "layout.err.no_values")], office)
    return office
