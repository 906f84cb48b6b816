"""What a row label or a title names: a sector, a unit, an indicator, a unit of measure, matched on the store's codes
and names (with or without diacritics, with or without "Phường", "Xã", "TP."), never on a hand-typed list of spellings.

A label may name a unit that a 5-digit code lost its leading zero from ("6652" out of a spreadsheet): restored when
exactly one known code matches. Names are matched on their normalised form (periods.norm), so "Hoà" and "Hòa",
decomposed Windows-1258 text and capitals all meet.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import pandas as pd

from monitor.upload.periods import norm

# a unit's kind as its name's prefix (or English suffix) says it
COMMUNE_WORDS = ("phuong", "xa", "dac khu", "thi tran")
DISTRICT_WORDS = ("thanh pho", "tp", "thi xa", "tx", "huyen")
PROVINCE_WORDS = ("tinh",)
SUFFIXES = {"ward": "commune", "commune": "commune", "special zone": "commune", "city": "former_district",
            "district": "former_district", "town": "former_district", "province": "province"}  # English names
WHOLE_PROVINCE = ("toan tinh", "tong so", "tong cong", "tong", "total", "ca tinh", "toan tinh quang ninh")
# sector aliases the statistics offices write, normalised; the store's own names are matched too
SECTOR_ALIASES = {
    "TOTAL": ("tong so", "tong cong", "tong", "total", "grdp", "tong san pham tren dia ban", "toan tinh",
              "tong gia tri tang them", "tong san pham"),
    "KV1": ("khu vuc i", "kv i", "kv1", "khu vuc 1", "nong lam nghiep va thuy san", "nong lam nghiep thuy san",
            "nong lam thuy san", "nong lam ngu nghiep", "sector i", "agriculture forestry and fishery"),
    "KV2": ("khu vuc ii", "kv ii", "kv2", "khu vuc 2", "cong nghiep va xay dung", "cong nghiep xay dung",
            "sector ii", "industry and construction"),
    "KV3": ("khu vuc iii", "kv iii", "kv3", "khu vuc 3", "dich vu", "cac nganh dich vu", "sector iii", "services"),
    "TAX": ("thue san pham tru tro cap san pham", "thue san pham tru tro cap", "thue sp tru tro cap sp",
            "thue san pham", "product taxes less subsidies on products", "product taxes less subsidies",
            "taxes less subsidies on products"),
}
# the indicator a title names: words that must all be there (normalised), first match wins
INDICATOR_WORDS = (
    ("GRDP_CURRENT", ("gia hien hanh",)), ("GRDP_CURRENT", ("current prices",)),
    ("GRDP", ("tong san pham",)), ("GRDP", ("grdp",)), ("GRDP", ("gross regional domestic product",)),
    ("GRDP", ("gia tri tang them",)), ("GRDP", ("gdp",)),
    ("BUDGET_REV", ("thu ngan sach",)), ("BUDGET_REV", ("budget revenue",)),
    ("PUBLIC_INV", ("giai ngan",)), ("PUBLIC_INV", ("dau tu cong",)), ("PUBLIC_INV", ("public investment",)),
    ("FDI", ("fdi",)), ("FDI", ("dau tu truc tiep nuoc ngoai",)), ("FDI", ("foreign direct",)),
    ("TOURISTS", ("khach du lich",)), ("TOURISTS", ("tourist",)),
    ("IIP", ("chi so san xuat cong nghiep",)), ("IIP", ("iip",)),
    ("RETAIL", ("ban le",)), ("RETAIL", ("retail",)), ("EXPORTS", ("xuat khau",)), ("EXPORTS", ("export",)),
)
# units of measure (normalised) -> (the indicator's measure unit, normalised; power of ten to it)
MEASURES = {
    "ty dong": ("ty dong", 0), "ty vnd": ("ty dong", 0), "billion vnd": ("ty dong", 0), "bn vnd": ("ty dong", 0),
    "trieu dong": ("ty dong", -3), "tr dong": ("ty dong", -3), "trieu vnd": ("ty dong", -3),
    "million vnd": ("ty dong", -3), "nghin ty dong": ("ty dong", 3), "nghin ty": ("ty dong", 3),
    "nghin dong": ("ty dong", -6), "trieu usd": ("trieu usd", 0), "million usd": ("trieu usd", 0),
    "nghin usd": ("trieu usd", -3), "ty usd": ("trieu usd", 3), "nghin luot": ("nghin luot", 0),
    "nghin luot khach": ("nghin luot", 0), "thousand arrivals": ("nghin luot", 0), "luot": ("nghin luot", -3),
    "luot khach": ("nghin luot", -3), "trieu luot": ("nghin luot", 3), "%": ("%", 0),
}
_ENUMERATOR = re.compile(r"^(?:(?:[ivx]+|\d+(?:\.\d+)*|[a-z])\s*[.):-]|[-+*•–]|trong do\s*:?)\s*")
_NOTE_MARK = re.compile(r"\s*\(\s*(?:\*+|\d+)\s*\)\s*$")


@dataclass(frozen=True)
class Match:
    dim: str          # "sector" or "unit"
    code: str
    how: str          # code, zero (a lost leading zero restored), name, alias, fuzzy
    level: str = ""   # a unit's level: province, former_district, commune, country
    district: str = ""  # a commune's main former district


def clean_label(text) -> str:
    """'I. Nông, lâm nghiệp và thủy sản (*)' -> 'nong lam nghiep va thuy san'."""
    raw = _NOTE_MARK.sub("", str(text).strip())
    n = norm(raw)
    for _ in range(2):
        stripped = _ENUMERATOR.sub("", raw.strip().lower())
        if stripped == raw.strip().lower():
            break
        raw = stripped
    cleaned = norm(raw)
    return cleaned or n


def measure_of(text) -> tuple[str, int] | None:
    """'Đơn vị tính: Triệu đồng' -> ('ty dong', -3)."""
    n = norm(text)
    found = [(len(k), v) for k, v in MEASURES.items() if f" {k} " in f" {n} " and k != "%"]
    if found:
        return max(found)[1]
    return MEASURES["%"] if n in ("%", "phan tram", "percent") else None


def _bare(name: str) -> tuple[str, str]:
    """('phuong ha tu') -> ('ha tu', 'commune'); the kind its prefix or suffix says, '' when none."""
    n = norm(name)
    for words, kind in ((COMMUNE_WORDS, "commune"), (DISTRICT_WORDS, "former_district"),
                        (PROVINCE_WORDS, "province")):
        for w in sorted(words, key=len, reverse=True):
            if n.startswith(w + " "):
                return n[len(w) + 1:], kind
    for w, kind in SUFFIXES.items():
        if n.endswith(" " + w):
            return n[:-len(w) - 1], kind
    return n, ""


class Matcher:
    """The store's codes and names, ready to match labels against."""

    def __init__(self, units: pd.DataFrame, sectors: pd.DataFrame, indicators: pd.DataFrame):
        self.unit_rows = {r.code: r for r in units.itertuples()}
        self.sector_codes = set(sectors["code"])
        self.indicators = indicators
        self.sector_names: dict[str, str] = {}
        for code, aliases in SECTOR_ALIASES.items():
            self.sector_names.update({a: code for a in aliases})
        self.store_names = {norm(name) for r in sectors.itertuples() for name in (r.name_vi, r.name_en)}
        for r in sectors.itertuples():
            for name in (r.name_vi, r.name_en):
                self.sector_names.setdefault(norm(name), r.code)
        self.by_bare: dict[str, list[str]] = {}
        for r in units.itertuples():
            for name in (r.name_vi, r.name_en):
                bare, _ = _bare(name)
                if r.code not in self.by_bare.setdefault(bare, []):
                    self.by_bare[bare].append(r.code)

    @classmethod
    def from_store(cls, store) -> Matcher:
        return cls(store.run("unit_names"), store.run("sector_names"), store.run("indicators_all"))

    def _unit(self, code: str, how: str) -> Match:
        r = self.unit_rows[code]
        district = r.main_former_district if isinstance(r.main_former_district, str) else ""
        return Match("unit", code, how, r.level, district)

    def code(self, text) -> Match | None:
        """An exact unit or sector code ('06652', 'KV2', 'kv2'), or a unit code that lost its leading zero."""
        t = str(text).strip()
        if t in self.unit_rows:
            return self._unit(t, "code")
        if t.upper() in self.sector_codes:
            return Match("sector", t.upper(), "code")
        restored = restore_zero(t, self.unit_rows)
        return self._unit(restored, "zero") if restored else None

    def sector(self, label) -> Match | None:
        n = clean_label(label)
        if n in self.sector_names:
            return Match("sector", self.sector_names[n], "name" if n in self.store_names else "alias")
        close = difflib.get_close_matches(n, list(self.sector_names), n=3, cutoff=0.88) if len(n) > 6 else []
        codes = {self.sector_names[c] for c in close}
        return Match("sector", codes.pop(), "fuzzy") if len(codes) == 1 else None

    def units(self, label) -> list[Match]:
        """Every unit the label may name, narrowed by its prefix ('Phường', 'Huyện', 'TP.')."""
        n = clean_label(label)
        if n in WHOLE_PROVINCE:
            return [self._unit("22", "alias")] if "22" in self.unit_rows else []
        bare, kind = _bare(n)
        codes = self.by_bare.get(bare, [])
        if not codes and len(bare) > 4:
            close = difflib.get_close_matches(bare, list(self.by_bare), n=2, cutoff=0.9)
            codes = self.by_bare[close[0]] if len(close) == 1 else []
        found = [self._unit(c, "name") for c in codes]
        if kind:
            allowed = {kind, "province"} if kind == "former_district" else {kind}
            found = [m for m in found if m.level in allowed] or found
        return found

    def indicator(self, text) -> str | None:
        n = norm(text)
        for r in self.indicators.itertuples():
            if norm(r.name_vi) in n or norm(r.name_en) in n:
                return r.code
        return next((code for code, words in INDICATOR_WORDS if all(f" {w} " in f" {n} " for w in words)), None)

    def measure_unit(self, indicator: str) -> str:
        row = self.indicators[self.indicators["code"] == indicator]
        return norm(row["measure_unit_vi"].iloc[0]) if len(row) else ""


def restore_zero(code: str, known) -> str | None:
    """'6652' -> '06652' when exactly one known code is the text with its leading zeros back; else None."""
    if not code.isdigit() or code in known:
        return None
    found = {code.zfill(n) for n in (2, 5)} & set(known)
    found.discard(code)
    return found.pop() if len(found) == 1 else None


def restore_zeros(cells: pd.Series, known: set[str]) -> tuple[pd.Series, pd.DataFrame]:
    """Unit codes of a long file with their lost leading zeros back: (the column, the rows restored: old, new)."""
    candidates = cells[cells.str.fullmatch(r"\d{1,4}", na=False) & ~cells.isin(known)]
    mapping = {c: restore_zero(c, known) for c in candidates.unique()}
    mapping = {k: v for k, v in mapping.items() if v}
    changed = candidates[candidates.isin(list(mapping))]
    restored = pd.DataFrame({"old": changed, "new": changed.map(mapping)})
    return cells.where(~cells.index.isin(changed.index), cells.map(mapping)), restored
