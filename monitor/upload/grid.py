"""A file as the analyst sees it in a spreadsheet: sheets of cells before any header is chosen, over the reader's
hardened grid (reader.read_grid: sizes, cells and time limited, hidden rows skipped, percent cells read as shown).

Office tables need a little more than a long file: every visible sheet (the active one first), merged cells
flattened (a merged header's text in each cell it covers), and the decimal style of numbers typed as text (Excel
number cells are numbers already and take no part). A sheet holding "48.000" beside "7.5" is ambiguous: refused.
"""

from __future__ import annotations

import csv
import re
import time
import unicodedata
from dataclasses import dataclass, field

from monitor.core.errors import Problem
from monitor.upload import headers, reader, workbook

PEEK_ROWS = 40
_SURE_COMMA = re.compile(r"^[+-]?(?:\d+,\d+|\d{1,3}(?:\.\d{3})+,\d+)$")
_SURE_POINT = re.compile(r"^[+-]?(?:\d+\.\d+|\d{1,3}(?:,\d{3})+\.\d+)$")
_DOT_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+$")
_COMMA_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+$")
_NUMERIC_TEXT = re.compile(r"^[+-]?[\d.,]+%?$")
_NUMBERING = re.compile(r"^\(?(?:\d{1,2}|[a-zA-Z])\)?$")
EMPTY_MARKS = {"", "-", "–", "—", "x", "..", "...", "…", "n/a", "na"}


@dataclass
class Sheet:
    name: str
    rows: list[list[str]]           # the non-empty rows, cells as text
    lines: list[int]                # the sheet row (CSV: line) of each row
    kind: str                       # "xlsx" or "csv"
    numbers: list[set[int]] = field(default_factory=list)  # per row, the columns holding Excel number cells
    formulas: set[tuple[int, int]] = field(default_factory=set)  # (row index, column) of formula cells
    decimal: str = "."              # the style of numbers typed as text
    info: object = None             # the reader's ReadInfo
    problems: list[Problem] = field(default_factory=list)

    def text(self, r: int, c: int) -> str:
        row = self.rows[r] if 0 <= r < len(self.rows) else []
        return row[c] if c < len(row) else ""

    def number(self, r: int, c: int) -> float | None:
        """The cell as a number (an Excel number as stored, text in the sheet's decimal style); None when empty,
        a dash, or text."""
        text = self.text(r, c)
        if self.numbers and c in self.numbers[r]:
            return float(text)
        return parse_number(text, self.decimal)

    def texts(self, r: int) -> list[tuple[int, str]]:
        """(column, text) of the row's non-empty cells."""
        return [(c, t) for c, t in enumerate(self.rows[r]) if t.strip()]

    def numbering_row(self, r: int) -> bool:
        """'A | B | 1 | 2 | 3' or '(1) (2) (3)': the column numbers some tables print under the header."""
        cells = [t for _, t in self.texts(r)]
        digits = [int(re.sub(r"\D", "", t)) for t in cells if re.sub(r"\D", "", t)]
        return (len(cells) >= 3 and bool(digits) and all(_NUMBERING.match(t) for t in cells)
                and digits == list(range(digits[0], digits[0] + len(digits))))

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def parse_number(text: str, decimal: str) -> float | None:
    t = text.strip().replace("\u00a0", "").replace(" ", "").rstrip("%")
    if t.lower() in EMPTY_MARKS or not _NUMERIC_TEXT.match(t):
        return None
    t = t.replace(".", "").replace(",", ".") if decimal == "," else t.replace(",", "")
    try:
        value = float(t)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def decimal_style(cells: list[str]) -> tuple[str, bool]:
    """(decimal mark, ambiguous): '7,55' and '82.235,5' say comma; '53600.5' says point; '48.000' alone is
    Vietnamese thousands. Both sure kinds, or '48.000' beside '7.5', is ambiguous."""
    comma = sum(bool(_SURE_COMMA.match(c)) for c in cells)
    point = sum(bool(_SURE_POINT.match(c)) for c in cells)
    dots = sum(bool(_DOT_THOUSANDS.match(c)) for c in cells)
    commas = sum(bool(_COMMA_THOUSANDS.match(c)) for c in cells)
    if comma and point or point and dots or comma and commas:
        return ("," if comma >= point else "."), True
    return ("," if comma or dots else "."), False


