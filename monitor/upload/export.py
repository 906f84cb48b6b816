"""The figures in force for a quarter, written in the upload format, so that an analyst can edit one and load the
file back (loading it unedited changes nothing: every row is "unchanged").

CSV as the templates write it: Vietnamese headers with ';' and decimal commas, English ones with ',' and points,
UTF-8 with a byte-order mark so Excel reads the letters. Each value is written in full (the shortest text that
reads back as the same number, never in exponent form) and never in a shape a reader could take for thousands
("1.234" is written "1.2340"). In Excel, codes are text cells in columns formatted as text throughout (06652 keeps
its zero), values are number cells.
"""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd

from monitor.core.export import neutral_row, neutralise
from monitor.core.i18n import t
from monitor.core.store import Store
from monitor.upload.reader import unambiguous
from monitor.upload.templates import CODE_COLUMNS, HEADERS, text_columns

COLUMNS = ["indicator", "unit_code", "sector_code", "year", "quarter", "value", "vintage", "source"]
FORMATS = ("csv", "xlsx")
MIME = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def figures(store: Store, year: int, quarter: int, indicator: str | None = None,
            unit: str | None = None) -> pd.DataFrame:
    """The figures in force for the quarter (optionally one indicator, one unit), in the upload columns."""
    return store.run("observations_export", year=year, quarter=quarter, indicator=indicator, unit=unit)[COLUMNS]


def number_text(value: float, lang: str) -> str:
    """53600.5 -> '53600,5' (vi) or '53600.5' (en); 1e-05 -> '0.00001'; 1.234 -> '1.2340'."""
    text = np.format_float_positional(float(value), trim="-")
    return unambiguous(text.replace(".", ",") if lang == "vi" else text)


def to_csv(frame: pd.DataFrame, lang: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if lang == "vi" else ",", lineterminator="\r\n")
    writer.writerow(HEADERS[lang])
    for r in frame.itertuples(index=False):
        writer.writerow(neutral_row([r.indicator, r.unit_code, r.sector_code, int(r.year), int(r.quarter),
                                     number_text(r.value, lang), r.vintage, _source(r.source)]))
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(frame: pd.DataFrame, lang: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = t("upload.template.sheet_data", lang)
    sheet.append(HEADERS[lang])
    for r in frame.itertuples(index=False):
        sheet.append(neutral_row([str(r.indicator), str(r.unit_code), str(r.sector_code), int(r.year),
                                  int(r.quarter), float(r.value), r.vintage, _source(r.source)]))
    text_columns(sheet, CODE_COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFGH", (12, 12, 12, 8, 8, 16, 14, 40)):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export(store: Store, fmt: str, lang: str, year: int, quarter: int, indicator: str | None = None,
           unit: str | None = None) -> tuple[bytes, int]:
    """The file's bytes and the number of figures in it."""
    frame = figures(store, year, quarter, indicator, unit)
    return (to_xlsx if fmt == "xlsx" else to_csv)(frame, lang), len(frame)


def file_name(fmt: str, year: int, quarter: int, indicator: str | None = None, unit: str | None = None) -> str:
    """'figures_2025_q4.csv', 'figures_GRDP_22_2025_q4.xlsx'."""
    parts = ["figures", *(p for p in (indicator, unit) if p), str(year), f"q{quarter}"]
    return "_".join(parts) + f".{fmt}"


def _source(value) -> str:
    """A source note as text; one starting with = + - @ gets an apostrophe, so a spreadsheet never runs it."""
    return "" if value is None or value != value else neutralise(str(value))
