"""Upload rules, declared as data, applied column-wise to a whole file.

Single-cell rules (required, types, choices, ranges) are a pandera schema built
from the Column records below; each check is named by the catalog key of its
message, so a failure becomes a Problem with row, column and value. Rules that
need the store's reference lists or several rows follow as vectorised masks.
Every problem is collected before anything is written; any error changes nothing.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pandera.pandas as pa

from monitor.core.errors import Problem
from monitor.upload.headers import ALIASES  # the one table of accepted column names
from monitor.upload.reader import normalise_header


# canonical column -> accepted header aliases (already normalised by reader.normalise_header)
@dataclass(frozen=True)
class Column:
    name: str
    kind: str        # "code", "int", "number", "choice", "text", "date"
    required: bool = True
    choices: tuple = ()
    choice_error: str = ""
    bounds: tuple[float, float] | None = None
    bounds_error: str = ""


YEAR_RANGE = (2010, 2030)
MAX_ABS_VALUE = 1e12  # above any provincial or national figure in billion VND
TOTAL_TOLERANCE_PCT = 0.1
# the vintages a figure may have, lowest first: the order of vintage_rank in queries/schema.sql, which ranks them in
# every query (tests/test_store.py checks the two agree); the demo and the templates take it from here
VINTAGES = ("estimate", "preliminary", "official")

OBSERVATION_COLUMNS = (
    Column("indicator", "code"), Column("unit_code", "code"), Column("sector_code", "code"),
    Column("year", "int", bounds=YEAR_RANGE, bounds_error="err.bad_year"),
    Column("quarter", "int", choices=(1, 2, 3, 4), choice_error="err.bad_quarter"),
    Column("value", "number", bounds=(-MAX_ABS_VALUE, MAX_ABS_VALUE), bounds_error="err.too_large"),
    Column("vintage", "choice", choices=VINTAGES, choice_error="err.bad_vintage"),
    Column("source", "text", required=False),
)
TARGET_COLUMNS = (
    Column("indicator", "code"), Column("unit_code", "code"), Column("sector_code", "code"),
    Column("year", "int", bounds=YEAR_RANGE, bounds_error="err.bad_year"),
    Column("period", "choice", choices=("Q1", "Q2", "Q3", "Q4", "H1", "9M", "Y"), choice_error="err.bad_period"),
    Column("value", "number", bounds=(-MAX_ABS_VALUE, MAX_ABS_VALUE), bounds_error="err.too_large"),
    Column("scope", "choice", choices=("provincial", "central"), choice_error="err.bad_scope"),
    Column("source", "text", required=False),
    # a range's upper bound (value is its lower bound) and the day the target took effect (empty: 1 January)
    Column("value_high", "number", required=False, bounds=(-MAX_ABS_VALUE, MAX_ABS_VALUE),
           bounds_error="err.too_large"),
    Column("effective_date", "date", required=False),
)
# Vietnamese words accepted for a choice column's values, already normalised (reader.normalise_header)
CHOICE_ALIASES = {"vintage": {"uoc_tinh": "estimate", "uoc": "estimate", "so_bo": "preliminary",
                              "chinh_thuc": "official"}}
_NONFINITE = ("nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity")


def _parsed(cells: pd.Series) -> pd.Series:
    return pd.to_numeric(cells, errors="coerce")


def _unparsable(cells: pd.Series) -> pd.Series:
    return cells.ne("") & _parsed(cells).isna() & ~cells.str.lower().isin(_NONFINITE)


def _formula(cells: pd.Series) -> pd.Series:
    return _unparsable(cells) & cells.str.match(r"^[=+\-@]")


def iso_date(text: str) -> str | None:
    """A day written 2025-08-05, 05/08/2025 or 5/8/2025 (day first, as Vietnamese documents date themselves),
    as ISO text; None when it is not one."""
    text = str(text).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _number_checks(c: Column) -> list[pa.Check]:
    def ok(s: pd.Series) -> pd.Series:
        return ~(_unparsable(s) & ~_formula(s))

    def finite(s: pd.Series) -> pd.Series:
        return ~s.str.lower().isin(_NONFINITE) & ~(s.ne("") & ~_unparsable(s) & ~np.isfinite(_parsed(s)))

    checks = [pa.Check(lambda s: ~_formula(s), name="err.formula"),
              pa.Check(ok, name="err.not_integer" if c.kind == "int" else "err.not_number"),
              pa.Check(finite, name="err.not_finite")]
    if c.kind == "int":
        checks.append(pa.Check(lambda s: ~(_parsed(s) % 1 > 0), name="err.not_integer.fraction"))
    if c.bounds:
        low, high = c.bounds
        checks.append(pa.Check(lambda s: ~(_parsed(s).notna() & ~_parsed(s).between(low, high)), name=c.bounds_error))
    if c.choices:
        checks.append(pa.Check(lambda s: ~(_parsed(s).notna() & ~_parsed(s).isin(c.choices)), name=c.choice_error))
    return checks


def cell_schema(columns: tuple[Column, ...]) -> pa.DataFrameSchema:
    """The single-cell rules as a pandera schema over the file's text cells."""
    spec = {}
    for c in columns:
        checks = [pa.Check(lambda s: s.ne(""), name="err.required")] if c.required else []
        if c.kind in ("int", "number"):
            checks += _number_checks(c)
        elif c.kind == "choice":
            checks.append(pa.Check(lambda s, ch=c.choices: s.eq("") | s.isin(ch), name=c.choice_error))
        elif c.kind == "date":
            checks.append(pa.Check(lambda s: s.eq("") | s.map(iso_date).notna(), name="err.bad_date"))
        spec[c.name] = pa.Column(str, checks, required=False, nullable=False)
    return pa.DataFrameSchema(spec, strict=False)


