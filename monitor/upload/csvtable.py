"""A plain CSV file as a DuckDB table of text cells, each row with its file line, read by DuckDB's own read_csv.

The text is the reader's (textfile.text_of: encoding detected, Windows-1258 decoded, NFC, every line ending a
newline), written once as UTF-8 for read_csv(all_varchar). read_csv skips empty lines and nothing else, so the record
k of its output starts on the k-th non-empty line, as long as no record spans two lines. The file goes back to the
exact reader (None) whenever the two could disagree: a line with an odd number of quotes (a quoted line break, an
open quote), a record read_csv refuses or reads differently from Python's csv module (lines holding quotes are parsed
by both and compared), cells past the header, a cell past the length limit. The header is found by the reader's own
rules (reader.header_of) on the first rows, so its refusals are the same.
"""

from __future__ import annotations

import csv
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from monitor.core.errors import Problem, ValidationError
from monitor.core.store import ROOT
from monitor.upload import headers, reader, textfile, validate, workbook

QUERIES = ROOT / "queries" / "upload_cells"
WHITESPACE = "".join(chr(c) for c in range(0x110000) if chr(c).isspace())  # what str.strip() removes
_SPACE = "[" + "".join(f"\\x{{{ord(c):x}}}" for c in WHITESPACE) + "]"
STRIP = f"^{_SPACE}+|{_SPACE}+$"  # an RE2 pattern of it (trim() with a set of characters is 30 times slower)
_OTHER_SPACE = re.compile("[" + re.escape(WHITESPACE.replace(" ", "").replace("\n", "")) + "]")
_ASCII_SPACE = np.zeros(256, bool)
_ASCII_SPACE[[ord(c) for c in WHITESPACE if ord(c) < 128 and c not in " \n"]] = True
# raw's records numbered by position (idx) and file line: by rowid when no line is empty, else by record_lines
CONSECUTIVE = "(SELECT rowid AS idx, rowid + 1 AS line, * FROM raw)"
JOINED = "(SELECT l.idx, l.line, raw.* FROM raw JOIN record_lines AS l ON l.idx = raw.rowid)"


def query(name: str, **identifiers: str) -> str:
    """Text of queries/upload_cells/<name>.sql, its {placeholders} filled with identifiers built from the declared
    columns (never from the file)."""
    text = (QUERIES / f"{name}.sql").read_text(encoding="utf-8")
    return text.format(**identifiers) if identifiers else text


def run(con: duckdb.DuckDBPyConnection, sql_text: str, **params):
    """Execute with the named parameters the statement uses."""
    used = set(re.findall(r"\$([a-z_]+)", sql_text))
    return con.execute(sql_text, {k: v for k, v in params.items() if k in used})


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass
class Table:
    """The file's body in table `cells` (line, one text column per canonical column, stripped) of con."""

    con: duckdb.DuckDBPyConnection
    columns: list[str]          # canonical columns, in file order
    info: reader.ReadInfo
    plain: bool = False         # ASCII without '?' and no line past the cell limit (csvtable._line_records)


def _line_records(data: bytes) -> tuple[np.ndarray, np.ndarray, bool] | None:
    """(file line of each non-empty line, 0-based indexes of the lines holding quotes, whether the text is plain:
    ASCII without a '?' and no line past the cell limit, so no cell can be too long or have lost its letters); None
    when a line holds an odd number of quotes."""
    arr = np.frombuffer(data, np.uint8)
    newlines = np.flatnonzero(arr == 10)
    starts = np.concatenate(([0], newlines + 1))
    ends = np.concatenate((newlines, [len(data)]))
    quotes = np.flatnonzero(arr == 34)
    per_line = np.bincount(np.searchsorted(newlines, quotes), minlength=len(starts))
    if (per_line % 2).any():
        return None
    plain = (int((ends - starts).max()) <= reader.MAX_CELL_CHARS and not (arr >= 0x80).any()
             and not (arr == ord("?")).any())
    return np.flatnonzero(ends > starts) + 1, np.flatnonzero(per_line), plain


def _parse_line(line: str, sep: str) -> list[str] | None:
    try:
        return next(csv.reader([line], delimiter=sep, strict=True), [])
    except csv.Error:
        return None


