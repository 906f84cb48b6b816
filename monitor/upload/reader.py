"""Reading the files analysts bring: CSV (encoding, separator, decimal style) or Excel.

Excel on Windows writes UTF-8 with a byte-order mark, or Windows-1258 without
one, with ';' and decimal commas in a Vietnamese locale. We detect each and say
what we detected; every cell is kept as text for the validation rules.
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass

import pandas as pd

from monitor.core.errors import Problem, ValidationError

DEFAULT_MAX_MB = 50.0
_COMMA_DECIMAL = r"^[+-]?\d+,\d+$"
_POINT_DECIMAL = r"^[+-]?\d+\.\d+$"
_DOT_THOUSANDS = r"^[+-]?\d{1,3}(?:\.\d{3})+$"          # "1.234": thousands, or a decimal point
_COMMA_THOUSANDS = r"^[+-]?\d{1,3}(?:,\d{3})+$"          # "82,235": thousands, or a decimal comma
_DOT_THOUSANDS_COMMA = r"^[+-]?\d{1,3}(?:\.\d{3})+,\d+$"  # "82.235,5"
_COMMA_THOUSANDS_POINT = r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$"  # "1,234.5"
_XLSX_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class ReadInfo:
    encoding: str   # "utf-8", "utf-8-sig", "cp1258" or "xlsx"
    separator: str  # "," or ";" ("" for Excel)
    decimal: str    # "." or ","
    problems: tuple[Problem, ...] = ()  # cells read in a decimal style the rest of the file does not use

    def describe(self, lang: str = "en") -> str:
        from monitor.core.i18n import t

        if self.encoding == "xlsx":
            return t("upload.read_as_xlsx", lang)
        names = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 (BOM)", "cp1258": "Windows-1258"}
        decimal = t("upload.decimal_comma" if self.decimal == "," else "upload.decimal_point", lang)
        return t("upload.read_as", lang, encoding=names[self.encoding], separator=self.separator, decimal=decimal)


def max_bytes() -> int:
    """The size limit: MONITOR_MAX_UPLOAD_MB (default 50 MB)."""
    return int(float(os.environ.get("MONITOR_MAX_UPLOAD_MB", DEFAULT_MAX_MB)) * 1024 * 1024)


def check_size(size: int) -> None:
    limit = max_bytes()
    if size > limit:
        raise ValidationError([Problem(None, None, None, "upload.err.too_big", (
            ("size_mb", round(size / 1024 / 1024, 1)), ("limit_mb", round(limit / 1024 / 1024, 1))))])


def decode(raw: bytes) -> tuple[str, str]:
    """Text and encoding name; Windows-1258 text is normalised to NFC."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValidationError([Problem(None, None, None, "upload.err.utf16")])
    if raw.startswith(_XLSX_MAGIC) or raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise ValidationError([Problem(None, None, None, "upload.err.excel_named_csv")])
    if b"\x00" in raw[:4096]:
        raise ValidationError([Problem(None, None, None, "upload.err.binary")])
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8-sig" and not raw.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8"
        if encoding == "cp1258" and sum(ord(c) < 32 and c not in "\r\n\t" for c in text) > 0:
            break  # control characters: not text at all
        return unicodedata.normalize("NFC", text), encoding
    raise ValidationError([Problem(None, None, None, "upload.err.binary")])


def _separator(header: str) -> str:
    return ";" if header.count(";") > header.count(",") else ","


def read_table(raw: bytes, value_columns: tuple[str, ...] = ("value",),
               file_name: str = "") -> tuple[pd.DataFrame, ReadInfo]:
    """All cells as stripped text, with header names normalised; numbers as text with a decimal point."""
    check_size(len(raw))
    if file_name.lower().endswith((".xlsx", ".xlsm")):
        return _frame(_xlsx_rows(raw), value_columns, "xlsx", "")
    text, encoding = decode(raw)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise ValidationError([Problem(None, None, None, "err.empty_file")])
    sep = _separator(lines[0])
    if sep not in lines[0]:
        other = next((name for ch, name in (("\t", "tab"), ("|", "|")) if ch in lines[0]), None)
        if other:
            raise ValidationError([Problem(1, None, lines[0][:80], "upload.err.separator", (("found", other),))])
    # mixed \r\n and \n endings read the same; a lone \r is a line end too
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True))
    except csv.Error as exc:  # an open quote at the end: a truncated file
        raise ValidationError([Problem(None, None, None, "upload.err.truncated", (("detail", str(exc)),))]) from exc
    return _frame(rows, value_columns, encoding, sep)


