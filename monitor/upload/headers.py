"""Header names: normalising them, the canonical columns they stand for, and finding the header row.

ALIASES is the declared table of accepted column names (validate reads it too); the reader uses it to name a
duplicated column and to spot a header row sitting under title rows.
"""

from __future__ import annotations

import re
import unicodedata

from monitor.core.errors import Problem

# canonical column -> accepted header aliases (normalised by normalise_header)
ALIASES = {
    "indicator": ("indicator", "chi_tieu", "ma_chi_tieu"),
    "unit_code": ("unit_code", "ma_don_vi", "unit"),
    "sector_code": ("sector_code", "ma_nganh", "sector"),
    "year": ("year", "nam"),
    "quarter": ("quarter", "quy"),
    "value": ("value", "gia_tri"),
    "vintage": ("vintage", "loai_so_lieu"),
    "source": ("source", "nguon", "ghi_chu"),
    "period": ("period", "ky"),
    "scope": ("scope", "pham_vi"),
    "value_high": ("value_high", "gia_tri_cao", "den"),
    "effective_date": ("effective_date", "ngay_hieu_luc", "hieu_luc_tu"),
}
_CANONICAL = {alias: name for name, aliases in ALIASES.items() for alias in aliases}
HEADER_SCAN_ROWS = 30   # a header under more title rows than this is not looked for
MIN_HEADER_MATCHES = 3  # cells of a row that must be known column names for the row to count as a header


def normalise_header(name: str) -> str:
    """' Mã đơn vị ' -> 'ma_don_vi'; case, spaces and diacritics do not matter."""
    name = name.strip().lower().replace("đ", "d")
    name = "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "_", name).strip("_")


def canonical(name: str) -> str | None:
    """The canonical column a header cell stands for ('Giá trị' -> 'value'), or None."""
    return _CANONICAL.get(normalise_header(name))


def matches(row: list[str]) -> int:
    """How many cells of a row are known column names."""
    return sum(canonical(c) is not None for c in row if c.strip())


def header_row(rows: list[list[str]]) -> int | None:
    """Index of the first row that looks like the header (at least MIN_HEADER_MATCHES known names), or None."""
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        if matches(row) >= MIN_HEADER_MATCHES:
            return i
    return None


def column_letter(index: int) -> str:
    """0 -> 'A', 27 -> 'AB' (the spreadsheet's name of a column)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def duplicates(written: list[str], line: int) -> list[Problem]:
    """A column named twice, or under two aliases ('value' and 'Giá trị'): which one to keep is the analyst's call."""
    seen: dict[str, int] = {}
    problems = []
    for i, name in enumerate(written):
        if not name.strip():
            continue
        key = canonical(name) or normalise_header(name)
        if key in seen:
            first = seen[key]
            problems.append(Problem(line, name.strip(), name.strip(), "upload.err.duplicate_column", (
                ("first", written[first].strip()), ("first_col", column_letter(first)), ("second", name.strip()),
                ("second_col", column_letter(i)))))
        else:
            seen[key] = i
    return problems


_MOJIBAKE = re.compile("Ã[\u00a0-\u00bf]|áº|á»|Æ°|Æ¡|Ä‘|Ä\u0091|Ä\u0090|â€")
_LOST = re.compile(r"[^\W\d_]\?+(?:[^\W\d_]|\s|$)|\?\?|^\?[^\W\d_]")


def lost_letters(text: str) -> bool:
    """Text that lost its Vietnamese letters: '?' inside a word (saved in an encoding without them) or UTF-8 read
    as a Western encoding ('PhÆ°á»ng'). A link (with :// or =) is not judged."""
    if "://" in text or "=" in text:
        return False
    return bool(_MOJIBAKE.search(text) or _LOST.search(text))
