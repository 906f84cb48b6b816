"""The one place the core meets Streamlit: cached store and cached reports.

Caches are keyed by the store's data version, so a load or a rollback makes
every page show the new figures at once.
"""

from __future__ import annotations

import streamlit as st

from monitor import charts, i18n, status
from monitor.engine import AsOf, latest_quarter
from monitor.store import Store, db_path


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    return Store(path, read_only=True)


def store() -> Store:
    return _store(str(db_path()))


def data_version() -> tuple:
    row = store().records("data_version")[0]
    return (str(db_path()), int(row["last_batch"]), int(row["rolled_back"]))


@st.cache_data(show_spinner=False, max_entries=256)
def _report(version: tuple, indicator: str, unit: str, year: int, quarter: int, vintage: str,
            lang: str) -> dict:
    return status.report(store(), indicator, unit, AsOf(year, quarter, vintage), lang)


def report(indicator: str, unit: str, as_of: AsOf, lang: str) -> dict:
    return _report(data_version(), indicator, unit, as_of.year, as_of.quarter, as_of.vintage, lang)


@st.cache_data(show_spinner=False, max_entries=64)
def _trajectory(version: tuple, indicator: str, unit: str, year: int, quarter: int, vintage: str, lang: str):
    inputs = status.trajectory_inputs(store(), indicator, unit, AsOf(year, quarter, vintage))
    return charts.trajectory(**inputs, lang=lang)


def trajectory(indicator: str, unit: str, as_of: AsOf, lang: str):
    return _trajectory(data_version(), indicator, unit, as_of.year, as_of.quarter, as_of.vintage, lang)


@st.cache_data(show_spinner=False)
def _latest(version: tuple, indicator: str, unit: str) -> tuple | None:
    found = latest_quarter(store(), indicator, unit)
    return (found.year, found.quarter) if found else None


def latest(indicator: str = "GRDP", unit: str = "22") -> tuple | None:
    return _latest(data_version(), indicator, unit)


@st.cache_data(show_spinner=False)
def _demo_loaded(version: tuple) -> bool:
    return bool(store().scalar("demo_loaded"))


def demo_loaded() -> bool:
    return _demo_loaded(data_version())


def language() -> str:
    """The language from the URL (?lang=en), Vietnamese by default."""
    lang = st.query_params.get("lang", i18n.DEFAULT_LANG)
    return lang if lang in i18n.LANGS else i18n.DEFAULT_LANG
