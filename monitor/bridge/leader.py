"""Leader pages: the header's as-of quarter, names and drill-down figures."""

from __future__ import annotations

import streamlit as st

from monitor.bridge.base import data_version, latest, store
from monitor.core.engine import AsOf
from monitor.leader import drill, status

STATE_KEYS = ("lang", "year", "quarter", "vintage")  # the header's choices (gm_<key>), kept in every page's URL


@st.cache_data(show_spinner=False)
def _quarters(version: tuple, indicator: str, unit: str) -> list[tuple[int, int]]:
    frame = drill.growth_series(store(), indicator, unit, "TOTAL", "latest", since=1900)
    return [(int(r.year), int(r.quarter)) for r in frame.itertuples() if r.ytd_growth_pct == r.ytd_growth_pct]


def quarters(indicator: str = "GRDP", unit: str = "22") -> list[tuple[int, int]]:
    """Every quarter for which year-to-date growth can be computed, oldest first."""
    return _quarters(data_version(), indicator, unit)


def as_of() -> AsOf | None:
    """The as-of quarter and vintage chosen in the header (the latest quarter by default)."""
    if "gm_year" not in st.session_state:
        found = latest()
        return AsOf(*found) if found else None
    state = st.session_state
    return AsOf(state["gm_year"], state["gm_quarter"], state.get("gm_vintage", "latest"))


def url_state(**page_state) -> None:
    """Write the header's choices and the page's own (unit, sector...) into the URL, so a link reopens this view."""
    wanted = {k: str(st.session_state[f"gm_{k}"]) for k in STATE_KEYS if st.session_state.get(f"gm_{k}") is not None}
    wanted.update({k: str(v) for k, v in page_state.items() if v is not None})
    if dict(st.query_params) != wanted:
        st.query_params.from_dict(wanted)


@st.cache_data(show_spinner=False)
def _names(version: tuple, query: str, lang: str) -> dict[str, str]:
    return {r["code"]: r["name_vi" if lang == "vi" else "name_en"] for r in store().records(query)}


def sector_names(lang: str) -> dict[str, str]:
    return _names(data_version(), "sector_names", lang)


def unit_names(lang: str) -> dict[str, str]:
    return _names(data_version(), "unit_names", lang)


def indicator_names(lang: str) -> dict[str, str]:
    return _names(data_version(), "indicators_all", lang)


@st.cache_data(show_spinner=False)
def _kinds(version: tuple) -> dict[str, str]:
    return {r["code"]: r["kind"] for r in store().records("indicators_all")}


def other_indicators() -> list[str]:
    """Plan and rate indicators, in display order (the overview's grid)."""
    return [code for code, kind in _kinds(data_version()).items() if kind in ("plan", "rate")]


@st.cache_data(show_spinner=False, max_entries=256)
def _unit_report(version: tuple, indicator: str, unit: str, level: str, year: int, quarter: int, vintage: str,
                 lang: str) -> dict:
    return status.report(store(), indicator, unit, AsOf(year, quarter, vintage), lang, unit_level=level)


def unit_report(indicator: str, unit: str, level: str, as_of: AsOf, lang: str) -> dict:
    """A report whose locality rows are of the given level ('commune', 'former_district', or '' for none)."""
    return _unit_report(data_version(), indicator, unit, level, as_of.year, as_of.quarter, as_of.vintage, lang)


@st.cache_data(show_spinner=False, max_entries=128)
def _drill(version: tuple, what: str, indicator: str, unit: str, sector: str, year: int, quarter: int,
           vintage: str):
    as_of = AsOf(year, quarter, vintage)
    if what == "series":
        return drill.growth_series(store(), indicator, unit, sector, vintage, until=as_of)
    if what == "structure":
        return drill.structure(store(), indicator, unit, as_of)
    return drill.contribution_bridge(store(), indicator, unit, as_of)


def series(indicator: str, unit: str, sector: str, as_of: AsOf):
    return _drill(data_version(), "series", indicator, unit, sector, as_of.year, as_of.quarter, as_of.vintage)


def structure(indicator: str, unit: str, as_of: AsOf):
    return _drill(data_version(), "structure", indicator, unit, "", as_of.year, as_of.quarter, as_of.vintage)


def contribution_bridge(indicator: str, unit: str, as_of: AsOf) -> dict:
    return _drill(data_version(), "bridge", indicator, unit, "", as_of.year, as_of.quarter, as_of.vintage)
