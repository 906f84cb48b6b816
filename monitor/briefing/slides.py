"""The quarterly briefing as data: six slides built from the engine's reports.

The page, the PowerPoint deck, the PDF brief and `python -m monitor briefing`
all read this one structure, so they show the same numbers as `status --json`.
Charts come from monitor.charts, restyled here for a projector (bigger type, no
title of their own: the slide carries it).
"""

from __future__ import annotations

import textwrap

from monitor.briefing import deck, figures, narrative, pdf, render
from monitor.core import i18n, reference
from monitor.core.engine import AsOf
from monitor.core.reference import PROVINCE
from monitor.core.store import Store
from monitor.leader import charts, drill, status, views, wording

SLIDES = ("headline", "trajectory", "contributions", "localities", "lagging", "indicators")
UNITS_SHOWN = 5            # fastest and slowest localities on the ranking slide
ITEMS_SHOWN = 3            # flagged rows named on the lagging slide (the deck and PDF carry the count)


def build(store: Store, as_of: AsOf, lang: str = "vi", indicator: str = "GRDP", unit: str = PROVINCE) -> dict:
    """Every slide of the briefing for one as-of quarter, in order."""
    labels = reference.labels(store, lang)
    report = wording.localized(status.report(store, indicator, unit, as_of), labels, lang)
    path = status.trajectory_inputs(store, indicator, unit, as_of)
    bridge = drill.contribution_bridge(store, indicator, unit, as_of)
    codes = [r["code"] for r in store.records("indicators_all") if r["kind"] in ("plan", "rate")]
    cards = views.indicator_cards([wording.localized(status.report(store, c, unit, as_of), labels, lang)
                                   for c in codes], labels.indicator, lang)
    made = [_headline(report, lang), _trajectory(report, path, lang), _contributions(report, bridge, lang),
            _localities(report, lang), _lagging(report, lang), _indicators(cards, lang)]
    for number, slide in enumerate(made, start=1):
        slide["number"] = number
    year, quarter = as_of.year, as_of.quarter
    return {
        "year": year, "quarter": quarter, "vintage": as_of.vintage, "lang": lang,
        "title": i18n.t("briefing.deck_title", lang, period=i18n.period_label(quarter, lang, year)),
        "period": i18n.period_label(quarter, lang, year),
        "as_of": i18n.t("home.as_of", lang, quarter=i18n.quarter_label(year, quarter, lang)),
        "vintage_note": i18n.t(f"vintage.{as_of.vintage}", lang),
        "demo": bool(store.scalar("demo_loaded")),
        "demo_label": i18n.t("briefing.demo_short", lang),
        "ytd_growth_pct": report["ytd_growth_pct"],
        "slides": made,
    }


def _slide(key: str, lang: str, value: str, label: str, text: str, chart=None, **extra) -> dict:
    return {"key": key, "title": i18n.t(f"briefing.slide.{key}", lang),
            "headline": {"value": value, "label": label}, "narrative": text,
            "chart": figures.presentation(chart) if chart is not None else None,
            "cards": extra.get("cards", []), "items": extra.get("items", []), "more": extra.get("more", 0)}


def _headline(report: dict, lang: str) -> dict:
    head = views.headline(report, lang)
    return _slide("headline", lang, head["ytd"], head["ytd_label"], narrative.headline(report, lang),
                  cards=head["cards"])


def _trajectory(report: dict, path: dict, lang: str) -> dict:
    year, quarter = report["year"], report["quarter"]
    rows = path["path"].to_dict("records")
    prev = next((r["ytd_growth_pct"] for r in rows if r["year"] == year - 1 and r["quarter"] == quarter), None)
    label = i18n.t("briefing.head.trajectory", lang, period=i18n.period_label(quarter, lang, year),
                   last=year - 1, prev=i18n.pct(prev, lang))
    return _slide("trajectory", lang, i18n.pct(report["ytd_growth_pct"], lang), label,
                  narrative.trajectory(rows, year, quarter, path["scenario"], lang),
                  chart=charts.trajectory(**path, lang=lang))