def _params(code: str, column: Column, value: str) -> tuple:
    if code == "err.bad_year":
        return (("min", YEAR_RANGE[0]), ("max", YEAR_RANGE[1]))
    if code == "err.too_large":
        return (("value", value),)
    return ()


def check_columns(frame: pd.DataFrame, columns: tuple[Column, ...]) -> tuple[pd.DataFrame, list[Problem]]:
    """Types and domains of single cells; returns typed columns (bad cells empty) and problems."""
    frame = frame.fillna("")
    for col, aliases in CHOICE_ALIASES.items():
        if col in frame:
            frame[col] = frame[col].map(lambda v, a=aliases: a.get(normalise_header(v), v))
    problems: list[Problem] = []
    try:
        cell_schema(columns).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        by_name = {c.name: c for c in columns}
        seen = set()
        for case in exc.failure_cases.itertuples():
            row, col = int(case.index), case.column
            code = str(case.check).removesuffix(".fraction")
            if (row, col) in seen:
                continue  # one message per cell: the first rule it breaks
            seen.add((row, col))
            value = frame.at[row, col]
            problems.append(Problem(row, col, value, code, _params(code, by_name[col], value)))
    bad = {(p.row, p.column) for p in problems}
    out = pd.DataFrame(index=frame.index)
    for c in columns:
        if c.name not in frame:
            out[c.name] = None
            continue
        cells = frame[c.name].where([(i, c.name) not in bad for i in frame.index], "")
        out[c.name] = (_parsed(cells.replace("", None)) if c.kind in ("int", "number")
                       else cells.map(iso_date) if c.kind == "date" else cells)
    return out, sorted(problems, key=lambda p: (p.row, list(frame.columns).index(p.column)))


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


def _problems(mask: pd.Series, frame: pd.DataFrame, column: str, code: str, **params) -> list[Problem]:
    items = tuple(params.items())
    return [Problem(int(i), column, frame.at[i, column], code, items) for i in frame.index[mask]]


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


def check_future(frame: pd.DataFrame, typed: pd.DataFrame, today: dt.date | None = None) -> list[Problem]:
    """No figure for a quarter that has not begun (estimates come near a quarter's end, never before it)."""
    today = today or dt.date.today()
    now = today.year * 10 + (today.month - 1) // 3 + 1
    future = (typed["year"] * 10 + typed["quarter"]) > now
    return [Problem(int(i), "year", frame.at[i, "year"], "upload.err.future_quarter", (
        ("year", int(typed.at[i, "year"])), ("quarter", int(typed.at[i, "quarter"])))) for i in typed.index[future]]


LEVEL_GROUP = ["indicator", "unit_code", "year", "quarter", "vintage"]  # one TOTAL and its parts


