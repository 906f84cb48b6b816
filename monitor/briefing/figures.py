"""The briefing's charts as images: built for a projector (a 1280 px image, larger type, no title of their own:
the slide carries it), and stand-alone with their title and the demo label for the PNG export.

Shared by the slides, the deck, the PDF brief and the PNG export, so each shows the same picture.
"""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from monitor.core import i18n
from monitor.core.theme import STATUS_STYLE
from monitor.leader import charts
from monitor.leader import fit as fitting
from monitor.leader.fit import Fit

CHART_SIZE = (1280, 440)   # px; the slide, deck and PDF scale this one image
SLIDE = Fit(width=CHART_SIZE[0], height=CHART_SIZE[1], scale=1.35, titled=False)
COUNTED = ("on_track", "watch", "lagging")
COUNTS_SHARE = 0.26        # of the localities image: the counts panel on the left


def localities(shown: list[dict], counts: dict[str, int], lang: str, subtitle: str) -> go.Figure:
    """The localities slide: how many localities are on track, on watch and lagging (the headline's count) on
    the left, the fastest and slowest of them against their targets on the right; each panel captioned."""
    width, height = CHART_SIZE
    panel = round(width * COUNTS_SHARE)
    tick, caption = SLIDE.px(charts.TICK), SLIDE.px(16)
    words = [f'{STATUS_STYLE[s]["icon"]} {i18n.t(f"status.{s}", lang)}' for s in COUNTED][::-1]  # on track on top
    left = round(max(fitting.text_px(w, tick) for w in words) + 26)
    ranking = charts.unit_ranking(shown, lang, fit=Fit(width=width - panel, height=height, scale=SLIDE.scale,
                                                       titled=False))
    names = ranking.layout.margin.l
    inner = width - left - 20
    captions = [fitting.wrap(i18n.t("briefing.chart.counts", lang, total=sum(counts.values())), panel - 12, caption),
                fitting.wrap(subtitle, width - panel - 30, caption)]
    band = max(len(fitting.lines(c)) for c in captions) * caption * fitting.LINE + 10
    fig = make_subplots(rows=1, cols=2)
    values = [counts.get(s, 0) for s in COUNTED][::-1]
    fig.add_bar(y=words, x=values, orientation="h", marker=dict(color=[STATUS_STYLE[s]["color"]
                                                                       for s in COUNTED][::-1]),
                text=[str(v) for v in values], textposition="outside", cliponaxis=False,
                textfont=dict(size=SLIDE.px(20), color=charts.INK), row=1, col=1)
    for trace in ranking.data:
        fig.add_trace(trace, row=1, col=2)
    for note in ranking.layout.annotations:
        fig.add_annotation(note.update(xref="x2", yref="y2"))
    fig.update_layout(height=height, width=width, showlegend=False, bargap=0.3,
                      font=dict(family=charts.FAMILY, size=SLIDE.px(18), color="#1A1A1A"),
                      plot_bgcolor="white", paper_bgcolor="white", separators=",." if lang == "vi" else ".,",
                      margin=dict(l=left, r=20, t=round(band + 8), b=ranking.layout.margin.b),  # its axis
                      xaxis=dict(domain=[0, (panel - left - 40) / inner], visible=False,
                                 range=[0, max(values + [1]) * 1.3]),
                      yaxis=dict(tickfont=dict(size=tick), categoryorder="array", categoryarray=words,
                                 ticklabelstandoff=10),
                      xaxis2={**ranking.layout.xaxis.to_plotly_json(), "domain": [(panel + names - left) / inner, 1]},
                      yaxis2=ranking.layout.yaxis.to_plotly_json())
    for x, text in ((-left / inner, captions[0]), ((panel - left) / inner, captions[1])):
        fig.add_annotation(text=text, xref="paper", yref="paper", x=x, y=1, yshift=band, xanchor="left",
                           yanchor="top", align="left", showarrow=False, font=dict(size=caption, color=charts.INK))
    return fig


def image_figures(b: dict) -> dict[str, go.Figure]:
    """The charts as stand-alone images ('02-trajectory.png'): outside a slide each carries its title and the
    demo label."""
    out = {}
    for s in b["slides"]:
        if s["chart"] is None:
            continue
        fig = go.Figure(s["chart"])
        fig.update_layout(height=fig.layout.height + 70, margin=dict(t=fig.layout.margin.t + 70),
                          title=dict(text=f'{s["title"]} – {b["period"]}', x=0.01, xanchor="left", y=0.98,
                                     yanchor="top", font=dict(size=26, color=charts.INK)))
        if b["demo"]:
            fig.add_annotation(text=b["demo_label"], xref="paper", yref="paper", x=1, y=1, xanchor="right",
                               yanchor="bottom", yshift=fig.layout.margin.t - 52, showarrow=False,
                               bgcolor="#FFF3CD", bordercolor="#B07800", borderwidth=2, borderpad=4,
                               font=dict(size=18, color="#4A3700"))
        out[f"{s['number']:02d}-{s['key']}.png"] = fig
    return out
