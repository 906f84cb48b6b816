"""The trajectory figure, built from the demo data and checked trace by trace."""

from __future__ import annotations

import pytest

from monitor.core.engine import AsOf
from monitor.core.store import Store
from monitor.leader import charts, status


@pytest.fixture(scope="module")
def demo_store(demo_db):
    with Store(demo_db, read_only=True) as s:
        yield s


def test_ytd_path_follows_the_published_quang_ninh_path(demo_store):
    path = status.ytd_path(demo_store, "GRDP", "22", AsOf(2025, 3))
    this = path[path["year"] == 2025]["ytd_growth_pct"].round(2).tolist()
    last = path[path["year"] == 2024]
    assert this == [10.91, 11.03, 11.66]                      # stops at the as-of quarter
    assert len(last) == 4 and round(last["ytd_growth_pct"].iloc[-1], 2) == 8.42


def test_trajectory_figure_has_this_year_last_year_the_scenario_and_both_targets(demo_store):
    fig = charts.trajectory(**status.trajectory_inputs(demo_store, "GRDP", "22", AsOf(2025, 2)), lang="vi")
    names = [t.name for t in fig.data]
    assert names == ["2024", "Kịch bản của tỉnh", "2025"]
    this = fig.data[2]
    assert list(this.x) == ["Quý I", "6 tháng"]
    assert [round(v, 2) for v in this.y] == [10.91, 11.03]
    assert list(this.text) == ["10,91%", "11,03%"]
    # the cumulative path: Q1 10.5, 6 months (39299.7 * 1.105 + 43579.1 * 1.1214) / 82878.8 - 1 = 11.36%, year 14
    assert [round(v, 2) for v in fig.data[1].y][:2] == [10.5, 11.36] and list(fig.data[1].y)[-1] == 14.0
    lines = sorted(round(s.y0, 1) for s in fig.layout.shapes)
    assert lines == [12.5, 14.0]
    assert "Mục tiêu Tỉnh 14,0%" in [a.text for a in fig.layout.annotations]


def test_trajectory_figure_in_english(demo_store):
    fig = charts.trajectory(**status.trajectory_inputs(demo_store, "GRDP", "22", AsOf(2025, 4)), lang="en")
    assert list(fig.data[2].x) == ["Q1", "6 months", "9 months", "Full year"]
    assert fig.layout.title.text == "Cumulative growth in 2025 against the scenario"
