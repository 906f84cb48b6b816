"""The written brief for the Standing Committee: an A4 HTML page printed to PDF by Chromium.

Chromium lays out Vietnamese text with the system fonts (DejaVu, Liberation),
so every diacritic renders; the demo label and the page number sit in the page
margin (CSS @page boxes), hence on every printed page.
"""

from __future__ import annotations

import html
import json

from monitor.briefing import render, slide_html
from monitor.briefing.slide_html import data_uri
from monitor.core import i18n
from monitor.leader import views

esc = html.escape

CSS = """
@page { size: A4; margin: 14mm 14mm 16mm 14mm;
  @bottom-left { content: DEMO_LABEL; font: 700 8.5pt 'DejaVu Sans', sans-serif; color: #4A3700; }
  @bottom-right { content: PAGE_WORD " " counter(page) "/" counter(pages);
                  font: 8.5pt 'DejaVu Sans', sans-serif; color: #333; } }
body { font-family: 'DejaVu Sans', 'Liberation Sans', sans-serif; font-size: 9.5pt; color: #111; margin: 0; }
h1 { font-size: 16pt; color: #0B1F3A; margin: 0 0 1mm 0; }
.meta { color: #333; margin-bottom: 2mm; }
.demo { background: #FFF3CD; color: #4A3700; border: 1.5px solid #B07800; border-radius: 3px; padding: 1mm 2mm;
        font-weight: 700; margin-bottom: 2mm; }
section { break-inside: avoid; border-top: 2px solid #0B1F3A; padding-top: 1.5mm; margin-top: 2.5mm; }
h2 { font-size: 11.5pt; color: #0B1F3A; margin: 0; display: flex; justify-content: space-between; }
h2 .fig { font-size: 13pt; }
.label { color: #333; font-size: 8.5pt; text-align: right; }
p { margin: 1mm 0; line-height: 1.35; }
img { width: 100%; height: auto; display: block; margin: 1mm 0; }
img.wide { width: 82%; margin-left: 9%; }
table { width: 100%; border-collapse: collapse; margin: 1mm 0; }
td { border-bottom: 0.6px solid #CCC; padding: 0.6mm 1mm; }
td.num { text-align: right; font-weight: 700; white-space: nowrap; }
section[data-slide="lagging"] { break-inside: auto; }  /* a long list flows on; its rows stay whole */
section.cont { border-top: 1px solid #B8BEC6; margin-top: 1mm; }
table.lag { font-size: 8.5pt; table-layout: fixed; } table.lag tr { break-inside: avoid; }
table.lag th { text-align: left; vertical-align: bottom; border-bottom: 1.2px solid #0B1F3A; font-size: 8pt; }
table.lag td { vertical-align: top; } table.lag td.reason { color: #333; font-size: 8pt; }
table.lag col.rank { width: 4%; } table.lag col.status { width: 17%; } table.lag col.name { width: 20%; }
table.lag col.kind { width: 9%; } table.lag col.num { width: 8.5%; } table.lag col.reason { width: 33%; }
.gm-badge { border: 1.2px solid; border-radius: 8px; padding: 0 1.5mm; font-weight: 700; white-space: nowrap; }
ul { margin: 1mm 0; padding-left: 4mm; } li { margin: 0.5mm 0; }
section.cover { break-after: page; border-top: 0; padding-top: 30mm; } section.cover h1 { font-size: 22pt; }
section.cover th { text-align: left; width: 35%; padding: 1.5mm 1mm; font-size: 11pt; }
section.cover td { font-size: 11pt; }
"""


def _css(b: dict) -> str:
    demo = json.dumps(b["demo_label"] if b["demo"] else "", ensure_ascii=False)
    page = json.dumps(i18n.t("briefing.pdf.page", b["lang"]), ensure_ascii=False)
    return CSS.replace("DEMO_LABEL", demo).replace("PAGE_WORD", page)


