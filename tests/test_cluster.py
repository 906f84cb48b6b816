"""`make cluster` for real (cluster/run.py): two Streamlit replicas over one PostgreSQL store behind Debian's HAProxy.
A viewer sticks to a replica (cookie); losing it, the open page reconnects by itself to the other and goes on
answering with the same figures; a load committed by another process shows through both replicas."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from backend_support import Backend
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser_support import log_in, settle
from conftest import FIXTURES, new_store
from monitor.core import auth
from monitor.core.i18n import t
from monitor.core.store import ROOT
from monitor.upload import ingest

sys.path.insert(0, str(ROOT / "cluster"))
from run import HAPROXY, Cluster  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.cli,
              pytest.mark.skipif(not Path(HAPROXY).exists(), reason="HAProxy from Debian: make haproxy")]
HEADLINE = "10.16%"  # the fixture's growth for the first 6 months of 2025, computed by hand (tests/test_engine.py)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    pg = Backend("postgresql")
    folder = tmp_path_factory.mktemp("cluster")
    url = pg.location(folder)
    with new_store(url) as s:
        ingest.load_observations(s, FIXTURES / "small_observations.csv", "test")
        ingest.load_targets(s, FIXTURES / "small_targets.csv", "test")
    with Cluster(url, replicas=2, folder=folder) as found:
        yield found
    pg.drop()


def status_ytd(url: str) -> float:
    done = subprocess.run([sys.executable, "-m", "monitor", "status", "--year", "2025", "--quarter", "2", "--json",
                           "--db", url], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["ytd_growth_pct"]


def test_the_balancer_serves_and_keeps_a_viewer_on_one_replica(cluster):
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    first = opener.open(cluster.url + "/", timeout=10)
    assert first.status == 200 and "GM_REPLICA=" in first.headers.get("Set-Cookie", "")
    again = opener.open(cluster.url + "/_stcore/health", timeout=10)
    assert again.read() == b"ok" and again.headers.get("Set-Cookie") is None  # the cookie holds: no new choice


def test_losing_a_replica_moves_the_open_page_to_the_other_with_the_same_figures(cluster, chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.goto(cluster.url + "/?lang=en&year=2025&quarter=2")
    page.get_by_text(HEADLINE).first.wait_for(timeout=60_000)
    replica = next(c["value"] for c in context.cookies() if c["name"] == "GM_REPLICA")
    lost = int(replica[1:]) - 1
    cluster.stop_replica(lost)
    try:
        # the page's WebSocket drops and reconnects through the balancer to the live replica; a click then needs
        # a live session there: the language switch reruns the page in Vietnamese, with the same figure
        # (a click while the page is still reconnecting is dropped by Streamlit: tried again, up to a minute)
        vietnamese, deadline = page.get_by_text(HEADLINE.replace(".", ",")).first, time.monotonic() + 60
        while True:
            page.get_by_role("radio", name="VI").or_(page.get_by_text("VI", exact=True)).first.click(timeout=30_000)
            try:
                vietnamese.wait_for(timeout=5_000)
                break
            except PlaywrightTimeout:
                assert time.monotonic() < deadline, "the page did not come back through the other replica"
        assert page.locator('[data-testid="stException"]').count() == 0
        assert next(c["value"] for c in context.cookies() if c["name"] == "GM_REPLICA") != replica
    finally:
        cluster.start_replica(lost)
        context.close()


def test_a_load_by_another_process_shows_through_both_replicas(cluster, chromium, tmp_path):
    before = status_ytd(cluster.store_url)
    revision = tmp_path / "revision.csv"
    revision.write_text("indicator,unit_code,sector_code,year,quarter,value,vintage\n"
                        "GRDP,22,TOTAL,2025,2,111.1,official\n"
                        "GRDP,22,KV1,2025,2,12.4,official\n", encoding="utf-8")
    pages = []
    for index in range(2):
        page = chromium.new_page(viewport={"width": 1280, "height": 720})
        page.goto(cluster.replica_url(index) + "/?lang=en&year=2025&quarter=2")
        page.get_by_text(f"{before:.2f}%").first.wait_for(timeout=60_000)
        pages.append(page)
    done = subprocess.run([sys.executable, "-m", "monitor", "ingest", str(revision), "--db", cluster.store_url],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    committed = time.monotonic()
    after = status_ytd(cluster.store_url)
    assert f"{after:.2f}" != f"{before:.2f}"
    for page in pages:
        page.reload()
        page.get_by_text(f"{after:.2f}%").first.wait_for(timeout=60_000)
        page.close()
    assert time.monotonic() - committed < 60


def test_an_upload_through_one_replica_shows_on_the_other_within_a_second_of_commit(cluster, chromium, tmp_path):
    """An analyst signed in on replica 1 loads a revision through the upload page; replica 2, reloaded from the
    moment the page says it is loaded, shows the new figure in every run started more than a second after the
    commit: the data version is read from the shared store."""
    password = "matkhau-cum2"
    auth.add_user("lan", "analyst", password, cluster.users)   # the replicas read the accounts file at log-in
    before = status_ytd(cluster.store_url)
    revision = tmp_path / "revision_q2.csv"
    revision.write_text("indicator,unit_code,sector_code,year,quarter,value,vintage\n"
                        "GRDP,22,TOTAL,2025,2,111.3,official\n"
                        "GRDP,22,KV1,2025,2,12.6,official\n", encoding="utf-8")   # 12.6 + 50 + 38.5 + 10.2
    viewer = chromium.new_page(viewport={"width": 1280, "height": 720})
    overview = cluster.replica_url(1) + "/?lang=en&year=2025&quarter=2"
    viewer.goto(overview)
    viewer.get_by_text(f"{before:.2f}%").first.wait_for(timeout=60_000)

    analyst = chromium.new_page(viewport={"width": 1280, "height": 720})
    analyst.goto(cluster.replica_url(0) + "/?lang=en")
    analyst.get_by_test_id("gm-ytd").wait_for(timeout=60_000)
    log_in(analyst, "lan", password, lang="en")
    analyst.get_by_test_id("stMain").get_by_role("link", name=t("upload.nav.upload", "en")).first.click()
    uploader = analyst.locator('[data-testid="stFileUploader"] input[type="file"]')
    uploader.wait_for(state="attached", timeout=60_000)
    uploader.set_input_files(str(revision))
    confirm = analyst.get_by_role("button", name=t("upload.confirm", "en", rows=2))
    confirm.wait_for(timeout=60_000)
    settle(analyst)
    confirm.click()
    analyst.get_by_text(f"Loaded 2 rows from {revision.name}").first.wait_for(timeout=60_000)
    committed = time.monotonic()             # the page says so only after the batch's commit
    after = (100.5 + 111.3) / (90 + 102) * 100 - 100   # H1 2025 over H1 2024 with the revised Q2: +10.3125 %
    # replica 2 trusts the data version it read for up to a second (bridge/base.py VERSION_TTL_S): a run started in
    # that second may still show the old figure, one started later must not (0.25 s for the time the page takes to
    # say the batch is loaded after its commit)
    while True:
        started = time.monotonic() - committed
        viewer.reload()
        viewer.get_by_text(f"{after:.2f}%").or_(viewer.get_by_text(f"{before:.2f}%")).first.wait_for(timeout=60_000)
        if viewer.get_by_text(f"{after:.2f}%").count():
            break
        assert started < 1.25, f"replica 2 showed the old figure in a run started {started:.2f} s after the commit"
    assert f"{status_ytd(cluster.store_url):.4f}" == f"{after:.4f}" != f"{before:.4f}"  # the command line agrees
    analyst.close()
    viewer.close()
