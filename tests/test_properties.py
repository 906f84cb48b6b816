"""Properties that hold for any figures: contributions add up to total growth,
shares of the increase add up to 100, year-to-date growth at Q4 is annual growth."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitor.core import engine, reference
from monitor.core.engine import AsOf
from monitor.core.store import sql
from monitor.leader import status

COMPONENTS = ("KV1", "KV2", "KV3", "TAX")
level = st.floats(min_value=1.0, max_value=1e6, allow_nan=False, allow_infinity=False)
quarters = st.lists(level, min_size=4, max_size=4)


class MemoryStore:
    """The store's named queries over an in-memory database (fast enough for hypothesis)."""

    def __init__(self):
        self.con = duckdb.connect()
        self.con.execute(sql("schema"))
        self.con.register("staged", reference.sectors_frame())
        self.con.execute(sql("seed_sectors"))
        self.con.execute("INSERT INTO load_batches (kind, file_name, sha256, row_count, user_name, outcome) "
                         "VALUES ('observations', 'x', 'x', 0, 'test', 'loaded')")

    def run(self, name, **params):
        return self.con.cursor().execute(sql(name), params).df()


@pytest.fixture(scope="module")
def mem():
    return MemoryStore()


def load(mem, data: dict) -> None:
    mem.con.execute("DELETE FROM observations")
    rows = [("GRDP", "22", sector, year, q + 1, v, "official", 1, None)
            for (sector, year), values in data.items() for q, v in enumerate(values)]
    for year in {y for _, y in data}:
        totals = [sum(data[(c, year)][q] for c in COMPONENTS) for q in range(4)]
        rows += [("GRDP", "22", "TOTAL", year, q + 1, v, "official", 1, None) for q, v in enumerate(totals)]
    mem.con.register("rows_df", pd.DataFrame(rows, columns=[
        "indicator", "unit_code", "sector_code", "year", "quarter", "value", "vintage", "batch_id", "source"]))
    mem.con.execute("INSERT INTO observations SELECT * FROM rows_df")
    mem.con.unregister("rows_df")


data_strategy = st.fixed_dictionaries({(c, y): quarters for c in COMPONENTS for y in (2024, 2025)})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=data_strategy, quarter=st.integers(1, 4))
def test_contributions_in_points_add_up_to_total_growth(mem, data, quarter):
    load(mem, data)
    rows = status.sector_growth(mem, "GRDP", "22", AsOf(2025, quarter)).set_index("sector_code")
    for prefix in ("quarter", "ytd"):
        parts = rows.loc[list(COMPONENTS), f"{prefix}_contribution_pp"].sum()
        assert parts == pytest.approx(rows.loc["TOTAL", f"{prefix}_growth_pct"], rel=1e-9, abs=1e-9)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=data_strategy, quarter=st.integers(1, 4))
def test_shares_of_the_value_added_increase_add_up_to_100(mem, data, quarter):
    load(mem, data)
    rows = status.sector_growth(mem, "GRDP", "22", AsOf(2025, quarter)).set_index("sector_code")
    increase = sum(sum(data[(c, 2025)][:quarter]) - sum(data[(c, 2024)][:quarter]) for c in COMPONENTS[:3])
    if abs(increase) < 1e-3:
        return  # no increase to share out
    shares = rows.loc[["KV1", "KV2", "KV3"], "ytd_share_of_increase_pct"]
    assert shares.sum() == pytest.approx(100.0, rel=1e-6)
    assert pd.isna(rows.loc["TAX", "ytd_share_of_increase_pct"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=data_strategy)
def test_year_to_date_growth_at_q4_is_annual_growth(mem, data):
    load(mem, data)
    rows = status.sector_growth(mem, "GRDP", "22", AsOf(2025, 4)).set_index("sector_code")
    for c in COMPONENTS:
        annual = sum(data[(c, 2025)]) / sum(data[(c, 2024)]) * 100 - 100
        assert rows.loc[c, "ytd_growth_pct"] == pytest.approx(annual, rel=1e-9, abs=1e-9)


@given(target=st.floats(-20, 40), ytd=st.floats(1, 1e6), rest=st.floats(1, 1e6), prev_ytd=st.floats(1, 1e6))
def test_growing_at_the_required_rate_reaches_the_target(target, ytd, rest, prev_ytd):
    annual_prev = prev_ytd + rest
    required = engine.required_growth_pct(target, annual_prev, ytd, rest)
    year = ytd + rest * (1 + required / 100)
    assert year / annual_prev * 100 - 100 == pytest.approx(target, abs=1e-6)
