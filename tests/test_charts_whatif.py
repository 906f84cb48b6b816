"""The projected trajectory: the base chart untouched, one projected trace on top."""

from __future__ import annotations

import pandas as pd
import pytest

from monitor.leader import charts
from monitor.leader import fit as fitting
from monitor.whatif import charts as charts_whatif

PATH = pd.DataFrame({"year": [2024] * 4 + [2025] * 2, "quarter": [1, 2, 3, 4, 1, 2],
                     "ytd_growth_pct": [8.9, 8.5, 8.3, 8.42, 10.91, 11.03]})
PROJECTED = [{"quarter": 2, "ytd_growth_pct": 11.03}, {"quarter": 3, "ytd_growth_pct": 11.6},
             {"quarter": 4, "ytd_growth_pct": 11.9}]


def test_projected_path_is_drawn_from_the_as_of_quarter_to_the_year():
    base = charts.trajectory(PATH, 2025, {1: 10.5, 2: 11.36}, {"provincial": 14.0}, "vi")
    fig = charts_whatif.projected_trajectory(PATH, 2025, {1: 10.5, 2: 11.36}, {"provincial": 14.0}, PROJECTED, "vi")
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
    assert fig.layout.title.text == "Growth to date in 2025: actual and projected"


ANNUAL = {"provincial": 14.0, "central": 12.5}
SCENARIO = {1: 10.5, 2: 11.36, 3: 13.1, 4: 14.0}  # the demo's cumulative path (Q2 12.14% is the quarter alone)


def layout_problems(fig, width: float) -> list[str]:
    """Where the chart's text would collide at `width` px (the what-if column at 1024 px): the title wider than the
    chart or reaching into the legend band, the legend over the plot, the y-axis title longer than the plot is
    high or wider than the left margin leaves beside the tick labels. Text widths from monitor/leader/fit.py."""
    problems, layout, m = [], fig.layout, fig.layout.margin
    height, plot_w = layout.height, width - m.l - m.r
    plot_h = height - m.t - m.b
    title = layout.title
    rows = fitting.lines(title.text)
    for line in rows:
        if fitting.text_px(line, title.font.size) > width - 12:
            problems.append(f"title line wider than the chart: {line}")
    # plotly puts the first baseline of a wrapped title (not its top) at y
    title_top = (1 - (title.y if title.y is not None else 0.9)) * height - (0.85 * title.font.size
                                                                             if len(rows) > 1 else 0)
    title_bottom = title_top + len(rows) * title.font.size * fitting.LINE
    legend = layout.legend
    names = [t.name for t in fig.data if t.showlegend is not False]
    room = width - m.r if (legend.x or 0) < 0 else plot_w        # left of the plot, plotly lends it the margin
    size = legend.font.size or 16
    band = charts_whatif.legend_px(charts_whatif.legend_rows(names, room, size), size)
    legend_y = 1.02 if legend.y is None else legend.y
    bottom = m.t - (legend_y - 1) * plot_h                          # px from the top of the chart
    if legend.yanchor != "bottom" or legend_y < 1:
        problems.append("legend not above the plot")
    if bottom - band < title_bottom - 1:
        problems.append(f"legend ({bottom - band:.0f} px) over the title (down to {title_bottom:.0f} px)")
    axis = layout.yaxis.title
    lines = fitting.lines(axis.text)
    if max(fitting.text_px(line, axis.font.size) for line in lines) > plot_h:
        problems.append("y-axis title longer than the plot is high")
    ticks = max(fitting.text_px(f"{v:.1f}%", layout.yaxis.tickfont.size or 17) for v in (8.0, 14.0))
    if ticks + len(lines) * axis.font.size * fitting.LINE > m.l:
        problems.append("y-axis title and tick labels wider than the left margin")
    return problems


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_title_legend_and_axis_title_fit_the_whatif_column_without_overlap(lang):
    """Issue 12: on the English what-if page at 1024 px the title ran over the legend and the y-axis title was
    cut. At the column's width the title fits and ends above the legend, the legend sits between the title and the
    plot, and the y-axis title fits beside the plot, in both languages."""
    fig = charts_whatif.projected_trajectory(PATH, 2025, SCENARIO, ANNUAL, PROJECTED, lang)
    assert layout_problems(fig, charts_whatif.FIT.width) == []
    assert fig.layout.showlegend and [t.name for t in fig.data][-1] == ("Dự kiến" if lang == "vi" else "Projected")
    assert "<br>" not in fig.layout.title.text                     # one line in the column at 1024 px
    if lang == "en":   # the long English axis title is wrapped evenly to the plot's height, not cut
        assert fig.layout.yaxis.title.text == "Growth on the same<br>period last year"


def test_the_overlap_check_fails_on_the_layout_the_page_had():
    """The check itself, on the layout issue 12 saw (the overview's title unwrapped, a 110 px top margin, the legend
    on the plot's width): title too wide, legend over it, axis title longer than the plot."""
    fig = charts_whatif.projected_trajectory(PATH, 2025, SCENARIO, ANNUAL, PROJECTED, "en")
    fig.update_layout(title=dict(text="Cumulative growth in 2025: actual and projected", y=1 - 10 / 400),
                      margin=dict(l=95, r=30, t=110, b=40), height=400, legend=dict(x=0, y=1),
                      yaxis=dict(title=dict(text="Growth on the same period last year")))
    problems = layout_problems(fig, charts_whatif.FIT.width)
    assert len(problems) == 3 and problems[0].startswith("title line wider than the chart")
    assert "over the title" in problems[1] and problems[2] == "y-axis title longer than the plot is high"