def check_unit_validity(frame: pd.DataFrame, typed: pd.DataFrame, units: pd.DataFrame) -> list[Problem]:
    """A unit that ended (a former district after 2025 Q2, Hoành Bồ after 2019) names its successors: the units
    whose main former district it was, or the one that took it over (unit_successors, Hạ Long for Hoành Bồ); one
    pass over the rows instead of one comparison of every row per ended unit (801 former districts at national
    scale)."""
    ended = units[units["valid_to"].notna()]
    if ended.empty:
        return []
    valid_to = {code: pd.Timestamp(v) for code, v in zip(ended["code"], ended["valid_to"])}
    end_key = {code: v.year * 10 + (v.month - 1) // 3 + 1 for code, v in valid_to.items()}
    heirs = units[units["main_former_district"].isin(list(valid_to))].groupby("main_former_district")["code"]
    successors = {code: ", ".join(group.tolist()) for code, group in heirs}
    if "successor_code" in ended:
        successors |= {code: heir for code, heir in zip(ended["code"], ended["successor_code"])
                       if isinstance(heir, str) and code not in successors}
    rows = typed[typed["unit_code"].isin(list(valid_to))]
    if rows.empty:
        return []
    late = rows[(rows["year"] * 10 + rows["quarter"]) > rows["unit_code"].map(end_key).astype(float)]
    return [Problem(int(i), "unit_code", code, "err.unit_not_valid", (
        ("unit", code), ("quarter", int(q)), ("year", int(y)), ("valid_to", str(valid_to[code].date())),
        ("successors", successors.get(code, "")))) for i, code, y, q in zip(
        late.index, late["unit_code"], late["year"], late["quarter"])]


def check_duplicates(frame: pd.DataFrame, typed: pd.DataFrame, key: list[str]) -> list[Problem]:
    dup = typed.duplicated(key, keep="first") & typed[key].notna().all(axis=1)
    if not dup.any():
        return []
    first = typed.reset_index().groupby(key, dropna=False)["index"].transform("first")
    first.index = typed.index
    return [Problem(int(i), "indicator", None, "err.duplicate_key", (("other", int(first.at[i])),))
            for i in typed.index[dup]]


def check_levels(frame: pd.DataFrame, typed: pd.DataFrame, kinds: dict, children: dict) -> list[Problem]:
    """Levels not negative; a TOTAL (or KV, or section with divisions: A = A01+A02+A03) row equals the sum of its
    components (all present)."""
    problems = []
    is_level = typed["indicator"].isin([code for code, kind in kinds.items() if kind in ("level", "plan")])
    negative = is_level & (typed["value"] < 0)
    problems += [Problem(int(i), "value", frame.at[i, "value"], "err.negative_level") for i in typed.index[negative]]
    complete = is_level & typed["value"].notna()
    for column in (c for c in LEVEL_GROUP if typed[c].hasnans):  # checking only columns with gaps: faster than dropna
        complete &= typed[column].notna()
    rows = typed[complete]
    parent_of = {kid: parent for parent, kids in children.items() for kid in kids}
    parts = rows[rows["sector_code"].isin(list(parent_of))]
    parts = parts.assign(parent=parts["sector_code"].map(parent_of))
    sums = parts.groupby([*LEVEL_GROUP, "parent"], sort=False)["value"].agg(["sum", "count"]).reset_index()
    parents = rows[rows["sector_code"].isin(list(children))].rename_axis("line").reset_index()
    both = parents.merge(sums, left_on=[*LEVEL_GROUP, "sector_code"], right_on=[*LEVEL_GROUP, "parent"], how="inner")
    both = both[both["count"] == both["sector_code"].map({p: len(k) for p, k in children.items()})]
    total, s = both["value"].to_numpy(float), both["sum"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        diff = np.where(total != 0, np.abs(total - s) / np.abs(total) * 100, np.where(s == 0, 0.0, math.inf))
    bad = diff > TOTAL_TOLERANCE_PCT
    for line, code, t, sm, d in zip(both["line"][bad], both["sector_code"][bad], total[bad], s[bad], diff[bad]):
        problems.append(Problem(int(line), "value", frame.at[line, "value"], "err.total_mismatch", (
            ("total", round(float(t), 1)), ("sum", round(sm, 1)), ("diff", round(d, 2)),  # numpy rounding, as before
            ("sector", code))))
    return problems
