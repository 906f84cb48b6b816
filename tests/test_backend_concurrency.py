"""The shared backend (PostgreSQL, real server, real processes): a load in another process never blocks a reader
and is seen whole or not at all; two loads at once are two whole batches; an `ingest` on the command line succeeds
while a dashboard server on the same store serves, and the page shows the loaded figures."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
import urllib.request

import pytest
from backend_support import Backend

from conftest import FIXTURES, new_store
from monitor.core.store import ROOT, Store
from monitor.upload import ingest

pytestmark = pytest.mark.cli  # starts `python -m monitor` and other interpreters


@pytest.fixture(scope="module")
def pg():
    found = Backend("postgresql")
    yield found
    found.drop()


@pytest.fixture
def shared(pg, tmp_path) -> str:
    """A PostgreSQL store holding the hand-computed fixture; its URL."""
    url = pg.location(tmp_path)
    with new_store(url) as s:
        ingest.load_observations(s, FIXTURES / "small_observations.csv", "test")
        ingest.load_targets(s, FIXTURES / "small_targets.csv", "test")
    return url


# A writer in its own process: one batch inside a transaction held open for HOLD_S seconds before COMMIT.
WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from monitor.core.store import Store
    from monitor.core.errors import StalePreviewError
    from monitor.upload import ingest
    url, path, hold = sys.argv[1], Path(sys.argv[2]), float(sys.argv[3])
    with Store(url) as store:
        prepared = ingest.prepare_observations(store, path.read_bytes(), path.name)
        original = store.transaction

        def slow_transaction():  # the load's own transaction, held open before its COMMIT
            from contextlib import contextmanager

            @contextmanager
            def held():
                with original() as cur:
                    yield cur
                    print("writing", flush=True)
                    time.sleep(hold)
            return held()
        store.transaction = slow_transaction
        for attempt in range(3):  # a load committed since the preview makes it stale: preview again, as a person would
            try:
                print(ingest.write_batch(store, prepared, user="writer", confirm_warnings=True,
                                         confirm_downgrades=True), flush=True)
                break
            except StalePreviewError:
                prepared = ingest.prepare_observations(store, path.read_bytes(), path.name)
""")


def revision(tmp_path, value: float):
    path = tmp_path / f"rev-{value}.csv"
    path.write_text("indicator,unit_code,sector_code,year,quarter,value,vintage\n"
                    f"GRDP,06652,TOTAL,2025,3,{value},estimate\n", encoding="utf-8")
    return path


def start_writer(url: str, path, hold: float) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITER, url, str(path), str(hold)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_long_load_in_another_process_never_blocks_a_reader_nor_shows_half(shared, tmp_path):
    with Store(shared, read_only=True) as reader:
        before = reader.records("data_version")[0]
        writer = start_writer(shared, revision(tmp_path, 40), hold=4)
        assert writer.stdout.readline().strip() == "writing"  # the batch's rows are written, not committed
        waits = []
        for _ in range(5):
            started = time.monotonic()
            seen = reader.records("data_version")[0]
            rows = reader.scalar("demo_loaded")
            waits.append(time.monotonic() - started)
            assert seen == before and rows is not None  # the last whole batch, never a half one
            time.sleep(0.3)
        assert max(waits) < 1.0, waits  # not blocked by the open write transaction
        out, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err
        after = reader.records("data_version")[0]
        assert after["last_batch"] == before["last_batch"] + 1


def test_two_loads_at_once_are_two_whole_batches(shared, tmp_path):
    writers = [start_writer(shared, revision(tmp_path, v), hold=1.5) for v in (41, 42)]
    for w in writers:
        out, err = w.communicate(timeout=90)
        assert w.returncode == 0, err
    with Store(shared, read_only=True) as s:
        batches = s.records("batch_list")
        counts = [b["row_count"] for b in batches if b["user_name"] == "writer"]
        assert counts == [1, 1]
        assert s.records("data_version")[0]["last_batch"] == 4


@pytest.mark.slow
def test_an_ingest_while_a_server_on_the_shared_store_serves(shared, tmp_path, chromium):
    from browser_support import streamlit_server

    with streamlit_server(shared, env={"MONITOR_USERS": str(tmp_path / "users.toml")}) as url:
        assert urllib.request.urlopen(url + "/_stcore/health", timeout=5).read() == b"ok"
        page = chromium.new_page(viewport={"width": 1280, "height": 720})
        page.goto(url + "/?lang=en&year=2025&quarter=2")
        page.get_by_text("10.16%").first.wait_for(timeout=60_000)  # the fixture's 6 months growth, by hand
        done = subprocess.run([sys.executable, "-m", "monitor", "ingest", str(revision(tmp_path, 43)), "--db", shared],
                              cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr  # never "busy": the server holds no lock on a shared store
        status = subprocess.run([sys.executable, "-m", "monitor", "status", "--year", "2025", "--quarter", "2",
                                 "--json", "--db", shared], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert status.returncode == 0, status.stderr
        assert round(json.loads(status.stdout)["ytd_growth_pct"], 2) == 10.16
        assert urllib.request.urlopen(url + "/_stcore/health", timeout=5).read() == b"ok"
        page.reload()
        page.get_by_text("10.16%").first.wait_for(timeout=60_000)
        assert page.locator('[data-testid="stException"]').count() == 0
        page.close()
