"""The quarterly briefing as data: the slides built from the engine's reports.

The page, the PowerPoint deck, the PDF brief and `python -m monitor briefing`
all read this one structure, so they show the same numbers as `status --json`.
Charts come from monitor.leader.charts, built for a projector (monitor.briefing.figures).
Every headline shows the quantity its chart draws. The lagging list runs over as many
slides as it needs, worst first, numbered on from the first ("... (tiếp)").
"""

from __future__ import annotations

from monitor.accountability import followup, rules
from monitor.accountability import views as acc_views
from monitor.annotations import notes
from monitor.briefing import deck, figures, narrative, pdf, render
from monitor.core import i18n, marks, reference
from monitor.core.engine import AsOf
from monitor.core.reference import PROVINCE
from monitor.core.store import Store
from monitor.leader import charts, drill, status, views, wording
from monitor.nowcast.service import next_quarter  # the next quarter's model estimate (issue 17)

SLIDES = ("headline", "trajectory", "contributions", "localities", "lagging", "indicators")  # kinds, in order
OPTIONAL_SLIDES = ("followup",)  # before the indicators, when the previous review made commitments (issue 15)
UNITS_SHOWN = 5            # fastest and slowest localities on the ranking slide
LAGGING_ROWS = (8, 10)     # rows of the lagging list on its first slide (under the narrative) and on each next one


def build(store: Store, as_of: AsOf, lang: str = "vi", indicator: str = "GRDP", unit: str = PROVINCE) -> dict:
    """Every slide of the briefing for one as-of quarter, in order."""
    labels = reference.labels(store, lang, as_of)  # units named as they were at the as-of quarter
    report = wording.localized(status.report(store, indicator, unit, as_of), labels, lang)
    path = status.trajectory_inputs(store, indicator, unit, as_of)
    bridge = drill.contribution_bridge(store, indicator, unit, as_of)
    codes = [r["code"] for r in store.records("indicators_all") if r["kind"] in ("plan", "rate")]
    cards = views.indicator_cards([wording.localized(status.report(store, c, unit, as_of), labels, lang)
                                   for c in codes], labels.indicator, lang)
    made = [_headline(report, lang), _trajectory(report, path, lang, notes.in_force(store),
                                                      next_quarter(store, unit, as_of.year, as_of.quarter)),
            _contributions(report, bridge, lang),
            _localities(report, lang), *_lagging(report, lang), *_followup(store, as_of, lang),
            _indicators(cards, lang)]
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
    return {"key": key, "title": extra.get("title") or i18n.t(f"briefing.slide.{key}", lang),
            "part": extra.get("part", 1), "parts": extra.get("parts", 1),
            "headline": {"value": value, "label": label}, "narrative": text, "chart": chart,
            "cards": extra.get("cards", []), "items": extra.get("items", [])}


def _headline(report: dict, lang: str) -> dict:
    head = views.headline(report, lang)
    return _slide("headline", lang, head["ytd"], head["ytd_label"], narrative.headline(report, lang),
                  cards=head["cards"])


def _trajectory(report: dict, path: dict, lang: str, marked: list[dict] | None = None,
                ahead: dict | None = None) -> dict:
    """marked: the annotations in force (issue 16), drawn on the chart and cited under the narrative."""
    year, quarter = report["year"], report["quarter"]
    rows = path["path"].to_dict("records")
    prev = next((r["ytd_growth_pct"] for r in rows if r["year"] == year - 1 and r["quarter"] == quarter), None)
    label = i18n.t("briefing.head.trajectory", lang, period=i18n.period_label(quarter, lang, year),
                   last=year - 1, prev=i18n.pct(prev, lang))
    return _slide("trajectory", lang, i18n.pct(report["ytd_growth_pct"], lang), label,
                  " ".join(filter(None, (narrative.trajectory(rows, year, quarter, path["scenario"], lang),
                                         narrative.annotated(marked or [], year, quarter, lang),
                                         narrative.nowcast(ahead, lang)))),
                  chart=charts.trajectory(**path, lang=lang, fit=figures.SLIDE, notes=marks.general(marked or [])))


