"""Reading the files analysts bring: CSV (encoding, separator, decimal style) or Excel.

Excel on Windows writes UTF-8 with a byte-order mark, or Windows-1258 without
one, with ';' and decimal commas in a Vietnamese locale. We detect each and say
what we detected; every cell is kept as text for the validation rules. A file is
read in two steps: read_grid gives its non-empty rows as text with their line
numbers (what layout recognition starts from), read_table finds the header and
gives the table the rules check.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import re
import time
from dataclasses import dataclass, field, replace

import pandas as pd

from monitor.core.errors import Problem, ValidationError
from monitor.upload import headers, textfile, workbook
from monitor.upload.headers import normalise_header  # noqa: F401  (validate imports it from here)
from monitor.upload.textfile import decode  # noqa: F401  (the CSV decoder, also used on its own)

DEFAULT_MAX_MB = 50.0
MAX_CELL_CHARS = 4000  # a figure's cell, or a source note; a longer cell is refused, not mistaken for a cut file
_COMMA_DECIMAL = r"^[+-]?\d+,\d+$"
_POINT_DECIMAL = r"^[+-]?\d+\.\d+$"
_DOT_THOUSANDS = r"^[+-]?\d{1,3}(?:\.\d{3})+$"          # "1.234": thousands, or a decimal point
_COMMA_THOUSANDS = r"^[+-]?\d{1,3}(?:,\d{3})+$"          # "82,235": thousands, or a decimal comma
_DOT_THOUSANDS_COMMA = r"^[+-]?\d{1,3}(?:\.\d{3})+,\d+$"  # "82.235,5"
_COMMA_THOUSANDS_POINT = r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$"  # "1,234.5"
_XLSX_MAGIC = b"PK\x03\x04"
_SHEET: contextvars.ContextVar[str | None] = contextvars.ContextVar("sheet", default=None)


@dataclass(frozen=True)
class ReadInfo:
    encoding: str   # "utf-8", "utf-8-sig", "cp1258" or "xlsx"
    separator: str  # "," or ";" ("" for Excel)
    decimal: str    # "." or ","
    problems: tuple[Problem, ...] = ()  # cells the reader refuses (decimal style, formulas, lost letters...)
    sheet: str = ""                     # the sheet read (Excel)
    header_row: int = 1                 # the file line (sheet row) of the header
    columns: tuple[tuple[str, str], ...] = ()  # (header as written, the column it was read as) in file order
    hidden_rows: tuple[int, ...] = ()   # hidden rows with content, skipped (Excel)
    percent_cells: int = 0              # cells formatted as percent, read as shown: 7,5% -> 7.5 (Excel)
    sheets: tuple[str, ...] = ()        # the workbook's visible sheets

    def notes(self) -> list[tuple[str, dict]]:
        """What the reader did that the analyst should know: catalog key and parameters."""
        found = []
        if self.hidden_rows:
            shown = ", ".join(str(r) for r in self.hidden_rows[:10]) + (" …" if len(self.hidden_rows) > 10 else "")
            found.append(("upload.note.hidden_rows", {"count": len(self.hidden_rows), "rows": shown}))
        if self.percent_cells:
            found.append(("upload.note.percent", {"count": self.percent_cells}))
        return found

    def describe(self, lang: str = "en") -> str:
        from monitor.core.i18n import t

        if self.encoding == "xlsx":
            text = t("upload.read_as_xlsx", lang, sheet=self.sheet)
        else:
            names = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 (BOM)", "cp1258": "Windows-1258"}
            decimal = t("upload.decimal_comma" if self.decimal == "," else "upload.decimal_point", lang)
            text = t("upload.read_as", lang, encoding=names[self.encoding], separator=self.separator,
                     decimal=decimal)
        return "; ".join([text, *(t(key, lang, **params) for key, params in self.notes())])


@dataclass
class Grid:
    """A file's non-empty rows as text, before any header is looked for."""

    rows: list[list[str]]
    lines: list[int]                       # file line (CSV: where the record starts) or sheet row of each row
    info: ReadInfo
    numbers: list[set[int]] = field(default_factory=list)  # per row, columns holding Excel number cells
    formulas: list[tuple[int, int, str]] = field(default_factory=list)  # (line, column index, formula)
    merged: tuple[str, ...] = ()           # merged ranges (Excel), e.g. "B3:E3"


