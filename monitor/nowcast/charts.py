"""Figures of the nowcast (pure: report -> plotly Figure): the estimate beside the last published quarter, and the
track record of past estimates against the published figures."""

from __future__ import annotations

import plotly.graph_objects as go

from monitor.core import i18n
from monitor.nowcast.views import track_rows

PUBLISHED, ESTIMATE = "#1f4e79", "#c55a11"
FONT = {"size": 16}


def estimate_figure(report: dict, last_published: tuple[int, int, float] | None, lang: str) -> go.Figure:
    """Two bars: the last published quarter (solid) and the model estimate (hatched, with its band)."""
    fig = go.Figure()
    if last_published:
        y, q, value = last_published
        fig.add_bar(x=[i18n.t("nowcast.chart.last_published", lang, quarter=i18n.quarter_label(y, q, lang))],
                    y=[value], marker_color=PUBLISHED, text=[i18n.pct(value, lang)], textposition="inside",
                    name=i18n.t("nowcast.chart.published", lang))
    band = report["band_pp"]
    fig.add_bar(x=[i18n.t("nowcast.chart.estimate", lang,
                          quarter=i18n.quarter_label(report["year"], report["quarter"], lang))],
                y=[report["nowcast_pct"]], marker={"color": "white", "line": {"color": ESTIMATE, "width": 2},
                                                   "pattern": {"shape": "/", "fgcolor": ESTIMATE, "size": 10}},
                error_y=None if band is None else {"type": "data", "array": [band], "color": "#333", "width": 12,
                                                   "thickness": 2},
                name=i18n.t("nowcast.label", lang))
    fig.add_annotation(x=1 if last_published else 0, y=report["band_high_pct"] or report["nowcast_pct"],
                       text=f"<b>{i18n.pct(report['nowcast_pct'], lang)}</b>", showarrow=False, yshift=16,
                       font={"color": ESTIMATE, "size": 18})
    top = max([v for v in (report["band_high_pct"], report["nowcast_pct"], last_published and last_published[2])
               if v is not None] or [1])
    fig.update_layout(height=300, margin={"l": 60, "r": 10, "t": 10, "b": 40}, showlegend=False, font=FONT,
                      plot_bgcolor="white", bargap=0.45,
                      yaxis={"title": i18n.t("nowcast.chart.y", lang), "range": [min(0, top * -0.1), top * 1.25],
                             "gridcolor": "#ddd", "ticksuffix": "%", "separatethousands": True},
                      separators=",." if lang == "vi" else ".,")
    return fig


def track_record_figure(found: dict, lang: str) -> go.Figure:
    """Published growth per quarter (line) and the estimates made at months 1, 2 and 3 of the quarter (markers)."""
    rows = track_rows(found["rows"])
    fig = go.Figure()
    if not rows:
        return fig
    label = {(r["year"], r["quarter"]): i18n.quarter_label(r["year"], r["quarter"], lang) for r in rows}
    published = {(r["year"], r["quarter"]): r["actual_pct"] for r in rows}
    keys = sorted(published)
    fig.add_scatter(x=[label[k] for k in keys], y=[published[k] for k in keys], mode="lines+markers",
                    line={"color": PUBLISHED, "width": 3}, name=i18n.t("nowcast.chart.published", lang))
    for k, (symbol, color) in zip((1, 2, 3), (("circle-open", "#f4b183"), ("diamond-open", "#e07b39"),
                                              ("x", ESTIMATE))):
        sub = [r for r in rows if r["month_of_quarter"] == k]
        fig.add_scatter(x=[label[r["year"], r["quarter"]] for r in sub], y=[r["nowcast_pct"] for r in sub],
                        mode="markers", marker={"symbol": symbol, "size": 10, "color": color, "line": {"width": 2}},
                        name=i18n.t("nowcast.chart.month", lang, k=k))
    fig.update_layout(height=380, margin={"l": 60, "r": 10, "t": 10, "b": 60}, font={"size": 14},
                      plot_bgcolor="white", legend={"orientation": "h", "y": -0.25},
                      yaxis={"title": i18n.t("nowcast.chart.y", lang), "gridcolor": "#ddd", "ticksuffix": "%"},
                      separators=",." if lang == "vi" else ".,")
    return fig
