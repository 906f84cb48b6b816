"""The trajectory chart with the what-if projection drawn on top (a pure function, tested directly).

charts.trajectory draws the year so far, last year, the scenario and the targets; this adds the
projected cumulative path from the as-of quarter to the full year, dashed, in Okabe-Ito vermillion.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from monitor.core import i18n
from monitor.leader import charts

PROJECTED = "#D55E00"


def projected_trajectory(path: pd.DataFrame, year: int, scenario: dict[int, float], annual: dict[str, float],
                         projected: list[dict], lang: str = "vi") -> go.Figure:
    """projected: rows {quarter, ytd_growth_pct} from the as-of quarter (actual) to Q4 (projected)."""
    fig = charts.trajectory(path, year, scenario, annual, lang)
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
                        textfont=dict(size=20, color=PROJECTED))
    fig.update_traces(cliponaxis=False)  # labels at the first and last quarter stay whole
    fig.update_layout(title=dict(text=i18n.t("whatif.chart.title", lang, year=year)), height=400,
                      margin=dict(l=95, r=30, t=110, b=40), yaxis=dict(title=dict(font=dict(size=15))))
    return fig