def layout(info: ReadInfo) -> dict:
    """What the reader recognised, as plain data (the command line's --dry-run --json prints it)."""
    return {
        "sheet": info.sheet or None,
        "sheets": list(info.sheets),
        "header_row": info.header_row,
        "columns": [{"header": written, "column": column} for written, column in info.columns],
        "hidden_rows_skipped": list(info.hidden_rows),
        "percent_cells": info.percent_cells,
    }


@contextlib.contextmanager
def reading_sheet(name: str | None):
    """Read the named sheet of a workbook in this block (the command line's --sheet) when the caller does not
    pass one."""
    token = _SHEET.set(name)
    try:
        yield
    finally:
        _SHEET.reset(token)


def max_bytes() -> int:
    """The size limit: MONITOR_MAX_UPLOAD_MB (default 50 MB)."""
    return int(float(os.environ.get("MONITOR_MAX_UPLOAD_MB", DEFAULT_MAX_MB)) * 1024 * 1024)


def check_size(size: int) -> None:
    limit = max_bytes()
    if size > limit:
        raise ValidationError([Problem(None, None, None, "upload.err.too_big", (
            ("size_mb", round(size / 1024 / 1024, 1)), ("limit_mb", round(limit / 1024 / 1024, 1))))])


def read_grid(raw: bytes, file_name: str = "", sheet: str | None = None) -> Grid:
    """Every non-empty row of the file (or of one sheet) as text, with its line number."""
    check_size(len(raw))
    if file_name.lower().endswith((".xlsx", ".xlsm")):
        return _xlsx_grid(raw, sheet if sheet is not None else _SHEET.get())
    rows, lines, encoding, sep = textfile.rows(raw, workbook.MAX_COLUMNS)
    return Grid(rows, lines, ReadInfo(encoding, sep, "."))


def _xlsx_grid(raw: bytes, sheet: str | None) -> Grid:
    book = workbook.open_book(raw, max_bytes())
    try:
        title = workbook.pick_sheet(book, sheet)
        deadline = time.monotonic() + workbook.MAX_SECONDS
        table = workbook.read_sheet(book, title, deadline=deadline)
        visible = workbook.visible_sheets(book)
        if not sheet and headers.header_row(table.rows) is None:
            for other in (s for s in visible if s != title):
                peek = workbook.read_sheet(book, other, max_rows=headers.HEADER_SCAN_ROWS, deadline=deadline)
                if headers.header_row(peek.rows) is not None or (not table.rows and peek.rows):
                    raise ValidationError([Problem(None, None, None, "upload.err.other_sheet", (
                        ("sheet", title), ("other", other)))])
    finally:
        book.close()
    info = ReadInfo("xlsx", "", ".", sheet=title, hidden_rows=tuple(table.hidden_rows),
                    percent_cells=table.percent_cells, sheets=tuple(visible))
    return Grid(table.rows, table.lines, info, table.numbers, table.formulas, table.merged)


def read_table(raw: bytes, value_columns: tuple[str, ...] = ("value",), file_name: str = "",
               sheet: str | None = None, header_at=None) -> tuple[pd.DataFrame, ReadInfo]:
    """All cells as stripped text, with header names normalised; numbers as text with a decimal point. With
    header_at (a test of a row's cells), title rows above the first of the first rows it accepts are left out,
    every line keeping its number in the file (a file other than observations, whose headers the reader does not
    know: annotations)."""
    grid = read_grid(raw, file_name, sheet)
    first = next((i for i, row in enumerate(grid.rows[:headers.HEADER_SCAN_ROWS]) if header_at(row)),
                 0) if header_at else 0
    if first:
        grid = replace(grid, rows=grid.rows[first:], lines=grid.lines[first:],
                       numbers=grid.numbers[first:] if grid.numbers else grid.numbers)
    return _frame(grid, value_columns)


