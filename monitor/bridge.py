"""The one place the core meets Streamlit: cached store and cached reports.

Caches are keyed by the store's data version, so a load or a rollback makes
every page show the new figures at once.
"""

from __future__ import annotations

import time

import streamlit as st

from monitor import auth, briefing, charts, drill, history, i18n, ingest, render, status, templates
from monitor.engine import AsOf, latest_quarter
from monitor.store import Store, db_path


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    # With uploads on, the app holds the one read-write connection and every query takes its own
    # cursor: DuckDB's transactions keep other sessions reading the last whole batch during a load.
    return Store(path, read_only=not auth.uploads_enabled())


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
    """The language chosen in the header (kept in the URL as ?lang=en), Vietnamese by default."""
    lang = st.session_state.get("gm_lang") or st.query_params.get("lang", i18n.DEFAULT_LANG)
    return lang if lang in i18n.LANGS else i18n.DEFAULT_LANG


# --- Leader pages: the as-of quarter, names and drill-down figures ---------------------------------

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


# --- Briefing: the slides, their chart images and the exports (monitor/briefing.py) ------------------------

@st.cache_data(show_spinner=False, max_entries=32)
def _briefing(version: tuple, year: int, quarter: int, vintage: str, lang: str) -> dict:
    return briefing.build(store(), AsOf(year, quarter, vintage), lang)


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
    return briefing.export(_briefing(version, year, quarter, vintage, lang), fmt)


def briefing_file(fmt: str, as_of: AsOf, lang: str) -> bytes:
    """The deck (pptx), the brief (pdf) or the chart images (png, zipped)."""
    return _briefing_file(data_version(), fmt, as_of.year, as_of.quarter, as_of.vintage, lang)


# --- upload, history and access (issue 4) -------------------------------------------------------

def writable_store() -> Store:
    """The app's store, reopened read-write once if accounts were added while it served read-only."""
    current = store()
    if current.read_only:
        current.close()
        _store.clear()
        current = store()
    return current


def oidc_configured() -> bool:
    """Streamlit's own OpenID Connect log-in is used when secrets hold an [auth] section."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def accounts_exist() -> bool:
    return bool(auth.load_users())


def current_user() -> auth.User | None:
    if oidc_configured():
        if not st.user.get("is_logged_in", False):
            return None
        email = st.user.get("email") or st.user.get("sub")
        return auth.User(str(email), auth.role_of(email))
    return st.session_state.get("gm_user")


def role() -> str:
    found = current_user()
    return found.role if found else "viewer"


def can_upload() -> bool:
    return role() in auth.WRITERS and auth.uploads_enabled()


def log_in(name: str, password: str) -> bool:
    found = auth.authenticate(name, password)
    if found is None:
        time.sleep(1.0)  # slows guessing; the scrypt hash already costs the same for any name
        return False
    st.session_state["gm_user"] = found
    return True


def log_out() -> None:
    if oidc_configured():
        st.logout()
    st.session_state.pop("gm_user", None)
    st.session_state.pop("gm_upload", None)


def prepare_upload(raw: bytes, file_name: str, kind: str = "observations") -> ingest.Prepared:
    """Validate and compare an uploaded file; kept per session so a confirmation writes what was previewed."""
    prepare = ingest.prepare_targets if kind == "targets" else ingest.prepare_observations
    return prepare(writable_store(), raw, file_name)


def commit_upload(prepared: ingest.Prepared, kind: str, confirm_warnings: bool, confirm_downgrades: bool) -> int:
    return ingest.write_batch(writable_store(), prepared, kind, current_user().name,
                              confirm_warnings=confirm_warnings, confirm_downgrades=confirm_downgrades)


@st.cache_data(show_spinner=False)
def _batches(version: tuple):
    return history.batches(store())


def batches():
    return _batches(data_version())


def rollback_preview(batch_id: int):
    return history.rollback_preview(store(), batch_id)


def rollback(batch_id: int, reason: str) -> int:
    return history.rollback(writable_store(), batch_id, current_user().name, reason or None)


@st.cache_data(show_spinner=False)
def _template(version: tuple, kind: str, lang: str) -> bytes:
    if kind == "csv":
        return templates.template_csv(lang)
    if kind == "codes":
        return templates.codes_csv(store(), lang)
    return templates.template_xlsx(store(), lang)


def template(kind: str, lang: str) -> bytes:
    return _template(data_version(), kind, lang)
