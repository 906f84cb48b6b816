"""Language catalogs and number formats (Babel). Vietnamese first, English second.

Every user-facing string lives in locales/<area>.<lang>.json (one file per area
of the product, so that work on one area never touches another's strings); a
test checks both catalogs have the same keys and the same {placeholders}.
"""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from babel.numbers import format_decimal

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"
_CATALOGS = Path(__file__).resolve().parents[1] / "locales"
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@cache
def catalog(lang: str) -> dict[str, str]:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}")
    merged: dict[str, str] = {}
    for path in sorted(_CATALOGS.glob(f"*.{lang}.json")):
        part = json.loads(path.read_text(encoding="utf-8"))
        clash = set(part) & set(merged)
        if clash:
            raise ValueError(f"{path.name} repeats catalog keys {sorted(clash)}")
        merged.update(part)
    return merged


def t(key: str, lang: str = DEFAULT_LANG, **params) -> str:
    """The catalog text for key, with {placeholders} filled in."""
    text = catalog(lang)[key]
    return text.format(**params) if params else text


def number(value: float | None, lang: str = DEFAULT_LANG, digits: int = 2) -> str:
    """11.891 -> '11,89' (vi) or '11.89' (en); 368445.2 with digits=0 -> '368.445'."""
    if value is None or value != value:
        return "–"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(half_up(value, digits), locale=lang, format=pattern)


def half_up(value: float, digits: int = 2) -> Decimal:
    """Round as statistics tables do (2.625 -> 2.63), not to even."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def pct(value: float | None, lang: str = DEFAULT_LANG, digits: int = 2) -> str:
    """A percentage already in percent units: 11.89 -> '11,89%'."""
    return "–" if value is None or value != value else number(value, lang, digits) + "%"


def pp(value: float | None, lang: str = DEFAULT_LANG, digits: int = 2, signed: bool = True) -> str:
    """Percentage points with a sign: -2.11 -> '-2,11 điểm %'."""
    if value is None or value != value:
        return "–"
    text = number(abs(value), lang, digits)
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return t("unit.pp", lang, value=(sign if signed else "") + text)


def quarter_label(year: int, quarter: int, lang: str = DEFAULT_LANG) -> str:
    """'Quý I/2025' or 'Q1 2025'."""
    return t("quarter.label", lang, roman=_ROMAN[quarter], q=quarter, year=year)


def period_label(quarter: int, lang: str = DEFAULT_LANG, year: int | None = None) -> str:
    """The cumulative period ending with a quarter: 'Quý I', '6 tháng', '9 tháng', 'Cả năm'."""
    key = f"period.to_q{quarter}"
    return t(key + ".year", lang, year=year) if year is not None else t(key, lang)


def rest_label(quarter: int, lang: str = DEFAULT_LANG) -> str:
    """The quarters still to come after the as-of quarter: '9 tháng còn lại', '6 tháng cuối năm', 'quý IV'."""
    return t(f"period.rest_after_q{quarter}", lang)


def column_label(column: str | None, lang: str = DEFAULT_LANG) -> str:
    """A file column as the reader's template heads it ('unit_code' -> 'Mã đơn vị'); '–' for the whole file."""
    if not column:
        return "–"
    return catalog(lang).get(f"column.{column}", column)


def day(value, lang: str = DEFAULT_LANG) -> str:
    """A date (a date, a timestamp or ISO text) as the reader writes it: 05/08/2025 (vi), 2025-08-05 (en)."""
    if value is None or value != value or str(value) in ("", "NaT"):
        return "–"
    text = str(value)[:10]
    return f"{text[8:10]}/{text[5:7]}/{text[:4]}" if lang == "vi" else text
