"""Real browser at projector and screen sizes (1024x768, 1280x720, 1920x1080), in Vietnamese and English: every
page is reached from the top menu (none folded away under "N more", none under Streamlit's own menu button), and
no page has clipped text in the header, the menu or the cards, a card value on two lines, sideways scrolling or a
see-through top bar (tests/layout_checks.js). The header's year, period and vintage survive a language switch, a
page change, a log-in and a log-out. Screenshots of every page go to test-artifacts/layout-<page>-<lang>-<size>.png.
"""

from __future__ import annotations

import shutil

import pytest

from browser_support import (
    ANALYST_PAGES,
    ARTIFACTS,
    MENU_LINKS,
    VIEWER_PAGES,
    layout_problems,
    log_in,
    menu_items,
    open_from_menu,
    settle,
    streamlit_server,
    switch_language,
)
from monitor.core import auth, i18n
from monitor.core.engine import AsOf
from monitor.core.store import Store
from monitor.leader import status

pytestmark = pytest.mark.browser
PASSWORD = "matkhau-khung-hinh"
SIZES = [(1024, 768), (1280, 720), (1920, 1080)]


@pytest.fixture(scope="module")
def site(demo_db, tmp_path_factory):
    """One server for the module, over a copy of the demo store, with one analyst account."""
    folder = tmp_path_factory.mktemp("layout-site")
    db = folder / "demo.duckdb"
    shutil.copy(demo_db, db)
    users = folder / "users.toml"
    auth.add_user("lan", "analyst", PASSWORD, users)
    with streamlit_server(db, env={"MONITOR_USERS": str(users)}) as url:
        yield url


def assert_every_page_in_the_menu(page, lang: str, analyst: bool) -> None:
    menu = menu_items(page)
    assert [item["path"] for item in menu["items"] if item["kind"] == "link"] == MENU_LINKS
    # the model and target pages sit in one section, the analysts' in another; Streamlit's "N more" would be a third
    assert [item["text"] for item in menu["items"] if item["kind"] == "section"] == (
        [i18n.t("nav.analysis", lang)] + ([i18n.t("upload.nav.section", lang)] if analyst else []))
    assert max(item["right"] for item in menu["items"]) <= menu["menuLeft"], menu


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_page_is_in_the_menu_and_nothing_is_clipped(site, chromium, size, lang):
    width, height = size
    context = chromium.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{site}/?lang={lang}")
    page.get_by_test_id("gm-ytd").wait_for(timeout=60_000)
    settle(page)
    assert_every_page_in_the_menu(page, lang, analyst=False)
    problems = {}
    for path in VIEWER_PAGES:
        open_from_menu(page, path)
        problems[path or "tong-quan"] = layout_problems(page)
        page.screenshot(path=str(ARTIFACTS / f"layout-{path or 'tong-quan'}-{lang}-{width}x{height}.png"))
    log_in(page, "lan", PASSWORD, lang)
    assert_every_page_in_the_menu(page, lang, analyst=True)
    problems["tai-khoan (signed in)"] = layout_problems(page)
    for path in ANALYST_PAGES:
        open_from_menu(page, path)
        problems[path] = layout_problems(page)
        page.screenshot(path=str(ARTIFACTS / f"layout-{path}-{lang}-{width}x{height}.png"))
    assert page.locator('[data-testid="stException"]').count() == 0
    context.close()
    assert {where: found for where, found in problems.items() if found} == {}
    assert errors == []


def pick(page, key: str, option: str) -> None:
    page.locator(f".st-key-{key} input").click()
    page.get_by_role("option", name=option, exact=True).click()
    settle(page)


def shown(page) -> dict[str, str]:
    return {key: page.locator(f".st-key-{key} input").input_value() for key in ("year", "quarter", "vintage")}


def in_url(page) -> dict[str, str]:
    query = page.evaluate("Object.fromEntries(new URLSearchParams(location.search))")
    return {key: query.get(key) for key in ("year", "quarter", "vintage")}


def test_the_header_choices_survive_a_language_switch_a_page_change_a_log_in_and_a_log_out(site, chromium,
                                                                                            demo_db):
    with Store(demo_db, read_only=True) as s:
        ytd = status.report(s, as_of=AsOf(2024, 2, "first"))["ytd_growth_pct"]
    english = {"year": "Year 2024", "quarter": "6 months", "vintage": "As first published"}
    page = chromium.new_page(viewport={"width": 1280, "height": 720})
    page.goto(site + "/")
    page.get_by_test_id("gm-ytd").wait_for(timeout=60_000)
    settle(page)
    pick(page, "year", "Năm 2024")
    pick(page, "quarter", "6 tháng")
    pick(page, "vintage", "Số công bố lần đầu")
    assert in_url(page) == {"year": "2024", "quarter": "2", "vintage": "first"}

    switch_language(page, "en")
    assert shown(page) == english
    open_from_menu(page, "nganh")                          # the step that used to fall back to "full year, latest"
    assert shown(page) == english
    assert in_url(page) == {"year": "2024", "quarter": "2", "vintage": "first"}
    log_in(page, "lan", PASSWORD, "en")                    # the page list changes: upload and history appear
    assert shown(page) == english
    open_from_menu(page, "")
    assert shown(page) == english
    assert in_url(page) == {"year": "2024", "quarter": "2", "vintage": "first"}
    assert page.get_by_test_id("gm-ytd").inner_text() == i18n.pct(ytd, "en")

    open_from_menu(page, "tai-khoan")
    page.get_by_role("button", name=i18n.t("upload.log_out", "en")).click()
    page.get_by_test_id("stMain").get_by_role("link", name=i18n.t("upload.log_in", "en")).wait_for(timeout=30_000)
    settle(page)
    switch_language(page, "vi")
    open_from_menu(page, "dia-phuong")
    assert shown(page) == {"year": "Năm 2024", "quarter": "6 tháng", "vintage": "Số công bố lần đầu"}
    assert in_url(page) == {"year": "2024", "quarter": "2", "vintage": "first"}
    page.close()
