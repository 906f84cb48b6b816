"""What a header cell of a statistics office's table says: a period, a vintage, what kind of figure a column holds.

Office tables write periods in words ("Quý III/2025", "QIII/2025", "6 tháng đầu năm 2025", "9T/2025", "Cả năm",
"Lũy kế đến quý III", "First 6 months 2025"), vintages in the header ("Ước tính", "Sơ bộ", "Chính thức") and put a
growth rate or an index beside a level ("Tốc độ tăng (%)", "So với cùng kỳ (%)", "Chỉ số phát triển"). A period
here is a span of quarters of one year: a quarter (3..3), a cumulative period (1..3 is "9 tháng"), or another span.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_Q = r"(i{1,3}|iv|[1-4])"
_QUARTER = (re.compile(rf"\b(?:quy|quarter|qtr)\s*{_Q}\b"), re.compile(rf"\bq{_Q}\b"))
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_MONTHS = re.compile(r"\b(3|6|9|12)\s*(?:thang|t|months?|m|tdn)\b")
_HALF_2 = re.compile(r"\b(?:6 thang cuoi nam|second half|h2|nua cuoi nam)\b")
_HALF_1 = re.compile(r"\b(?:h1|first half|nua dau nam)\b")
_YEAR_WORDS = re.compile(r"\b(?:ca nam|full year|annual|whole year|uoc nam|fy)\b")
_YEAR = re.compile(r"\b(20[0-4]\d|19[89]\d)\b")
_TO_QUARTER = re.compile(r"\b(?:luy ke|cong don|year to date|ytd|tu dau nam)\b")
_THIS = re.compile(r"\b(?:ky bao cao|ky nay|thuc hien ky|this period|reporting period)\b")
_SAME_LAST = re.compile(r"\b(?:cung ky(?: nam truoc)?|same period(?: last year| of last year)?)\b")
_COMPARE = re.compile(r"\b(?:so voi|so cung ky|so cung|vs|compared|yoy|y y|on the same)\b")
# word lists, normalised (see norm); the first that matches a cell decides
VINTAGE_WORDS = (("preliminary", ("so bo", "sb", "preliminary", "prelim")),
                 ("official", ("chinh thuc", "official", "final")),
                 ("estimate", ("uoc tinh", "uoc", "uoc th", "estimate", "estimated", "est")))
KIND_WORDS = (("ignore", ("ke hoach", "kh", "plan", "muc tieu", "target", "kich ban", "scenario", "co cau",
                          "structure", "ty trong", "share", "dong gop", "contribution", "diem phan tram")),
              ("index", ("chi so", "index", "100")),
              ("growth", ("toc do", "tang truong", "tang giam", "tang", "growth", "change", "increase")),
              ("measure", ("dvt", "don vi tinh", "unit of measure", "measure")),
              ("ordinal", ("stt", "tt", "no", "so tt", "thu tu")),
              ("code", ("ma", "ma so", "code", "ma don vi", "ma nganh")))
LABEL_WORDS = ("chi tieu", "nganh", "nganh kinh te", "don vi", "ten don vi", "dia phuong", "khu vuc", "sector",
               "unit", "item", "indicator", "locality", "ten", "phuong xa", "xa phuong")


def norm(text) -> str:
    """'Quý III/2025 (Ước tính)' -> 'quy iii 2025 uoc tinh': lower case, no diacritics, words and % only."""
    text = unicodedata.normalize("NFC", str(text)).lower().replace("đ", "d")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9%]+", " ", text).split())


def _has(words: tuple[str, ...], text: str) -> bool:
    padded = f" {text} "
    return any(f" {w} " in padded for w in words)


@dataclass(frozen=True)
class Period:
    """Quarters first..last of a year; relative: 'title' (the period the title names), 'title_last_year' (the same
    period a year before) or 'title_ytd' (the year to the end of the title's period)."""

    year: int | None
    first: int
    last: int
    relative: str = ""

    @property
    def cumulative(self) -> bool:
        return self.first == 1 and self.last > 1

    def key(self) -> str:
        span = f"Q{self.last}" if self.first == self.last else f"Q{self.first}-Q{self.last}"
        return f"{self.year or '?'}{span}"

    def resolve(self, title: Period | None) -> Period:
        """A period given relative to the title's ('kỳ báo cáo', 'cùng kỳ năm trước'), or without a year."""
        if self.relative and title is not None and title.year:
            year = title.year - (1 if self.relative == "title_last_year" else 0)
            return Period(year, 1 if self.relative == "title_ytd" else title.first, title.last)
        if self.year is None and title is not None and title.year:
            return Period(title.year, self.first, self.last)
        return self


@dataclass(frozen=True)
class Header:
    period: Period | None
    vintage: str | None
    kind: str | None  # None (a level), growth, index, compare, ignore, measure, ordinal, code, label


def vintage_of(text: str) -> str | None:
    n = norm(text)
    for vintage, words in VINTAGE_WORDS:
        if _has(words, n):
            return vintage
    return None


def _span(n: str) -> tuple[int, int] | None:
    """The quarters a header names, without its year."""
    if _HALF_2.search(n):
        return 3, 4
    months = _MONTHS.search(n)
    if months:
        return 1, int(months.group(1)) // 3
    if _HALF_1.search(n):
        return 1, 2
    quarter = next((m for p in _QUARTER if (m := p.search(n))), None)
    ordinal = re.search(r"\b(first|second|third|fourth) quarter\b", n)
    q = _ROMAN.get(quarter.group(1)) or int(quarter.group(1)) if quarter else (
        _ORDINAL[ordinal.group(1)] if ordinal else None)
    if q:
        return (1, q) if _TO_QUARTER.search(n) else (q, q)
    if _YEAR_WORDS.search(n):
        return 1, 4
    return None


def parse(text) -> Header:
    """Everything a header cell says. 'Quý III/2025' -> quarter 3 of 2025; '9 tháng' -> quarters 1-3, no year;
    'So với cùng kỳ (%)' -> a comparison (growth or index, decided by the values)."""
    n = norm(text)
    if not n:
        return Header(None, None, None)
    base = n
    compare = _COMPARE.search(n)
    if compare:  # '9 tháng 2025 so với cùng kỳ 2024': the period is the one before 'so với'
        base = n[:compare.start()].strip()
    kind = next((k for k, words in KIND_WORDS if _has(words, n)), None)
    if kind in ("growth", "index") or (kind is None and compare) or "%" in n and kind is None:
        kind = kind or "compare"
    years = _YEAR.findall(base) or ([] if compare else _YEAR.findall(n))
    year = int(years[0]) if years else None
    span = _span(base)
    relative = ""
    if span is None and _THIS.search(base):
        span, relative = (0, 0), "title"
    elif _SAME_LAST.search(base) and not compare:
        span, relative = (0, 0), "title_last_year"
    elif span is None and _TO_QUARTER.search(base):
        span, relative = (0, 0), "title_ytd"
    if span is None and year is not None and re.fullmatch(r"(?:nam )?\d{4}(?: \w+)?", base or n):
        span = (1, 4)  # a bare year heads a column of annual figures
    period = Period(year, *span, relative=relative) if span else None
    if period and kind in ("measure", "ordinal", "code"):
        kind = None
    return Header(period, vintage_of(n), kind)


def label_header(text) -> bool:
    """'Chỉ tiêu', 'Ngành kinh tế', 'Tên đơn vị': the header of the column of row names."""
    return _has(LABEL_WORDS, norm(text))


def title_period(lines: list[str]) -> Period | None:
    """The period a table's title names ('ƯỚC TÍNH 9 THÁNG NĂM 2025' -> quarters 1-3 of 2025)."""
    for line in lines:
        found = parse(line).period
        if found and not found.relative and found.year:
            return found
    return None


def mask(text) -> str:
    """Text with its numbers and quarter numerals masked: two quarters' files of one layout give the same mask."""
    n = norm(text)
    n = re.sub(r"\d+", "#", n)
    return " ".join("R" if w in _ROMAN or re.fullmatch(r"q(i{1,3}|iv)", w) else w for w in n.split())
