"""The briefing as a 16:9 PowerPoint deck (python-pptx): one slide per briefing slide.

Charts go in as PNG pictures drawn by kaleido; the narrative goes on the slide as
text and into the speaker notes; the demo label sits in every slide's footer
while demo data is loaded. Status reads as colour, icon and word together.
"""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from monitor.briefing import slide_html
from monitor.briefing.figures import CHART_SIZE
from monitor.core import i18n
from monitor.core.theme import STATUS_STYLE

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
INK, GREY, WHITE = RGBColor(0x0B, 0x1F, 0x3A), RGBColor(0x2B, 0x2B, 0x2B), RGBColor(0xFF, 0xFF, 0xFF)
DEMO_FILL, DEMO_INK = RGBColor(0xFF, 0xF3, 0xCD), RGBColor(0x4A, 0x37, 0x00)
FONT = "DejaVu Sans"  # ships with Debian's Chromium; PowerPoint falls back cleanly and keeps Vietnamese


def _rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color.lstrip("#"))


def _text(slide, left, top, width, height, text, size, bold=False, color=INK, align=PP_ALIGN.LEFT, name=None):
    box = slide.shapes.add_textbox(left, top, width, height)
    if name:
        box.name = name
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(text if isinstance(text, list) else [text]):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = align
        for chunk, chunk_color, chunk_bold in (line if isinstance(line, list) else [(line, color, bold)]):
            run = para.add_run()
            run.text = chunk
            run.font.size, run.font.bold, run.font.name = Pt(size), chunk_bold, FONT
            run.font.color.rgb = chunk_color
    return box


def _status(status: str, lang: str) -> tuple[str, RGBColor, bool]:
    style = STATUS_STYLE[status]
    return (f' {style["icon"]} {i18n.t(f"status.{status}", lang)}', _rgb(style["color"]), True)


def _cards(slide, cards, lang, top):
    width = (WIDTH - Inches(1.0) - Inches(0.4) * (len(cards) - 1)) / max(len(cards), 1)
    for i, c in enumerate(cards):
        left = Inches(0.5) + i * (width + Inches(0.4))
        lines = [[(c["title"], INK, True), _status(c["status"], lang)],
                 [(f'{c["reference_label"]}: ', GREY, False), (c["reference"], INK, True)],
                 [(f'{i18n.t("home.gap", lang)}: ', GREY, False), (c["gap"], INK, True)]]
        if c["required"]:
            lines.append([(f'{c["required_label"]}: ', GREY, False), (c["required"], INK, True)])
        box = _text(slide, int(left), top, int(width), Inches(2.6), lines, 24, name=f"card-{c['scope']}")
        box.line.color.rgb, box.line.width = RGBColor(0xB8, 0xBE, 0xC6), Pt(2)


def _indicators(slide, cards, lang, top):
    rows = slide.shapes.add_table(len(cards), 3, Inches(0.5), top, WIDTH - Inches(1.0),
                                  Inches(0.4) * len(cards)).table
    rows.columns[0].width, rows.columns[1].width = Inches(6.0), Inches(3.7)
    rows.columns[2].width = WIDTH - Inches(1.0) - Inches(9.7)
    for r, c in enumerate(cards):
        cells = [[(c["name"], INK, False)], [(f'{c["value"]} {c["trend"]} ', INK, True), (c["label"], GREY, False)],
                 [_status(c["status"], lang)]]
        for col, chunks in enumerate(cells):
            cell = rows.cell(r, col)
            cell.fill.background()
            para = cell.text_frame.paragraphs[0]
            for chunk, color, bold in chunks:
                run = para.add_run()
                run.text = chunk
                run.font.size, run.font.bold, run.font.name, run.font.color.rgb = Pt(14), bold, FONT, color


def _items(slide, items, lang, top):
    """The lagging list as a table: rank, status, name, kind, gap and the points it costs (reasons in the notes)."""
    if not items:
        return
    widths = [Inches(0.6), Inches(2.3), Inches(4.4), Inches(1.6), Inches(1.7)]
    widths.append(WIDTH - Inches(1.0) - sum(widths, Emu(0)))
    table = slide.shapes.add_table(len(items) + 1, 6, Inches(0.5), top, WIDTH - Inches(1.0),
                                   Inches(0.36) * (len(items) + 1))
    table.name = "items"
    for col, width in enumerate(widths):
        table.table.columns[col].width = width
    head = [[(h, GREY, True)] for h in slide_html.lagging_header(lang)]
    body = [[[(str(i["rank"]), GREY, False)], [_status(i["status"], lang)], [(i["name"], INK, True)],
             [(i["kind"], GREY, False)], [(i["gap"], INK, True)], [(i["cost"], INK, True)]] for i in items]
    for r, cells in enumerate([head, *body]):
        for col, chunks in enumerate(cells):
            cell = table.table.cell(r, col)
            cell.fill.background()
            cell.margin_top = cell.margin_bottom = Inches(0.03)
            para = cell.text_frame.paragraphs[0]
            para.alignment = PP_ALIGN.RIGHT if col in (0, 4, 5) else PP_ALIGN.LEFT
            for chunk, color, bold in chunks:
                run = para.add_run()
                run.text = chunk
                run.font.size, run.font.bold, run.font.name, run.font.color.rgb = (Pt(13 if r == 0 else 16), bold,
                                                                                  FONT, color)


