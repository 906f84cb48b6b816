"""Warm the caches when the data version changes, so the first readers after a start or a load never meet empty
caches (issue 18; BENCHMARKS.md finding 1: the first wave of 20 sessions after a start was the slowest).

`start()` (serve.py calls it; AppTest runs and the command line never do) watches the data version from a
background thread: at the server's start and whenever a new version is seen (a load through this app, or one by
another process or replica through the store, read at most once a second by base.data_version), one thread
computes what the reader pages show for the latest quarter, in both languages, through the same cached bridge
functions the pages call: the header's quarters, the reports, the trajectory, the sectors' and localities'
drill-downs and figures, the national line, the nowcast. Concurrent misses of one key compute once (Streamlit's
per-key lock), so a reader arriving during the warm-up waits for the same computation instead of repeating it.

The warm-up reads through the app's own store, one query and one cursor at a time, never inside a transaction
and never under the write lock, so a writer (an upload here, an `ingest` or another replica on the PostgreSQL
backend) is never held up by it; on a failure it logs and stops (the pages then compute as before).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time

from monitor.bridge import base

LOG = logging.getLogger("monitor.warm")
THREAD = "gm-warm"
LANGS = ("vi", "en")  # the default language first
POLL_S = 1.0  # how often the watcher reads the data version when no page does
SERVING = ("NO_SESSIONS_CONNECTED", "ONE_OR_MORE_SESSIONS_CONNECTED")  # streamlit.runtime.RuntimeState names


class _QuietNoContext(logging.Filter):
    """Streamlit's cache warns 'missing ScriptRunContext' in a thread that runs no page; in the warm-up thread that
    is expected (the caches are the runtime's own, shared by every session), so drop that one warning there."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (threading.current_thread().name.startswith(THREAD) and "ScriptRunContext" in record.getMessage())


_state: dict = {"lock": threading.Lock(), "wanted": None, "done": None, "thread": None, "started": False,
                "runs": 0, "last_s": None, "failed": None}


def start(poll_s: float = POLL_S) -> None:
    """Warm at the server's start and on every new data version from now on (once per process)."""
    with _state["lock"]:
        if _state["started"]:
            return
        _state["started"] = True
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(_QuietNoContext())
    _log_to_stderr(LOG, logging.INFO)
    if os.environ.get("MONITOR_CACHE_LOG") == "1":  # every cache miss in the server's log (tests/test_warm.py)
        _log_to_stderr(base.MISSES, logging.DEBUG)
    base.on_version(soon)
    threading.Thread(target=_watch, args=(poll_s,), name=f"{THREAD}-watch", daemon=True).start()


def _log_to_stderr(logger: logging.Logger, level: int) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)


def _watch(poll_s: float) -> None:
    """Read the data version every poll_s seconds once Streamlit's runtime serves (its caches are the ones the
    sessions read), so a version is warmed even while nobody is reading."""
    from streamlit.runtime import Runtime

    said = False
    while True:
        try:
            if Runtime.exists() and Runtime.instance().state.name in SERVING:
                base.data_version()  # a new version calls soon() through base.on_version
                said = False
        except Exception as exc:  # a missing or busy store: the pages say so; try again later, say so once
            if not said:
                LOG.warning("no warm-up while the store cannot be read (%s: %s); trying again every %s s",
                            type(exc).__name__, exc, poll_s)
                said = True
        time.sleep(poll_s)


def soon(version: tuple) -> None:
    """Warm `version` in the background unless it is warm or warming; never waits."""
    with _state["lock"]:
        if version in (_state["wanted"], _state["done"]):  # a failed warm-up is not retried until the next version
            return
        _state["wanted"], _state["failed"] = version, None
        running = _state["thread"] is not None and _state["thread"].is_alive()
        if not running:
            _state["thread"] = threading.Thread(target=_run, name=THREAD, daemon=True)
            _state["thread"].start()
    # a running warm-up picks the newer version up when it ends


def _run() -> None:
    while True:
        with _state["lock"]:
            version = _state["wanted"]
            if version == _state["done"]:
                _state["thread"] = None
                return
        started = time.perf_counter()
        try:
            count = warm()
        except Exception:
            LOG.warning("warm-up of data version %s failed; pages compute on first view", version, exc_info=True)
            with _state["lock"]:
                _state["done"], _state["failed"] = version, version
            continue
        elapsed = time.perf_counter() - started
        with _state["lock"]:
            _state["done"], _state["runs"], _state["last_s"] = version, _state["runs"] + 1, elapsed
        LOG.info("warmed data version %s: %d items in %.2f s", version[1:], count, elapsed)


def status() -> dict:
    """How many warm-ups ran, the last version warmed and how long it took (tests, the server log)."""
    with _state["lock"]:
        return {k: _state[k] for k in ("runs", "done", "last_s", "failed", "started")}


