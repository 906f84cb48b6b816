"""Drill-down figures, checked against hand-computed values (tests/fixtures/bridge_q1.csv).

Quarter I levels, constant prices:      KV1  KV2  KV3  TAX  TOTAL
    2023                                 10   40   40   10   100
    2024                                 11   44   42   11   108  (+8.00%)
    2025                                 11   50   45   12   118  (+9.2593%)
Current prices 2024: 25/75/75/25 (shares 12.5/37.5/37.5/12.5); 2025: 20/80/80/20 (10/40/40/10).
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES
from monitor.core.engine import AsOf
from monitor.leader import drill
from monitor.upload import ingest

Q1_2025 = AsOf(2025, 1)


@pytest.fixture
def bridge_store(store):
    ingest.load_observations(store, FIXTURES / "bridge_q1.csv", "test")
    return store


def test_contribution_bridge_goes_from_last_years_growth_to_this_years(bridge_store):
    b = drill.contribution_bridge(bridge_store, "GRDP", "22", Q1_2025)
    assert b["start_year"] == 2024 and b["end_year"] == 2025
    assert b["start_pct"] == pytest.approx(8.0)
    assert b["end_pct"] == pytest.approx(10 / 108 * 100)                       # 9.2593
    steps = {s["sector_code"]: s for s in b["steps"]}
    assert [s["sector_code"] for s in b["steps"]] == ["KV1", "KV2", "KV3", "TAX"]
    assert steps["KV1"]["contribution_prev_pp"] == pytest.approx(1.0)           # (11-10)/100
    assert steps["KV1"]["contribution_pp"] == pytest.approx(0.0)                # (11-11)/108
    assert steps["KV2"]["change_pp"] == pytest.approx(6 / 108 * 100 - 4.0)      # +1.5556
    assert steps["TAX"]["change_pp"] == pytest.approx(1 / 108 * 100 - 1.0)      # -0.0741
    assert b["start_pct"] + sum(s["change_pp"] for s in b["steps"]) == pytest.approx(b["end_pct"])


def test_structure_at_current_prices(bridge_store):
    frame = drill.structure(bridge_store, "GRDP", "22", Q1_2025)
    assert frame["sector_code"].tolist() == ["KV1", "KV2", "KV3", "TAX"]
    assert frame["share_pct"].tolist() == pytest.approx([10, 40, 40, 10])
    assert frame["share_prev_pct"].tolist() == pytest.approx([12.5, 37.5, 37.5, 12.5])


def test_structure_is_empty_for_an_indicator_without_a_current_price_twin(bridge_store):
    assert drill.structure(bridge_store, "IIP", "22", Q1_2025).empty


def test_growth_series_quarter_and_year_to_date(small_store):
    frame = drill.growth_series(small_store, "GRDP", "22", "TOTAL")
    assert frame[["year", "quarter"]].values.tolist() == [[2024, q] for q in (1, 2, 3, 4)] + [[2025, 1], [2025, 2]]
    y2025 = frame[frame["year"] == 2025]
    assert y2025["quarter_growth_pct"].tolist() == pytest.approx([100.5 / 90 * 100 - 100, 111 / 102 * 100 - 100])
    assert y2025["ytd_growth_pct"].tolist() == pytest.approx([100.5 / 90 * 100 - 100, 211.5 / 192 * 100 - 100])
    assert frame[frame["year"] == 2024]["ytd_growth_pct"].isna().all()          # no 2023 to compare with


def test_growth_series_as_first_published_and_cut_at_the_as_of_quarter(small_store):
    first = drill.growth_series(small_store, "GRDP", "22", "TOTAL", "first", until=AsOf(2025, 2))
    assert first.iloc[-1]["quarter_growth_pct"] == pytest.approx(109 / 102 * 100 - 100)   # the estimate
    cut = drill.growth_series(small_store, "GRDP", "22", "TOTAL", until=AsOf(2025, 1))
    assert (cut["year"].max(), cut[cut["year"] == 2025]["quarter"].max()) == (2025, 1)


def test_demo_bridge_reproduces_the_published_path(demo_db):
    from monitor.core.store import Store

    with Store(demo_db, read_only=True) as s:
        b = drill.contribution_bridge(s, "GRDP", "22", AsOf(2025, 4))
    assert round(b["start_pct"], 2) == 8.42 and round(b["end_pct"], 2) == 11.89
    assert b["start_pct"] + sum(x["change_pp"] for x in b["steps"]) == pytest.approx(b["end_pct"], abs=1e-9)
