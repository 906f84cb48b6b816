"""Tables a leader downloads (CSV and Excel), safe to open in a spreadsheet.

A text cell that starts with = + - @ (or a tab, carriage return or line feed, or
their full-width forms) would be run as a formula by Excel or LibreOffice; such
cells get a leading apostrophe, the usual way to say "this is text" (OWASP's
advice on CSV injection). Numbers stay numbers, and so does text that is a plain
number ("-1,5", "+12.30"): a spreadsheet reads it as that number, never as a
formula.

`neutralise` is the one function every CSV and Excel file the product writes
passes its cells through (the lagging list here, the targets export, the
figures in force, the templates and codes, the upload problems);
tests/test_export_walk.py walks every download and export and fails on a live
formula.
"""

from __future__ import annotations

import io
import re

import pandas as pd

from monitor.core import i18n

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d[\d.,]*|[.,]\d+)([eE][+-]?\d+)?%?$")
LAGGING_COLUMNS = ("kind", "code", "name", "status", "trend", "ytd_growth_pct", "target_pct", "gap_pp",
                   "shortfall_pp", "required_rest_of_year_pct", "reason")


def neutralise(value):
    """'=1+1' -> "'=1+1"; numbers, text that is a plain number ('-1,5') and other text unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def neutral_row(values) -> list:
    """A row of cells for csv.writer or openpyxl's append, each through neutralise."""
    return [neutralise(v) for v in values]


def neutral_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell and heading of a frame through neutralise (numbers untouched)."""
    out = frame.rename(columns=lambda c: neutralise(c) if isinstance(c, str) else c)
    for column, kind in out.dtypes.items():
        if pd.api.types.is_object_dtype(kind) or pd.api.types.is_string_dtype(kind):
            out[column] = out[column].map(neutralise)
    return out


def lagging_frame(rows: list[dict], lang: str) -> pd.DataFrame:
    """The lagging list with raw numbers (rounded to 2 decimals) and headers in the reader's language."""
    frame = pd.DataFrame([{c: r.get(c) for c in LAGGING_COLUMNS} for r in rows], columns=list(LAGGING_COLUMNS))
    frame["kind"] = [i18n.t(f"kind.{k}", lang) for k in frame["kind"]]
    frame["status"] = [i18n.t(f"status.{s}", lang) for s in frame["status"]]
    frame["trend"] = [i18n.t(f"trend.{s}", lang) if isinstance(s, str) else "" for s in frame["trend"]]
    for col in ("ytd_growth_pct", "target_pct", "gap_pp", "shortfall_pp", "required_rest_of_year_pct"):
        frame[col] = pd.to_numeric(frame[col]).round(2)
    frame = frame.map(neutralise)
    return frame.rename(columns={c: i18n.t(f"export.{c}", lang) for c in LAGGING_COLUMNS})


def to_csv(frame: pd.DataFrame, lang: str) -> bytes:
    """UTF-8 with BOM so Excel reads Vietnamese; ';' and decimal comma for Vietnamese, ',' and point for English."""
    text = neutral_frame(frame).to_csv(index=False, sep=";" if lang == "vi" else ",",
                                       decimal="," if lang == "vi" else ".", lineterminator="\r\n")
    return ("\ufeff" + text).encode("utf-8")


def to_xlsx(frame: pd.DataFrame, sheet: str) -> bytes:
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        neutral_frame(frame).to_excel(writer, index=False, sheet_name=sheet[:31])
        ws = writer.sheets[sheet[:31]]
        for column in ws.columns:  # readable widths; the reason column gets room
            width = max(len(str(c.value or "")) for c in column)
            ws.column_dimensions[column[0].column_letter].width = min(max(10, width + 2), 80)
    return out.getvalue()