def warm(langs: tuple[str, ...] = LANGS) -> int:
    """Compute what the reader pages show for the latest quarter (default views) into the caches; items done."""
    from monitor import bridge
    from monitor.core.engine import AsOf

    _import_pages()
    found = bridge.latest()
    bridge.demo_loaded()
    bridge.quarters()  # the header
    if found is None:
        return 3
    as_of, steps = AsOf(found[0], found[1], "latest"), 3
    # the reading pages in both languages first; then the analysis pages and the briefing's chart images (Chromium
    # through kaleido: seconds), which fewer readers open first
    for item in [i for lang in langs for i in _items(as_of, lang)] + [i for lang in langs for i in _later(as_of, lang)]:
        try:
            item()
            steps += 1
        except Exception:  # one view that fails is computed (and fails, with its message) on the page; go on
            LOG.warning("warm-up: one item failed", exc_info=True)
        time.sleep(0)  # let the sessions' threads in between
    return steps


def _import_pages() -> None:
    """Import the modules the pages import (the first run of a page in a new process paid 0.3-0.6 s for them)."""
    import ast
    import importlib

    from monitor.core.store import ROOT

    for page in sorted((ROOT / "pages").glob("*.py")):
        for node in ast.walk(ast.parse(page.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [f"{node.module}.{a.name}" for a in node.names] + [node.module]
                if isinstance(node, ast.ImportFrom) and node.module else [])
            for name in names:
                if name.startswith("monitor."):
                    try:
                        importlib.import_module(name)
                    except ImportError:  # a name imported from a module, not a module itself
                        pass


def _items(as_of, lang: str) -> list:
    """What each reader page calls for its default view, in the order a reader meets the pages."""
    from monitor import bridge  # the package's names, as the pages call them
    from monitor.bridge import figures

    return [
        lambda: bridge.report("GRDP", "22", as_of, lang),  # overview, sectors, lagging
        lambda: bridge.trajectory("GRDP", "22", as_of, lang),
        lambda: bridge.national("GRDP", as_of),
        lambda: bridge.target_in_force("GRDP", "VN", "central", as_of),
        lambda: bridge.overview_nowcast(as_of, lang),
        lambda: [bridge.report(code, "22", as_of, lang) for code in bridge.other_indicators()],
        lambda: bridge.indicator_names(lang),
        lambda: bridge.register_rows(),
        lambda: bridge.owners_in_force(),
        lambda: figures.sector_figures("TOTAL", as_of, lang),  # sectors, its default view
        lambda: bridge.national("GRDP", as_of, "TOTAL"),
        lambda: bridge.revisions("GRDP", "22", as_of, "TOTAL"),
        lambda: bridge.unit_report("GRDP", "22", "former_district", as_of, lang),  # localities
        lambda: bridge.unit_names(lang, as_of),
        lambda: figures.ranking_figure("commune", None, "worst", as_of, lang),
        lambda: [bridge.nowcast_figures("22", month, lang) for month in bridge.nowcast_months("22")[:1]],  # nowcast
    ]


def _later(as_of, lang: str) -> list:
    """The what-if's projection before any assumption, the targets page's grid, the briefing's slides and images."""
    from monitor import bridge
    from monitor.core.engine import AsOf
    from monitor.whatif import target_views
    from monitor.whatif import views as whatif_views

    options = whatif_views.as_of_options((as_of.year, as_of.quarter))  # the what-if page's first as-of quarter
    start = (as_of.year, as_of.quarter) if (as_of.year, as_of.quarter) in options else options[0]
    return [
        lambda: _whatif_first_view(AsOf(*start), lang),
        lambda: bridge.targets(),
        lambda: bridge.target_tables("GRDP", as_of.year, lang,
                                     target_views.default_view(bridge.target_grid("GRDP", as_of.year)[0]), False),
        lambda: bridge.briefing_deck(as_of, lang),
        lambda: _quietly(bridge.briefing_svgs, as_of, lang),
    ]


def _whatif_first_view(as_of, lang: str) -> None:
    """What the what-if page computes before anything is typed: its defaults (this year's run-rate) read back as
    typed, the projection solved for the sector adding most, its chart and the shortfall by sector and by unit."""
    from monitor import bridge
    from monitor.core.errors import ValidationError
    from monitor.whatif import entries
    from monitor.whatif import views as whatif_views

    basis, level, year, quarter = "run_rate", "components", as_of.year, as_of.quarter
    base = bridge.whatif(as_of, None, [], basis, level, lang)
    rest = list(range(quarter + 1, 5))
    texts = entries.default_texts(base, rest, year, quarter, basis, lang)
    typed = {code: {q: texts[entries.assumption_key(code, q, year, quarter, basis)] for q in rest}
             for code in base["names"]}
    assumptions = entries.read_assumptions(typed, base, year, lang)[0]
    report = bridge.whatif(as_of, assumptions, [whatif_views.default_solve(base)], basis, level, lang)
    bridge.whatif_chart(as_of, report["path"], lang)
    for by in ("sector", "unit"):
        try:
            bridge.shortfall(as_of, assumptions, by, "provincial", basis, level, lang)
        except ValidationError:  # no provincial target that year: the page says so
            pass


def _quietly(func, *args) -> None:
    """The briefing's images need Chromium; without it the page says so itself."""
    from monitor.briefing.render import RenderError

    try:
        func(*args)
    except RenderError:
        LOG.info("briefing images not drawn in the warm-up (no Chromium)")
