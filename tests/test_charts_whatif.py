"""The projected trajectory: the base chart untouched, one projected trace on top."""

from __future__ import annotations

import pandas as pd

from monitor.leader import charts
from monitor.whatif import charts as charts_whatif

PATH = pd.DataFrame({"year": [2024] * 4 + [2025] * 2, "quarter": [1, 2, 3, 4, 1, 2],
                     "ytd_growth_pct": [8.9, 8.5, 8.3, 8.42, 10.91, 11.03]})
PROJECTED = [{"quarter": 2, "ytd_growth_pct": 11.03}, {"quarter": 3, "ytd_growth_pct": 11.6},
             {"quarter": 4, "ytd_growth_pct": 11.9}]


def test_projected_path_is_drawn_from_the_as_of_quarter_to_the_year():
    base = charts.trajectory(PATH, 2025, {1: 10.5, 2: 12.14}, {"provincial": 14.0}, "vi")
    fig = charts_whatif.projected_trajectory(PATH, 2025, {1: 10.5, 2: 12.14}, {"provincial": 14.0}, PROJECTED, "vi")
    assert len(fig.data) == len(base.data) + 1
    assert [t.name for t in fig.data[:-1]] == [t.name for t in base.data]
    projected = fig.data[-1]
    assert projected.name == "Dự kiến"
    assert list(projected.x) == ["6 tháng", "9 tháng", "Cả năm"]
    assert list(projected.y) == [11.03, 11.6, 11.9]
    assert list(projected.text) == ["", "11,60%", "11,90%"]
    assert projected.line.dash == "dash" and projected.line.color == charts_whatif.PROJECTED


def test_nothing_is_projected_when_the_year_is_complete():
    fig = charts_whatif.projected_trajectory(PATH, 2025, {}, {}, [{"quarter": 4, "ytd_growth_pct": 11.89}], "en")
    assert [t.name for t in fig.data] == ["2024", "2025"]
    assert fig.layout.title.text == "Cumulative growth in 2025: actual and projected"