def _flatten(rows: list[list[str]], lines: list[int], merged: tuple[str, ...]) -> None:
    """A merged range's text in every cell it covers (rows the reader dropped as empty stay dropped)."""
    from openpyxl.utils.cell import range_boundaries

    index = {line: i for i, line in enumerate(lines)}
    for ref in merged:
        c0, r0, c1, r1 = range_boundaries(ref)
        if r0 not in index:
            continue
        top = rows[index[r0]][c0 - 1] if c0 - 1 < len(rows[index[r0]]) else ""
        for line in range(r0, r1 + 1):
            if line in index:
                row = rows[index[line]]
                row.extend([""] * (c1 - len(row)))
                for c in range(c0 - 1, c1):
                    row[c] = row[c] or top


def _sheet(g: reader.Grid, kind: str) -> Sheet:
    rows = [list(r) for r in g.rows]
    _flatten(rows, g.lines, g.merged)
    index = {line: i for i, line in enumerate(g.lines)}
    formulas = {(index[line], col) for line, col, _ in g.formulas if line in index}
    numbers = g.numbers or [set() for _ in rows]
    typed = [t.replace(" ", "").rstrip("%") for r, row in enumerate(rows) for c, t in enumerate(row)
             if c not in numbers[r] and _NUMERIC_TEXT.match(t.strip().replace(" ", "")) and re.search(r"[.,]", t)]
    sheet = Sheet(g.info.sheet or "CSV", rows, list(g.lines), kind, numbers, formulas, info=g.info)
    sheet.decimal, ambiguous = decimal_style(typed)
    if ambiguous:
        sheet.problems.append(Problem(None, None, None, "layout.err.ambiguous_decimal", (("sheet", sheet.name),)))
    return sheet


def _office_like(rows: list[list[str]]) -> bool:
    """Not a long file (whose header names the upload's columns), and some cell names a period."""
    from monitor.upload.periods import parse

    if headers.header_row(rows[:PEEK_ROWS]) is not None or (rows and headers.matches(rows[0]) >= 3):
        return False
    return any(len(c) <= 45 and re.search(r"[^\W\d_]", c) and parse(c).period
               for row in rows[:PEEK_ROWS] for c in row if c.strip())


def _csv_head(raw: bytes) -> list[list[str]]:
    """The first lines of a CSV, split on its likelier separator: enough to tell a long file (read whole only
    once, by the reader) from an office table."""
    head = raw[:65536]
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:  # a character cut at the end of the head, or a Windows-1258 file
        cut = exc.start >= len(head) - 3
        text = head[:exc.start].decode("utf-8") if cut else head.decode("cp1258", errors="replace")
    text = unicodedata.normalize("NFC", text).lstrip("\ufeff")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")[:PEEK_ROWS]
    sep = ";" if sum(x.count(";") for x in lines) > sum(x.count(",") for x in lines) else ","
    return [next(csv.reader([x], delimiter=sep), []) for x in lines]


def sheets(raw: bytes, file_name: str, only: str | None = None) -> list[Sheet]:
    """The sheets that may hold an office table, the active (or the named) one first; [] for a long file."""
    if not file_name.lower().endswith((".xlsx", ".xlsm")):
        if not _office_like(_csv_head(raw)):
            return []
        return [_sheet(reader.read_grid(raw, file_name), "csv")]
    book = workbook.open_book(raw, reader.max_bytes())
    try:
        names = [workbook.pick_sheet(book, only)] if only else [
            workbook.pick_sheet(book, None), *workbook.visible_sheets(book)]
        deadline = time.monotonic() + workbook.MAX_SECONDS
        wanted = []
        for i, name in enumerate(names):
            peek = workbook.read_sheet(book, name, max_rows=PEEK_ROWS, deadline=deadline).rows
            if i == 0 and headers.header_row(peek) is not None or peek and headers.matches(peek[0]) >= 3:
                return []  # the active sheet is a long file: the reader's
            if name not in names[:i] and _office_like(peek):
                wanted.append(name)
    finally:
        book.close()
    return [_sheet(reader.read_grid(raw, file_name, sheet=n), "xlsx") for n in wanted]
