"""Reading an .xlsx workbook without trusting it: limits first, then one sheet streamed row by row.

Before openpyxl reads anything we look inside the zip: the unpacked size and the number of shared strings (openpyxl
reads them all up front). The sheet is then parsed as a stream (openpyxl's read-only parser, driven here so that
each row's attributes are seen): the declared dimension is ignored (openpyxl would pad every row to it: A1:XFD1048576
is 17 billion cells), only real cells are kept, and cells, columns and time are counted as we go. Streaming also
gives what the full mode would: hidden rows, each cell's number format (a percent cell shown 7,5% holds 0.075),
formulas and merged ranges.
"""

from __future__ import annotations

import io
import time
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from monitor.core.errors import Problem, ValidationError

MAX_CELLS = 2_000_000         # non-empty cells of the sheet (a quarter's file holds a few thousand)
MAX_COLUMNS = 512             # columns of a sheet: office tables have a few dozen
MAX_SHARED_STRINGS = 300_000  # distinct texts of the workbook (openpyxl reads about 40,000 a second)
MAX_SECONDS = 60.0            # reading one workbook


@dataclass
class Table:
    """One sheet's non-empty visible rows, cells as text."""

    sheet: str
    rows: list[list[str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)          # the sheet's row number of each row
    numbers: list[set[int]] = field(default_factory=list)   # per row, the columns holding number cells
    hidden_rows: list[int] = field(default_factory=list)    # hidden rows with content, skipped
    percent_cells: int = 0                                  # number cells formatted as percent, read as shown
    formulas: list[tuple[int, int, str]] = field(default_factory=list)  # (row, column index, formula)
    merged: tuple[str, ...] = ()


def _fail(code: str, **params) -> ValidationError:
    return ValidationError([Problem(None, None, None, code, tuple(params.items()))])


def _mb(size: int) -> float:
    return round(size / 1024 / 1024, 1)


def check_package(raw: bytes, max_expanded: int) -> None:
    """The unpacked size and the shared strings, before openpyxl reads a byte (a zip bomb stops here)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _fail("upload.err.bad_xlsx") from exc
    expanded = sum(m.file_size for m in members)  # zipfile never unpacks past a member's declared size
    if expanded > max_expanded:
        raise _fail("upload.err.xlsx_expanded", size_mb=_mb(expanded), limit_mb=_mb(max_expanded))
    for member in members:
        if member.filename.lower().endswith("sharedstrings.xml"):
            count = _count(archive, member, b"<si")
            if count > MAX_SHARED_STRINGS:
                raise _fail("upload.err.xlsx_strings", strings=count, limit=MAX_SHARED_STRINGS)


def _count(archive: zipfile.ZipFile, member: zipfile.ZipInfo, token: bytes) -> int:
    found, tail = 0, b""
    try:
        with archive.open(member) as src:
            while chunk := src.read(1 << 20):
                block = tail + chunk
                found += block.count(token)
                tail = block[-(len(token) - 1):]  # a token cut in two by the chunk is counted with the next
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise _fail("upload.err.bad_xlsx") from exc
    return found


def open_book(raw: bytes, max_expanded: int):
    """The workbook in read-only mode, after the package checks."""
    from openpyxl import load_workbook

    check_package(raw, max_expanded)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "extension is not supported": nothing the analyst can act on
            return load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged package
        raise _fail("upload.err.bad_xlsx") from exc


def visible_sheets(book) -> list[str]:
    return [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]


def pick_sheet(book, name: str | None) -> str:
    """The sheet named (exact, or the same letters ignoring case and accents), else the active sheet; never a
    hidden one."""
    from monitor.upload.headers import normalise_header

    visible = visible_sheets(book)
    if name:
        found = next((ws for ws in book.worksheets if ws.title == name), None) or next(
            (ws for ws in book.worksheets if normalise_header(ws.title) == normalise_header(name)), None)
        if found is None:
            raise _fail("upload.err.no_sheet", sheet=name, sheets=", ".join(f'"{s}"' for s in book.sheetnames))
        if found.sheet_state != "visible":
            raise _fail("upload.err.hidden_sheet", sheet=found.title, sheets=", ".join(f'"{s}"' for s in visible))
        return found.title
    if not visible:
        raise _fail("err.empty_file")
    active = book.active
    return active.title if active is not None and active.sheet_state == "visible" else visible[0]


def _style_sets(book) -> frozenset[int]:
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    def fmt(num_id: int) -> str:
        if num_id < BUILTIN_FORMATS_MAX_SIZE:
            return BUILTIN_FORMATS.get(num_id, "General")
        return book._number_formats[num_id - BUILTIN_FORMATS_MAX_SIZE]

    percent = set()
    for i, style in enumerate(book._cell_styles):
        text = fmt(style.numFmtId)
        # a % outside quotes and escapes ("0.0%", not '0.0"%"' or 0.0\%)
        bare = "".join(part for j, part in enumerate(text.split('"')) if j % 2 == 0).replace("\\%", "")
        if "%" in bare:
            percent.add(i)
    return frozenset(percent)


def plain_number(value) -> str:
    """2025.0 -> '2025', 2590.5 -> '2590.5', 1e-05 -> '0.00001': no exponent, no float noise."""
    if isinstance(value, int):
        return str(value)
    text = format(Decimal(repr(float(value))).normalize(), "f")
    return text


def _percent(value) -> str:
    """0.075 in a cell shown as 7,5% -> '7.5' (what the analyst sees)."""
    return format((Decimal(repr(float(value))) * 100).normalize(), "f")


def _formula_text(value) -> str:
    text = getattr(value, "text", None)
    if text is not None:  # an array formula: Excel shows it in braces
        return "{" + text + "}"
    return value if isinstance(value, str) else "=TABLE()"  # a data table


def _hidden(element) -> bool:
    return str(element.get("hidden", "0")).lower() in ("1", "true")


def read_sheet(book, title: str, max_rows: int | None = None, deadline: float | None = None) -> Table:
    """The sheet's non-empty visible rows (at most max_rows of them), within the cell, column and time limits.

    Cells are parsed one by one as the XML streams in and dropped at once, so a row of a million cells stops at
    the column limit instead of being built first."""
    from openpyxl.worksheet._reader import WorkSheetParser
    from openpyxl.xml.constants import SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse

    row_tag, cell_tag, data_tag, merge_tag = (f"{{{SHEET_MAIN_NS}}}{t}" for t in ("row", "c", "sheetData",
                                                                                  "mergeCell"))
    ws = book[title]
    table = Table(title)
    state = _Rows(table, _style_sets(book), deadline or time.monotonic() + MAX_SECONDS)
    merged, sheet_data = [], None
    with ws._get_source() as src, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parser = WorkSheetParser(src, ws._shared_strings, data_only=False, epoch=book.epoch,
                                 date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        try:
            for event, el in iterparse(src, events=("start", "end")):
                if event == "start":
                    if el.tag == row_tag:
                        parser.row_counter = int(float(el.get("r"))) if el.get("r") else parser.row_counter + 1
                        parser.col_counter = 0
                        state.start(parser.row_counter, _hidden(el))
                    elif el.tag == data_tag:
                        sheet_data = el
                    continue
                if el.tag == cell_tag:
                    if state.hidden:
                        state.hidden_content = state.hidden_content or len(el) > 0
                    else:
                        state.cell(parser.parse_cell(el))
                    el.clear()
                elif el.tag == row_tag:
                    state.end()
                    el.clear()
                    if sheet_data is not None:
                        sheet_data.clear()  # rows read are dropped, not kept as empty elements
                    if max_rows is not None and len(table.rows) >= max_rows:
                        break
                elif el.tag == merge_tag:
                    merged.append(el.get("ref"))
        except ValidationError:
            raise
        except (IndexError, KeyError, ValueError, SyntaxError) as exc:  # a damaged sheet
            raise _fail("upload.err.bad_xlsx") from exc
    table.merged = tuple(merged)
    return table


class _Rows:
    """Collects one row at a time, counting cells and time against the limits."""

    def __init__(self, table: Table, percent: frozenset[int], deadline: float):
        self.table, self.percent, self.deadline = table, percent, deadline
        self.cells = self.rows = 0
        self.line, self.hidden, self.hidden_content = 0, False, False
        self.texts: dict[int, str] = {}
        self.numbers: set[int] = set()
        self.formulas: list[tuple[int, int, str]] = []

    def start(self, line: int, hidden: bool) -> None:
        self.rows += 1
        if self.rows % 256 == 1 and time.monotonic() > self.deadline:
            raise _fail("upload.err.too_slow", seconds=MAX_SECONDS)
        self.line, self.hidden, self.hidden_content = line, hidden, False
        self.texts, self.numbers, self.formulas = {}, set(), []

    def cell(self, cell: dict) -> None:
        from monitor.upload.headers import column_letter

        value = cell["value"]
        if value is None or value == "":
            return
        col = cell["column"] - 1
        if col >= MAX_COLUMNS:
            raise _fail("upload.err.too_many_columns", cell=f"{column_letter(col)}{self.line}", limit=MAX_COLUMNS)
        self.cells += 1
        if self.cells > MAX_CELLS:
            raise _fail("upload.err.too_many_cells", limit=MAX_CELLS)
        kind = cell["data_type"]
        if kind == "f":
            text = _formula_text(value)
            self.formulas.append((self.line, col, text))
        elif kind == "n" and isinstance(value, (int, float)) and not isinstance(value, bool):
            self.numbers.add(col)
            if cell["style_id"] in self.percent:
                self.table.percent_cells += 1
                text = _percent(value)
            else:
                text = plain_number(value)
        else:
            text = unicodedata.normalize("NFC", str(value))
        self.texts[col] = text

    def end(self) -> None:
        if self.hidden:
            if self.hidden_content:
                self.table.hidden_rows.append(self.line)
            return
        if not any(t.strip() for t in self.texts.values()):
            return
        self.table.rows.append([self.texts.get(i, "") for i in range(max(self.texts) + 1)])
        self.table.lines.append(self.line)
        self.table.numbers.append(self.numbers)
        self.table.formulas.extend(self.formulas)
