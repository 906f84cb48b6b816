"""Real browser: an analyst logs in, uploads through the page in Chromium, previews, confirms, and the
overview shows the new figure; a bad file shows its errors and changes nothing; a viewer cannot reach
the upload page. Screenshots at 1280x720 go to test-artifacts/."""

from __future__ import annotations

import shutil

import pytest

from browser_support import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, streamlit_server
from conftest import FIXTURES
from monitor.core import auth

pytestmark = pytest.mark.browser
PASSWORD = "matkhau-quy4"
VIEW = {"width": 1280, "height": 720}


@pytest.fixture(scope="module")
def site(demo_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("upload-site")
    db = folder / "demo.duckdb"
    shutil.copy(demo_db, db)
    users = folder / "users.toml"
    auth.add_user("lan", "analyst", PASSWORD, users)
    auth.add_user("minh", "viewer", PASSWORD, users)
    good = folder / "mau_so_lieu_quy4.csv"
    good.write_bytes((FIXTURES / "revision_2025q4_vi.csv").read_bytes())
    with streamlit_server(db, env={"MONITOR_USERS": str(users)}) as url:
        yield {"url": url, "db": db, "good": good}


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def batches(db) -> int:
    import duckdb

    # the server holds the store read-write and locks it: count in a copy of the file and its log
    copy = db.with_name("peek.duckdb")
    shutil.copy(db, copy)
    wal = db.with_name(db.name + ".wal")
    copy.with_name(copy.name + ".wal").unlink(missing_ok=True)
    if wal.exists():
        shutil.copy(wal, copy.with_name(copy.name + ".wal"))
    with duckdb.connect(str(copy), read_only=True) as con:
        return con.execute("SELECT count(*) FROM load_batches").fetchall()[0][0]


def log_in(page, url, name):
    """As a new user does it: the overview, then the log-in link at the top."""
    page.goto(url + "/")
    page.get_by_test_id("gm-ytd").wait_for(timeout=60_000)
    page.get_by_test_id("stMain").get_by_role("link", name="Đăng nhập").click()
    page.get_by_label("Tên đăng nhập").fill(name)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Đã đăng nhập").wait_for(timeout=60_000)


def test_a_viewer_cannot_reach_the_upload_page(site, chromium):
    page = chromium.new_page(viewport=VIEW)
    # the first request of a fresh server, typed by hand: the page is not in a viewer's menu
    page.goto(site["url"] + "/nap-so-lieu")
    page.get_by_test_id("gm-ytd").wait_for(timeout=60_000)                # the overview instead
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    log_in(page, site["url"], "minh")
    page.screenshot(path=str(ARTIFACTS / "account-viewer-1280x720.png"))
    page.get_by_test_id("stMain").get_by_role("link", name="minh").click()   # the header names who is signed in
    page.get_by_role("button", name="Đăng xuất").wait_for(timeout=30_000)
    assert page.get_by_text("người xem").first.is_visible()
    assert page.get_by_role("link", name="Tải số liệu lên").count() == 0   # neither in the menu nor on the page
    page.goto(site["url"] + "/nap-so-lieu")                     # typed by hand: not a page for this session
    page.get_by_test_id("stMain").wait_for(timeout=60_000)
    page.wait_for_timeout(2000)
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    page.close()


def test_an_analyst_uploads_previews_confirms_and_sees_the_new_figure(site, chromium):
    page = chromium.new_page(viewport=VIEW)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    log_in(page, site["url"], "lan")
    page.get_by_test_id("stMain").get_by_role("link", name="Tải số liệu lên").click()
    uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    uploader.wait_for(state="attached", timeout=60_000)
    page.screenshot(path=str(ARTIFACTS / "upload-empty-1280x720.png"))

    count = batches(site["db"])
    uploader.set_input_files(str(FIXTURES / "upload_bad" / "total_not_matching.csv"))
    page.get_by_text("Không thể nạp total_not_matching.csv: 1 lỗi").wait_for(timeout=60_000)
    page.locator('[data-testid="stTable"]').get_by_text("không khớp tổng các thành phần").wait_for(timeout=30_000)
    assert page.get_by_role("button", name="Xác nhận").count() == 0
    page.screenshot(path=str(ARTIFACTS / "upload-errors-1280x720.png"))
    assert batches(site["db"]) == count

    uploader.set_input_files(str(site["good"]))
    page.get_by_text("Đã đọc: UTF-8 (BOM), dấu phân cách ';', dấu thập phân là dấu phẩy").wait_for(timeout=60_000)
    page.get_by_text("Tăng trưởng lũy kế thay đổi thế nào").wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "upload-preview-1280x720.png"))
    page.locator('[data-testid="stMetricValue"]').nth(3).wait_for(timeout=30_000)
    metrics = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert metrics == ["0", "5", "0", "0"]
    page.screenshot(path=str(ARTIFACTS / "upload-preview-1280x720.png"))
    confirm = page.get_by_role("button", name="Xác nhận và nạp 5 dòng")
    confirm.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "upload-preview-confirm-1280x720.png"))
    assert batches(site["db"]) == count                     # previewed, not written

    confirm.click()
    page.get_by_text("Đã nạp 5 dòng từ mau_so_lieu_quy4.csv").wait_for(timeout=60_000)
    page.screenshot(path=str(ARTIFACTS / "upload-done-1280x720.png"))
    page.get_by_test_id("stMain").get_by_role("link", name="Xem trang tổng quan").click()
    headline = page.get_by_test_id("gm-ytd")
    headline.wait_for(timeout=60_000)
    assert headline.inner_text() == "11,95%"
    page.screenshot(path=str(ARTIFACTS / "home-after-upload-1280x720.png"))
    assert batches(site["db"]) == count + 1
    assert errors == []
    page.close()


