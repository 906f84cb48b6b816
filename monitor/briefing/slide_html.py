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


def _items(items: list[dict], more: int, lang: str) -> str:
    if not items:
        return ""
    rows = "".join(
        f'<li>{views.badge_html(i["status"], lang)} <b>{esc(i["name"])}</b> {esc(i["trend"])} '
        f'<span class="gm-s-kind">({esc(i["kind"])})</span> — {esc(i["reason"])}</li>' for i in items)
    tail = f'<li class="gm-s-more">{esc(i18n.t("briefing.more", lang, n=more))}</li>' if more else ""
    return f'<ul class="gm-s-items">{rows}{tail}</ul>'


def body(slide: dict, chart_uri: str | None, lang: str) -> str:
    """The middle of a slide: its chart, its cards or its list."""
    if slide["key"] == "headline":
        return _headline_cards(slide["cards"], lang)
    if slide["key"] == "indicators":
        return _indicator_rows(slide["cards"], lang)
    if slide["key"] == "lagging":
        return _items(slide["items"], slide["more"], lang)
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
        f'<div class="gm-slide" data-testid="gm-slide" data-slide="{slide["key"]}">'
        f'<div class="gm-s-top"><div class="gm-s-titles"><h1 class="gm-s-title">{esc(slide["title"])}</h1>'
        f'<div class="gm-s-sub">{esc(briefing["title"])}</div></div>'
        f'<div class="gm-s-head"><div class="gm-s-big" data-testid="gm-slide-headline">{esc(head["value"])}</div>'
        f'<div class="gm-s-biglabel">{esc(head["label"])}</div></div></div>'
        f'<div class="gm-s-body">{body(slide, chart_uri, lang)}</div>'
        f'<p class="gm-s-text" data-testid="gm-slide-narrative">{esc(slide["narrative"])}</p>'
        f'<div class="gm-s-foot">{demo}<span class="gm-s-asof">{esc(briefing["as_of"])} · '
        f'{esc(briefing["vintage_note"])}</span>'
        f'<span class="gm-s-count" data-testid="gm-slide-counter">{esc(counter)}</span></div></div>')
