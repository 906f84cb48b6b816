"""Every page on the PostgreSQL backend in Debian's Chromium: the whole demo (`init --demo` into a schema of the test
server) served from a URL; each page shows its heading and neither an exception nor an error, and the overview the
demo's published 2025 growth (11.89%)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from backend_support import Backend

from bench import pages
from monitor.core.store import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    pg = Backend("postgresql")
    url = pg.location(tmp_path_factory.mktemp("pgdemo"))
    subprocess.run([sys.executable, "-m", "monitor", "init", "--demo", "--db", url], cwd=ROOT, check=True,
                   capture_output=True, timeout=300)
    yield url
    pg.drop()


def test_every_page_serves_from_the_shared_store(demo_url, tmp_path, chromium):
    from browser_support import streamlit_server

    with streamlit_server(demo_url, env={"MONITOR_USERS": str(tmp_path / "users.toml")}) as url:
        page = chromium.new_page(viewport={"width": 1280, "height": 720})
        page.goto(url + "/?lang=en")
        page.locator('[data-testid="gm-ytd"]', has_text="11.89%").first.wait_for(timeout=90_000)
        for _, path in pages.discover_paths(role="admin"):
            page.goto(f"{url}/{path}?lang=en")
            if path != "man-hinh":  # the wall is a full-screen slide without the app's heading
                page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=90_000)
            page.wait_for_timeout(2000)  # the rest of the script
            assert page.locator('[data-testid="stException"]').count() == 0, path
            assert page.locator('[data-testid="stAlertContentError"]').all_inner_texts() == [], path
        page.close()
