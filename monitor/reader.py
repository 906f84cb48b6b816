"""Reading the files analysts bring: encoding, separator and decimal style.

Excel on Windows writes UTF-8 with a byte-order mark, or Windows-1258 without
one, with ';' and decimal commas in a Vietnamese locale. We detect each and say
what we detected; every cell is kept as text for the validation rules.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from monitor.errors import Problem, ValidationError

# "82.235,5" or "1.234.567" (dot thousands) or "7,55" (comma decimal)
_COMMA_DECIMAL = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$|^[+-]?\d+,\d+$")


@dataclass(frozen=True)
class ReadInfo:
    encoding: str   # "utf-8", "utf-8-sig" or "cp1258"
    separator: str  # "," or ";"
    decimal: str    # "." or ","

    def describe(self) -> str:
        names = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 (BOM)", "cp1258": "Windows-1258"}
        return f"{names[self.encoding]}, '{self.separator}', decimal '{self.decimal}'"


def decode(raw: bytes) -> tuple[str, str]:
    """Text and encoding name; Windows-1258 text is normalised to NFC."""
    if b"\x00" in raw[:4096]:
        raise ValidationError([Problem(None, None, None, "err.file_unreadable",
                                       (("detail", "binary content"),))])
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8-sig" and not raw.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8"
        return unicodedata.normalize("NFC", text), encoding
    raise ValidationError([Problem(None, None, None, "err.file_unreadable",
                                   (("detail", "unknown text encoding"),))])


def _separator(header: str) -> str:
    return ";" if header.count(";") > header.count(",") else ","


def read_table(raw: bytes, value_columns: tuple[str, ...] = ("value",)) -> tuple[pd.DataFrame, ReadInfo]:
    """All cells as stripped text, with header names normalised; numbers still text."""
    text, encoding = decode(raw)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise ValidationError([Problem(None, None, None, "err.empty_file")])
    sep = _separator(lines[0])
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    header = [normalise_header(h) for h in rows[0]]
    width = len(header)
    # keep each row's line number in the file (header = line 1), blank lines skipped
    body = [(n, r) for n, r in enumerate(rows[1:], start=2) if any(cell.strip() for cell in r)]
    if not body:
        raise ValidationError([Problem(None, None, None, "err.empty_file")])
    extra = [Problem(n, None, sep.join(r[width:]), "err.extra_cells", (("count", width),))
             for n, r in body if any(c.strip() for c in r[width:])]
    if extra:
        raise ValidationError(extra)
    frame = pd.DataFrame([[c.strip() for c in (r + [""] * width)[:width]] for _, r in body],
                         columns=header, index=[n for n, _ in body], dtype=str)
    decimal = "."
    for col in value_columns:
        if col in frame and frame[col].str.match(_COMMA_DECIMAL).any():
            decimal = ","
    if decimal == ",":
        for col in value_columns:
            if col in frame:
                frame[col] = frame[col].str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    return frame, ReadInfo(encoding, sep, decimal)


def normalise_header(name: str) -> str:
    """' Mã đơn vị ' -> 'ma_don_vi'; case, spaces and diacritics do not matter."""
    name = name.strip().lower().replace("đ", "d")
    name = "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "_", name).strip("_")
