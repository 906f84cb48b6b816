"""The trajectory chart with the what-if projection drawn on top (a pure function, tested directly).

charts.trajectory draws the year so far, last year, the scenario and the targets; this adds the
projected cumulative path from the as-of quarter to the full year, dashed, in Okabe-Ito vermillion,
and lays the chart out again for the what-if page's chart column (narrower than the overview's):
the title wrapped to that width, the legend in its own band between the title and the plot, the
left margin as wide as the tick labels and the y-axis title (wrapped to the plot's height) need.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from monitor.core import i18n
from monitor.leader import charts
from monitor.leader import fit as fitting
from monitor.leader.fit import Fit

PROJECTED = "#D55E00"
# The what-if page's chart column at 1024 px (measured 497 px; a little less, so the estimates err on the safe side).
FIT = Fit(width=490)
HEIGHT = 420  # the period labels stay above the fold at 1024x768
TOP_PAD, RIGHT, BOTTOM = 10, 20, 40   # px above the title, right of the plot, under it (the period labels)
TITLE, LEGEND, TICK, AXIS, LABEL = (FIT.px(s) for s in (charts.TITLE, charts.LEGEND, 17, 16, 20))


def projected_trajectory(path: pd.DataFrame, year: int, scenario: dict[int, float], annual: dict[str, float],
                         projected: list[dict], lang: str = "vi", notes: list[dict] | None = None) -> go.Figure:
    """projected: rows {quarter, ytd_growth_pct} from the as-of quarter (actual) to Q4 (projected); notes: the
    annotations in force (drawn where they fall in the year, core/marks.py)."""
    fig = charts.trajectory(path, year, scenario, annual, lang, fit=FIT, notes=notes)
    x = [i18n.period_label(q, lang) for q in (1, 2, 3, 4)]
    quarters = [p["quarter"] for p in projected]
    values = [p["ytd_growth_pct"] for p in projected]
    if len(projected) > 1:  # the first point is the actual as-of figure, already labelled
        fig.add_scatter(x=[x[q - 1] for q in quarters], y=values, mode="lines+markers+text",
                        name=i18n.t("whatif.chart.projected", lang),
                        line=dict(color=PROJECTED, width=4, dash="dash"),
                        marker=dict(size=13, symbol="circle-open", line=dict(width=3, color=PROJECTED)),
                        text=[""] + [i18n.pct(v, lang) for v in values[1:]],
                        # below the scenario (or the target) the label goes underneath, as on the base chart
                        textposition=["bottom center" if v < scenario.get(q, max(annual.values(), default=0))
                                      else "top center" for q, v in zip(quarters, values)],
                        textfont=dict(size=LABEL, color=PROJECTED))
    fig.update_traces(cliponaxis=False)  # labels at the first and last quarter stay whole
    fig.update_annotations(bgcolor="rgba(255,255,255,0.85)")  # a target's label stays legible where a line crosses
    ys = [v for t in fig.data for v in (() if t.y is None else t.y) if v is not None] + list(annual.values())
    return fit_layout(fig, i18n.t("whatif.chart.title", lang, year=year), i18n.t("chart.ytd_axis", lang), ys, lang)


def balanced(text: str, room: float, size: float) -> str:
    """Text wrapped to `room` px in as few lines as fit, the lines as even as can be ('Growth on the same /
    period last year', not '... period last / year')."""
    rows = len(fitting.lines(fitting.wrap(text, room, size)))
    if rows == 1:
        return text
    width = fitting.text_px(text, size) / rows
    while len(fitting.lines(wrapped := fitting.wrap(text, width, size))) > rows and width < room:
        width += 4
    return wrapped


def tick_px(values: list[float], lang: str) -> float:
    """The widest y tick label the values can bring ('14%', '−2%'; one decimal allowed for), px."""
    widest = max((abs(v) for v in values), default=10.0)
    sign = "−" if min(values, default=0) < 0 else ""
    return fitting.text_px(sign + i18n.pct(widest, lang, 1), TICK)


def legend_rows(names: list[str], width: float, size: float) -> int:
    """Rows of a horizontal legend `width` px wide, as plotly lays it out: each entry a 40 px symbol and its text,
    5 px apart; on one row when they all fit, else in columns as wide as the widest entry."""
    entries = [fitting.text_px(name, size) + 40 for name in names]
    if not entries or sum(entries) + 5 * (len(entries) - 1) < width:
        return 1
    column = max(entries) + 5
    return -(-len(entries) // max(1, int((width + 5) // column)))


def legend_px(rows: int, size: float) -> float:
    return rows * (size * fitting.LINE + 8) + 4


def fit_layout(fig: go.Figure, title: str, axis_title: str, values: list[float], lang: str) -> go.Figure:
    """Title, legend and margins laid out for FIT, top to bottom: the title, the legend band, room for a value
    label above the highest point, the plot; left of the plot the y-axis title and the tick labels."""
    text = balanced(title, FIT.width - 24, TITLE)
    title_h = len(fitting.lines(text)) * TITLE * fitting.LINE + 12
    names = [t.name for t in fig.data if t.showlegend is not False]
    label_gap = LABEL * fitting.LINE
    rows = legend_rows(names, FIT.width - RIGHT, LEGEND)   # the legend starts at the chart's left edge
    top = round(TOP_PAD + title_h + legend_px(rows, LEGEND) + label_gap)
    plot_h = HEIGHT - top - BOTTOM
    axis_text = balanced(axis_title, plot_h, AXIS)       # the axis title stands along the plot's height
    left = round(tick_px(values, lang) + len(fitting.lines(axis_text)) * AXIS * fitting.LINE + 18)
    plot_w = FIT.width - left - RIGHT
    drop = TOP_PAD + (0.85 * TITLE if "<br>" in text else 0)  # plotly puts a wrapped title's first baseline at y
    fig.update_layout(
        height=HEIGHT, margin=dict(l=left, r=RIGHT, t=top, b=BOTTOM), showlegend=True,
        title=dict(text=text, font=dict(size=TITLE, color=charts.INK), x=0, xref="container", xanchor="left",
                   y=1 - drop / HEIGHT, yref="container", yanchor="top", pad=dict(l=6)),
        # x left of the plot: plotly then lets the legend use the margin's width too
        legend=dict(orientation="h", x=-left / plot_w, xanchor="left", y=1 + label_gap / plot_h, yanchor="bottom",
                    font=dict(size=LEGEND), traceorder="normal"),
        yaxis=dict(title=dict(text=axis_text, font=dict(size=AXIS), standoff=8), tickfont=dict(size=TICK)))
    return fig