def read(raw: bytes, file_name: str, columns: tuple[validate.Column, ...]) -> Table | None:
    """The file as table `cells` in a new in-memory DuckDB connection, or None for the exact reader (a workbook, or
    a file whose records read_csv could read differently). Raises the reader's refusals."""
    if file_name.lower().endswith((".xlsx", ".xlsm")):
        return None
    reader.check_size(len(raw))
    text, encoding, sep = textfile.text_of(raw, workbook.MAX_COLUMNS)
    data = text.encode("utf-8")
    found = _line_records(data)
    if found is None:
        return None
    record_lines, quote_lines, plain = found
    texts = text.split("\n", int(record_lines[min(len(record_lines), textfile.SCAN_LINES * 4) - 1]))
    head, head_lines, head_index = [], [], 0
    for i, line in enumerate(record_lines[:textfile.SCAN_LINES * 4]):
        record = _parse_line(texts[line - 1], sep)
        if record is None:
            return None
        if any(c.strip() for c in record):
            head_index = head_index if head else i
            head.append(record)
            head_lines.append(int(line))
        if len(head) >= headers.HEADER_SCAN_ROWS:
            break
    written, header, names = reader.header_of(head, head_lines)
    width = max(len(head[0]), len(header))
    con = duckdb.connect()
    try:
        table = _load(con, data, text, sep, width, record_lines, quote_lines, head_index, header, columns)
        if table is None:
            con.close()
            return None
        table.info = reader.ReadInfo(encoding, sep, ".", header_row=head_lines[0], columns=tuple(zip(written, names)))
        table.plain = plain
        return table
    except BaseException:
        con.close()
        raise


def _load(con, data: bytes, text: str, sep: str, width: int, record_lines, quote_lines, head_index: int,
          header: list[str], columns) -> Table | None:
    with tempfile.TemporaryDirectory(prefix="gm-upload-") as folder:
        path = Path(folder) / "upload.csv"
        path.write_bytes(data)
        struct = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width)) + "}"
        try:
            run(con, query("read_csv_text", columns=struct), path=str(path), sep=sep)
        except duckdb.Error:
            return None  # a record read_csv refuses (more cells than the header...): the exact reader says which
    if con.execute(query("raw_count")).fetchall()[0][0] != len(record_lines):
        return None
    con.register("record_lines", pd.DataFrame({"idx": np.arange(len(record_lines)), "line": record_lines}))
    if len(quote_lines) and not _same_as_python(con, text, sep, width, record_lines, quote_lines):
        return None
    renamed, problems = validate.rename_columns(pd.DataFrame(columns=header), columns)
    strip = "coalesce(CELL, '')"
    if _edge_space(data, text, sep):
        strip = f"regexp_replace({strip}, '{STRIP}', '', 'g')"
    trimmed = ", ".join(strip.replace("CELL", f"c{i}") + f" AS t{i}" for i in range(width))
    numbered = CONSECUTIVE if int(record_lines[-1]) == len(record_lines) else JOINED
    cells = ", ".join(f"t{i} AS {quoted(name)}" for i, name in enumerate(renamed.columns))
    extra = " OR ".join(f"t{i} <> ''" for i in range(len(header), width)) or "false"
    nonempty = "(" + " OR ".join(f"t{i} <> ''" for i in range(width)) + ")"
    run(con, query("body_cells", numbered=numbered, trimmed=trimmed, cells=cells, extra=extra, nonempty=nonempty),
        header_index=head_index)
    rows, extras = con.execute(query("body_count")).fetchall()[0]
    if extras:
        return None  # cells past the header: the exact reader names them
    if not rows:
        raise ValidationError([Problem(None, None, None, "err.empty_file")])
    if problems:
        raise ValidationError(problems)
    con.execute(query("drop_extra"))
    con.execute(query("drop_raw"))
    return Table(con, list(renamed.columns), None)


def _edge_space(data: bytes, text: str, sep: str) -> bool:
    """Whether a cell may begin or end with whitespace (a space beside a separator, a line end or a quote; any other
    whitespace character anywhere): when none can, the cells need no stripping."""
    arr = np.frombuffer(data, np.uint8)
    if _ASCII_SPACE[arr].any() or (arr >= 0x80).any() and _OTHER_SPACE.search(text):
        return True
    spaces = np.flatnonzero(arr == 32)
    if not len(spaces):
        return False
    if spaces[0] == 0 or spaces[-1] == len(arr) - 1:
        return True
    beside = [ord(sep), 10, 34]
    return bool(np.isin(arr[spaces - 1], beside).any() or np.isin(arr[spaces + 1], beside).any())


def _same_as_python(con, text: str, sep: str, width: int, record_lines, quote_lines) -> bool:
    """Whether read_csv read every line holding a quote as Python's csv module does (" x" and "x" , differ)."""
    wanted = np.searchsorted(record_lines, quote_lines + 1)
    con.register("quoted_records", pd.DataFrame({"idx": wanted}))
    duck = con.execute(query("quoted_records")).fetchall()
    con.unregister("quoted_records")
    lines = text.split("\n")
    for row in duck:
        record = _parse_line(lines[int(record_lines[row[0]]) - 1], sep)
        if record is None or any(c for c in record[width:]):
            return False
        if [c or "" for c in row[1:]] != (record + [""] * width)[:width]:
            return False
    return True