def _body(s: dict, image: bytes | None, lang: str) -> str:
    if s["key"] == "headline":
        rows = []
        for c in s["cards"]:
            rows.append(f'<tr><td><b>{esc(c["title"])}</b> {views.badge_html(c["status"], lang)}</td>'
                        f'<td>{esc(c["reference_label"])}</td><td class="num">{esc(c["reference"])}</td>'
                        f'<td>{esc(i18n.t("home.gap", lang))}</td><td class="num">{esc(c["gap"])}</td>'
                        f'<td>{esc(c["required_label"])}</td><td class="num">{esc(c["required"])}</td></tr>')
        return f'<table>{"".join(rows)}</table>'
    if s["key"] == "indicators":
        return "<table>" + "".join(
            f'<tr><td>{esc(c["name"])}</td><td class="num">{esc(c["value"])} {esc(c["trend"])}</td>'
            f'<td>{esc(c["label"])}</td><td>{views.badge_html(c["status"], lang)}</td></tr>'
            for c in s["cards"]) + "</table>"
    if s["key"] == "lagging":  # on paper there is room for the full names and each row's reason
        if not s["items"]:
            return ""
        head = "".join(f"<th>{esc(h)}</th>" for h in slide_html.lagging_header(lang)) + \
            f'<th>{esc(i18n.t("col.reason", lang))}</th>'
        cols = "".join(f'<col class="{c}">' for c in ("rank", "status", "name", "kind", "num", "num", "reason"))
        return f'<table class="lag">{cols}<tr>{head}</tr>' + "".join(
            f'<tr><td class="num">{i["rank"]}</td><td>{views.badge_html(i["status"], lang)}</td>'
            f'<td><b>{esc(i["full_name"])}</b></td><td>{esc(i["kind"])}</td><td class="num">{esc(i["gap"])}</td>'
            f'<td class="num">{esc(i["cost"])}</td><td class="reason">{esc(i["reason"])}</td></tr>'
            for i in s["items"]) + "</table>"
    if s["key"] == "followup":  # the follow-up table of the previous review's commitments
        return slide_html.table(s["table"], "lag")
    if image is not None:
        return f'<img class="wide" alt="{esc(s["title"])}" src="{data_uri(image, "svg")}">'
    return ""


def html_document(b: dict, images: dict[str, bytes]) -> str:
    """The brief as one HTML page. images: {slide key: SVG} from monitor.render.chart_images."""
    lang = b["lang"]
    parts = [f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{esc(b["title"])}</title>'
             f'<style>{_css(b)}</style></head><body>',
             f'<h1>{esc(b["title"])}</h1><div class="meta">{esc(b["as_of"])} · {esc(b["vintage_note"])}</div>']
    if b.get("cover"):  # the quarterly pack (issue 16): a page naming the figures behind the copy
        c = b["cover"]
        rows = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in c["lines"])
        parts.insert(1, f'<section class="cover" data-slide="cover"><h1>{esc(c["title"])}</h1>'
                        f'<div class="meta">{esc(c["subtitle"])}</div><table>{rows}</table>'
                        f'<p>{esc(c["trace"])}</p></section>')
    if b["demo"]:
        parts.append(f'<div class="demo">{esc(i18n.t("app.demo_label", lang))}</div>')
    for s in b["slides"]:
        kind = ' class="cont"' if s["part"] > 1 else ""  # a continuation of the list on the slide before
        text = f'<p>{esc(s["narrative"])}</p>' if s["narrative"] else ""
        parts.append(
            f'<section data-slide="{s["key"]}"{kind}><h2><span>{s["number"]}. {esc(s["title"])}</span>'
            f'<span class="fig">{esc(s["headline"]["value"])}</span></h2>'
            f'<div class="label">{esc(s["headline"]["label"])}</div>{text}{_body(s, images.get(s["key"]), lang)}'
            '</section>')
    parts.append("</body></html>")
    return "".join(parts)


def pdf(b: dict, images: dict[str, bytes]) -> bytes:
    """The brief printed to PDF by Chromium."""
    return render.html_to_pdf(html_document(b, images))
