"""Reference data: the unit list, the sector tree, the indicator list and the publishers' conventions.

Units come from the vietnam-provinces package (official codes after 1 July 2025)
plus committed files: the 13 former districts, each new unit's main former
district, and the units' history (data/unit_history.csv: a district that ended
earlier, Hoành Bồ, and names valid until a date, Thị xã Đông Triều).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

import pandas as pd

from monitor.core.store import ROOT, Store, sql

DATA = ROOT / "data"
PROVINCE = "22"
COUNTRY = "VN"
REFORM_DATE = "2025-07-01"  # the district level ends on 30 June 2025
FIRST_DATE = "2019-01-01"
_DIVISION_EN = {"phường": "Ward", "xã": "Commune", "đặc khu": "Special Zone"}


def ascii_name(text: str) -> str:
    """'Phường Hà Tu' -> 'Phuong Ha Tu' (đ has no decomposition, so map it)."""
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _district_type(name: str) -> str:
    for prefix in ("Thành phố", "Thị xã", "Huyện"):
        if name.startswith(prefix):
            return prefix.lower()
    return "huyện"


def units_frame() -> pd.DataFrame:
    import vietnam_provinces as vp

    rows = [{
        "code": COUNTRY, "name_vi": "Cả nước", "name_en": "Viet Nam", "level": "country",
        "division_type": None, "parent_code": None, "main_former_district": None,
        "valid_from": FIRST_DATE, "valid_to": None,
    }]
    # The 34 provinces after 1 July 2025 (Quang Ninh kept its code and borders);
    # others are here so national figures and comparisons can be loaded.
    for province in vp.Province.iter_all():
        kind = province.division_type.value
        city = kind != "tỉnh"
        bare = province.name.removeprefix("Thành phố ")
        rows.append({
            "code": f"{int(province.code):02d}",
            "name_vi": f"{'Thành phố' if city else 'Tỉnh'} {bare}",
            "name_en": f"{ascii_name(bare)} {'City' if city else 'Province'}",
            "level": "province", "division_type": kind, "parent_code": COUNTRY,
            "main_former_district": None, "valid_from": FIRST_DATE, "valid_to": None,
        })
    districts = pd.read_csv(DATA / "former_districts.csv", dtype=str)
    for d in districts.itertuples():
        rows.append({"code": d.code, "name_vi": d.name_vi, "name_en": d.name_en,
                     "level": "former_district", "division_type": _district_type(d.name_vi),
                     "parent_code": PROVINCE, "main_former_district": None,
                     "valid_from": d.valid_from, "valid_to": d.valid_to})
    for h in pd.read_csv(DATA / "unit_history.csv", dtype=str).itertuples():
        rows.append({"code": h.code, "name_vi": h.name_vi, "name_en": h.name_en, "level": h.level,
                     "division_type": _district_type(h.name_vi), "parent_code": PROVINCE,
                     "main_former_district": None, "valid_from": h.valid_from, "valid_to": h.valid_to})
    main = pd.read_csv(DATA / "commune_main_district.csv", dtype=str).set_index("code")
    for ward in vp.Ward.iter_by_province(vp.ProvinceCode(int(PROVINCE))):
        code = f"{int(ward.code):05d}"
        kind = ward.division_type.value
        bare = ward.name[len(kind) + 1:] if ward.name.lower().startswith(kind) else ward.name
        rows.append({"code": code, "name_vi": unicodedata.normalize("NFC", ward.name),
                     "name_en": f"{ascii_name(bare)} {_DIVISION_EN.get(kind, '')}".strip(),
                     "level": "commune", "division_type": kind, "parent_code": PROVINCE,
                     "main_former_district": main.loc[code, "main_former_district"],
                     "valid_from": REFORM_DATE, "valid_to": None})
    frame = pd.DataFrame(rows)
    for col in ("valid_from", "valid_to"):
        frame[col] = pd.to_datetime(frame[col]).dt.date
    return frame.sort_values(["level", "code"], ignore_index=True)


def sectors_frame() -> pd.DataFrame:
    return pd.read_csv(DATA / "sectors.csv", dtype={"code": str, "parent_code": str})


def indicators_frame() -> pd.DataFrame:
    return pd.read_csv(DATA / "indicators.csv", dtype=str).astype({"sort_order": int})


def conventions_frame() -> pd.DataFrame:
    """Per indicator and unit ('*': any), the base of contributions and of shares of the increase."""
    return pd.read_csv(DATA / "conventions.csv", dtype=str)


def successors_frame() -> pd.DataFrame:
    """Units that ended and the unit that took each over, from the day after the end."""
    history = pd.read_csv(DATA / "unit_history.csv", dtype=str).dropna(subset=["successor_code"])
    return pd.DataFrame({"code": history["code"], "successor_code": history["successor_code"],
                         "effective": (pd.to_datetime(history["valid_to"]) + pd.Timedelta(days=1)).dt.date,
                         "source": history["source"]})


def seed(store: Store) -> None:
    """Insert or refresh the reference tables (safe to run again)."""
    with store.transaction() as cur:
        for name, frame in (("units", units_frame()), ("sectors", sectors_frame()),
                            ("indicators", indicators_frame()), ("publisher_conventions", conventions_frame()),
                            ("unit_successors", successors_frame())):
            cur.register("staged", frame)
            cur.execute(sql(f"seed_{name}"))
            cur.unregister("staged")


@dataclass(frozen=True)
class Labels:
    """The names of codes in one language: what the views put where a report has a code."""

    sector: dict[str, str]
    unit: dict[str, str]
    indicator: dict[str, str]
    measure_unit: dict[str, str]


def period_end(year: int, quarter: int) -> dt.date:
    """The last day of a quarter (of the period to date that ends with it)."""
    return dt.date(year, 12, 31) if quarter == 4 else dt.date(year, quarter * 3 + 1, 1) - dt.timedelta(days=1)


def labels(store: Store, lang: str, as_of=None) -> Labels:
    """Sector, unit and indicator names (and indicators' measure units) in the reader's language. With an as-of
    quarter (anything with .year and .quarter), a unit is named as it was at the end of that quarter (Thị xã Đông
    Triều at 2024 Q3, Thành phố Đông Triều from 2024 Q4); without one, by its newest name."""
    indicators = store.records("indicators_all")
    units = (store.records("unit_names") if as_of is None
             else store.records("unit_names_at", day=period_end(as_of.year, as_of.quarter)))
    return Labels(
        sector={r["code"]: r[f"name_{lang}"] for r in store.records("sector_names")},
        unit={r["code"]: r[f"name_{lang}"] for r in units},
        indicator={r["code"]: r[f"name_{lang}"] for r in indicators},
        measure_unit={r["code"]: r[f"measure_unit_{lang}"] for r in indicators},
    )