def header_of(rows: list[list[str]], lines: list[int]) -> tuple[list[str], list[str], list[str]]:
    """The header of a file's first non-empty rows: (cells as written, normalised, the canonical column each names);
    refused when title rows sit above it, or it lost its letters or names a column twice."""
    if not rows:
        raise ValidationError([Problem(None, None, None, "err.empty_file")])
    found = headers.header_row(rows)
    if found:  # title rows above a header: say where the header is
        cells = [c.strip() for c in rows[found] if c.strip()]
        raise ValidationError([Problem(lines[found], None, " | ".join(cells)[:120], "upload.err.header_below", (
            ("row", lines[found]),))])
    written = [h.strip() for h in rows[0]]
    while written and not written[-1]:
        written.pop()  # Excel's trailing empty header cells
    lost = [Problem(lines[0], w, w, "upload.err.lost_letters") for w in written if headers.lost_letters(w)][:1]
    problems = lost or headers.duplicates(written, lines[0])  # the header must be read right before anything else
    if problems:
        raise ValidationError(problems)
    header = [normalise_header(h) for h in written]
    return written, header, [headers.canonical(w) or h for w, h in zip(written, header)]  # problems name canonical


def _frame(grid: Grid, value_columns) -> tuple[pd.DataFrame, ReadInfo]:
    rows, lines = grid.rows, grid.lines
    written, header, names = header_of(rows, lines)
    width = len(header)
    body = list(zip(lines[1:], rows[1:], grid.numbers[1:] if grid.numbers else [set()] * (len(rows) - 1)))
    if not body:
        raise ValidationError([Problem(None, None, None, "err.empty_file")])
    sep = grid.info.separator
    extra = [Problem(n, None, (sep or " | ").join(r[width:]), "err.extra_cells", (("count", width),))
             for n, r, _ in body if any(c.strip() for c in r[width:])]
    if extra:
        raise ValidationError(extra)
    index = [n for n, _, _ in body]
    frame = pd.DataFrame([[c.strip() for c in (r + [""] * width)[:width]] for _, r, _ in body],
                         columns=header, index=index, dtype=str)
    numeric = pd.DataFrame([[i in nums for i in range(width)] for _, _, nums in body], columns=header, index=index)
    problems = _cell_problems(grid, frame, names)
    # Excel number cells are numbers already; only text cells ("2.590,5" typed as text) follow a decimal style
    decimal, odd = _decimal_style(frame, numeric, [c for c in value_columns if c in frame], dict(zip(header, names)),
                                  sep)
    for col in value_columns:
        if col in frame:
            frame[col] = frame[col].where(numeric[col], _to_point(frame[col], decimal))
    info = ReadInfo(grid.info.encoding, sep, decimal, tuple(problems + odd), grid.info.sheet, lines[0],
                    tuple(zip(written, names)), grid.info.hidden_rows, grid.info.percent_cells, grid.info.sheets)
    return frame, info


def _cell_problems(grid: Grid, frame: pd.DataFrame, names: list[str]) -> list[Problem]:
    """Formulas, over-long cells and text that lost its Vietnamese letters (the first such cell of the file)."""
    problems = [Problem(line, names[col] if col < len(names) else None, text, "upload.err.xlsx_formula")
                for line, col, text in grid.formulas if line != grid.lines[0]]
    for col, name in zip(frame.columns, names):
        long = frame[col].str.len() > MAX_CELL_CHARS
        for line in frame.index[long]:
            cell = frame.at[line, col]
            problems.append(Problem(int(line), name, cell[:60] + "…", "upload.err.cell_too_long", (
                ("length", len(cell)), ("limit", MAX_CELL_CHARS))))
            frame.at[line, col] = cell[:60]
    lost = None
    for col, name in zip(frame.columns, names):
        if lost is None and name != "source":
            hit = frame[col].map(headers.lost_letters)
            if hit.any():
                line = hit.idxmax()
                lost = (int(line), name, frame.at[line, col])
    if lost:
        problems.append(Problem(lost[0], lost[1], lost[2], "upload.err.lost_letters"))
    return problems


