"""Every engine query behind the pages, against the same aggregate in raw DuckDB SQL and in pandas.

Each case runs three ways on one store: the engine function the pages call
(monitor.engine through queries/*.sql), the floor (bench/sql/floor_*.sql: the same
figures written directly on the raw tables) and pandas on the observations table
loaded once into memory (what an analyst would otherwise do). `compare` checks that
the three agree, so a ratio never compares different answers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from bench import harness, run
from monitor.core import engine
from monitor.core.engine import AsOf
from monitor.core.reference import COUNTRY, PROVINCE
from monitor.core.store import Store
from monitor.leader import drill, status

AS_OF = AsOf(2025, 2)  # mid-year: every figure (quarter, year to date, previous quarter, last year) is defined
KEY = ["indicator", "unit_code", "sector_code", "year", "quarter"]


def in_force(obs: pd.DataFrame, mask: pd.Series) -> pd.DataFrame:
    """The figure in force per key among the masked rows: highest vintage, then newest batch."""
    sub = obs[mask].sort_values(["vrank", "batch_id"])
    return sub.drop_duplicates(KEY, keep="last")


def _period_sums(o: pd.DataFrame, by: str, year: int, quarter: int) -> pd.DataFrame:
    y, q = o["year"], o["quarter"]
    parts = {
        "q_now": (y == year) & (q == quarter), "q_prev": (y == year - 1) & (q == quarter),
        "y_now": (y == year) & (q <= quarter), "y_prev": (y == year - 1) & (q <= quarter),
        "annual_prev": y == year - 1,
        "p_now": (y == year) & (q < quarter) if quarter > 1 else y == year - 1,
        "p_prev": (y == year - 1) & (q < quarter) if quarter > 1 else y == year - 2,
    }
    return pd.DataFrame({k: o["value"].where(m).groupby(o[by]).sum(min_count=1) for k, m in parts.items()})


def pandas_sector_growth(obs: pd.DataFrame, tree: pd.DataFrame, indicator: str, unit: str, as_of: AsOf
                         ) -> pd.DataFrame:
    mask = (obs["indicator"] == indicator) & (obs["unit_code"] == unit) & obs["year"].between(
        as_of.year - 2, as_of.year)
    levels = _period_sums(in_force(obs, mask), "sector_code", as_of.year, as_of.quarter)
    total = levels.loc["TOTAL"]
    va_codes = set(tree.loc[tree["code"].isin(["KV1", "KV2", "KV3"]) | tree["parent_code"].isin(
        ["KV1", "KV2", "KV3"]), "code"])
    increase = levels["y_now"] - levels["y_prev"]
    out = pd.DataFrame({
        "annual_level_prev": levels["annual_prev"],
        "quarter_growth_pct": levels["q_now"] / levels["q_prev"] * 100 - 100,
        "ytd_growth_pct": levels["y_now"] / levels["y_prev"] * 100 - 100,
        "prev_ytd_growth_pct": levels["p_now"] / levels["p_prev"] * 100 - 100,
        "quarter_contribution_pp": (levels["q_now"] - levels["q_prev"]) / total["q_prev"] * 100,
        "ytd_contribution_pp": increase / total["y_prev"] * 100,
        "ytd_share_of_increase_pct": (increase / increase[["KV1", "KV2", "KV3"]].sum() * 100).where(
            levels.index.isin(va_codes)),
    })
    return out.rename_axis("sector_code").reset_index().sort_values("sector_code", ignore_index=True)


def pandas_unit_growth(obs: pd.DataFrame, units: pd.DataFrame, indicator: str, parent: str, level: str,
                       as_of: AsOf, sector: str = "TOTAL") -> pd.DataFrame:
    members = set(units.loc[(units["parent_code"] == parent) & (units["level"] == level), "code"])
    mask = ((obs["indicator"] == indicator) & (obs["sector_code"] == sector)
            & obs["year"].between(as_of.year - 2, as_of.year) & obs["unit_code"].isin(members | {parent}))
    levels = _period_sums(in_force(obs, mask), "unit_code", as_of.year, as_of.quarter)
    parent_prev = levels.loc[parent, "y_prev"]
    levels = levels.drop(index=parent)
    out = pd.DataFrame({
        "quarter_growth_pct": levels["q_now"] / levels["q_prev"] * 100 - 100,
        "ytd_growth_pct": levels["y_now"] / levels["y_prev"] * 100 - 100,
        "prev_ytd_growth_pct": levels["p_now"] / levels["p_prev"] * 100 - 100,
        "ytd_contribution_pp": (levels["y_now"] - levels["y_prev"]) / parent_prev * 100,
    })
    return out.rename_axis("unit_code").reset_index().sort_values("unit_code", ignore_index=True)


def pandas_ytd_path(obs: pd.DataFrame, indicator: str, unit: str, year: int) -> pd.DataFrame:
    mask = ((obs["indicator"] == indicator) & (obs["unit_code"] == unit) & (obs["sector_code"] == "TOTAL")
            & obs["year"].between(year - 2, year))
    o = in_force(obs, mask).sort_values(["year", "quarter"])
    o = o.assign(ytd=o.groupby("year")["value"].cumsum())[["year", "quarter", "ytd"]]
    prev = o.assign(year=o["year"] + 1)
    path = o.merge(prev, on=["year", "quarter"], suffixes=("", "_prev"))
    path = path[path["year"] >= year - 1]
    return pd.DataFrame({"year": path["year"].to_numpy(), "quarter": path["quarter"].to_numpy(),
                         "ytd_growth_pct": (path["ytd"] / path["ytd_prev"] * 100 - 100).to_numpy()})


def pandas_growth_series(obs: pd.DataFrame, indicator: str, unit: str, sector: str, since: int) -> pd.DataFrame:
    mask = ((obs["indicator"] == indicator) & (obs["unit_code"] == unit) & (obs["sector_code"] == sector)
            & (obs["year"] >= since - 1))
    o = in_force(obs, mask).sort_values(["year", "quarter"])
    o = o.assign(ytd=o.groupby("year")["value"].cumsum())[["year", "quarter", "value", "ytd"]]
    path = o.merge(o.assign(year=o["year"] + 1), on=["year", "quarter"], how="left", suffixes=("", "_prev"))
    path = path[path["year"] >= since]
    return pd.DataFrame({"year": path["year"].to_numpy(), "quarter": path["quarter"].to_numpy(),
                         "quarter_growth_pct": (path["value"] / path["value_prev"] * 100 - 100).to_numpy(),
                         "ytd_growth_pct": (path["ytd"] / path["ytd_prev"] * 100 - 100).to_numpy()})


def pandas_structure(obs: pd.DataFrame, tree: pd.DataFrame, indicator: str, unit: str, as_of: AsOf
                     ) -> pd.DataFrame:
    top = set(tree.loc[tree["parent_code"] == "TOTAL", "code"])
    mask = ((obs["indicator"] == indicator) & (obs["unit_code"] == unit) & obs["sector_code"].isin(top)
            & obs["year"].between(as_of.year - 1, as_of.year) & (obs["quarter"] <= as_of.quarter))
    o = in_force(obs, mask)
    y_now = o[o["year"] == as_of.year].groupby("sector_code")["value"].sum()
    y_prev = o[o["year"] == as_of.year - 1].groupby("sector_code")["value"].sum()
    out = pd.DataFrame({"share_pct": y_now / y_now.sum() * 100, "share_prev_pct": y_prev / y_prev.sum() * 100})
    return out.rename_axis("sector_code").reset_index()


def pandas_latest_quarter(obs: pd.DataFrame, indicator: str, unit: str) -> tuple[int, int]:
    o = obs.loc[(obs["indicator"] == indicator) & (obs["unit_code"] == unit) & (obs["sector_code"] == "TOTAL"),
                ["year", "quarter"]]
    top = o.sort_values(["year", "quarter"]).iloc[-1]
    return int(top["year"]), int(top["quarter"])


@dataclass
class Case:
    """One engine query behind a page, and the same figures two other ways."""

    name: str
    page: str                                   # the screen that shows it
    engine: Callable[[Store], object]
    floor: Callable[[Store], object]
    pandas: Callable[[dict], object]            # gets the loaded tables
    columns: tuple[str, ...] = ()               # figures compared in `compare`


def cases(scale: str) -> list[Case]:
    y, q = AS_OF.year, AS_OF.quarter
    sector_cols = ("annual_level_prev", "quarter_growth_pct", "ytd_growth_pct", "prev_ytd_growth_pct",
                   "quarter_contribution_pp", "ytd_contribution_pp", "ytd_share_of_increase_pct")
    unit_cols = ("quarter_growth_pct", "ytd_growth_pct", "prev_ytd_growth_pct", "ytd_contribution_pp")
    found = [
        Case("latest_quarter", "all pages", lambda s: engine.latest_quarter(s, "GRDP", PROVINCE),
             lambda s: run(s.con, "floor_latest_quarter", indicator="GRDP", unit=PROVINCE),
             lambda t: pandas_latest_quarter(t["obs"], "GRDP", PROVINCE)),
        Case("growth_by_sector", "overview, sectors",
             lambda s: status.sector_growth(s, "GRDP", PROVINCE, AS_OF),
             lambda s: run(s.con, "floor_growth_by_sector", indicator="GRDP", unit=PROVINCE, year=y, quarter=q),
             lambda t: pandas_sector_growth(t["obs"], t["tree"], "GRDP", PROVINCE, AS_OF), sector_cols),
        Case("growth_by_unit", "localities, lagging",
             lambda s: status.unit_growth(s, "GRDP", PROVINCE, "commune", AS_OF),
             lambda s: run(s.con, "floor_growth_by_unit", indicator="GRDP", parent=PROVINCE, level="commune",
                           sector="TOTAL", year=y, quarter=q),
             lambda t: pandas_unit_growth(t["obs"], t["units"], "GRDP", PROVINCE, "commune", AS_OF), unit_cols),
        Case("growth_series (header: every quarter)", "all pages (header)",
             lambda s: drill.growth_series(s, "GRDP", PROVINCE, "TOTAL", "latest", since=1900),
             lambda s: run(s.con, "floor_growth_series", indicator="GRDP", unit=PROVINCE, sector="TOTAL", since=1900),
             lambda t: pandas_growth_series(t["obs"], "GRDP", PROVINCE, "TOTAL", 1900),
             ("quarter_growth_pct", "ytd_growth_pct")),
        Case("growth_series (sector drill-down)", "sectors",
             lambda s: drill.growth_series(s, "GRDP", PROVINCE, "KV2", "latest", until=AsOf(y, 4)),
             lambda s: run(s.con, "floor_growth_series", indicator="GRDP", unit=PROVINCE, sector="KV2",
                           since=drill.SERIES_SINCE),
             lambda t: pandas_growth_series(t["obs"], "GRDP", PROVINCE, "KV2", drill.SERIES_SINCE),
             ("quarter_growth_pct", "ytd_growth_pct")),
        Case("structure_current_prices", "sectors",
             lambda s: drill.structure(s, "GRDP", PROVINCE, AS_OF),
             lambda s: run(s.con, "floor_structure", indicator="GRDP_CURRENT", unit=PROVINCE, year=y, quarter=q),
             lambda t: pandas_structure(t["obs"], t["tree"], "GRDP_CURRENT", PROVINCE, AS_OF),
             ("share_pct", "share_prev_pct")),
        Case("ytd_path", "overview (trajectory)", lambda s: status.ytd_path(s, "GRDP", PROVINCE, AsOf(y, 4)),
             lambda s: run(s.con, "floor_ytd_path", indicator="GRDP", unit=PROVINCE, year=y),
             lambda t: pandas_ytd_path(t["obs"], "GRDP", PROVINCE, y), ("ytd_growth_pct",)),
    ]
    if scale == "national":  # a ministry's view: the 34 provinces under the country
        found.append(Case(
            "growth_by_unit (34 provinces)", "localities (national)",
            lambda s: status.unit_growth(s, "GRDP", COUNTRY, "province", AS_OF),
            lambda s: run(s.con, "floor_growth_by_unit", indicator="GRDP", parent=COUNTRY, level="province",
                          sector="TOTAL", year=y, quarter=q),
            lambda t: pandas_unit_growth(t["obs"], t["units"], "GRDP", COUNTRY, "province", AS_OF), unit_cols))
    return found


def load_tables(store: Store) -> dict:
    """The analyst's starting point: the tables pulled into pandas once (not timed)."""
    return {"obs": run(store.con, "observations_loaded"), "tree": run(store.con, "sector_tree"),
            "units": store.run("unit_names")}


