"""Targets, what-if and shortfall: cached projections and who may edit targets."""

from __future__ import annotations

import streamlit as st

from monitor.bridge.base import data_version, store
from monitor.bridge.upload import can_upload, current_user
from monitor.core.engine import AsOf
from monitor.leader import status


def can_edit() -> bool:
    """Whether this session may change targets: analysts and admins do (the same right as uploading), everyone
    reads."""
    return can_upload()


def user_name() -> str:
    """Who is recorded with a change: the signed-in user."""
    user = current_user()
    return user.name if user else ""


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
    from monitor.whatif import projection

    return projection.whatif(store(), AsOf(year, quarter), assume=_thawed(assume), solve_for=list(solve), basis=basis,
                         level=level, lang=lang)


def whatif(as_of: AsOf, assumptions: dict | None, solve: list[str], basis: str, level: str, lang: str) -> dict:
    return _whatif(data_version(), as_of.year, as_of.quarter, _frozen(assumptions), tuple(solve), basis, level, lang)


@st.cache_data(show_spinner=False, max_entries=256)
def _shortfall(version: tuple, year: int, quarter: int, assume: tuple, by: str, scope: str, basis: str,
               level: str, lang: str) -> dict:
    from monitor.whatif import shortfall

    return shortfall.shortfall(store(), AsOf(year, quarter), by=by, scope=scope, assume=_thawed(assume),
                               basis=basis, level=level, lang=lang)


def shortfall(as_of: AsOf, assumptions: dict | None, by: str, scope: str, basis: str, level: str, lang: str) -> dict:
    return _shortfall(data_version(), as_of.year, as_of.quarter, _frozen(assumptions), by, scope, basis, level, lang)


@st.cache_data(show_spinner=False, max_entries=64)
def _whatif_chart(version: tuple, year: int, quarter: int, projected: tuple, lang: str):
    from monitor.whatif import charts as charts_whatif

    inputs = status.trajectory_inputs(store(), "GRDP", "22", AsOf(year, quarter))
    return charts_whatif.projected_trajectory(**inputs, projected=[dict(p) for p in projected], lang=lang)


def whatif_chart(as_of: AsOf, path: list[dict], lang: str):
    return _whatif_chart(data_version(), as_of.year, as_of.quarter, tuple(tuple(p.items()) for p in path), lang)


@st.cache_data(show_spinner=False, max_entries=32)
def _targets(version: tuple, indicator: str | None, year: int | None):
    from monitor.whatif import targets as targets_edit

    return targets_edit.in_force(store(), indicator, year)


def targets(indicator: str | None = None, year: int | None = None):
    return _targets(data_version(), indicator, year)


@st.cache_data(show_spinner=False, max_entries=32)
def _target_grid(version: tuple, indicator: str, year: int):
    from monitor.whatif import targets as targets_edit

    frame = targets_edit.in_force(store(), indicator, year)
    return targets_edit.grid(frame), targets_edit.check_paths(frame)


def target_grid(indicator: str, year: int):
    """The targets of one indicator and year as the editing grid, and the path problems (built once per data
    version: at national scale rebuilding them on every run was the targets page's whole warm time)."""
    return _target_grid(data_version(), indicator, year)


@st.cache_data(show_spinner=False, max_entries=32)
def _target_history(version: tuple, indicator: str, year: int):
    from monitor.whatif import targets as targets_edit

    return targets_edit.history(store(), indicator, year), targets_edit.batches(store())


def target_history(indicator: str, year: int):
    """The changes of one indicator's targets for a year, and every batch of targets (for reverts)."""
    return _target_history(data_version(), indicator, year)