def _contributions(report: dict, bridge: dict, lang: str) -> dict:
    """The headline is the largest contribution this year; the chart draws each component's contribution this
    year beside last year's, so the headline's bar is on it (and the narrative's change is the gap between two)."""
    parts = [s for s in report["sectors"] if s["parent_code"] == "TOTAL" and s["ytd_contribution_pp"] is not None]
    top = max(parts, key=lambda s: s["ytd_contribution_pp"]) if parts else None
    names = {s["sector_code"]: s["name"] for s in report["sectors"]}
    chart = charts.contributions(bridge, names, lang, fit=figures.SLIDE) if parts else None
    return _slide("contributions", lang, i18n.pp(top["ytd_contribution_pp"], lang) if top else "–",
                  i18n.t("briefing.head.contributions", lang, name=top["name"] if top else "–"),
                  narrative.contributions(report, bridge, lang), chart=chart,
                  title=i18n.t(f"briefing.slide.contributions.{views.report_bases(report)[0]}", lang))


def _localities(report: dict, lang: str) -> dict:
    """The headline counts the localities on track; the chart draws that count by status, beside the fastest
    and slowest localities."""
    ranked = [u for u in views.ranked_units(report) if u["ytd_growth_pct"] is not None]
    shown = ranked if len(ranked) <= 2 * UNITS_SHOWN else ranked[:UNITS_SHOWN] + ranked[-UNITS_SHOWN:]
    subtitle = (i18n.t("briefing.chart.ranking", lang, n=UNITS_SHOWN) if len(ranked) > 2 * UNITS_SHOWN
                else i18n.t("chart.ranking_title", lang))
    counts = {s: sum(1 for u in ranked if u["status"] == s) for s in figures.COUNTED}
    chart = figures.localities(shown, counts, lang, subtitle) if shown else None
    return _slide("localities", lang, f"{counts['on_track']}/{len(ranked)}", i18n.t("briefing.head.localities", lang),
                  narrative.localities(report, lang), chart=chart)


def pages(count: int, first: int = LAGGING_ROWS[0], more: int = LAGGING_ROWS[1]) -> list[int]:
    """Rows on each slide of a list of `count`: `first` under the narrative, then as few slides as hold the
    rest, filled evenly (43 rows: 8, 9, 9, 9, 8; not 8, 10, 10, 10, 5)."""
    if count <= first:
        return [count]
    rest = count - first
    slides = -(-rest // more)
    return [first] + [rest // slides + (1 if i < rest % slides else 0) for i in range(slides)]


def _item(rank: int, r: dict, lang: str) -> dict:
    name = charts.short_name(r["code"], r["name"], lang) if r["kind"] == "sector" else r["name"]
    return {"rank": rank, "code": r["code"], "name": name, "full_name": r["name"], "status": r["status"],
            "kind": i18n.t(f"kind.{r['kind']}", lang), "trend": views.TREND_ICON[r["trend"]],
            "gap": charts.signed(r["gap_pp"], lang), "cost": i18n.number(r["shortfall_pp"], lang),
            "reason": r["reason"]}


def _lagging(report: dict, lang: str) -> list[dict]:
    """The whole lagging list, worst first, over as many slides as it needs; the count is views.lagging_counts,
    the one the lagging page and the exports show."""
    rows = views.lagging(report, lang)
    count = views.lagging_counts(rows)
    sizes = pages(len(rows))
    title = i18n.t("briefing.slide.lagging", lang)
    out, start = [], 0
    for part, size in enumerate(sizes, start=1):
        items = [_item(start + i + 1, r, lang) for i, r in enumerate(rows[start:start + size])]
        label = (i18n.t("briefing.head.lagging", lang, lagging=count["lagging"], watch=count["watch"]) if part == 1
                 else i18n.t("briefing.head.lagging_rows", lang, first=start + 1, last=start + size,
                             total=count["total"]))
        out.append(_slide("lagging", lang, str(count["total"]), label,
                          narrative.lagging(rows, lang) if part == 1 else "", items=items, part=part,
                          parts=len(sizes), title=title if part == 1 else
                          i18n.t("briefing.slide.continued", lang, title=title)))
        start += size
    return out


def _followup(store: Store, as_of: AsOf, lang: str) -> list[dict]:
    """The commitments made at the previous review and what became of them, by owner, worst first (issue 15);
    no slide when that review made none (OPTIONAL_SLIDES)."""
    found = followup.followup(store, as_of, rules.today())
    if not found["owners"]:
        return []
    table = acc_views.followup_table(found, lang)
    made = _slide("followup", lang, table["value"], table["label"], table["text"],
                  title=i18n.t("acc.followup.title", lang))
    return [{**made, "table": table}]


def _indicators(cards: list[dict], lang: str) -> dict:
    judged = [c for c in cards if c["status"] in narrative.JUDGED]
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
