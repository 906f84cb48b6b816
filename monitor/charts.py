"""Figures as pure functions: data in, plotly Figure out (tested directly)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from monitor import i18n

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
