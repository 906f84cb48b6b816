"""Briefing: the slides, their chart images and the exports (monitor/briefing/)."""

from __future__ import annotations

from monitor.bridge.annotations import annotations_version
from monitor.bridge.base import cached, store
from monitor.briefing import render, slides
from monitor.core.engine import AsOf


def briefing_deck(as_of: AsOf, lang: str) -> dict:
    """Every slide of the quarterly briefing (figures, narrative, charts); rebuilt when an annotation changes too
    (its trajectory draws and cites them, issue 16)."""
    return _deck(as_of, lang, annotations_version())


def briefing_svgs(as_of: AsOf, lang: str) -> dict[str, bytes]:
    """The slides' charts as SVG, drawn once per quarter and language (kaleido)."""
    return _svgs(as_of, lang, annotations_version())


def briefing_file(fmt: str, as_of: AsOf, lang: str) -> bytes:
    """The deck (pptx), the brief (pdf) or the chart images (png, zipped)."""
    return _file(fmt, as_of, lang, annotations_version())


@cached(max_entries=32)
def _deck(as_of: AsOf, lang: str, _notes_version: tuple) -> dict:
    return slides.build(store(), as_of, lang)


@cached(max_entries=32)
def _svgs(as_of: AsOf, lang: str, notes_version: tuple) -> dict[str, bytes]:
    return render.chart_images(_deck(as_of, lang, notes_version), "svg")


@cached(max_entries=16)
def _file(fmt: str, as_of: AsOf, lang: str, notes_version: tuple) -> bytes:
    return slides.export(_deck(as_of, lang, notes_version), fmt)
