"""Annotations and the wall (issue 16): the annotations in force (cached per data version and annotation change),
the page's edits and file loads through base.write, the wall's playlists and screens, the quarterly pack."""

from __future__ import annotations

import streamlit as st

from monitor.annotations import files, notes, playlists
from monitor.bridge.base import data_version, store, write
from monitor.bridge.upload import current_user
from monitor.briefing import pack, render, wall
from monitor.core import marks
from monitor.core.engine import AsOf


def annotations_version() -> tuple:
    """(data version, last annotation change): the key of every cache that draws annotations."""
    return (data_version(), int(store().scalar("annotations_version") or 0))


@st.cache_data(show_spinner=False, max_entries=8)
def _in_force(version: tuple) -> list[dict]:
    return notes.in_force(store())


def annotations() -> list[dict]:
    """The annotations in force, oldest first (a chart draws those on its axis)."""
    return _in_force(annotations_version())


def annotation_history() -> list[dict]:
    return notes.history(store())


def add_annotation(**cells) -> int:
    return write(lambda s: notes.add(s, current_user(), **cells))


def edit_annotation(annotation_id: int, **cells) -> bool:
    return write(lambda s: notes.edit(s, current_user(), annotation_id, **cells))


def remove_annotation(annotation_id: int) -> None:
    write(lambda s: notes.remove(s, current_user(), annotation_id))


def load_annotations(raw: bytes, file_name: str) -> dict[str, int]:
    return write(lambda s: files.load(s, current_user(), raw, file_name))


def annotations_csv(lang: str) -> bytes:
    return files.export_csv(store(), lang)


def playlist_names() -> list[str]:
    return [p["name"] for p in playlists.listed(store())]


def playlist(name: str | None) -> dict:
    """The named playlist, or the default one when the name is unknown or missing."""
    return playlists.find(store(), name)


@st.cache_data(show_spinner=False, max_entries=32)
def _screens(version: tuple, items: str, as_of: AsOf, lang: str) -> list[dict]:
    return wall.screens(store(), items, as_of, lang, notes.in_force(store()))


def wall_screens(items: str, as_of: AsOf, lang: str) -> list[dict]:
    """The wall's screens for a playlist's items at an as-of quarter, rebuilt when the data version changes."""
    return _screens(annotations_version(), items, as_of, lang)


def save_playlist(name: str, items: str, interval_s: int) -> dict:
    return write(lambda s: playlists.save(s, current_user(), name, items, interval_s))


def quarterly_pack(as_of: AsOf, lang: str) -> tuple[str, bytes]:
    """The quarterly pack (deck, PDF brief, chart images, each with its provenance cover): (file name, zip bytes).
    Made on request, never cached: its cover names the time it was produced."""
    return pack.pack(store(), as_of, lang)


def playlists_listed() -> list[dict]:
    return playlists.listed(store())


def chart_notes(kind: str | None = None, code: str | None = None) -> list[dict]:
    """The annotations a time chart of one item draws: the province-wide ones and those tied to this item."""
    return marks.general(annotations(), kind, code)


@st.cache_data(show_spinner=False, max_entries=256)
def _chart_svg(version: tuple, items: str, as_of: AsOf, lang: str, key: str) -> bytes | None:
    screen = next((s for s in _screens(version, items, as_of, lang) if s["key"] == key), None)
    if screen is None or screen["chart"] is None:
        return None
    try:
        return render.image(screen["chart"], "svg")
    except render.RenderError:  # no Chromium: the page draws the chart itself
        return None


def wall_chart_svg(items: str, as_of: AsOf, lang: str, key: str) -> bytes | None:
    """A wall screen's chart as SVG (drawn once per data version), or None when it has none or none can be drawn."""
    return _chart_svg(annotations_version(), items, as_of, lang, key)
