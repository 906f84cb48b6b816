"""The wall (/man-hinh, issue 16) in a real browser, unattended: with a 2-second interval it cycles through every
screen of its playlist at least twice, with no header, menu or control; the clock, the as-of quarter and the data
version always in view; a load made meanwhile (an analyst's upload in another browser) shows on it without anyone
touching it; after the server is stopped and started again on the same port it goes on turning by itself.
Screenshots at 1024x768 and 1920x1080 go to test-artifacts/."""

from __future__ import annotations

import shutil
import time

import pytest

from browser_support import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, free_port, streamlit_server
from conftest import FIXTURES
from monitor.accountability import demo as accountability_demo
from monitor.annotations import files, playlists
from monitor.core import auth
from monitor.core.store import ROOT, Store

pytestmark = pytest.mark.browser
PASSWORD = "matkhau-man-hinh"
ITEMS = "overview,trajectory,localities:2,actions"
SCREENS = ["overview", "trajectory", "unit:06778", "unit:06760", "actions"]  # the two costliest communes at 2025 Q4
STATE = """() => { const w = document.querySelector('.gm-wall');
  return w ? {screen: w.dataset.screen, tick: w.dataset.tick} : null; }"""


@pytest.fixture(scope="module")
def site(demo_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("wall-site")
    db = folder / "demo.duckdb"
    shutil.copy(demo_db, db)
    admin = auth.User("quan", "admin")
    with Store(db) as store:
        files.load(store, admin, (ROOT / "data" / "demo" / "annotations.csv").read_bytes(), "annotations.csv")
        accountability_demo.load(store)
        playlists.save(store, admin, "kiem-thu", ITEMS, 2)
    users = folder / "users.toml"
    auth.add_user("lan", "analyst", PASSWORD, users)
    return {"db": db, "env": {"MONITOR_USERS": str(users), "MONITOR_TODAY": "2026-01-15"}, "port": free_port()}


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def watch(page, until, timeout: float) -> list[str]:
    """The screens shown, one entry per turn, until `until(seen)` holds."""
    seen, last, deadline = [], None, time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = page.evaluate(STATE)
        if state and state["tick"] != last:
            last = state["tick"]
            seen.append(state["screen"])
            if until(seen):
                return seen
        page.wait_for_timeout(250)
    raise AssertionError(f"the wall stopped at {seen}")


def twice_through(seen: list[str]) -> bool:
    return all(seen.count(s) >= 2 for s in SCREENS)


def upload_revision(chromium, url: str) -> None:
    """An analyst, in another browser, loads the revised 2025 Q4 file through the upload page."""
    page = chromium.new_page(viewport={"width": 1280, "height": 720})
    page.goto(url + "/")
    page.get_by_test_id("gm-ytd").wait_for(timeout=60_000)
    page.get_by_test_id("stMain").get_by_role("link", name="Đăng nhập").click()
    page.get_by_label("Tên đăng nhập").fill("lan")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Đã đăng nhập").wait_for(timeout=60_000)
    page.get_by_test_id("stMain").get_by_role("link", name="Tải số liệu lên").click()
    uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    uploader.wait_for(state="attached", timeout=60_000)
    uploader.set_input_files(str(FIXTURES / "revision_2025q4_vi.csv"))
    confirm = page.get_by_role("button", name="Xác nhận và nạp 5 dòng")
    confirm.wait_for(timeout=60_000)
    confirm.scroll_into_view_if_needed()
    confirm.click()
    page.get_by_text("Đã nạp 5 dòng").wait_for(timeout=60_000)
    page.close()


def test_the_wall_cycles_picks_up_a_load_and_rides_out_a_restart(site, chromium):
    wall_url = "/man-hinh?playlist=kiem-thu&interval=2"
    page = chromium.new_page(viewport={"width": 1280, "height": 720})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    with streamlit_server(site["db"], env=site["env"], port=site["port"]) as url:
        page.goto(url + wall_url)  # the first visit of a fresh server, straight to the wall
        page.locator(".gm-wall").wait_for(timeout=90_000)
        page.evaluate("window.gmNoReload = true")  # gone if the page is ever reloaded
        seen = watch(page, twice_through, 120)
        assert [s for s in seen if s not in SCREENS] == []
        start = seen.index("overview")  # in playlist order, round and round
        assert seen[start:start + 5] == SCREENS
        # no app bar, no menu, no control; the clock, the as-of quarter and the data version in view
        assert not page.get_by_test_id("stHeader").is_visible()
        controls = page.locator("button, input, select, a:not([data-testid=stSkipToContent]), [role=tab]").all()
        assert [c.evaluate("e => e.outerHTML.slice(0, 80)") for c in controls if c.is_visible()] == []
        assert page.get_by_test_id("gm-wall-clock").is_visible()
        assert page.get_by_text("Số liệu đến Quý IV/2025").is_visible()
        version = page.get_by_test_id("gm-wall-version").inner_text()
        watch(page, lambda s: s[-1] == "overview", 30)
        assert page.get_by_test_id("gm-wall-value").inner_text() == "11,89%"

        upload_revision(chromium, url)  # a load while the wall runs
        watch(page, lambda s: page.get_by_test_id("gm-wall-version").inner_text() != version, 30)
        watch(page, lambda s: s[-1] == "overview", 30)
        assert page.get_by_test_id("gm-wall-value").inner_text() == "11,95%"  # the new figure, nobody touched it
        assert page.evaluate("window.gmNoReload === true")
        for size in ((1024, 768), (1920, 1080)):
            page.set_viewport_size({"width": size[0], "height": size[1]})
            for screen in ("overview", "trajectory", "unit:06778"):
                watch(page, lambda s, screen=screen: s[-1] == screen, 30)
                page.wait_for_timeout(400)
                page.screenshot(path=str(ARTIFACTS / f"wall-{screen.replace(':', '-')}-{size[0]}x{size[1]}.png"))
        page.set_viewport_size({"width": 1280, "height": 720})
    time.sleep(3)  # the server is gone: the page says it is reconnecting
    with streamlit_server(site["db"], env=site["env"], port=site["port"]):
        after = watch(page, lambda s: len(s) >= 8, 120)  # turning again, by itself
        assert set(after) <= set(SCREENS)
        assert page.get_by_test_id("gm-wall-value").is_visible()
        assert page.get_by_test_id("gm-wall-version").inner_text() != version  # still the newer data
    assert [e for e in errors if "WebSocket" not in e] == []
    page.close()
