"""An office table as understood: its columns, its rows, what the title and the analyst settled, and where each
cell of the table as read sits in the sheet (a transposed table's columns are the sheet's rows). Filled in by
layouts.py (header and columns), rowmatch.py (rows) and title_rules.py (the whole table)."""

from __future__ import annotations

from dataclasses import dataclass, field

from monitor.core.errors import Problem
from monitor.upload.grid import Sheet
from monitor.upload.headers import column_letter
from monitor.upload.periods import Period


@dataclass
class Column:
    col: int
    header: str
    role: str                       # label, code, measure, ordinal, value, compare, rate, ignore, unknown
    period: Period | None = None
    vintage: str | None = None
    rate: str | None = None         # growth, index or compare (a rate column, or a rate indicator's value)
    pair: int | None = None         # the value column a rate column checks
    measure: tuple | None = None
    how: str = "header"             # header, title, option, saved


@dataclass
class Hints:
    """What the analyst said (command line, page) and the correction saved for this layout."""

    indicator: str | None = None
    vintage: str | None = None
    unit: str | None = None
    sheet: str | None = None
    saved: dict = field(default_factory=dict)


@dataclass
class Layout:
    sheet: Sheet
    transposed_at: int | None
    title: list[str]
    header_rows: list[int]
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    dimension: str = "sector"
    indicator: str | None = None
    kind: str = "level"
    measure: tuple | None = None
    fixed: str = ""                 # the unit of a table of sectors, the sector of a table of units
    title_period: Period | None = None
    how: dict = field(default_factory=dict)   # where indicator, vintage, measure, fixed came from
    problems: list[Problem] = field(default_factory=list)

    def origin(self, r: int, c: int) -> tuple[int, int]:
        """Sheet row and column (0-based) of a cell of the table as read (transposed tables swap them)."""
        if self.transposed_at is None or r < self.transposed_at:
            return r, c
        return self.transposed_at + c, r - self.transposed_at

    def line(self, r: int, c: int = 0) -> int:
        """The sheet row (CSV: line) of a cell, as the analyst's spreadsheet numbers it."""
        row, _ = self.origin(r, c)
        return self.sheet.lines[row] if row < len(self.sheet.lines) else row + 1

    def heading(self, c: int) -> str:
        """The cell that heads a column of the table as read ('E5'; a transposed table's columns are rows: 'A7')."""
        return self.ref(self.header_rows[-1], c).split("!")[-1]

    def ref(self, r: int, c: int) -> str:
        cell = f"{column_letter(self.origin(r, c)[1])}{self.line(r, c)}"
        return f"{self.sheet.name}!{cell}" if self.sheet.kind == "xlsx" else cell

    def value_columns(self) -> list[Column]:
        return [c for c in self.columns if c.role == "value"]


@dataclass
class Row:
    row: int
    label: str
    code: str | None = None
    kind: str = "data"      # data, group, ignore, note, unmatched, ambiguous
    how: str = ""           # code, zero, name, alias, fuzzy, context, period, saved
    group: str = ""         # the group row above (a former district's code)
    measure: tuple | None = None
    candidates: tuple = ()
    written: str = ""       # the code as the table wrote it ("6652")