def _table(slide, t, top):
    """A plain table of words and counts (the follow-up of the previous review's commitments)."""
    rows = t["rows"][:10]
    shape = slide.shapes.add_table(len(rows) + 1, len(t["head"]), Inches(0.5), top, WIDTH - Inches(1.0),
                                   Inches(0.36) * (len(rows) + 1))
    shape.name = "followup"
    for r, cells in enumerate([t["head"], *rows]):
        for col, text in enumerate(cells):
            cell = shape.table.cell(r, col)
            cell.fill.background()
            para = cell.text_frame.paragraphs[0]
            para.alignment = PP_ALIGN.RIGHT if col else PP_ALIGN.LEFT
            run = para.add_run()
            run.text = text
            run.font.size, run.font.bold, run.font.name, run.font.color.rgb = (Pt(13 if r == 0 else 16),
                                                                              r == 0 or col == 0, FONT, INK)


def _notes(s, b):
    """Speaker notes: the narrative, each listed row with its reason, the source."""
    rows = [f'{i["rank"]}. {i["full_name"]} ({i["kind"]}): {i["reason"]}' for i in s["items"]]
    return "\n\n".join([t for t in (s["narrative"], "\n".join(rows)) if t]
                       + [i18n.t("briefing.notes_source", b["lang"], as_of=b["as_of"], vintage=b["vintage_note"])]
                       + ([b["demo_label"]] if b["demo"] else []))


def _footer(slide, b, number):
    top = HEIGHT - Inches(0.5)
    if b["demo"]:
        demo = _text(slide, Inches(0.5), top, Inches(5.6), Inches(0.4), b["demo_label"], 13, True, DEMO_INK,
                     name="demo-label")
        demo.fill.solid()
        demo.fill.fore_color.rgb = DEMO_FILL
    _text(slide, Inches(6.2), top, Inches(5.3), Inches(0.4), f'{b["as_of"]} · {b["vintage_note"]}', 13, color=GREY)
    _text(slide, Inches(11.6), top, Inches(1.25), Inches(0.4),
          i18n.t("briefing.counter", b["lang"], n=number, total=len(b["slides"])), 16, True, align=PP_ALIGN.RIGHT,
          name="counter")


def _cover(deck, b: dict) -> None:
    """The quarterly pack's first slide (issue 16, briefing/pack.py): the as-of quarter, the vintage, the data
    version and the time produced, so a printed copy names the figures behind it."""
    c = b["cover"]
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    _text(slide, Inches(0.8), Inches(0.9), Inches(11.7), Inches(0.9), c["title"], 36, True, name="cover-title")
    _text(slide, Inches(0.8), Inches(1.8), Inches(11.7), Inches(0.6), c["subtitle"], 22, color=GREY)
    for i, (label, value) in enumerate(c["lines"]):
        top = Inches(2.8 + 0.62 * i)
        _text(slide, Inches(0.8), top, Inches(3.4), Inches(0.55), label, 20, True, name=f"cover-label-{i}")
        _text(slide, Inches(4.3), top, Inches(8.4), Inches(0.55), value, 20, name=f"cover-value-{i}")
    _text(slide, Inches(0.8), Inches(5.5), Inches(11.7), Inches(0.8), c["trace"], 14, color=GREY, name="cover-trace")
    if b["demo"]:
        demo = _text(slide, Inches(0.8), Inches(6.5), Inches(8), Inches(0.45), b["demo_label"], 14, True, DEMO_INK,
                     name="demo-label")
        demo.fill.solid()
        demo.fill.fore_color.rgb = DEMO_FILL


def pptx(b: dict, images: dict[str, bytes]) -> bytes:
    """The deck as .pptx bytes. images: {slide key: PNG} from monitor.render.chart_images; with b["cover"] (the
    quarterly pack) a cover slide first."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    lang = b["lang"]
    if b.get("cover"):
        _cover(deck, b)
    for s in b["slides"]:
        slide = deck.slides.add_slide(deck.slide_layouts[6])  # blank
        _text(slide, Inches(0.5), Inches(0.25), Inches(8.3), Inches(0.7), s["title"], 24, True, name="title")
        _text(slide, Inches(0.5), Inches(1.0), Inches(6.8), Inches(0.45), b["title"], 14, color=GREY)
        _text(slide, Inches(7.4), Inches(0.15), Inches(5.45), Inches(0.9), s["headline"]["value"], 36, True,
              align=PP_ALIGN.RIGHT, name="headline")
        _text(slide, Inches(7.4), Inches(1.05), Inches(5.45), Inches(0.45), s["headline"]["label"], 12,
              color=GREY, align=PP_ALIGN.RIGHT)
        rule = slide.shapes.add_connector(1, Inches(0.5), Inches(1.6), WIDTH - Inches(0.5), Inches(1.6))
        rule.line.color.rgb, rule.line.width = INK, Pt(3)
        top = Inches(1.75)
        if s["key"] in images:
            height = Inches(3.7)
            width = Emu(int(height * CHART_SIZE[0] / CHART_SIZE[1]))
            slide.shapes.add_picture(io.BytesIO(images[s["key"]]), int((WIDTH - width) / 2), top, width, height)
        elif s["key"] == "headline":
            _cards(slide, s["cards"], lang, top)
        elif s["key"] == "indicators":
            _indicators(slide, s["cards"], lang, top)
        elif s["key"] == "lagging":
            _items(slide, s["items"], lang, top)
        elif s["key"] == "followup":
            _table(slide, s["table"], top)
        if s["narrative"]:
            _text(slide, Inches(0.5), Inches(5.55), WIDTH - Inches(1.0), Inches(1.35), s["narrative"], 16,
                  color=GREY, name="narrative")
        _footer(slide, b, s["number"])
        slide.notes_slide.notes_text_frame.text = _notes(s, b)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
