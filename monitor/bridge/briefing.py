"""Briefing: the slides, their chart images and the exports (monitor/briefing/)."""

from __future__ import annotations

from monitor.bridge.base import cached, store
from monitor.briefing import render, slides
from monitor.core.engine import AsOf


@cached(max_entries=32)
def briefing_deck(as_of: AsOf, lang: str) -> dict:
    """Every slide of the quarterly briefing (figures, narrative, charts)."""
    return slides.build(store(), as_of, lang)


@cached(max_entries=32)
def briefing_svgs(as_of: AsOf, lang: str) -> dict[str, bytes]:
    """The slides' charts as SVG, drawn once per quarter and language (kaleido)."""
    return render.chart_images(briefing_deck(as_of, lang), "svg")


@cached(max_entries=16)
def briefing_file(fmt: str, as_of: AsOf, lang: str) -> bytes:
    """The deck (pptx), the brief (pdf) or the chart images (png, zipped)."""
    return slides.export(briefing_deck(as_of, lang), fmt)
