"""Figures as pure functions: data in, plotly Figure out (tested directly).

Every chart fits its text before it is drawn (monitor/leader/fit.py): category labels are short names wrapped to
the room a category has, margins grow with the longest label, a legend sits in its own band between the title and
the plot (or under the axis), and value labels are placed where no marker or tick crosses them. `fit` says where
the chart goes: a page column (the default) or a slide image (wider, larger type, no title of its own).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from monitor.core import i18n, marks
from monitor.core.theme import STATUS_STYLE
from monitor.leader import fit as fitting
from monitor.leader.fit import PAGE, PAGE_HALF, PAGE_WIDE, Fit

INK, GREY, LAST_YEAR = "#0B1F3A", "#7A7A7A", "#8C96A3"
SCOPE_COLOR = {"provincial": "#0072B2", "central": "#8F6000"}  # 5.5:1 on white, as text too
FAMILY = "Source Sans Pro, DejaVu Sans, sans-serif"
TITLE, TICK, LABEL, LEGEND = 20, 16, 17, 16   # page font sizes, px
LEGEND_CHARS = 18  # a legend entry longer than this takes the catalog's short name


def short_name(code: str, name: str | None, lang: str) -> str:
    """A sector's short label where the catalog has one (sector.short.KV2 -> 'Công nghiệp, XD'), else its name."""
    return i18n.catalog(lang).get(f"sector.short.{code}") or name or code


def _frame(fig: go.Figure, title: str | None, lang: str, fit: Fit, height: int, legend: list[str] | None = None,
           **extra) -> go.Figure:
    """Title (wrapped to the width), a legend in its own band under it, fonts at the fit's scale, and a top
    margin that holds both; `extra` goes to update_layout (axes, bottom/left margins)."""
    top, layout = 10, {}
    height = fit.height or height
    margin = {"l": 20, "r": 20, "b": 20, **extra.pop("margin", {})}
    if fit.titled and title:
        text, used = fitting.title_block(title, fit.width, fit.px(TITLE))
        # plotly puts the first baseline of a multi-line title (not its top) at y: lower it by an ascent
        drop = top + (0.85 * fit.px(TITLE) if "<br>" in text else 0)
        layout["title"] = dict(text=text, font=dict(size=fit.px(TITLE), color=INK), x=0, xref="container",
                               xanchor="left", y=1 - drop / height, yref="container", yanchor="top", pad=dict(l=6))
        top += used
    if legend:
        top += fitting.legend_px(legend, fit.width - margin["l"] - margin["r"], fit.px(LEGEND))
        layout["legend"] = dict(orientation="h", x=0, xanchor="left", y=1, yanchor="bottom",
                                font=dict(size=fit.px(LEGEND)), entrywidthmode="pixels")
    margin["t"] = round(top + extra.pop("top_gap", 0))
    fig.update_layout(
        font=dict(family=FAMILY, size=fit.px(18), color="#1A1A1A"), height=height, margin=margin,
        plot_bgcolor="white", paper_bgcolor="white", showlegend=bool(legend), separators=",." if lang == "vi" else ".,",
        **({"width": fit.width} if fit.height else {}), **layout, **extra)
    if not (fit.titled and title):
        fig.update_layout(title=None)
    return fig


