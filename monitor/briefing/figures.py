"""The briefing's charts as images: restyled for a projector, and stand-alone with their title and the demo label.

Shared by the slides, the deck, the PDF brief and the PNG export, so each shows the same picture.
"""

from __future__ import annotations

import plotly.graph_objects as go

from monitor.leader import charts

CHART_SIZE = (1280, 440)   # px; the slide, deck and PDF scale this one image


def presentation(fig: go.Figure, size: tuple[int, int] = CHART_SIZE) -> go.Figure:
    """A copy of a chart for the projector: fixed size, larger type, the title left to the slide."""
    fig = go.Figure(fig)
    fig.update_layout(title=None, width=size[0], height=size[1], font=dict(size=24),
                      legend=dict(font=dict(size=23)), margin=dict(l=20, r=40, t=60, b=30))
    fig.update_xaxes(tickfont=dict(size=23), title_font=dict(size=22), automargin=True)
    fig.update_yaxes(tickfont=dict(size=23), title_font=dict(size=22), automargin=True)
    fig.for_each_trace(lambda t: t.update(textfont=dict(size=25)) if getattr(t, "text", None) is not None
                       else None)
    fig.for_each_annotation(lambda a: a.update(font=dict(size=23)))
    return fig


def image_figures(b: dict) -> dict[str, go.Figure]:
    """The charts as stand-alone images ('02-trajectory.png'): outside a slide each carries its title and the
    demo label."""
    out = {}
    for s in b["slides"]:
        if s["chart"] is None:
            continue
        fig = go.Figure(s["chart"])
        fig.update_layout(height=fig.layout.height + 70, margin=dict(t=130),
                          title=dict(text=f'{s["title"]} – {b["period"]}', x=0.01, xanchor="left", y=0.98,
                                     yanchor="top", font=dict(size=26, color=charts.INK)))
        if b["demo"]:
            fig.add_annotation(text=b["demo_label"], xref="paper", yref="paper", x=1, y=1, xanchor="right",
                               yanchor="bottom", yshift=78, showarrow=False, bgcolor="#FFF3CD",
                               bordercolor="#B07800", borderwidth=2, borderpad=4,
                               font=dict(size=18, color="#4A3700"))
        out[f"{s['number']:02d}-{s['key']}.png"] = fig
    return out
