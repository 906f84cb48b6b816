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
    shared = Store(path, read_only=True)
    shared.con = _PausableConnection(shared.con)  # a write from a page pauses reads (see write())
    return shared


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


# --- Targets, what-if and shortfall (issue 7) ---------------------------------------------------------------------


def can_edit() -> bool:
    """Whether this session may change targets. Until log-in and roles land, only when MONITOR_ALLOW_EDIT=1
    (the one place to wire to the real roles: admins and analysts edit, everyone reads)."""
    import os

    return os.environ.get("MONITOR_ALLOW_EDIT") == "1"


def user_name() -> str:
    """Who is recorded with a change: MONITOR_USER, else the account running the dashboard (until log-in)."""
    import getpass
    import os

    return os.environ.get("MONITOR_USER") or getpass.getuser()


def _frozen(assumptions: dict | None) -> tuple:
    return tuple(sorted((c, int(q), float(g)) for c, qs in (assumptions or {}).items() for q, g in qs.items()))


def _thawed(frozen: tuple) -> dict:
    out: dict = {}
    for code, q, g in frozen:
        out.setdefault(code, {})[q] = g
    return out


@st.cache_data(show_spinner=False, max_entries=256)
def _whatif(version: tuple, year: int, quarter: int, assume: tuple, solve: tuple, basis: str, level: str,
            lang: str) -> dict:
    from monitor import whatif

    return whatif.whatif(store(), AsOf(year, quarter), assume=_thawed(assume), solve_for=list(solve), basis=basis,
                         level=level, lang=lang)


def whatif(as_of: AsOf, assumptions: dict | None, solve: list[str], basis: str, level: str, lang: str) -> dict:
    return _whatif(data_version(), as_of.year, as_of.quarter, _frozen(assumptions), tuple(solve), basis, level, lang)


@st.cache_data(show_spinner=False, max_entries=256)
def _shortfall(version: tuple, year: int, quarter: int, assume: tuple, by: str, scope: str, basis: str,
               level: str, lang: str) -> dict:
    from monitor import shortfall

    return shortfall.shortfall(store(), AsOf(year, quarter), by=by, scope=scope, assume=_thawed(assume),
                               basis=basis, level=level, lang=lang)


def shortfall(as_of: AsOf, assumptions: dict | None, by: str, scope: str, basis: str, level: str, lang: str) -> dict:
    return _shortfall(data_version(), as_of.year, as_of.quarter, _frozen(assumptions), by, scope, basis, level, lang)


@st.cache_data(show_spinner=False, max_entries=64)
def _whatif_chart(version: tuple, year: int, quarter: int, projected: tuple, lang: str):
    from monitor import charts_whatif

    inputs = status.trajectory_inputs(store(), "GRDP", "22", AsOf(year, quarter))
    return charts_whatif.projected_trajectory(**inputs, projected=[dict(p) for p in projected], lang=lang)


def whatif_chart(as_of: AsOf, path: list[dict], lang: str):
    return _whatif_chart(data_version(), as_of.year, as_of.quarter, tuple(tuple(p.items()) for p in path), lang)


@st.cache_data(show_spinner=False, max_entries=32)
def _targets(version: tuple, indicator: str | None, year: int | None):
    from monitor import targets_edit

    return targets_edit.in_force(store(), indicator, year)


def targets(indicator: str | None = None, year: int | None = None):
    return _targets(data_version(), indicator, year)


@st.cache_data(show_spinner=False, max_entries=32)
def _target_history(version: tuple, indicator: str, year: int):
    from monitor import targets_edit

    return targets_edit.history(store(), indicator, year), targets_edit.batches(store())


def target_history(indicator: str, year: int):
    """The changes of one indicator's targets for a year, and every batch of targets (for reverts)."""
    return _target_history(data_version(), indicator, year)


class _PausableConnection:
    """The shared read-only connection, paused while this process writes.

    DuckDB lets one process hold either read-only or read-write connections to a file, not both, so a write
    must close the shared connection. Reads (Store.run and Store.scalar take a cursor and close it) wait while
    a write runs, and the write waits for the reads in flight, so no session sees a closed connection."""

    def __init__(self, con):
        import threading

        self.con, self.cond, self.active, self.writing = con, threading.Condition(), 0, False

    def cursor(self):
        with self.cond:
            self.cond.wait_for(lambda: not self.writing)
            self.active += 1
            try:
                return _TrackedCursor(self.con.cursor(), self)
            except BaseException:
                self.active -= 1
                raise

    def release(self) -> None:
        with self.cond:
            self.active -= 1
            self.cond.notify_all()

    def __getattr__(self, name):
        return getattr(self.con, name)


class _TrackedCursor:
    def __init__(self, cur, owner: _PausableConnection):
        self.cur, self.owner, self.open = cur, owner, True

    def close(self) -> None:
        try:
            self.cur.close()
        finally:
            if self.open:
                self.open = False
                self.owner.release()

    def __getattr__(self, name):
        return getattr(self.cur, name)


@st.cache_resource(show_spinner=False)
def _write_lock():
    import threading

    return threading.Lock()


def write(action):
    """Run action(store) on a writable connection and return its result. The shared read-only connection
    pauses meanwhile (see _PausableConnection); the new batch changes the data version, so every cached
    figure refreshes. Raises StoreBusyError when another process writes."""
    shared = store()
    with _write_lock():
        paused = shared.con
        with paused.cond:
            paused.writing = True
            paused.cond.wait_for(lambda: paused.active == 0)
        paused.con.close()
        try:
            with Store(shared.path) as writer:
                return action(writer)
        finally:
            with paused.cond:
                try:
                    paused.con = shared._connect(True)
                finally:
                    paused.writing = False
                    paused.cond.notify_all()
