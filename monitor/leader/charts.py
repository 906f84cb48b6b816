"""Figures as pure functions: data in, plotly Figure out (tested directly)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from monitor.core import i18n
from monitor.core.theme import STATUS_STYLE

INK, GREY = "#0B1F3A", "#7A7A7A"
SCOPE_COLOR = {"provincial": "#0072B2", "central": "#B07800"}
FONT = dict(family="Source Sans Pro, DejaVu Sans, sans-serif", size=18, color="#1A1A1A")


def trajectory(path: pd.DataFrame, year: int, scenario: dict[int, float], annual: dict[str, float],
               lang: str = "vi") -> go.Figure:
    """Cumulative growth this year against last year's path, the scenario path and the annual targets.

    path: rows (year, quarter, ytd_growth_pct); scenario: {quarter: %} for the provincial path;
    annual: {scope: %}.
    """
    x = [i18n.period_label(q, lang) for q in (1, 2, 3, 4)]
    fig = go.Figure()
    last = path[path["year"] == year - 1]
    fig.add_scatter(x=[x[q - 1] for q in last["quarter"]], y=last["ytd_growth_pct"], name=str(year - 1),
                    mode="lines+markers", line=dict(color=GREY, width=3, dash="dash"), marker=dict(size=9))
    if scenario:
        qs = sorted(scenario)
        fig.add_scatter(x=[x[q - 1] for q in qs], y=[scenario[q] for q in qs], mode="lines+markers",
                        name=i18n.t("chart.scenario", lang), line=dict(color=SCOPE_COLOR["provincial"], width=3,
                                                                      dash="dot"),
                        marker=dict(size=10, symbol="diamond"))
    this = path[path["year"] == year]
    fig.add_scatter(x=[x[q - 1] for q in this["quarter"]], y=this["ytd_growth_pct"], name=str(year),
                    mode="lines+markers+text", line=dict(color=INK, width=5), marker=dict(size=14),
                    text=[i18n.pct(v, lang) for v in this["ytd_growth_pct"]],
                    # label on the side away from the scenario marker, so the two never overlap
                    textposition=["top center" if v >= scenario.get(q, -1e9) else "bottom center"
                                  for q, v in zip(this["quarter"], this["ytd_growth_pct"])],
                    textfont=dict(size=20, color=INK))
    for scope, value in annual.items():
        fig.add_hline(y=value, line=dict(color=SCOPE_COLOR[scope], width=2),
                      annotation_text=i18n.t("chart.target_line", lang, scope=i18n.t(f"scope.{scope}.short", lang),
                                             value=i18n.pct(value, lang, 1)),
                      annotation_position="top left", annotation_font=dict(size=16, color=SCOPE_COLOR[scope]))
    fig.update_layout(
        font=FONT, height=440, margin=dict(l=90, r=20, t=100, b=50), plot_bgcolor="white", paper_bgcolor="white",
        title=dict(text=i18n.t("chart.trajectory_title", lang, year=year), font=dict(size=22, color=INK),
                   x=0.01, xanchor="left", y=0.97, yanchor="top"),
        legend=dict(orientation="h", y=1.04, x=0, xanchor="left", yanchor="bottom", font=dict(size=17)),
        yaxis=dict(title=i18n.t("chart.ytd_axis", lang), gridcolor="#E3E6EA", ticksuffix="%",
                   tickfont=dict(size=17)),
        xaxis=dict(categoryorder="array", categoryarray=x, tickfont=dict(size=18)),
        separators=",." if lang == "vi" else ".,",
    )
    return fig


def _layout(fig: go.Figure, title: str, lang: str, height: int, **extra) -> go.Figure:
    fig.update_layout(
        font=FONT, height=height, margin=dict(l=60, r=30, t=70, b=40), plot_bgcolor="white",
        paper_bgcolor="white", showlegend=extra.pop("showlegend", False),
        title=dict(text=title, font=dict(size=20, color=INK), x=0.01, xanchor="left", y=1, yanchor="top",
                   pad=dict(t=14)),
        separators=",." if lang == "vi" else ".,", **extra)
    return fig


def contribution_waterfall(bridge: dict, names: dict[str, str] | None = None, lang: str = "vi") -> go.Figure:
    """From last year's year-to-date growth to this year's: each component's change in contribution, in points.

    bridge: monitor.drill.contribution_bridge(); names: {sector_code: label}, by default the catalog's short
    names (KV1 -> 'Nông nghiệp'), which fit under a bar.
    """
    names = names or {c: i18n.t(f"sector.short.{c}", lang) for c in ("KV1", "KV2", "KV3", "TAX")}
    start, end = bridge["start_pct"], bridge["end_pct"]
    steps = [s for s in bridge["steps"] if s["change_pp"] is not None]
    x = [str(bridge["start_year"])] + [names.get(s["sector_code"], s["sector_code"]) for s in steps] \
        + [str(bridge["end_year"])]
    y = [start] + [s["change_pp"] for s in steps] + [end]
    text = [i18n.pct(start, lang)] + [i18n.number(s["change_pp"], lang) if s["change_pp"] <= 0
                                      else "+" + i18n.number(s["change_pp"], lang) for s in steps] \
        + [i18n.pct(end, lang)]
    fig = go.Figure(go.Waterfall(
        x=x, y=y, measure=["absolute"] + ["relative"] * len(steps) + ["total"], text=text,
        textposition="outside", textfont=dict(size=19, color=INK), cliponaxis=False,
        connector=dict(line=dict(color=GREY, width=1)),
        increasing=dict(marker=dict(color=STATUS_STYLE["on_track"]["color"])),
        decreasing=dict(marker=dict(color=STATUS_STYLE["lagging"]["color"])),
        totals=dict(marker=dict(color=INK))))
    top = max([start or 0, end or 0] + [abs(v) for v in y]) * 1.25
    return _layout(fig, i18n.t("chart.waterfall_title", lang, last=bridge["start_year"], year=bridge["end_year"]),
                   lang, 420, yaxis=dict(ticksuffix="%", gridcolor="#E3E6EA", range=[0, top]),
                   xaxis=dict(tickfont=dict(size=16), type="category"))  # "2024" is a label, not a number


def unit_ranking(rows: list[dict], lang: str = "vi", title: str | None = None) -> go.Figure:
    """Units ranked by year-to-date growth, coloured and marked by status, with each unit's target as a tick.

    rows: status-report unit rows (name, ytd_growth_pct, target_pct, status), in the order to draw, best on top.
    """
    rows = [r for r in rows if r.get("ytd_growth_pct") is not None]
    names = [r["name"] for r in rows][::-1]  # plotly draws the first category at the bottom
    growth = [r["ytd_growth_pct"] for r in rows][::-1]
    status = [r["status"] for r in rows][::-1]
    fig = go.Figure()
    fig.add_bar(y=names, x=growth, orientation="h", marker=dict(color=[STATUS_STYLE[s]["color"] for s in status]),
                text=[f'{STATUS_STYLE[s]["icon"]} {i18n.pct(v, lang)}' for s, v in zip(status, growth)],
                textposition="outside", textfont=dict(size=16, color=INK), cliponaxis=False,
                customdata=[r["unit_code"] for r in rows][::-1], name=i18n.t("chart.ytd_axis", lang),
                hovertemplate="%{y}: %{x:.2f}%<extra></extra>")
    targets = [r.get("target_pct") for r in rows][::-1]
    if any(t is not None for t in targets):
        fig.add_scatter(y=names, x=targets, mode="markers", name=i18n.t("chart.unit_target", lang),
                        marker=dict(symbol="line-ns-open", size=22, color=INK, line=dict(width=3, color=INK)),
                        customdata=[r["unit_code"] for r in rows][::-1],  # a click on the tick opens the unit too
                        hovertemplate="%{y}: %{x:.2f}%<extra></extra>")
    high = max(growth + [t for t in targets if t is not None] + [0]) * 1.35  # room for the labels
    low = min(growth + [0]) * 1.35
    return _layout(fig, title or i18n.t("chart.ranking_title", lang), lang, max(300, 110 + 30 * len(rows)),
                   xaxis=dict(ticksuffix="%", gridcolor="#E3E6EA", range=[low, high]),
                   yaxis=dict(tickfont=dict(size=15), automargin=True), bargap=0.25)


def growth_series(frame: pd.DataFrame, title: str, lang: str = "vi") -> go.Figure:
    """Quarter growth (bars) and year-to-date growth (line) since 2019. frame: drill.growth_series()."""
    frame = frame[frame["quarter_growth_pct"].notna() | frame["ytd_growth_pct"].notna()]  # the first year has no base
    x = [i18n.quarter_label(int(r.year), int(r.quarter), lang) for r in frame.itertuples()]
    fig = go.Figure()
    fig.add_bar(x=x, y=frame["quarter_growth_pct"], name=i18n.t("chart.quarter_growth", lang),
                marker=dict(color="#9DB9D3"), hovertemplate="%{x}: %{y:.2f}%<extra></extra>")
    fig.add_scatter(x=x, y=frame["ytd_growth_pct"], mode="lines+markers", name=i18n.t("chart.ytd_growth", lang),
                    line=dict(color=INK, width=4), marker=dict(size=7),
                    hovertemplate="%{x}: %{y:.2f}%<extra></extra>")
    return _layout(fig, title, lang, 400, showlegend=True,
                   legend=dict(orientation="h", y=1.0, x=1, xanchor="right", yanchor="bottom"),
                   yaxis=dict(ticksuffix="%", gridcolor="#E3E6EA", zerolinecolor=GREY, automargin=True),
                   xaxis=dict(tickangle=-45, tickfont=dict(size=13), nticks=14, automargin=True, type="category"))


def structure(frame: pd.DataFrame, names: dict[str, str], year: int, lang: str = "vi") -> go.Figure:
    """Shares of the components at current prices, last year against this year (stacked to 100%)."""
    palette = ["#009E73", "#0072B2", "#E69F00", "#7A7A7A"]
    labels = [str(year - 1), str(year)]
    fig = go.Figure()
    for color, r in zip(palette, frame.itertuples()):
        values = [r.share_prev_pct, r.share_pct]
        fig.add_bar(y=labels, x=values, orientation="h", name=names.get(r.sector_code, r.sector_code),
                    marker=dict(color=color), text=[i18n.pct(v, lang, 1) for v in values],
                    textposition="inside", insidetextanchor="middle", textfont=dict(size=17, color="white"))
    return _layout(fig, i18n.t("chart.structure_title", lang), lang, 300, showlegend=True, barmode="stack",
                   legend=dict(orientation="h", y=-0.15, x=0, yanchor="top", font=dict(size=15)),
                   xaxis=dict(ticksuffix="%", range=[0, 100], gridcolor="#E3E6EA"),
                   yaxis=dict(tickfont=dict(size=17)))
