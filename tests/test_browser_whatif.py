"""Real browser: the what-if and targets pages in Debian's Chromium against a real streamlit server."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from browser_support import ARTIFACTS, peek_copy, streamlit_server
from monitor.core import auth
from monitor.core.store import ROOT

pytestmark = pytest.mark.browser
PASSWORD = "matkhau-kichban"


def whatif_json(db, *args):
    out = subprocess.run([sys.executable, "-m", "monitor", "whatif", "--db", str(db), "--year", "2025",
                          "--quarter", "2", "--json", *args], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout)


def vi_pct(value: float) -> str:
    return f"{value:.2f}".replace(".", ",") + "%"


def choose_mid_year(page):
    page.get_by_test_id("gm-wi-projected").wait_for(timeout=60_000)
    page.locator('[data-testid="stPlotlyChart"] .main-svg .scatterlayer .trace').first.wait_for(timeout=60_000)
    option = page.get_by_role("option", name="Quý II/2025")
    for _ in range(3):  # a click during a rerun can land on the element being replaced
        page.locator('.st-key-wi_as_of [data-testid="stSelectbox"]').click()  # the page's own, not the header's
        try:
            option.wait_for(timeout=5_000)
            break
        except Exception:
            page.keyboard.press("Escape")
    option.click()
    page.get_by_text("6 tháng cuối năm cần").first.wait_for(timeout=30_000)


def test_moving_an_assumption_moves_the_projection(server, chromium, demo_db):
    page = chromium.new_page(viewport={"width": 1280, "height": 720})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "/mo-phong")
    choose_mid_year(page)
    projected = page.get_by_test_id("gm-wi-projected")
    page.locator('[data-testid="stPlotlyChart"] .main-svg .scatterlayer .trace').first.wait_for(timeout=60_000)
    page.screenshot(path=str(ARTIFACTS / "whatif-1280x720.png"))
    before = projected.inner_text()
    defaults = whatif_json(demo_db)["assumptions"]
    assumed = {c: round(qs["3"], 1) for c, qs in defaults.items()}
    assert before == vi_pct(whatif_json(demo_db, "--assume", ",".join(f"{c}={v}" for c, v in assumed.items()))
                            ["projected_annual_pct"])

    box = page.locator('input[aria-label="KV2 Quý III/2025"]')
    box.fill("25")
    box.press("Enter")
    page.wait_for_function("b => document.querySelector('[data-testid=\"gm-wi-projected\"]').innerText !== b",
                           arg=before, timeout=30_000)
    assumed_q = {f"{c}@{q}": round(defaults[c][str(q)], 1) for c in defaults for q in (3, 4)}
    assumed_q["KV2@3"] = 25.0
    expected = whatif_json(demo_db, "--assume", ",".join(f"{k}={v}" for k, v in assumed_q.items()))
    assert projected.inner_text() == vi_pct(expected["projected_annual_pct"])
    assert page.locator('[data-testid="stException"]').count() == 0
    page.screenshot(path=str(ARTIFACTS / "whatif-moved-1280x720.png"))
    page.get_by_test_id("gm-wi-contrib").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "whatif-contrib-1280x720.png"))
    page.get_by_test_id("gm-wi-shortfall-sector").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "whatif-shortfall-1280x720.png"))
    assert errors == []
    page.close()


def test_whatif_in_english_and_targets_page_screenshots(server, chromium):
    page = chromium.new_page(viewport={"width": 1280, "height": 720})
    page.goto(server + "/mo-phong?lang=en")
    page.get_by_test_id("gm-wi-projected").wait_for(timeout=60_000)
    page.locator('[data-testid="stPlotlyChart"] .main-svg .scatterlayer .trace').first.wait_for(timeout=60_000)
    assert page.get_by_text("Projected for 2025").first.is_visible()
    page.screenshot(path=str(ARTIFACTS / "whatif-en-1280x720.png"))
    page.goto(server + "/muc-tieu?lang=en")
    page.get_by_text("Targets and growth scenarios").first.wait_for(timeout=60_000)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    page.screenshot(path=str(ARTIFACTS / "targets-en-1280x720.png"))
    page.close()


@pytest.fixture(scope="module")
def edit_server(tmp_path_factory, demo_db):
    import shutil

    folder = tmp_path_factory.mktemp("edit")
    db = folder / "demo.duckdb"
    shutil.copy(demo_db, db)
    users = folder / "users.toml"
    auth.add_user("analyst1", "analyst", PASSWORD, users)
    with streamlit_server(db, env={"MONITOR_USERS": str(users)}) as url:
        yield url, db


def wait_idle(page) -> None:
    """Until a rerun an input may have started has finished (Streamlit marks the app root)."""
    page.wait_for_timeout(300)  # let the input's rerun request reach the server
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(timeout=30_000)


def test_an_analyst_edits_the_scenario_path_in_the_grid_and_saves_it(edit_server, chromium):
    from monitor.core.engine import Targets
    from monitor.core.store import Store

    url, db = edit_server
    page = chromium.new_page(viewport={"width": 1280, "height": 720})
    page.goto(url + "/")                            # as an analyst does it: log in, then the menu
    page.get_by_test_id("gm-ytd").wait_for(timeout=60_000)
    page.get_by_test_id("stMain").get_by_role("link", name="Đăng nhập").click()
    page.get_by_label("Tên đăng nhập").fill("analyst1")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Đã đăng nhập").wait_for(timeout=60_000)
    page.get_by_role("link", name="Mục tiêu và kịch bản").click()
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for(timeout=60_000)
    page.screenshot(path=str(ARTIFACTS / "targets-edit-1280x720.png"))
    document = page.get_by_label("Văn bản căn cứ (bắt buộc)")
    document.fill("2545-CV/TU")
    document.press("Enter")
    wait_idle(page)
    # the grid is drawn on a canvas: double-click 9 months (about 62% across) of the second row (TOTAL, Tỉnh)
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.dblclick(box["x"] + 0.624 * box["width"], box["y"] + 37 + 37 + 18)
    editor = page.locator(".gdg-input")
    editor.wait_for(timeout=10_000)
    editor.fill("13.4")
    page.wait_for_function("() => document.querySelector('.gdg-input')?.value === '13.4'")
    editor.press("Enter")
    wait_idle(page)
    saved = page.get_by_text("Đã lưu thay đổi")
    try:
        page.get_by_role("button", name="Kiểm tra và lưu").click()
        saved.wait_for(timeout=30_000)
    finally:
        page.screenshot(path=str(ARTIFACTS / "targets-saved-1280x720.png"))
    with Store(peek_copy(db), read_only=True) as s:  # the server holds the store read-write
        assert Targets.load(s, "GRDP", 2025).period("22", "TOTAL", "provincial", 3) == 13.4
    page.close()
