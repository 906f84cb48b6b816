"""Downloadable templates: the canonical upload format with English or Vietnamese
headers, as CSV (UTF-8 with BOM, as Excel reads it) or as an Excel workbook with
a second sheet listing every valid code.

The example rows can revise nothing: they are for a quarter that has not begun
(Q4 2030: the loader refuses them until the year and quarter are replaced) and
their source cell says EXAMPLE. The Excel template formats its whole code
columns as text, so a code typed later keeps its leading zero (06652)."""

from __future__ import annotations

import csv
import io

import pandas as pd

from monitor.core.export import neutral_frame, neutral_row
from monitor.core.i18n import t
from monitor.core.store import Store
from monitor.upload.validate import VINTAGES

HEADERS = {
    "en": ["indicator", "unit_code", "sector_code", "year", "quarter", "value", "vintage", "source"],
    "vi": ["Chỉ tiêu", "Mã đơn vị", "Mã ngành", "Năm", "Quý", "Giá trị", "Loại số liệu", "Nguồn"],
}
EXAMPLE_YEAR, EXAMPLE_QUARTER = 2030, 4  # not begun: the example rows are refused as they are
EXAMPLE = [
    ("GRDP", "22", "TOTAL", EXAMPLE_YEAR, EXAMPLE_QUARTER, 53600.5, "estimate"),
    ("GRDP", "22", "KV1", EXAMPLE_YEAR, EXAMPLE_QUARTER, 2590.0, "estimate"),
    ("GRDP", "22", "KV2", EXAMPLE_YEAR, EXAMPLE_QUARTER, 27350.5, "estimate"),
    ("GRDP", "22", "KV3", EXAMPLE_YEAR, EXAMPLE_QUARTER, 19250.0, "estimate"),
    ("GRDP", "22", "TAX", EXAMPLE_YEAR, EXAMPLE_QUARTER, 4410.0, "estimate"),
]
CODE_COLUMNS = ("A", "B", "C")  # indicator, unit and sector codes: text, leading zeros kept


def _value(v: float, lang: str) -> str:
    return f"{v:.1f}".replace(".", ",") if lang == "vi" else f"{v:.1f}"


def template_csv(lang: str = "vi") -> bytes:
    """Vietnamese: ';' and decimal comma, as Excel writes in a Vietnamese locale; English: ',' and point."""
    sep = ";" if lang == "vi" else ","
    out = io.StringIO()
    w = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    w.writerow(HEADERS[lang])
    for row in EXAMPLE:
        w.writerow(neutral_row([*row[:5], _value(row[5], lang), row[6], t("upload.template.source", lang)]))
    return out.getvalue().encode("utf-8-sig")


def text_columns(sheet, letters: tuple[str, ...]) -> None:
    """Whole columns formatted as text ("@"), as Excel's Format Cells > Text on a selected column does: the
    column's own style, which Excel and LibreOffice give to every cell typed in later, and the cells already
    there (codes such as 06652 keep their zero)."""
    for letter in letters:
        sheet.column_dimensions[letter].number_format = "@"
        for cell in sheet[letter][1:]:
            cell.number_format = "@"


def codes(store: Store, lang: str = "vi") -> pd.DataFrame:
    """Every valid code, one row each: kind, code, name, and the last quarter a unit may be used."""
    name = f"name_{lang}"
    rows = [(t("upload.codes.indicator", lang), r.code, f"{getattr(r, name)} ({getattr(r, 'measure_unit_' + lang)})",
             "") for r in store.run("indicators_all").itertuples()]
    rows += [(t("upload.codes.sector", lang), r.code, getattr(r, name), "")
             for r in store.run("sector_names").itertuples()]
    for r in store.run("unit_names").itertuples():
        until = "" if r.valid_to is None or r.valid_to != r.valid_to else str(pd.Timestamp(r.valid_to).date())
        rows.append((t("upload.codes.unit", lang), r.code, getattr(r, name), until))
    rows += [(t("upload.codes.vintage", lang), v, t(f"upload.vintage.{v}", lang), "")
             for v in VINTAGES]
    return pd.DataFrame(rows, columns=[t(f"upload.codes.col_{c}", lang) for c in ("kind", "code", "name", "until")])


def codes_csv(store: Store, lang: str = "vi") -> bytes:
    text = neutral_frame(codes(store, lang)).to_csv(index=False, sep=";" if lang == "vi" else ",")
    return text.encode("utf-8-sig")


def template_xlsx(store: Store, lang: str = "vi") -> bytes:
    """Sheet 1 the figures (codes and years as text/whole numbers), sheet 2 the valid codes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = t("upload.template.sheet_data", lang)
    sheet.append(HEADERS[lang])
    for row in EXAMPLE:
        sheet.append(neutral_row([*row, t("upload.template.source", lang)]))
    text_columns(sheet, CODE_COLUMNS)
    listing = book.create_sheet(t("upload.template.sheet_codes", lang))
    frame = codes(store, lang)
    listing.append(list(frame.columns))
    for r in frame.itertuples(index=False):
        listing.append(neutral_row(r))
    for ws in (sheet, listing):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for col in ws.columns:
            ws.column_dimensions[col[0].column_letter].width = max(12, min(60, max(len(str(c.value or ""))
                                                                                   for c in col) + 2))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
