"""The app's store, its data version, the one caching helper, the language, and writes.

Every cached figure is keyed by the store's data version (see `cached`), so a load or a rollback makes every page
show the new figures at once.
"""

from __future__ import annotations

import functools
import threading
import time

import streamlit as st

from monitor.core import auth, i18n, reference
from monitor.core.engine import latest_quarter
from monitor.core.store import Store, db_path


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    # With uploads on, the app holds the one read-write connection and every query takes its own
    # cursor: DuckDB's transactions keep other sessions reading the last whole batch during a load.
    return Store(path, read_only=not auth.uploads_enabled())


def store() -> Store:
    return _store(str(db_path()))


VERSION_TTL_S = 1.0  # how long a read data version is trusted; this process's own writes forget it at once


@st.cache_resource(show_spinner=False)
def _remembered_version() -> dict:
    return {"lock": threading.Lock()}  # a resource, so clearing Streamlit's resource cache forgets it too


def data_version() -> tuple:
    """(store path, last batch, rolled-back batches): the key of every cache. Read at most once a second
    (it was 13% of the server's time with 20 sessions; BENCHMARKS.md), so a load from another process shows
    within a second, and one from this app at once (write() forgets the remembered version)."""
    memo, path, now = _remembered_version(), str(db_path()), time.monotonic()
    with memo["lock"]:
        if memo.get("path") == path and now - memo["at"] < VERSION_TTL_S:
            return memo["value"]
    row = store().records("data_version")[0]
    value = (path, int(row["last_batch"]), int(row["rolled_back"]))
    with memo["lock"]:
        memo.update(path=path, at=now, value=value)
    return value


def forget_data_version() -> None:
    memo = _remembered_version()
    with memo["lock"]:
        memo.pop("path", None)


def cached(max_entries: int | None = 64):
    """Cache a function's result per data version and arguments (which must be hashable by Streamlit: numbers,
    strings, tuples, dicts, AsOf). The function reads the store through store(); callers call it as written."""
    def wrap(func):
        def keyed(version: tuple, *args, **kwargs):
            return func(*args, **kwargs)

        # Streamlit keys a cache by module and qualified name: give each wrapped function its own
        keyed.__module__, keyed.__qualname__ = func.__module__, func.__qualname__
        memo = st.cache_data(show_spinner=False, max_entries=max_entries)(keyed)

        @functools.wraps(func)
        def call(*args, **kwargs):
            return memo(data_version(), *args, **kwargs)

        call.clear = memo.clear
        return call
    return wrap


def language() -> str:
    """The language chosen in the header (kept in the URL as ?lang=en), Vietnamese by default."""
    lang = st.session_state.get("gm_lang") or st.query_params.get("lang", i18n.DEFAULT_LANG)
    return lang if lang in i18n.LANGS else i18n.DEFAULT_LANG


@cached(max_entries=8)
def labels(lang: str) -> reference.Labels:
    """Names of sectors, units and indicators in a language."""
    return reference.labels(store(), lang)


@cached()
def latest(indicator: str = "GRDP", unit: str = "22") -> tuple | None:
    found = latest_quarter(store(), indicator, unit)
    return (found.year, found.quarter) if found else None


@cached()
def demo_loaded() -> bool:
    return bool(store().scalar("demo_loaded"))


def writable_store() -> Store:
    """The app's store, reopened read-write once if accounts were added while it served read-only."""
    current = store()
    if current.read_only:
        current.close()
        _store.clear()
        current = store()
    return current


@st.cache_resource(show_spinner=False)
def _write_lock() -> threading.Lock:
    return threading.Lock()


def write(action):
    """Run action(store) on the app's read-write connection, one write at a time, and return its result.
    Other sessions keep reading the last whole batch meanwhile (each query has its own cursor); the new batch
    changes the data version, so every cached figure refreshes."""
    with _write_lock():
        try:
            return action(writable_store())
        finally:
            forget_data_version()
