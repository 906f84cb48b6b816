"""Targets, what-if and shortfall: cached projections (always on the latest figures) and who may edit targets."""

from __future__ import annotations

import streamlit as st

from monitor.bridge.annotations import annotations_version, chart_notes
from monitor.bridge.base import cached, cached_figure, labels, store
from monitor.bridge.upload import can_upload, current_user
from monitor.core.engine import AsOf, Targets
from monitor.leader import status
from monitor.upload import scenario_paths
from monitor.whatif import charts, entries, projection, target_views, views
from monitor.whatif import shortfall as allocation
from monitor.whatif import targets as targets_edit


def can_edit() -> bool:
    """Whether this session may change targets: analysts and admins do (the same right as uploading), everyone
    reads."""
    return can_upload()


def keep_choice(key: str, allowed: list, default) -> None:
    """Call before drawing the keyed selectbox `key`: its state becomes the last valid choice (or `default`).
    Streamlit 1.67 knows a keyed widget by its key, and the browser sends back the label an option was picked
    under; after a change of language that label matches no option, and the box would keep showing the other
    language's label ("Quý II/2025" on the English page)."""
    memo = f"{key}_kept"
    current, kept = st.session_state.get(key), st.session_state.get(memo)
    chosen = current if current in allowed else kept if kept in allowed else default
    st.session_state[key] = st.session_state[memo] = chosen


def user_name() -> str:
    """Who is recorded with a change: the signed-in user."""
    user = current_user()
    return user.name if user else ""


def _latest(as_of: AsOf) -> AsOf:
    return AsOf(as_of.year, as_of.quarter)  # a projection starts from the figures in force


@cached(max_entries=256)
def whatif(as_of: AsOf, assumptions: dict | None, solve: list[str], basis: str, level: str, lang: str) -> dict:
    """The projection with the sectors' names in the reader's language."""
    report = projection.whatif(store(), _latest(as_of), assume=assumptions, solve_for=list(solve), basis=basis,
                               level=level)
    return views.named(report, labels(lang))


@cached(max_entries=256)
def shortfall(as_of: AsOf, assumptions: dict | None, by: str, scope: str, basis: str, level: str, lang: str) -> dict:
    report = allocation.shortfall(store(), _latest(as_of), by=by, scope=scope, assume=assumptions, basis=basis,
                                  level=level)
    return views.named(report, labels(lang))


def whatif_chart(as_of: AsOf, path: list[dict], lang: str):
    """The projected trajectory with the annotations in force (issue 16), redrawn when one changes."""
    return _whatif_chart(as_of, path, lang, annotations_version())


@cached_figure(max_entries=64)
def _whatif_chart(as_of: AsOf, path: list[dict], lang: str, _notes_version: tuple):
    inputs = status.trajectory_inputs(store(), "GRDP", "22", _latest(as_of))
    return charts.projected_trajectory(**inputs, projected=path, lang=lang, notes=chart_notes())


@cached(max_entries=32)
def targets(indicator: str | None = None, year: int | None = None):
    return targets_edit.in_force(store(), indicator, year)


@cached(max_entries=32)
def target_grid(indicator: str, year: int):
    """The targets of one indicator and year as the editing grid, and the path problems (built once per data
    version: at national scale rebuilding them on every run was the targets page's whole warm time)."""
    frame = targets_edit.in_force(store(), indicator, year)
    return targets_edit.grid(frame), scenario_paths.check_paths(frame)


@cached(max_entries=64)
def target_tables(indicator: str, year: int, lang: str, view: str, editable: bool) -> dict:
    """The targets page's tables in words for a view: the grid (`shown` with codes for an editor, `table` as shown),
    its column labels and widths, the documents table and its widths, the history. Built once per data version: at
    national scale (3,531 GRDP targets) formatting and measuring every cell was 0.27 s of every run of the page."""
    before, names, periods = target_grid(indicator, year)[0], labels(lang), target_views.VIEWS[view]
    shown = target_views.grid_labels(before, indicator, names, lang, codes=editable, periods=periods)  # codes last
    table = entries.grid_entries(shown, lang) if editable else target_views.grid_text(shown, lang)
    columns = target_views.grid_columns(lang, editable, periods)
    documents = target_views.documents_frame(before, indicator, names, lang)
    return {"shown": shown, "table": table, "columns": columns,
            "widths": target_views.grid_widths(table, columns, editable), "documents": documents,
            "documents_widths": target_views.documents_widths(documents),
            "history": target_views.history_frame(target_history(indicator, year)[0], indicator, names, lang)}


@cached(max_entries=32)
def target_history(indicator: str, year: int):
    """The changes of one indicator's targets for a year, and every batch of targets (for reverts)."""
    return targets_edit.history(store(), indicator, year), targets_edit.batches(store())


@cached(max_entries=64)
def target_in_force(indicator: str, unit: str, scope: str, as_of: AsOf) -> list[dict]:
    """Every annual target of a unit's TOTAL for the as-of year, oldest effective date first, each with in_force
    (the one in force on the as-of quarter's last day: core/engine.py)."""
    return Targets.load(store(), indicator, as_of.year, as_of).history(unit, "TOTAL", scope)
