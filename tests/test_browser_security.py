"""Real browser: a damaged or deleted store shows a plain message (no traceback, no server path) to anyone; a URL
parameter the page cannot use shows a notice, not a traceback; repeated wrong passwords lock the log-in, and
the right password is refused until the lock ends. Screenshots go to test-artifacts/."""

from __future__ import annotations

import os
import shutil

import pytest

from browser_support import ARTIFACTS, settle, streamlit_server
from monitor.core import auth
from monitor.core.i18n import t

pytestmark = pytest.mark.browser
PASSWORD = "matkhau-quy4"
VIEW = {"width": 1280, "height": 720}


def body(page) -> str:
    return page.get_by_test_id("stApp").inner_text()


def test_a_damaged_store_shows_what_to_do_and_no_traceback_or_path(chromium, tmp_path):
    db = tmp_path / "monitor.duckdb"
    db.write_text("this is not a database\n" * 20)
    with streamlit_server(db) as url:
        page = chromium.new_page(viewport=VIEW)
        for path, lang in (("/", "vi"), ("/nganh?lang=en", "en"), ("/trinh-chieu", "vi")):
            page.goto(url + path)
            page.get_by_test_id("stAlertContentError").first.wait_for(timeout=60_000)
            settle(page)
            text = body(page)
            assert t("ops.store.damaged", lang) in text
            assert page.get_by_test_id("stException").count() == 0
            assert str(tmp_path) not in text and "Traceback" not in text and "duckdb" not in text.lower()
        page.screenshot(path=str(ARTIFACTS / "security-damaged-store.png"))
        page.close()


@pytest.fixture(scope="module")
def site(demo_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("security-site")
    db = folder / "demo.duckdb"
    shutil.copy(demo_db, db)
    users = folder / "users.toml"
    auth.add_user("lan", "analyst", PASSWORD, users)
    env = {"MONITOR_USERS": str(users), "MONITOR_LOGIN_FREE_FAILURES": "10", "MONITOR_LOGIN_LOCK_AFTER": "3"}
    with streamlit_server(db, env=env) as url:
        yield {"url": url, "db": db}


def test_a_slide_number_that_is_not_digits_shows_a_notice(chromium, site):
    page = chromium.new_page(viewport=VIEW)
    page.goto(site["url"] + "/trinh-chieu?slide=%C2%B2")  # ?slide=²
    page.locator('[data-testid="gm-slide"]').first.wait_for(timeout=90_000)
    settle(page)
    text = body(page)
    assert t("ops.bad_param", "vi", name="slide") in text and ">1/10<" in page.content()
    assert page.get_by_test_id("stException").count() == 0 and "Traceback" not in text
    page.screenshot(path=str(ARTIFACTS / "security-bad-slide.png"))
    page.close()


def test_wrong_passwords_lock_the_log_in_and_the_right_one_is_refused_meanwhile(chromium, site):
    page = chromium.new_page(viewport=VIEW)
    page.goto(site["url"] + "/tai-khoan?lang=en")
    name = page.get_by_label(t("upload.user_name", "en"), exact=True)
    name.wait_for(timeout=60_000)
    settle(page)

    def attempt(password: str) -> str:
        name.fill("lan")
        page.get_by_label(t("upload.password", "en"), exact=True).fill(password)
        page.get_by_role("button", name=t("upload.log_in", "en")).click()
        settle(page)
        return body(page)

    for _ in range(3):
        assert t("upload.bad_login", "en") in attempt("wrong-password")
    refused = attempt(PASSWORD)
    assert "log-in is locked for about 15 minutes" in refused and t("upload.bad_login", "en") not in refused
    assert page.get_by_role("button", name=t("upload.log_out", "en")).count() == 0  # not signed in
    page.screenshot(path=str(ARTIFACTS / "security-locked-log-in.png"))
    page.close()


def test_a_store_deleted_while_serving_says_it_is_missing(chromium, site):
    page = chromium.new_page(viewport=VIEW)
    page.goto(site["url"] + "/?lang=en")
    page.get_by_test_id("stMain").wait_for(timeout=60_000)
    settle(page)
    os.remove(site["db"])
    page.goto(site["url"] + "/nganh?lang=en")
    page.get_by_test_id("stAlertContentError").first.wait_for(timeout=60_000)
    text = body(page)
    assert t("ops.store.missing", "en") in text and str(site["db"]) not in text
    assert page.get_by_test_id("stException").count() == 0
    page.close()
