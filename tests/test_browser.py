"""Real browser: Debian's Chromium (Playwright) against a real streamlit server."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from browser_support import ARTIFACTS
from monitor.core.store import ROOT

pytestmark = pytest.mark.browser


def status_json(db, year, quarter):
    out = subprocess.run([sys.executable, "-m", "monitor", "status", "--db", str(db), "--year", str(year),
                          "--quarter", str(quarter), "--json"], capture_output=True, text=True, check=True,
                         cwd=ROOT)
    return json.loads(out.stdout)


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_home_page_shows_the_headline_number_in_chromium(server, chromium, demo_db, size):
    page = chromium.new_page(viewport={"width": size[0], "height": size[1]})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "/")
    headline = page.get_by_test_id("gm-ytd")
    headline.wait_for(timeout=60_000)
    expected = status_json(demo_db, 2025, 4)["ytd_growth_pct"]
    assert headline.inner_text() == f"{expected:.2f}".replace(".", ",") + "%" == "11,89%"
    assert page.get_by_test_id("gm-demo-label").is_visible()
    assert page.locator('[data-testid="stException"]').count() == 0
    font_px = float(headline.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px"))
    assert font_px >= 64
    page.screenshot(path=str(ARTIFACTS / f"home-{size[0]}x{size[1]}.png"))
    trace = page.locator('[data-testid="stPlotlyChart"] .main-svg .scatterlayer .trace')
    trace.first.wait_for(timeout=60_000)
    assert trace.count() == 3                     # last year, the scenario, this year
    page.locator('[data-testid="stPlotlyChart"]').screenshot(path=str(ARTIFACTS / f"trajectory-{size[0]}.png"))
    assert errors == []
    page.close()


def test_language_switch_in_the_url_gives_english_labels(server, chromium):
    page = chromium.new_page(viewport={"width": 1280, "height": 720})
    page.goto(server + "/?lang=en")
    page.get_by_test_id("gm-ytd").wait_for(timeout=60_000)
    assert page.get_by_text("GRDP growth, 2025").first.is_visible()
    assert page.get_by_test_id("gm-ytd").inner_text() == "11.89%"
    page.screenshot(path=str(ARTIFACTS / "home-en-1280x720.png"))
    page.locator("button", has_text="VI").first.click()
    page.get_by_text("Tăng trưởng GRDP năm 2025").first.wait_for(timeout=30_000)
    assert page.get_by_test_id("gm-ytd").inner_text() == "11,89%"
    assert "lang=vi" in page.url
    page.close()