def _frame(result) -> pd.DataFrame:
    if isinstance(result, pd.DataFrame):
        return result
    if hasattr(result, "year"):  # an AsOf
        return pd.DataFrame({"year": [result.year], "quarter": [result.quarter]})
    return pd.DataFrame({"year": [result[0]], "quarter": [result[1]]})


def compare(case: Case, store: Store, tables: dict) -> float:
    """Largest absolute difference between the engine's figures and the floor's and pandas' (0 = same)."""
    eng, flo, pdf = (_frame(x) for x in (case.engine(store), case.floor(store), case.pandas(tables)))
    key = next(c for c in ("sector_code", "unit_code", "year") if c in eng)
    keys = [key, "quarter"] if key == "year" and "quarter" in eng else [key]
    cols = list(case.columns) or [c for c in eng.columns if c not in keys]
    worst = 0.0
    for other in (flo, pdf):
        a = eng.sort_values(keys, ignore_index=True)
        b = other.sort_values(keys, ignore_index=True)
        if a[keys].astype(str).values.tolist() != b[keys].astype(str).values.tolist():
            raise AssertionError(f"{case.name}: rows differ")
        for c in cols:
            diff = (a[c].astype(float) - b[c].astype(float)).abs()
            both_missing = a[c].isna() & b[c].isna()
            if (a[c].isna() != b[c].isna()).any():
                raise AssertionError(f"{case.name}: missing values differ in {c}")
            worst = max(worst, float(diff[~both_missing].max() if (~both_missing).any() else 0.0))
    return worst


def bench_queries(store: Store, scale: str, repeat: int = 7) -> list[dict]:
    """Each case three ways, with ratios: engine / floor (goal <= 1.5) and pandas / engine (goal >= 10)."""
    tables = load_tables(store)
    rows = []
    for case in cases(scale):
        diff = compare(case, store, tables)
        # in turn, round by round: the ratios are medians of paired runs, robust to outside load
        timed, ratio = harness.measure_paired({"duckdb": lambda c=case: c.floor(store),
                                               "engine": lambda c=case: c.engine(store),
                                               "pandas": lambda c=case: c.pandas(tables)}, repeat=repeat)
        rows.append({"query": case.name, "page": case.page, "max_abs_diff": diff, **timed,
                     "ratio_vs_duckdb": ratio["engine", "duckdb"],
                     "speedup_vs_pandas": ratio["pandas", "engine"]})
    report = harness.measure(lambda: status.report(store, "GRDP", PROVINCE, AS_OF), repeat=repeat)
    rows.append({"query": "status.report (whole overview)", "page": "overview", "engine": report})
    return rows
