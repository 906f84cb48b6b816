"""Upload rules, declared as data, applied column-wise to a whole file.

Every problem is collected (row, column, value, message key) before anything is
written; a file with any error changes nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from monitor.errors import Problem

# canonical column -> accepted header aliases (already normalised by reader.normalise_header)
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
}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str        # "code", "int", "number", "choice", "text"
    required: bool = True
    choices: tuple[str, ...] = ()
    choice_error: str = ""


OBSERVATION_COLUMNS = (
    Column("indicator", "code"), Column("unit_code", "code"), Column("sector_code", "code"),
    Column("year", "int"), Column("quarter", "int"), Column("value", "number"),
    Column("vintage", "choice", choices=("estimate", "preliminary", "official"),
           choice_error="err.bad_vintage"),
    Column("source", "text", required=False),
)
TARGET_COLUMNS = (
    Column("indicator", "code"), Column("unit_code", "code"), Column("sector_code", "code"),
    Column("year", "int"), Column("period", "choice", choices=("Q1", "H1", "9M", "Y"),
                                  choice_error="err.bad_period"),
    Column("value", "number"),
    Column("scope", "choice", choices=("provincial", "central"), choice_error="err.bad_scope"),
    Column("source", "text", required=False),
)
YEAR_RANGE = (2010, 2030)
MAX_ABS_VALUE = 1e12  # above any provincial or national figure in billion VND
TOTAL_TOLERANCE_PCT = 0.1


def _problems(mask: pd.Series, frame: pd.DataFrame, column: str, code: str, **params) -> list[Problem]:
    items = tuple(params.items())
    return [Problem(int(i), column, frame.at[i, column], code, items) for i in frame.index[mask]]


def rename_columns(frame: pd.DataFrame, columns: tuple[Column, ...]) -> tuple[pd.DataFrame, list[Problem]]:
    wanted = {c.name for c in columns}
    mapping, problems = {}, []
    for header in frame.columns:
        canonical = next((k for k, v in ALIASES.items() if header in v and k in wanted), None)
        if canonical is None:
            problems.append(Problem(None, header, None, "err.unknown_column", (("column", header),)))
        else:
            mapping[header] = canonical
    frame = frame.rename(columns=mapping)
    for c in columns:
        if c.required and c.name not in frame:
            problems.append(Problem(None, c.name, None, "err.missing_column", (("column", c.name),)))
    return frame, problems


def check_columns(frame: pd.DataFrame, columns: tuple[Column, ...]) -> tuple[pd.DataFrame, list[Problem]]:
    """Types and domains of single cells; returns typed columns and problems."""
    problems: list[Problem] = []
    out = pd.DataFrame(index=frame.index)
    for c in columns:
        if c.name not in frame:
            out[c.name] = None
            continue
        cells = frame[c.name].fillna("")
        empty = cells == ""
        if c.required:
            problems += _problems(empty, frame, c.name, "err.required")
        if c.kind in ("code", "text"):
            out[c.name] = cells
        elif c.kind == "choice":
            problems += _problems(~empty & ~cells.isin(c.choices), frame, c.name, c.choice_error)
            out[c.name] = cells
        else:
            numbers = pd.to_numeric(cells, errors="coerce")
            bad = ~empty & numbers.isna() & ~cells.str.lower().isin(("nan", "inf", "-inf", "infinity"))
            formula = bad & cells.str.match(r"^[=+\-@]")
            problems += _problems(formula, frame, c.name, "err.formula")
            key = "err.not_integer" if c.kind == "int" else "err.not_number"
            problems += _problems(bad & ~formula, frame, c.name, key)
            nonfinite = ~empty & ~bad & ~numbers.map(lambda x: isinstance(x, float) and math.isfinite(x)
                                                     or isinstance(x, int))
            problems += _problems(nonfinite, frame, c.name, "err.not_finite")
            if c.kind == "int":
                fractional = numbers.notna() & (numbers % 1 != 0)
                problems += _problems(fractional & ~bad, frame, c.name, "err.not_integer")
            else:
                huge = numbers.abs() > MAX_ABS_VALUE
                problems += [Problem(int(i), c.name, frame.at[i, c.name], "err.too_large",
                                     (("value", frame.at[i, c.name]),)) for i in frame.index[huge]]
            out[c.name] = numbers
    if "year" in out:
        years = out["year"]
        problems += _problems(years.notna() & ~years.between(*YEAR_RANGE), frame, "year", "err.bad_year",
                              min=YEAR_RANGE[0], max=YEAR_RANGE[1])
    if "quarter" in out:
        q = out["quarter"]
        problems += _problems(q.notna() & ~q.isin((1, 2, 3, 4)), frame, "quarter", "err.bad_quarter")
    return out, problems


def check_codes(frame: pd.DataFrame, typed: pd.DataFrame, known: dict) -> list[Problem]:
    """Indicator, unit and sector codes against the store's reference tables."""
    problems = []
    problems += _problems(typed["indicator"].ne("") & ~typed["indicator"].isin(known["indicators"]),
                          frame, "indicator", "err.unknown_indicator",
                          known=", ".join(sorted(known["indicators"])))
    problems += _problems(typed["unit_code"].ne("") & ~typed["unit_code"].isin(known["units"]),
                          frame, "unit_code", "err.unknown_unit")
    problems += _problems(typed["sector_code"].ne("") & ~typed["sector_code"].isin(known["sectors"]),
                          frame, "sector_code", "err.unknown_sector")
    return problems


