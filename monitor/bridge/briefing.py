"""Briefing: the slides, their chart images and the exports (monitor/briefing.py)."""

from __future__ import annotations

import streamlit as st

from monitor.bridge.base import data_version, store
from monitor.briefing import render, slides
from monitor.core.engine import AsOf


@st.cache_data(show_spinner=False, max_entries=32)
def _briefing(version: tuple, year: int, quarter: int, vintage: str, lang: str) -> dict:
    return slides.build(store(), AsOf(year, quarter, vintage), lang)


def briefing_deck(as_of: AsOf, lang: str) -> dict:
    """Every slide of the quarterly briefing (figures, narrative, charts)."""
    return _briefing(data_version(), as_of.year, as_of.quarter, as_of.vintage, lang)


@st.cache_data(show_spinner=False, max_entries=32)
def _briefing_svgs(version: tuple, year: int, quarter: int, vintage: str, lang: str) -> dict[str, bytes]:
    return render.chart_images(_briefing(version, year, quarter, vintage, lang), "svg")


def briefing_svgs(as_of: AsOf, lang: str) -> dict[str, bytes]:
    """The slides' charts as SVG, drawn once per quarter and language (kaleido)."""
    return _briefing_svgs(data_version(), as_of.year, as_of.quarter, as_of.vintage, lang)


@st.cache_data(show_spinner=False, max_entries=16)
def _briefing_file(version: tuple, fmt: str, year: int, quarter: int, vintage: str, lang: str) -> bytes:
    return slides.export(_briefing(version, year, quarter, vintage, lang), fmt)


def briefing_file(fmt: str, as_of: AsOf, lang: str) -> bytes:
    """The deck (pptx), the brief (pdf) or the chart images (png, zipped)."""
    return _briefing_file(data_version(), fmt, as_of.year, as_of.quarter, as_of.vintage, lang)
