"""The app's store, its data version, the one caching helper, the language, and writes.

Every cached figure is keyed by the store's data version (see `cached`), so a load or a rollback makes every page
show the new figures at once. Every write goes through `write`, which re-reads the signed-in account in the core
(auth.require_writer) at the moment of writing: a removed or demoted account's open session reads but no longer
writes.
"""

from __future__ import annotations

import functools
import logging
import os
import sqlite3
import threading
import time

import streamlit as st

from monitor.core import auth, backup, i18n, logins, reference
from monitor.core.engine import latest_quarter
from monitor.core.store import Store, db_path


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    # With an account that writes (uploads, or an officer's check-ins), the app holds the one read-write connection
    # and every query takes its own cursor: DuckDB's transactions keep other sessions reading the last whole batch
    # during a load.
    # Never a snapshot: the dashboard reads the store itself, or says it is busy.
    return Store(path, read_only=not auth.writes_enabled(), snapshot=False)


def store() -> Store:
    found = _store(str(db_path()))
    if found.gone():  # deleted (or put back by hand) while serving: open what is there now, or say it is missing
        _store.clear()
        forget_data_version()
        found = _store(str(db_path()))
    return found


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
    for listener in list(_VERSION_LISTENERS):  # the warm-up (bridge/warm.py, started by serve.py): never waits
        listener(value)
    return value


_VERSION_LISTENERS: list = []  # callables given every data version read from the store (a new one or not)


def on_version(listener) -> None:
    """Call listener(version) each time the data version is read from the store (at most once a second)."""
    if listener not in _VERSION_LISTENERS:
        _VERSION_LISTENERS.append(listener)


def forget_data_version() -> None:
    memo = _remembered_version()
    with memo["lock"]:
        memo.pop("path", None)


MISSES = logging.getLogger("monitor.cache")  # DEBUG: every computed (not cached) call, by thread (the warm-up test)


def _versioned(cache, max_entries: int | None):
    def wrap(func):
        def keyed(version: tuple, *args, **kwargs):
            if MISSES.isEnabledFor(logging.DEBUG):
                MISSES.debug("computed %s in %s", func.__qualname__, threading.current_thread().name)
            return func(*args, **kwargs)

        # Streamlit keys a cache by module and qualified name: give each wrapped function its own
        keyed.__module__, keyed.__qualname__ = func.__module__, func.__qualname__
        memo = cache(show_spinner=False, max_entries=max_entries)(keyed)

        @functools.wraps(func)
        def call(*args, **kwargs):
            return memo(data_version(), *args, **kwargs)

        call.clear = memo.clear
        return call
    return wrap


def cached(max_entries: int | None = 64):
    """Cache a function's result per data version and arguments (which must be hashable by Streamlit: numbers,
    strings, tuples, dicts, AsOf). The function reads the store through store(); callers call it as written.
    Concurrent misses of one key compute once: Streamlit holds a lock per key while computing, and the other
    callers wait for its result (tests/test_warm.py)."""
    return _versioned(st.cache_data, max_entries)


def cached_figure(max_entries: int | None = 32):
    """`cached` for plotly figures (or dicts holding them): kept as built and handed to every session as the same
    object, never copied. A copy through pickle, as st.cache_data makes on every hit, rebuilds and re-validates the
    figure, as slow as drawing it anew (60-100 ms; BENCHMARKS.md finding 1). Callers must not change it."""
    return _versioned(st.cache_resource, max_entries)


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


def oidc_configured() -> bool:
    """Streamlit's own OpenID Connect log-in is used when secrets hold an [auth] section."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def client_address() -> str:
    """The browser's address for the log-in limits. Streamlit gives None for a loopback connection (a reverse
    proxy on the same machine); from a proxy listed in $MONITOR_TRUSTED_PROXIES (default: this machine) the
    address is the last one its X-Forwarded-For header names that is not itself a trusted proxy."""
    try:
        direct = st.context.ip_address or "127.0.0.1"
        forwarded = st.context.headers.get("X-Forwarded-For", "") or ""
    except Exception:  # outside a browser session (bare mode)
        return ""
    if not isinstance(direct, str) or not isinstance(forwarded, str):  # AppTest gives no real connection
        return ""
    trusted = {a.strip() for a in os.environ.get("MONITOR_TRUSTED_PROXIES", "127.0.0.1,::1").split(",") if a.strip()}
    if direct in trusted:
        for hop in reversed([h.strip() for h in forwarded.split(",") if h.strip()]):
            if hop not in trusted:
                return hop[:100]
    return direct


def current_user() -> auth.User | None:
    """The signed-in account as the accounts file has it now: a session whose account was removed, or whose
    password was changed, is signed out; a changed role applies at once (account_notice says so)."""
    if oidc_configured():
        if not st.user.get("is_logged_in", False):
            return None
        email = st.user.get("email") or st.user.get("sub")
        if st.session_state.get("gm_oidc_recorded") != email:  # the identity provider checked the log-in
            st.session_state["gm_oidc_recorded"] = email
            try:
                logins.Attempts().record(str(email), client_address(), "oidc")
            except sqlite3.Error:
                logging.getLogger("monitor.logins").exception("log-in record not writable")
        return auth.User(str(email), auth.role_of(email))
    kept = st.session_state.get("gm_user")
    if kept is None:
        return None
    now = auth.account(kept.name)
    if now is not None and now.role != kept.role:  # demoted (or promoted): the new role from now on
        st.session_state["gm_account_notice"] = "role"
        st.session_state["gm_user"] = now
    elif now is None or now.password != kept.password:  # removed, or its password set anew
        st.session_state["gm_account_notice"] = "removed" if now is None else "password"
        st.session_state.pop("gm_user", None)
        st.session_state.pop("gm_upload", None)
        return None
    return now


def _signed_in_name() -> str | None:
    """The name this session signed in with (even if the account is gone since)."""
    if oidc_configured():
        return st.user.get("email") or st.user.get("sub") if st.user.get("is_logged_in", False) else None
    kept = st.session_state.get("gm_user")
    return kept.name if kept else None


def write(action, roles: tuple[str, ...] = auth.WRITERS, as_system: bool = False):
    """Run action(store) on the app's read-write connection, one write at a time, and return its result.
    The signed-in account is read again first, in the core (auth.require_writer; roles: who may do this write):
    WriteForbiddenError when it was removed or its role no longer writes. With $MONITOR_BACKUP_DIR set, the store
    is backed up before the write (core/backup.py automatic). Other sessions keep reading the last whole batch
    meanwhile (each query has its own cursor); the new batch changes the data version, so every cached figure
    refreshes. as_system: a write that follows one the account was checked for and is not the account's own
    (the notifications a load ends with): no account check."""
    with _write_lock():
        if not as_system:
            name = _signed_in_name()
            current_user()  # brings the session up to date (and tells it why) whatever happens next
            auth.require_writer(name, roles)  # in the core, from the accounts file as it is now
        try:
            target = writable_store()
            backup.automatic(target)
            return action(target)
        finally:
            forget_data_version()