def trajectory(path: pd.DataFrame, year: int, scenario: dict[int, float], annual: dict[str, float],
               lang: str = "vi", fit: Fit = PAGE_WIDE, notes: list[dict] | None = None) -> go.Figure:
    """Cumulative growth this year against last year's path, the scenario path and the annual targets.

    path: rows (year, quarter, ytd_growth_pct); scenario: {quarter: %} for the provincial path;
    annual: {scope: %}; notes: annotations in force (core/marks.py draws those of this year).
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
                    textfont=dict(size=fit.px(20), color=INK), cliponaxis=False)
    for scope, value in annual.items():
        fig.add_hline(y=value, line=dict(color=SCOPE_COLOR[scope], width=2),
                      annotation_text=i18n.t("chart.target_line", lang, scope=i18n.t(f"scope.{scope}.short", lang),
                                             value=i18n.pct(value, lang, 1)),
                      annotation_position="top left",
                      annotation_font=dict(size=fit.px(16), color=SCOPE_COLOR[scope]))
    axis_title = i18n.t("chart.ytd_axis", lang)
    rows = marks.add_marks(fig, notes or [], {(year, q): q - 1 for q in (1, 2, 3, 4)}, lang, fit.px(15),
                           fit.width - 140)
    values = [v for t in fig.data for v in t.y if v is not None] + list(annual.values())
    span = marks.headroom(values, rows, fit.px(15), (fit.height or 440) - 150, fit.px(20) * fitting.LINE + 4)
    return _frame(fig, i18n.t("chart.trajectory_title", lang, year=year), lang, fit, 440,
                  legend=[t.name for t in fig.data], top_gap=fit.px(20) * fitting.LINE,  # room for a top label
                  margin=dict(l=round(fit.px(17) * 4 + fit.px(17) * fitting.LINE + 24), b=round(fit.px(18) * 2.2)),
                  yaxis=dict(title=dict(text=axis_title, font=dict(size=fit.px(16))), gridcolor="#E3E6EA",
                             ticksuffix="%", tickfont=dict(size=fit.px(17)), automargin=True,
                             **({"range": span} if span else {})),
                  xaxis=dict(categoryorder="array", categoryarray=x, tickfont=dict(size=fit.px(18)), automargin=True))


def category_ticks(labels: list[str], room_px: float, size: float, smallest: float = 12) -> tuple[list[str], float]:
    """Category labels broken into lines that fit the room each category has under the axis, and the font size
    that lets their longest word fit (never below `smallest`)."""
    longest = max((fitting.text_px(word, 1) for label in labels for word in label.split()), default=1)
    size = max(smallest, min(size, room_px / longest))
    return [fitting.wrap(label, room_px, size) for label in labels], size


def contribution_waterfall(bridge: dict, names: dict[str, str] | None = None, lang: str = "vi",
                           fit: Fit = PAGE_HALF) -> go.Figure:
    """From last year's year-to-date growth to this year's: each component's change in contribution, in points.

    bridge: monitor.drill.contribution_bridge(); names: {sector_code: label}, by default the catalog's short
    names (KV1 -> 'Nông nghiệp'). Labels are wrapped to the width of a category, never turned or cut.
    """
    names = names or {c: short_name(c, None, lang) for c in ("KV1", "KV2", "KV3", "TAX")}
    start, end = bridge["start_pct"], bridge["end_pct"]
    steps = [s for s in bridge["steps"] if s["change_pp"] is not None]
    x = [str(bridge["start_year"])] + [names.get(s["sector_code"], s["sector_code"]) for s in steps] \
        + [str(bridge["end_year"])]
    y = [start] + [s["change_pp"] for s in steps] + [end]
    text = [i18n.pct(start, lang)] + [i18n.number(s["change_pp"], lang) if s["change_pp"] <= 0
                                      else "+" + i18n.number(s["change_pp"], lang) for s in steps] \
        + [i18n.pct(end, lang)]
    label = fit.px(LABEL)
    left = round(fitting.text_px("100%", fit.px(TICK)) + 16)
    ticks, tick = category_ticks(x, (fit.width - left - 20) / len(x) - 4, fit.px(TICK))
    fig = go.Figure(go.Waterfall(
        x=x, y=y, measure=["absolute"] + ["relative"] * len(steps) + ["total"], text=text,
        textposition="outside", textfont=dict(size=label, color=INK), cliponaxis=False,
        connector=dict(line=dict(color=GREY, width=1)),
        increasing=dict(marker=dict(color=STATUS_STYLE["on_track"]["color"])),
        decreasing=dict(marker=dict(color=STATUS_STYLE["lagging"]["color"])),
        totals=dict(marker=dict(color=INK))))
    top = max([start or 0, end or 0] + [abs(v) for v in y]) * 1.25
    rows = max(len(fitting.lines(t)) for t in ticks)
    return _frame(fig, i18n.t("chart.waterfall_title", lang, last=bridge["start_year"], year=bridge["end_year"]),
                  lang, fit, 380 + round(rows * tick * fitting.LINE), top_gap=label * fitting.LINE,
                  margin=dict(l=left, b=round(rows * tick * fitting.LINE + 14)),
                  yaxis=dict(ticksuffix="%", gridcolor="#E3E6EA", range=[0, top], tickfont=dict(size=fit.px(TICK))),
                  xaxis=dict(type="category", tickangle=0, tickmode="array", tickvals=x, ticktext=ticks,
                             tickfont=dict(size=tick)))  # "2024" is a label, not a number


def signed(value: float | None, lang: str) -> str:
    """A change or a gap with its sign, a true minus: '+5,88', '−0,11', '0,00'."""
    if value is None:
        return "–"
    return ("+" if value > 0 else "−" if value < 0 else "") + i18n.number(abs(value), lang)


def _value_range(values: list[float], label_px: float, plot_px: float, below: bool = True) -> list[float]:
    """An axis range from the values (and 0) with room for the labels beyond the bar ends: past the highest,
    and past the lowest when it is below zero and `below` (labels of negative bars sit on their left)."""
    low, high = min(values + [0.0]), max(values + [0.0])
    span = (high - low) or 1.0
    room_high = label_px + 10
    room_low = room_high if below and low < 0 else 0.0
    if plot_px <= room_high + room_low + 40:
        return [low - span * (1 if room_low else 0.05), high + span]
    per_px = span / (plot_px - room_high - room_low)
    return [low - (room_low * per_px if room_low else 0.03 * span), high + room_high * per_px]


def contributions(bridge: dict, names: dict[str, str] | None = None, lang: str = "vi", fit: Fit = PAGE,
                  title: str | None = None) -> go.Figure:
    """Each component's contribution to growth in points, this year beside the same period last year (the
    quantity a headline 'largest contribution' names). bridge: monitor.drill.contribution_bridge()."""
    steps = [s for s in bridge["steps"] if s["contribution_pp"] is not None]
    names = [short_name(s["sector_code"], (names or {}).get(s["sector_code"]), lang) for s in steps][::-1]
    tick, label = fit.px(TICK + 2), fit.px(LABEL + 1)
    left = round(max([fitting.text_px(n, tick) for n in names] + [0]) + 18)
    fig = go.Figure()
    values = []
    for key, year, color in (("contribution_prev_pp", bridge["start_year"], LAST_YEAR),
                             ("contribution_pp", bridge["end_year"], INK)):
        vals = [s[key] for s in steps][::-1]
        values += [v for v in vals if v is not None]
        fig.add_bar(y=names, x=vals, orientation="h", name=str(year), marker=dict(color=color),
                    text=["" if v is None else signed(v, lang) for v in vals], textposition="outside",
                    textfont=dict(size=label, color=INK), cliponaxis=False,
                    hovertemplate="%{y}: %{x:.2f}<extra>" + str(year) + "</extra>")
    widest = max([fitting.text_px(signed(v, lang), label) for v in values] + [0])
    return _frame(fig, title, lang, fit, 120 + 70 * len(steps), legend=[str(bridge["end_year"]),
                                                                        str(bridge["start_year"])],
                  margin=dict(l=left, r=20, b=round(fit.px(TICK) * 2.2)), barmode="group", bargap=0.25,
                  legend_traceorder="reversed",
                  xaxis=dict(range=_value_range(values, widest, fit.width - left - 20), gridcolor="#E3E6EA",
                             zerolinecolor=GREY, tickfont=dict(size=fit.px(TICK))),
                  yaxis=dict(tickfont=dict(size=tick), categoryorder="array", categoryarray=names))


def _ranking_labels(names, growth, targets, status, lang, size) -> list[dict]:
    """Value labels right of the bar's end, of the zero line and of the target tick, so no tick strikes through
    a label and no label runs into the names."""
    return [dict(x=max(v, 0.0, t if t is not None else v), y=name, showarrow=False, xanchor="left", xshift=8,
                 text=f'{STATUS_STYLE[s]["icon"]} {i18n.pct(v, lang)}', font=dict(size=size, color=INK))
            for name, v, t, s in zip(names, growth, targets, status)]


def unit_ranking(rows: list[dict], lang: str = "vi", title: str | None = None, fit: Fit = PAGE) -> go.Figure:
    """Units ranked by year-to-date growth, coloured and marked by status, with each unit's target as a tick.

    rows: status-report unit rows (name, ytd_growth_pct, target_pct, status), in the order to draw, best on top.
    The value labels are annotations placed beyond the target tick, so the tick never crosses them.
    """
    rows = [r for r in rows if r.get("ytd_growth_pct") is not None]
    names = [r["name"] for r in rows][::-1]  # plotly draws the first category at the bottom
    growth = [r["ytd_growth_pct"] for r in rows][::-1]
    status = [r["status"] for r in rows][::-1]
    targets = [r.get("target_pct") for r in rows][::-1]
    tick, label = fit.px(15), fit.px(16)
    fig = go.Figure()
    fig.add_bar(y=names, x=growth, orientation="h", marker=dict(color=[STATUS_STYLE[s]["color"] for s in status]),
                text=[f'{STATUS_STYLE[s]["icon"]} {i18n.pct(v, lang)}' for s, v in zip(status, growth)],
                textposition="none",  # drawn as annotations, clear of the target tick
                customdata=[r["unit_code"] for r in rows][::-1], name=i18n.t("chart.ytd_axis", lang),
                hovertemplate="%{y}: %{x:.2f}%<extra></extra>")
    if any(t is not None for t in targets):
        fig.add_scatter(y=names, x=targets, mode="markers", name=i18n.t("chart.unit_target", lang),
                        marker=dict(symbol="line-ns-open", size=fit.px(22), color=INK, line=dict(width=3, color=INK)),
                        customdata=[r["unit_code"] for r in rows][::-1],  # a click on the tick opens the unit too
                        hovertemplate="%{y}: %{x:.2f}%<extra></extra>")
    labels = _ranking_labels(names, growth, targets, status, lang, label)
    left = round(max([fitting.text_px(n, tick) for n in names] + [0]) + 16)
    widest = max([fitting.text_px(a["text"], label) for a in labels] + [0])
    ends = [a["x"] for a in labels]
    return _frame(fig, title or i18n.t("chart.ranking_title", lang), lang, fit, max(300, 110 + 30 * len(rows)),
                  annotations=labels, margin=dict(l=left, r=20, b=round(fit.px(TICK) * 2.2)), bargap=0.25,
                  xaxis=dict(ticksuffix="%", gridcolor="#E3E6EA", tickfont=dict(size=fit.px(TICK)),
                             range=_value_range(ends + growth, widest + 8, fit.width - left - 20, below=False)),
                  yaxis=dict(tickfont=dict(size=tick), categoryorder="array", categoryarray=names))


def growth_series(frame: pd.DataFrame, title: str, lang: str = "vi", fit: Fit = PAGE,
                  notes: list[dict] | None = None) -> go.Figure:
    """Quarter growth (bars) and year-to-date growth (line) since 2019. frame: drill.growth_series(); notes:
    annotations in force, drawn where they fall (core/marks.py); a unit's or sector's own notes only on its own."""
    frame = frame[frame["quarter_growth_pct"].notna() | frame["ytd_growth_pct"].notna()]  # the first year has no base
    x = [i18n.quarter_label(int(r.year), int(r.quarter), lang) for r in frame.itertuples()]
    fig = go.Figure()
    fig.add_bar(x=x, y=frame["quarter_growth_pct"], name=i18n.t("chart.quarter_growth", lang),
                marker=dict(color="#9DB9D3"), hovertemplate="%{x}: %{y:.2f}%<extra></extra>")
    fig.add_scatter(x=x, y=frame["ytd_growth_pct"], mode="lines+markers", name=i18n.t("chart.ytd_growth", lang),
                    line=dict(color=INK, width=4), marker=dict(size=7),
                    hovertemplate="%{x}: %{y:.2f}%<extra></extra>")
    tick = fit.px(13)
    rows = marks.add_marks(fig, notes or [], {(int(r.year), int(r.quarter)): i
                                              for i, r in enumerate(frame.itertuples())}, lang, fit.px(14),
                           fit.width - 90)
    span = marks.headroom([*frame["quarter_growth_pct"], *frame["ytd_growth_pct"], 0.0], rows, fit.px(14),
                          (fit.height or 400) - 170)
    under = max([fitting.text_px(v, tick) for v in x] + [0]) * 0.71 + tick + 12  # labels turned 45 degrees
    return _frame(fig, title, lang, fit, 400, legend=[t.name for t in fig.data],
                  margin=dict(l=round(fitting.text_px("−10%", fit.px(TICK)) + 16), b=round(under)),
                  yaxis=dict(ticksuffix="%", gridcolor="#E3E6EA", zerolinecolor=GREY, tickfont=dict(size=fit.px(TICK)),
                             **({"range": span} if span else {})),
                  xaxis=dict(tickangle=-45, tickfont=dict(size=tick), nticks=14, type="category"))


def structure(frame: pd.DataFrame, names: dict[str, str], year: int, lang: str = "vi",
              fit: Fit = PAGE_HALF) -> go.Figure:
    """Shares of the components at current prices, last year against this year (stacked to 100%).
    The legend sits under the axis in a band of its own (short names when the given ones are long)."""
    palette = ["#009E73", "#0072B2", "#E69F00", "#7A7A7A"]
    labels = [str(year - 1), str(year)]
    legend_names = []
    fig = go.Figure()
    for color, r in zip(palette, frame.itertuples()):
        name = names.get(r.sector_code) or r.sector_code
        name = short_name(r.sector_code, name, lang) if len(name) > LEGEND_CHARS else name
        legend_names.append(name)
        values = [r.share_prev_pct, r.share_pct]
        fig.add_bar(y=labels, x=values, orientation="h", name=name, marker=dict(color=color),
                    text=[i18n.pct(v, lang, 1) for v in values], textposition="inside", textangle=0,
                    insidetextanchor="middle", textfont=dict(size=fit.px(17), color="white"))
    tick, legend = fit.px(TICK), fit.px(LEGEND)
    axis = tick * fitting.LINE + 12  # the tick labels under the plot
    left = round(fitting.text_px("2025", fit.px(17)) + 16)
    band = fitting.legend_px(legend_names, fit.width - left - 24, legend)
    fig = _frame(fig, i18n.t("chart.structure_title", lang), lang, fit, round(230 + band), barmode="stack",
                 margin=dict(l=left, r=24, b=round(axis + band + 8)),
                 uniformtext=dict(minsize=fit.px(12), mode="hide"),  # a sliver too thin for its share stays bare
                 xaxis=dict(ticksuffix="%", range=[0, 100], gridcolor="#E3E6EA", tickfont=dict(size=tick)),
                 yaxis=dict(tickfont=dict(size=fit.px(17))))
    plot = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    fig.update_layout(showlegend=True, legend=dict(orientation="h", x=0, xanchor="left", y=-axis / plot,
                                                   yanchor="top", font=dict(size=legend), traceorder="normal"))
    return fig