def _contributions(report: dict, bridge: dict, lang: str) -> dict:
    parts = [s for s in report["sectors"] if s["parent_code"] == "TOTAL" and s["ytd_contribution_pp"] is not None]
    top = max(parts, key=lambda s: s["ytd_contribution_pp"]) if parts else None
    names = {s["sector_code"]: "<br>".join(textwrap.wrap(s["name"], 14)) for s in report["sectors"]}
    chart = charts.contribution_waterfall(bridge, names, lang) if bridge["end_pct"] is not None else None
    if chart is not None:
        chart.update_xaxes(type="category", tickangle=0)  # never read "2024" as a number; names wrapped
    return _slide("contributions", lang, i18n.pp(top["ytd_contribution_pp"], lang) if top else "–",
                  i18n.t("briefing.head.contributions", lang, name=top["name"] if top else "–"),
                  narrative.contributions(report, bridge, lang), chart=chart)


def _localities(report: dict, lang: str) -> dict:
    ranked = [u for u in views.ranked_units(report) if u["ytd_growth_pct"] is not None]
    shown = ranked if len(ranked) <= 2 * UNITS_SHOWN else ranked[:UNITS_SHOWN] + ranked[-UNITS_SHOWN:]
    title = i18n.t("briefing.chart.ranking", lang, n=UNITS_SHOWN) if len(ranked) > 2 * UNITS_SHOWN else None
    on_track = sum(1 for u in ranked if u["status"] == "on_track")
    chart = charts.unit_ranking(shown, lang, title=title) if shown else None
    low, high = chart.layout.xaxis.range if chart else (0, 0)
    if low < 0:  # room left of the negative bars for their value labels
        chart.update_xaxes(range=[low - 0.22 * (high - low), high])
    return _slide("localities", lang, f"{on_track}/{len(ranked)}", i18n.t("briefing.head.localities", lang),
                  narrative.localities(report, lang), chart=chart)


def _lagging(report: dict, lang: str) -> dict:
    rows = [r for r in views.lagging(report, lang) if r["code"] != "TOTAL"]
    items = [{"name": r["name"], "status": r["status"], "trend": views.TREND_ICON[r["trend"]],
              "kind": i18n.t(f"kind.{r['kind']}", lang), "reason": r["reason"]} for r in rows[:ITEMS_SHOWN]]
    return _slide("lagging", lang, str(len(rows)), i18n.t("briefing.head.lagging", lang),
                  narrative.lagging(rows, lang), items=items, more=max(0, len(rows) - ITEMS_SHOWN))


def _indicators(cards: list[dict], lang: str) -> dict:
    judged = [c for c in cards if c["status"] != "no_data"]
    ok = sum(1 for c in judged if c["status"] == "on_track")
    return _slide("indicators", lang, f"{ok}/{len(judged)}", i18n.t("briefing.head.indicators", lang),
                  narrative.indicators(cards, lang), cards=cards)


FORMATS = {"pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
           "pdf": "application/pdf", "png": "application/zip"}


def export(b: dict, fmt: str) -> bytes:
    """The briefing as a PowerPoint deck, a PDF brief, or a zip of the chart PNGs."""
    if fmt == "pptx":
        return deck.pptx(b, render.chart_images(b, "png", scale=2))
    if fmt == "pdf":
        return pdf.pdf(b, render.chart_images(b, "svg"))
    if fmt == "png":
        return render.png_zip(b)
    raise ValueError(f"unknown format {fmt!r} (pptx, pdf or png)")


def file_name(b: dict, fmt: str) -> str:
    stem = i18n.t("briefing.file_stem", b["lang"], year=b["year"], quarter=b["quarter"])
    return f"{stem}.{'zip' if fmt == 'png' else fmt}"


def step(slide: int, total: int, by: int) -> int:
    """The slide `by` places on, wrapping round the ends (1-based)."""
    return (slide - 1 + by) % total + 1


def on_timer(slide: int, total: int, shown: tuple[int, float] | None, now: float, seconds: float) -> tuple[int, float]:
    """Auto-advance: (slide to show, when it was first shown). A slide moves on once it has been shown for
    (nearly) the interval; a slide changed by hand starts its own interval."""
    if shown is None or shown[0] != slide:
        return slide, now
    if now - shown[1] >= seconds * 0.9:  # the timer fires on schedule, give or take a little
        return step(slide, total, 1), now
    return slide, shown[1]
