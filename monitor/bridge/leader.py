"""Leader pages: the header's as-of quarter, the status reports in words, names and drill-down figures."""

from __future__ import annotations

import streamlit as st

from monitor.bridge.annotations import annotations_version, chart_notes
from monitor.bridge.base import cached, cached_figure, labels, latest, store
from monitor.core import reference
from monitor.core.engine import AsOf
from monitor.leader import charts, drill, status, wording

STATE_KEYS = ("lang", "year", "quarter", "vintage")  # the header's choices (gm_<key>), kept in every page's URL


@cached()
def quarters(indicator: str = "GRDP", unit: str = "22") -> list[tuple[int, int]]:
    """Every quarter for which year-to-date growth can be computed, oldest first."""
    frame = drill.growth_series(store(), indicator, unit, "TOTAL", "latest", since=1900)
    return [(int(r.year), int(r.quarter)) for r in frame.itertuples() if r.ytd_growth_pct == r.ytd_growth_pct]


def as_of() -> AsOf | None:
    """The as-of quarter and vintage chosen in the header (the latest quarter by default)."""
    if "gm_year" not in st.session_state:
        found = latest()
        return AsOf(*found) if found else None
    state = st.session_state
    return AsOf(state["gm_year"], state["gm_quarter"], state.get("gm_vintage", "latest"))


def url_state(merge: bool = False, **page_state) -> None:
    """Write the header's choices and the page's own (unit, sector...) into the URL, so a link reopens this view.
    merge=True (the entrypoint, before the page runs) keeps the parameters already there, which the page has yet
    to read; a page's own call then writes exactly its view."""
    wanted = {k: str(st.session_state[f"gm_{k}"]) for k in STATE_KEYS if st.session_state.get(f"gm_{k}") is not None}
    wanted.update({k: str(v) for k, v in page_state.items() if v is not None})
    if merge:
        wanted = {**st.query_params.to_dict(), **wanted}
    if dict(st.query_params) != wanted:
        st.query_params.from_dict(wanted)


def link_params(**page_state) -> dict[str, str]:
    """The query parameters of a link to another page's view: the header's choices and that page's own."""
    found = {k: str(st.session_state[f"gm_{k}"]) for k in STATE_KEYS if st.session_state.get(f"gm_{k}") is not None}
    return found | {k: str(v) for k, v in page_state.items() if v is not None}


@cached(max_entries=256)
def _status(indicator: str, unit: str, level: str, as_of: AsOf) -> dict:
    return status.report(store(), indicator, unit, as_of, unit_level=level)


@cached(max_entries=256)
def unit_report(indicator: str, unit: str, level: str, as_of: AsOf, lang: str) -> dict:
    """A status report in words whose locality rows are of the given level ('commune', 'former_district', or ''
    for none). Units are named as they were at the as-of quarter (Thị xã Đông Triều until 2024 Q3)."""
    return wording.localized(_status(indicator, unit, level, as_of), labels_at(lang, as_of), lang)


@cached(max_entries=64)
def labels_at(lang: str, as_of: AsOf) -> reference.Labels:
    """Names in a language with units named as they were at the as-of quarter."""
    return reference.labels(store(), lang, as_of)


def report(indicator: str, unit: str, as_of: AsOf, lang: str) -> dict:
    """The status report in words, with the communes as localities (the overview, sectors and lagging pages)."""
    return unit_report(indicator, unit, "commune", as_of, lang)


def trajectory(indicator: str, unit: str, as_of: AsOf, lang: str):
    """The trajectory with the annotations in force (issue 16), redrawn when one changes."""
    return _trajectory(indicator, unit, as_of, lang, annotations_version())


@cached_figure()
def _trajectory(indicator: str, unit: str, as_of: AsOf, lang: str, _notes_version: tuple):
    return charts.trajectory(**status.trajectory_inputs(store(), indicator, unit, as_of), lang=lang,
                             notes=chart_notes("unit", unit) if unit != "22" else chart_notes())


def sector_names(lang: str) -> dict[str, str]:
    return labels(lang).sector


def unit_names(lang: str, as_of: AsOf | None = None) -> dict[str, str]:
    """Unit names (as they were at the as-of quarter when one is given: Thị xã Đông Triều until 2024 Q3)."""
    return (labels(lang) if as_of is None else labels_at(lang, as_of)).unit


def indicator_names(lang: str) -> dict[str, str]:
    return labels(lang).indicator


@cached()
def other_indicators() -> list[str]:
    """Plan and rate indicators, in display order (the overview's grid)."""
    return [r["code"] for r in store().records("indicators_all") if r["kind"] in ("plan", "rate")]


@cached(max_entries=128)
def series(indicator: str, unit: str, sector: str, as_of: AsOf):
    return drill.growth_series(store(), indicator, unit, sector, as_of.vintage, until=as_of)


@cached(max_entries=128)
def structure(indicator: str, unit: str, as_of: AsOf):
    return drill.structure(store(), indicator, unit, as_of)


@cached(max_entries=128)
def contribution_bridge(indicator: str, unit: str, as_of: AsOf) -> dict:
    return drill.contribution_bridge(store(), indicator, unit, as_of)