def test_the_history_page_lists_the_batches(site, chromium):
    page = chromium.new_page(viewport=VIEW)
    log_in(page, site["url"], "lan")
    page.get_by_test_id("stMain").get_by_role("link", name="Lịch sử nạp").click()
    page.get_by_text("Lịch sử nạp số liệu").first.wait_for(timeout=60_000)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=30_000)
    page.get_by_text("Hoàn tác một lô", exact=True).wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "history-1280x720.png"))
    page.close()


def test_a_command_line_load_while_the_dashboard_serves_says_the_store_is_busy(site, chromium):
    import subprocess
    import sys

    from monitor.core.store import ROOT

    page = chromium.new_page(viewport=VIEW)
    log_in(page, site["url"], "lan")                       # the dashboard now holds the store read-write
    page.close()
    out = subprocess.run([sys.executable, "-m", "monitor", "ingest", str(FIXTURES / "revision_2025q4.csv"),
                          "--db", str(site["db"]), "--wait", "2", "--lang", "en"],
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 3
    assert "is busy (the dashboard or another load holds it); retrying" in out.stderr
    assert out.stderr.strip().splitlines()[-1].endswith("is busy (another process is writing). Try again later.")


def office_table_needing_help(folder):
    """A statistics office table with a row the store does not know: the upload page shows its layout to correct."""
    from tests.fixtures.make_office_corpus import Q3, SECTORS, VI_NAMES, xlsx

    rows = [["TỔNG SẢN PHẨM TRÊN ĐỊA BÀN (GRDP) - ƯỚC TÍNH QUÝ IV NĂM 2025"], ["Đơn vị tính: Tỷ đồng"],
            ["STT", "Chỉ tiêu", "Quý IV/2025", "Tốc độ tăng (%)"]]
    rows += [[str(i) if i else "", name, float(Q3[s]), 9.5] for i, (s, name) in enumerate(zip(SECTORS, VI_NAMES))]
    rows.append(["5", "Khu công nghiệp Đông Mai", 1200.0, 12.1])
    path = folder / "bieu1_quy4.xlsx"
    path.write_bytes(xlsx([("Biểu 1", rows)]))
    return path


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_layout_correction_view_at_1024x768_and_1280x720(site, chromium, tmp_path, lang):
    from browser_support import settle, switch_language
    from monitor.core.i18n import t

    page = chromium.new_page(viewport=VIEW)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    log_in(page, site["url"], "lan")
    if lang == "en":
        switch_language(page, "en")
    page.get_by_test_id("stMain").get_by_role("link", name=t("upload.nav.upload", lang)).click()
    uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    uploader.wait_for(state="attached", timeout=60_000)
    count = batches(site["db"])
    uploader.set_input_files(str(office_table_needing_help(tmp_path)))
    heading = page.get_by_text(t("layout.heading", lang))
    heading.wait_for(timeout=60_000)
    settle(page)
    expander = page.locator('[data-testid="stExpander"]').filter(has_text=t("layout.heading", lang))
    assert expander.locator('[data-testid="stDataFrame"]').count() == 2          # columns and rows, editable
    assert expander.get_by_text("Khu công nghiệp Đông Mai").count() >= 1 or expander.locator("canvas").count() >= 1
    for width, height in ((1024, 768), (1280, 720)):
        page.set_viewport_size({"width": width, "height": height})
        settle(page)
        heading.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        page.screenshot(path=str(ARTIFACTS / f"upload-layout-{lang}-{width}x{height}.png"))
        expander.locator('[data-testid="stDataFrame"]').nth(1).scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        page.screenshot(path=str(ARTIFACTS / f"upload-layout-rows-{lang}-{width}x{height}.png"))
        box = expander.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 1
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert batches(site["db"]) == count                                          # refused: nothing written
    assert errors == []
    page.close()
