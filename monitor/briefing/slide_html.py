"""One briefing slide as HTML for the projector page (styles in pages/briefing.css).

Pure: briefing data and a chart image in, markup out, so a test reads exactly
what the room sees. Status always shows as colour, icon and word together.
"""

from __future__ import annotations

import base64
import html

from monitor.core import i18n
from monitor.leader import views

esc = html.escape


def data_uri(image: bytes, fmt: str = "svg") -> str:
    mime = "image/svg+xml" if fmt == "svg" else "image/png"
    return f"data:{mime};base64,{base64.b64encode(image).decode('ascii')}"


def _headline_cards(cards: list[dict], lang: str) -> str:
    out = []
    for c in cards:
        rows = [(c["reference_label"], c["reference"]), (i18n.t("home.gap", lang), c["gap"])]
        if c["required"]:
            rows.append((c["required_label"], c["required"]))
        body = "".join(f'<div class="gm-s-row"><span>{esc(k)}</span><b>{esc(v)}</b></div>' for k, v in rows)
        out.append(f'<div class="gm-s-card" data-testid="gm-slide-card-{c["scope"]}">'
                   f'<div class="gm-s-card-title">{esc(c["title"])} {views.badge_html(c["status"], lang)}</div>'
                   f'{body}</div>')
    return f'<div class="gm-s-cards">{"".join(out)}</div>'


def _indicator_rows(cards: list[dict], lang: str) -> str:
    """One row per indicator, grouped under their yardstick ('So với kế hoạch năm', 'So với cùng kỳ')."""
    rows, label = [], None
    for c in cards:
        if c["label"] != label:
            label = c["label"]
            rows.append(f'<tr class="gm-s-group"><td colspan="3">{esc(label[:1].upper() + label[1:])}</td></tr>')
        rows.append(f'<tr><td class="gm-s-ind-name">{esc(c["name"])}</td>'
                    f'<td class="gm-s-ind-value"><b>{esc(c["value"])}</b> {esc(c["trend"])}</td>'
                    f'<td class="gm-s-ind-status">{views.badge_html(c["status"], lang)}</td></tr>')
    return f'<table class="gm-s-table">{"".join(rows)}</table>'


def lagging_header(lang: str) -> list[str]:
    """Column heads of the lagging list (rank, status, name, kind, gap, the points it costs the province)."""
    return ["#", i18n.t("col.status", lang), i18n.t("col.name", lang), i18n.t("col.kind", lang),
            i18n.t("export.gap_pp", lang), i18n.t("export.shortfall_pp", lang)]


def _items(items: list[dict], lang: str) -> str:
    """The lagging list as a table, numbered on from the previous slide; the reasons are in the PDF and the
    deck's notes (a sentence a row does not fit a projector)."""
    if not items:
        return ""
    head = "".join(f'<th class="gm-s-{c}">{esc(h).replace(" (", "<br>(")}</th>' for c, h in zip(
        ("rank", "status", "name", "kind", "num", "num"), lagging_header(lang)))  # the unit on a line of its own
    rows = "".join(
        f'<tr data-code="{esc(i["code"])}"><td class="gm-s-rank">{i["rank"]}</td>'
        f'<td class="gm-s-status">{views.badge_html(i["status"], lang)}</td>'
        f'<td class="gm-s-name" title="{esc(i["full_name"])}"><b>{esc(i["name"])}</b></td>'
        f'<td class="gm-s-kind">{esc(i["kind"])}</td><td class="gm-s-num">{esc(i["gap"])}</td>'
        f'<td class="gm-s-num">{esc(i["cost"])}</td></tr>' for i in items)
    return f'<table class="gm-s-table gm-s-lag" data-testid="gm-lagging-table"><tr>{head}</tr>{rows}</table>'


def table(t: dict, css: str = "gm-s-table gm-s-lag") -> str:
    """A plain table (head, rows) of words and counts: the follow-up of the previous review's commitments."""
    head = "".join(f"<th>{esc(h)}</th>" for h in t["head"])
    rows = "".join("<tr>" + "".join(f'<td class="gm-s-num">{esc(c)}</td>' if i else f"<td><b>{esc(c)}</b></td>"
                                    for i, c in enumerate(r)) + "</tr>" for r in t["rows"])
    return f'<table class="{css}" data-testid="gm-followup-table"><tr>{head}</tr>{rows}</table>'


def body(slide: dict, chart_uri: str | None, lang: str) -> str:
    """The middle of a slide: its chart, its cards or its list."""
    if slide["key"] == "headline":
        return _headline_cards(slide["cards"], lang)
    if slide["key"] == "indicators":
        return _indicator_rows(slide["cards"], lang)
    if slide["key"] == "lagging":
        return _items(slide["items"], lang)
    if slide["key"] == "followup":
        return table(slide["table"])
    if chart_uri:
        return f'<img class="gm-s-chart" data-testid="gm-slide-chart" alt="{esc(slide["title"])}" src="{chart_uri}">'
    return ""


def slide(briefing: dict, slide: dict, chart_uri: str | None) -> str:
    """A whole slide: title and headline figure, body, narrative, footer with demo label and counter."""
    lang = briefing["lang"]
    head = slide["headline"]
    demo = (f'<span class="gm-s-demo" data-testid="gm-demo-label">{esc(briefing["demo_label"])}</span>'
            if briefing["demo"] else "<span></span>")
    counter = i18n.t("briefing.counter", lang, n=slide["number"], total=len(briefing["slides"]))
    return (
        f'<div class="gm-slide" data-testid="gm-slide" data-slide="{slide["key"]}" data-number="{slide["number"]}">'
        f'<div class="gm-s-top"><div class="gm-s-titles"><h1 class="gm-s-title">{esc(slide["title"])}</h1>'
        f'<div class="gm-s-sub">{esc(briefing["title"])}</div></div>'
        f'<div class="gm-s-head"><div class="gm-s-big" data-testid="gm-slide-headline">{esc(head["value"])}</div>'
        f'<div class="gm-s-biglabel">{esc(head["label"])}</div></div></div>'
        f'<div class="gm-s-body">{body(slide, chart_uri, lang)}</div>'
        + (f'<p class="gm-s-text" data-testid="gm-slide-narrative">{esc(slide["narrative"])}</p>'
           if slide["narrative"] else "") +
        f'<div class="gm-s-foot">{demo}<span class="gm-s-asof">{esc(briefing["as_of"])} · '
        f'{esc(briefing["vintage_note"])}</span>'
        f'<span class="gm-s-count" data-testid="gm-slide-counter">{esc(counter)}</span></div></div>')