def _decimal_style(frame: pd.DataFrame, numeric: pd.DataFrame, columns: list[str], names: dict,
                   sep: str) -> tuple[str, list[Problem]]:
    """The file's decimal style, and the cells written in the other one or readable both ways (never read
    silently wrong). Excel number cells take no part."""
    parts = [frame[c][~numeric[c]].rename("cell").to_frame().assign(column=names[c]) for c in columns]
    cells = pd.concat(parts) if parts else None
    if cells is None or cells.empty:
        return ".", []
    comma, point = _sure_comma(cells["cell"]), _sure_point(cells["cell"])
    dots = cells["cell"].str.match(_DOT_THOUSANDS)
    decimal = decimal_of(int(comma.sum()), int(point.sum()), bool(dots.any()),
                         bool(cells["cell"].str.match(_COMMA_THOUSANDS).any()), sep)
    odd = point if decimal == "," else comma
    key = "upload.err.point_in_comma_file" if decimal == "," else "upload.err.comma_in_point_file"
    problems = [Problem(int(i), r.column, r.cell, key) for i, r in cells[odd].iterrows()]
    if decimal == "." and point.any() and dots.any():
        # "48.000" beside "7.5": a decimal point makes it 48, a thousands dot 48000; refuse rather than guess
        example = cells["cell"][point].iloc[0]
        problems += [Problem(int(i), r.column, r.cell, "upload.err.ambiguous_decimal", (
            ("example", example), ("thousands", r.cell.replace(".", "")))) for i, r in cells[dots].iterrows()]
    return decimal, sorted(problems, key=lambda p: p.row)


def decimal_of(comma: int, point: int, dots: bool, commas: bool, sep: str) -> str:
    """The file's decimal mark from its sure decimal commas and points, and whether any cell reads as dot (1.234) or
    comma (82,235) thousands."""
    if comma and point:
        return "," if comma > point else "."
    if comma or point:
        return "," if comma else "."
    return "," if dots or (sep == ";" and commas) else "."  # only ambiguous cells: "1.234" is Vietnamese thousands


def _sure_comma(cells: pd.Series) -> pd.Series:
    """'7,55', '82.235,5': a decimal comma beyond doubt."""
    return (cells.str.match(_COMMA_DECIMAL) & ~cells.str.match(_COMMA_THOUSANDS)) | cells.str.match(
        _DOT_THOUSANDS_COMMA)


def _sure_point(cells: pd.Series) -> pd.Series:
    """'53600.0', '1,234.5': a decimal point beyond doubt."""
    return ((cells.str.match(_POINT_DECIMAL) & ~cells.str.match(_DOT_THOUSANDS))
            | (cells.str.match(_COMMA_THOUSANDS_POINT) & cells.str.contains(".", regex=False)))


def _to_point(cells: pd.Series, decimal: str) -> pd.Series:
    if decimal == ",":
        converted = cells.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
        return converted.where(~_sure_point(cells), cells)
    thousands = cells.str.match(_COMMA_THOUSANDS_POINT)
    return cells.where(~thousands, cells.str.replace(",", "", regex=False))


def unambiguous(text: str) -> str:
    """A number written by us ('1.234' or '82,235') padded so no reader takes its decimals for thousands."""
    return text + "0" if re.match(_DOT_THOUSANDS, text) or re.match(_COMMA_THOUSANDS, text) else text