def _xlsx_rows(raw: bytes) -> list[list[str]]:
    """The first sheet's cells as text; formulas refused (a cached value may be stale)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ValidationError([Problem(None, None, None, "upload.err.bad_xlsx")]) from exc
    rows = []
    for row in book.worksheets[0].iter_rows(values_only=True):
        rows.append(["" if v is None else _cell_text(v) for v in row])
    book.close()
    while rows and rows[-1] and not any(rows[-1]):
        rows.pop()
    return [r[:_width(rows)] for r in rows]


def _width(rows: list[list[str]]) -> int:
    return max((max((i + 1 for i, c in enumerate(r) if c.strip()), default=0) for r in rows), default=0)


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return unicodedata.normalize("NFC", str(value))


def _frame(rows: list[list[str]], value_columns, encoding: str, sep: str) -> tuple[pd.DataFrame, ReadInfo]:
    if not rows or not any(c.strip() for c in rows[0]):
        raise ValidationError([Problem(None, None, None, "err.empty_file")])
    header = [normalise_header(h) for h in rows[0]]
    while header and not header[-1]:
        header.pop()  # Excel's trailing empty header cells
    width = len(header)
    # keep each row's line number in the file (header = line 1), blank lines skipped
    body = [(n, r) for n, r in enumerate(rows[1:], start=2) if any(cell.strip() for cell in r)]
    if not body:
        raise ValidationError([Problem(None, None, None, "err.empty_file")])
    extra = [Problem(n, None, (sep or " | ").join(r[width:]), "err.extra_cells", (("count", width),))
             for n, r in body if any(c.strip() for c in r[width:])]
    if extra:
        raise ValidationError(extra)
    frame = pd.DataFrame([[c.strip() for c in (r + [""] * width)[:width]] for _, r in body],
                         columns=header, index=[n for n, _ in body], dtype=str)
    # Excel number cells arrive as "2590.5"; numbers typed as text ("2.590,5") are read like a CSV's
    decimal, problems = _decimal_style(frame, [c for c in value_columns if c in frame], sep)
    for col in value_columns:
        if col in frame:
            frame[col] = _to_point(frame[col], decimal)
    return frame, ReadInfo(encoding, sep, decimal, tuple(problems))


def _decimal_style(frame: pd.DataFrame, columns: list[str], sep: str) -> tuple[str, list[Problem]]:
    """The file's decimal style, and the cells written in the other one (never read silently wrong)."""
    cells = pd.concat([frame[c].rename("cell").to_frame().assign(column=c) for c in columns]) if columns else None
    if cells is None or cells.empty:
        return ".", []
    comma, point = _sure_comma(cells["cell"]), _sure_point(cells["cell"])
    if comma.any() and point.any():
        decimal = "," if comma.sum() > point.sum() else "."
    elif comma.any():
        decimal = ","
    elif point.any():
        decimal = "."
    else:  # only ambiguous cells: "1.234" is Vietnamese thousands; so is "82,235" in a ';' file
        dots = cells["cell"].str.match(_DOT_THOUSANDS).any()
        decimal = "," if dots or (sep == ";" and cells["cell"].str.match(_COMMA_THOUSANDS).any()) else "."
    odd = point if decimal == "," else comma
    key = "upload.err.point_in_comma_file" if decimal == "," else "upload.err.comma_in_point_file"
    return decimal, [Problem(int(i), r.column, r.cell, key) for i, r in cells[odd].iterrows()]


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


def normalise_header(name: str) -> str:
    """' Mã đơn vị ' -> 'ma_don_vi'; case, spaces and diacritics do not matter."""
    name = name.strip().lower().replace("đ", "d")
    name = "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "_", name).strip("_")
