"""The caches warmed when the data version changes (monitor/bridge/warm.py), concurrent misses computed once, and
the figures cached by data version (base.cached_figure): in-process with AppTest, and on a real server started as
`make run` starts it (serve.py), on the DuckDB file and on the PostgreSQL backend after a load by another process."""

from __future__ import annotations

import asyncio
import logging
import re
import threading
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from conftest import DEMO, new_store
from monitor.bridge import base, figures, warm
from monitor.core.engine import AsOf
from monitor.core.store import ROOT, Store
from monitor.upload import ingest

APP = str(ROOT / "dashboard.py")
READER_PAGES = ["", "nganh", "dia-phuong", "don-vi-cham", "uoc-tinh"]  # the overview is the default page

pytestmark = pytest.mark.usefixtures("fresh_caches")


def test_concurrent_misses_of_one_key_compute_once(monkeypatch, demo_db):
    monkeypatch.setenv("MONITOR_DB", str(demo_db))
    calls = []

    @base.cached()
    def slow(x: int) -> int:
        calls.append(x)
        time.sleep(0.5)
        return 2 * x

    start, results = threading.Barrier(12), []

    def reader():
        start.wait()
        results.append(slow(21))

    threads = [threading.Thread(target=reader) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [42] * 12
    assert calls == [21]  # one computation; the eleven others waited for it
    assert slow(21) == 42 and calls == [21]


def test_a_figure_is_built_once_per_data_version_and_shared(monkeypatch, demo_copy, tmp_path):
    monkeypatch.setenv("MONITOR_DB", str(demo_copy))
    as_of = AsOf(2025, 4)
    first = figures.waterfall_figure(as_of, "vi")
    assert figures.waterfall_figure(as_of, "vi") is first  # the same object: never a copy re-validated
    assert figures.waterfall_figure(as_of, "en") is not first
    before = base.data_version()
    base.store().close()  # the app reads the file read-only (no accounts): load beside it, then read again
    base._store.clear()
    with Store(demo_copy) as s:
        ingest.load_observations(s, revision(tmp_path), "test")
    base.forget_data_version()
    assert base.data_version() != before
    assert figures.waterfall_figure(as_of, "vi") is not first


def revision(folder: Path) -> Path:
    """A file revising one figure (the province's 2025 Q4 budget revenue, estimate 25,492.8 -> preliminary)."""
    path = folder / "revised.csv"
    path.write_text("indicator,unit_code,sector_code,year,quarter,value,vintage\n"
                    "BUDGET_REV,22,TOTAL,2025,4,25500.0,preliminary\n", encoding="utf-8")
    return path


def computed(records) -> list[str]:
    return [r.getMessage() for r in records if r.name == "monitor.cache"]


def test_after_the_warm_up_the_reader_pages_compute_nothing(monkeypatch, demo_db, caplog):
    monkeypatch.setenv("MONITOR_DB", str(demo_db))
    caplog.set_level(logging.DEBUG, logger="monitor.cache")
    assert warm.warm(("vi",)) > 10
    assert any("computed _status" in m for m in computed(caplog.records))
    caplog.clear()
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    for page in ("pages/sectors.py", "pages/localities.py", "pages/lagging.py", "pages/nowcast.py"):
        at.switch_page(page).run()
        assert not at.exception, page
    assert computed(caplog.records) == []
    # a reader in English after a warm-up of Vietnamese only: the report in words is computed, its numbers are not
    en = AppTest.from_file(APP, default_timeout=60)
    en.query_params["lang"] = "en"
    en.run()
    assert not any("computed _status" in m for m in computed(caplog.records))


def test_a_view_that_fails_does_not_stop_the_warm_up(monkeypatch, demo_db, caplog):
    from monitor import bridge

    def broken(*args, **kwargs):
        raise RuntimeError("the trajectory fails")

    monkeypatch.setenv("MONITOR_DB", str(demo_db))
    monkeypatch.setattr(bridge, "trajectory", broken)
    caplog.set_level(logging.DEBUG, logger="monitor.cache")
    warm.warm(("vi",))
    assert "warm-up: one item failed" in caplog.text and "the trajectory fails" in caplog.text
    assert any("computed ranking_figure" in m for m in computed(caplog.records))  # the items after it ran


# --- a real server (serve.py): warmed at start, and after a load made by another process

def server_log(url: str) -> Path:
    from browser_support import ARTIFACTS

    return ARTIFACTS / f"streamlit-{url.rsplit(':', 1)[1]}.log"


def wait_for_warm(log: Path, after: int = 0, timeout: float = 120) -> int:
    """Wait until the server logs a finished warm-up beyond `after` characters of its log; the new length."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8", errors="replace")
        if re.search(r"warmed data version", text[after:]):
            return len(text)
        time.sleep(0.2)
    raise AssertionError(f"no warm-up in {log}")


def page_misses(url: str, log: Path, after: int) -> list[str]:
    """Open every reader page in one new session; the cache misses computed by page runs (not the warm-up)."""
    from bench import server

    times = asyncio.run(server._crowd(url, READER_PAGES, 1))[0]
    assert [name for name, _ in times] == ["(default)", *READER_PAGES[1:]]
    time.sleep(0.3)
    text = log.read_text(encoding="utf-8", errors="replace")[after:]
    return [line for line in text.splitlines() if "monitor.cache" in line and "gm-warm" not in line]


@pytest.mark.slow
def test_a_server_warms_at_start_so_the_first_page_runs_query_nothing(demo_copy):
    from browser_support import streamlit_server

    with streamlit_server(demo_copy, env={"MONITOR_CACHE_LOG": "1", "MONITOR_WARM": "1"}) as url:
        log = server_log(url)
        mark = wait_for_warm(log)
        assert page_misses(url, log, mark) == []
        assert "missing ScriptRunContext" not in log.read_text(encoding="utf-8", errors="replace")


@pytest.mark.slow
def test_a_load_by_another_process_is_warmed_before_the_first_reader(tmp_path):
    from backend_support import Backend

    from browser_support import streamlit_server

    pg = Backend("postgresql")
    url_db = pg.location(tmp_path)  # skips when the test server is not reachable (make pg-up)
    with new_store(url_db) as s:
        ingest.load_observations(s, DEMO / "observations.csv", "demo", synthetic=True)
        ingest.load_targets(s, DEMO / "targets.csv", "demo", synthetic=True)
    try:
        with streamlit_server(url_db, env={"MONITOR_CACHE_LOG": "1", "MONITOR_WARM": "1",
                                           "MONITOR_USERS": str(tmp_path / "no-users.toml")}) as url:
            log = server_log(url)
            mark = wait_for_warm(log)
            with new_store(url_db) as s:  # another process's load, as `ingest` or a replica makes it
                ingest.load_observations(s, revision(tmp_path), "test")
            mark = wait_for_warm(log, mark)  # seen through the store within about a second, then warmed
            assert page_misses(url, log, mark) == []
    finally:
        pg.drop()
