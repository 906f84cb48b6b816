"""Real browser: a commune officer signs in, sees only the actions their owner answers for, checks in on one and
sees it in the history; screenshots of the overview's who-must-act, the actions page, the lagging list and a
unit's commitments and the briefing's follow-up slide at 1024x768 and 1280x720 in both languages
(test-artifacts/accountability-*.png)."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser_support import ARTIFACTS, log_in, open_from_menu, peek_copy, settle, streamlit_server
from monitor.accountability import access, demo, register
from monitor.core import auth
from monitor.core.i18n import t
from monitor.core.store import Store

pytestmark = pytest.mark.browser
PASSWORD = "matkhau-canbo"
TODAY = "2026-01-15"
SIZES = ({"width": 1024, "height": 768}, {"width": 1280, "height": 720})


@pytest.fixture(scope="module")
def site(demo_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("accountability-site")
    db = folder / "demo.duckdb"
    shutil.copy(demo_db, db)
    with Store(db) as store:
        demo.load(store)
        access.bind(store, auth.User("quan", "admin"), "hatu", "ubnd-06778")
    users = folder / "users.toml"
    auth.add_user("hatu", "officer", PASSWORD, users)
    auth.add_user("lan", "analyst", PASSWORD, users)
    with streamlit_server(db, env={"MONITOR_USERS": str(users), "MONITOR_TODAY": TODAY}) as url:
        yield {"url": url, "db": db}


def test_a_commune_officer_checks_in_on_their_own_action_only(site, chromium):
    page = chromium.new_page(viewport={"width": 1280, "height": 720})
    page.goto(site["url"] + "/tai-khoan?lang=vi")
    settle(page)
    log_in(page, "hatu", PASSWORD)
    open_from_menu(page, "hanh-dong")
    picker = page.get_by_test_id("stMain").locator('[data-testid="stSelectbox"]', has_text=t("acc.checkin.pick"))
    picker.wait_for(timeout=60_000)        # the form renders after the register: wait, bring it into view
    picker.scroll_into_view_if_needed()
    settle(page)
    for attempt in range(3):              # a click landing during a rerun is swallowed: open the list again
        picker.click()
        try:
            page.get_by_role("option").first.wait_for(timeout=10_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            settle(page)
    options = page.get_by_role("option").all_inner_texts()
    assert options == ["5 · Phường Quang Hanh · Giải phóng mặt bằng khu du lịch nghỉ dưỡng, bàn giao cho nh… "
                       "(Quá hạn)"]
    page.keyboard.press("Escape")
    page.get_by_label(t("acc.checkin.note")).fill("Đã bàn giao thêm 4 ha, còn 4 ha chờ kiểm đếm")
    page.get_by_role("button", name=t("acc.checkin.save")).click()
    page.get_by_test_id("stAlertContentSuccess").wait_for(timeout=30_000)
    settle(page)
    page.screenshot(path=str(ARTIFACTS / "accountability-officer-checkin-vi-1280x720.png"))
    page.close()
    with Store(peek_copy(site["db"]), read_only=True) as store:  # the server holds the store read-write
        assert [c["note"] for c in register.checkins(store, 5)] == [
            "Đã bàn giao 12/20 ha", "Đã bàn giao thêm 4 ha, còn 4 ha chờ kiểm đếm"]
        assert [c["user_name"] for c in register.checkins(store, 5)] == ["demo", "hatu"]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s['width']}x{s['height']}")
def test_screens_with_owners_and_commitments(site, chromium, lang, size):
    page = chromium.new_page(viewport=size)
    tag = f"{lang}-{size['width']}x{size['height']}"
    page.goto(f"{site['url']}/?lang={lang}")
    settle(page)
    page.get_by_test_id("gm-act").evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / f"accountability-overview-{tag}.png"))
    assert page.get_by_test_id("gm-act-owner").count() == 6
    page.goto(f"{site['url']}/hanh-dong?lang={lang}")
    settle(page)
    page.screenshot(path=str(ARTIFACTS / f"accountability-actions-{tag}.png"))
    page.goto(f"{site['url']}/don-vi-cham?lang={lang}")
    settle(page)
    page.get_by_test_id("stDataFrame").first.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"accountability-lagging-{tag}.png"))
    page.goto(f"{site['url']}/dia-phuong?lang={lang}&unit=06778")
    settle(page)
    page.get_by_test_id("gm-acc-action").first.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"accountability-unit-{tag}.png"))
    page.goto(f"{site['url']}/trinh-chieu?lang={lang}&present=1&slide=10")  # last review's commitments
    settle(page)
    page.locator('[data-testid="gm-followup-table"]').first.wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / f"accountability-followup-slide-{tag}.png"))
    errors = page.get_by_test_id("stException").count()
    page.close()
    assert errors == 0