def check_unit_validity(frame: pd.DataFrame, typed: pd.DataFrame, units: pd.DataFrame) -> list[Problem]:
    """A unit that ended (a former district after 2025 Q2) names its successors."""
    ended = units[units["valid_to"].notna()]
    problems = []
    for unit in ended.itertuples():
        valid_to = pd.Timestamp(unit.valid_to)
        end_key = valid_to.year * 10 + (valid_to.month - 1) // 3 + 1
        rows = typed[(typed["unit_code"] == unit.code)
                     & (typed["year"] * 10 + typed["quarter"] > end_key)]
        successors = units.loc[units["main_former_district"] == unit.code, "code"].tolist()
        for i in rows.index:
            problems.append(Problem(int(i), "unit_code", unit.code, "err.unit_not_valid", (
                ("unit", unit.code), ("quarter", int(typed.at[i, "quarter"])), ("year", int(typed.at[i, "year"])),
                ("valid_to", str(valid_to.date())), ("successors", ", ".join(successors)))))
    return problems


def check_duplicates(frame: pd.DataFrame, typed: pd.DataFrame, key: list[str]) -> list[Problem]:
    dup = typed.duplicated(key, keep="first") & typed[key].notna().all(axis=1)
    first = typed.reset_index().groupby(key, dropna=False)["index"].transform("first")
    first.index = typed.index
    return [Problem(int(i), "indicator", None, "err.duplicate_key", (("other", int(first.at[i])),))
            for i in typed.index[dup]]


def check_levels(frame: pd.DataFrame, typed: pd.DataFrame, kinds: dict, children: dict) -> list[Problem]:
    """Levels not negative; a TOTAL (or KV) row equals the sum of its components."""
    problems = []
    is_level = typed["indicator"].map(kinds).isin(("level", "plan"))
    problems += _problems(is_level & (typed["value"] < 0), frame, "value", "err.negative_level")
    group = ["indicator", "unit_code", "year", "quarter", "vintage"]
    rows = typed[is_level & typed["value"].notna()]
    for parent, kids in children.items():
        parents = rows[rows["sector_code"] == parent]
        if parents.empty:
            continue
        parts = rows[rows["sector_code"].isin(kids)]
        sums = parts.groupby(group)["value"].agg(["sum", "count"])
        for i, prow in parents.iterrows():
            k = tuple(prow[g] for g in group)
            if k not in sums.index or sums.loc[k, "count"] != len(kids):
                continue  # components not all in the file: nothing to compare
            total, s = prow["value"], sums.loc[k, "sum"]
            diff = abs(total - s) / abs(total) * 100 if total else (0 if s == 0 else math.inf)
            if diff > TOTAL_TOLERANCE_PCT:
                problems.append(Problem(int(i), "value", frame.at[i, "value"], "err.total_mismatch", (
                    ("total", round(total, 1)), ("sum", round(s, 1)), ("diff", round(diff, 2)))))
    return problems
