"""Real browser on the leader pages: every page renders at projector and full-HD sizes, charts are drawn, the
language switch changes the labels, clicks drill down, and a shared link reopens the same view."""

from __future__ import annotations

import re

import pytest

from browser_support import ARTIFACTS

pytestmark = pytest.mark.browser

PAGES = {  # URL path -> a title the page always shows
    "": ("Tăng trưởng GRDP năm 2025",),          # the overview is the default page, at the root
    "nganh": ("Tăng trưởng theo ngành kinh tế",),
    "dia-phuong": ("Tăng trưởng theo địa phương",),
    "don-vi-cham": ("Ngành và địa phương cần chú ý",),
}
TRACE = '[data-testid="stPlotlyChart"] .main-svg .trace'


def open_page(chromium, url, size=(1280, 720)):
    page = chromium.new_page(viewport={"width": size[0], "height": size[1]})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.locator('[data-testid="stMain"]').wait_for(timeout=60_000)
    return page, errors


def href(page) -> str:
    return page.evaluate("location.href")  # Streamlit updates the address with history.replaceState


def settle(page):
    page.wait_for_timeout(500)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=60_000)


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
@pytest.mark.parametrize("path", list(PAGES), ids=lambda p: p or "tong-quan")
def test_every_leader_page_renders_with_its_charts_and_the_demo_label(server, chromium, path, size):
    page, errors = open_page(chromium, f"{server}/{path}", size)
    page.get_by_text(PAGES[path][0]).first.wait_for(timeout=60_000)
    if path != "don-vi-cham":                      # the lagging list is a table, not a chart
        page.locator(TRACE).first.wait_for(timeout=60_000)
    else:
        page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=60_000)
    settle(page)
    assert page.get_by_test_id("gm-demo-label").is_visible()
    assert page.locator('[data-testid="stException"]').count() == 0
    assert errors == []
    assert page.get_by_text("Page not found").count() == 0
    page.screenshot(path=str(ARTIFACTS / f"page-{path or 'tong-quan'}-{size[0]}x{size[1]}.png"))
    page.close()


def test_language_switch_changes_the_labels_and_keeps_the_page(server, chromium):
    page, _ = open_page(chromium, f"{server}/nganh")
    page.get_by_text("Tăng trưởng theo ngành kinh tế").wait_for(timeout=60_000)
    page.locator("button", has_text="EN").first.click()
    page.get_by_text("Growth by sector").wait_for(timeout=30_000)
    assert page.get_by_role("link", name="Localities").is_visible()      # the menu follows
    assert "lang=en" in href(page) and "/nganh" in href(page)
    page.screenshot(path=str(ARTIFACTS / "page-nganh-en-1280x720.png"))
    page.close()


def test_clicking_a_sector_row_drills_down_and_the_link_reopens_it(server, chromium):
    page, _ = open_page(chromium, f"{server}/nganh")
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for(timeout=60_000)
    settle(page)
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 16, box["y"] + 35 + 35 * 2 + 17)   # the third row: Industry and construction
    page.get_by_test_id("gm-sector-path").filter(has_text="Công nghiệp và xây dựng").wait_for(timeout=30_000)
    assert re.search(r"[?&]sector=KV2(&|$)", href(page))
    link = href(page)
    page.close()

    again, _ = open_page(chromium, link)
    again.get_by_test_id("gm-sector-path").filter(has_text="Công nghiệp và xây dựng").wait_for(timeout=60_000)
    assert again.get_by_test_id("gm-ytd_growth").inner_text() == "11,74%"
    again.close()


def test_clicking_a_locality_bar_opens_the_unit_and_the_link_reopens_it(server, chromium):
    page, _ = open_page(chromium, f"{server}/dia-phuong?year=2025&quarter=2&order=best")
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.locator(".bars .point path").first.wait_for(timeout=60_000)
    settle(page)
    top_bar = chart.locator(".bars .point path").last           # plotly draws the fastest unit last, on top
    top_bar.scroll_into_view_if_needed()
    top_bar.click(force=True)
    title = page.get_by_test_id("gm-unit-title")
    title.wait_for(timeout=30_000)
    name = title.inner_text()
    assert name.startswith("Đặc khu Vân Đồn")
    assert "unit=" in href(page) and "quarter=2" in href(page)
    link = href(page)
    page.close()

    again, _ = open_page(chromium, link)
    again.get_by_test_id("gm-unit-title").wait_for(timeout=60_000)
    assert again.get_by_test_id("gm-unit-title").inner_text() == name
    again.locator(TRACE).first.wait_for(timeout=60_000)
    settle(again)
    again.screenshot(path=str(ARTIFACTS / "page-dia-phuong-unit-1280x720.png"))
    again.close()
