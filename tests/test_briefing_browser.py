"""Briefing mode in a real browser (Debian's Chromium): every slide, the lagging list's continuation slides
included, fits the projector sizes without scrolling or clipped text, with large type, in both languages and in
the page's preview as when presenting; screenshots go to test-artifacts/ to be looked at."""

from __future__ import annotations

import pytest
from pptx import Presentation

from browser_support import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, streamlit_server
from monitor.briefing import slides
from monitor.core.engine import AsOf
from monitor.core.store import Store

pytestmark = pytest.mark.browser
SIZES = [(1024, 768), (1280, 720), (1920, 1080)]
RUNS = [(s, "vi") for s in SIZES] + [((1024, 768), "en"), ((1280, 720), "en")]

FIT = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const slide = document.querySelector('[data-testid="gm-slide"]');
  const clipped = [...slide.querySelectorAll('*')].filter(e => e.scrollWidth > e.clientWidth + 1
      && getComputedStyle(e).overflow !== 'visible').map(e => e.className);
  const r = slide.getBoundingClientRect();
  return {doc: document.documentElement.scrollHeight, view: window.innerHeight,
          mainScroll: main.scrollHeight, mainClient: main.clientHeight,
          slideScroll: slide.scrollHeight, slideClient: slide.clientHeight, bottom: r.bottom,
          right: r.right, width: window.innerWidth, clipped: clipped};
}"""
SIZES_PX = """() => {
  const px = s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize);
  const body = [...document.querySelectorAll('.gm-s-text, .gm-s-row, .gm-s-table td, .gm-s-items li')]
      .map(e => parseFloat(getComputedStyle(e).fontSize));
  return {headline: px('[data-testid="gm-slide-headline"]'), body: Math.min(...body)};
}"""


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(demo_db, chromium):
    with streamlit_server(demo_db) as url:
        # Streamlit 1.67 serves a sub-page URL through the old pages/ folder discovery until the entry script
        # has run once (st.navigation switches it off): open the app at its root first, as a user would.
        page = chromium.new_page()
        page.goto(url + "/")
        page.get_by_test_id("gm-ytd").wait_for(timeout=90_000)
        page.close()
        yield url


@pytest.fixture(scope="module")
def briefings(demo_db):
    """The slides the page should show at 2025 Q2, built here in each language: key, number, rows listed."""
    with Store(demo_db, read_only=True) as s:
        return {lang: slides.build(s, AsOf(2025, 2), lang)["slides"] for lang in ("vi", "en")}


def wait_for_slide(page, key: str, number: int | None = None) -> None:
    where = f'[data-slide="{key}"]' + (f'[data-number="{number}"]' if number else "")
    page.locator(f'[data-testid="gm-slide"]{where}').wait_for(timeout=90_000)
    chart = page.get_by_test_id("gm-slide-chart")
    if chart.count():
        page.wait_for_function("e => e.complete && e.naturalWidth > 0", arg=chart.element_handle(), timeout=30_000)


def check_fits(page, key: str) -> None:
    fit = page.evaluate(FIT)
    assert fit["doc"] <= fit["view"], (key, fit)
    assert fit["mainScroll"] <= fit["mainClient"], (key, fit)
    assert fit["slideScroll"] <= fit["slideClient"], (key, fit)                  # nothing cut at the bottom
    assert fit["bottom"] <= fit["view"] and fit["right"] <= fit["width"], (key, fit)
    assert fit["clipped"] == [], (key, fit)
    px = page.evaluate(SIZES_PX)
    assert px["headline"] >= 64, (key, px)
    assert px["body"] >= 24, (key, px)


@pytest.mark.parametrize("size, lang", RUNS, ids=lambda v: f"{v[0]}x{v[1]}" if isinstance(v, tuple) else v)
def test_every_slide_fits_the_projector_without_scrolling(server, chromium, briefings, size, lang):
    made = briefings[lang]
    total = len(made)
    assert total == 10 and [s["key"] for s in made].count("lagging") == 5
    page = chromium.new_page(viewport={"width": size[0], "height": size[1]})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + f"/trinh-chieu?present=1&slide=1&year=2025&quarter=2&lang={lang}")
    for slide in made:
        number, key = slide["number"], slide["key"]
        wait_for_slide(page, key, number)
        assert page.get_by_test_id("gm-slide-counter").inner_text() == f"{number}/{total}"
        page.wait_for_url(lambda u, n=number: f"slide={n}&" in u + "&", timeout=30_000)  # the slide is in the URL
        assert "present=1" in page.url
        assert page.locator('[data-testid="gm-slide"] [data-testid="gm-demo-label"]').is_visible()
        assert not page.locator('[data-testid="stHeader"]').is_visible()        # no app chrome
        assert not page.locator(".st-key-gm-header").is_visible()               # no dashboard header
        assert page.get_by_test_id("gm-slide-headline").inner_text() == slide["headline"]["value"]
        if key == "lagging":                                                    # every row of the part, whole
            table = page.get_by_test_id("gm-lagging-table")
            assert table.locator("tr").count() == len(slide["items"]) + 1
            assert table.locator("td.gm-s-rank").first.inner_text() == str(slide["items"][0]["rank"])
        page.screenshot(path=str(ARTIFACTS / f"briefing-{number:02d}-{key}-{size[0]}x{size[1]}-{lang}.png"))
        check_fits(page, key)
        if number < total:
            page.get_by_role("button", name="Sau" if lang == "vi" else "Next").click()
    assert page.locator('[data-testid="stException"]').count() == 0
    assert errors == []
    page.close()


@pytest.mark.parametrize("size, lang", [((1024, 768), "vi"), ((1280, 720), "en")],
                         ids=lambda v: f"{v[0]}x{v[1]}" if isinstance(v, tuple) else v)
def test_the_page_preview_shows_each_kind_of_slide_whole(server, chromium, briefings, size, lang):
    """The page before presenting (header, downloads, the slide framed): the first slide, a chart, the first
    and a continued part of the lagging list and the indicators fit too."""
    page = chromium.new_page(viewport={"width": size[0], "height": size[1]})
    for number in (1, 3, 4, 5, 6, 10):
        slide = briefings[lang][number - 1]
        page.goto(server + f"/trinh-chieu?slide={number}&year=2025&quarter=2&lang={lang}")
        wait_for_slide(page, slide["key"], number)
        page.get_by_role("button", name="Trình chiếu" if lang == "vi" else "Present").wait_for(timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / f"briefing-preview-{number:02d}-{slide['key']}-{size[0]}x{size[1]}-"
                                             f"{lang}.png"))
        fit = page.evaluate(FIT)
        assert fit["slideScroll"] <= fit["slideClient"] and fit["clipped"] == [], (number, fit)
        assert fit["right"] <= fit["width"], (number, fit)
    page.close()


def test_the_headline_slide_shows_the_engines_numbers_and_exit_brings_back_the_header(server, chromium):
    page = chromium.new_page(viewport={"width": 1280, "height": 720})
    page.goto(server + "/trinh-chieu?present=1&slide=1&year=2025&quarter=2")
    wait_for_slide(page, "headline")
    assert page.get_by_test_id("gm-slide-headline").inner_text() == "11,03%"
    text = page.get_by_test_id("gm-slide-narrative").inner_text()
    assert text.startswith("Tăng trưởng GRDP 6 tháng đầu năm 2025 sơ bộ đạt 11,03%, sát kịch bản 6 tháng (11,36%), "
                           "thấp hơn 0,33 điểm phần trăm; để đạt mục tiêu 14% cả năm, 6 tháng cuối năm cần tăng "
                           "khoảng 16,7%.")
    page.get_by_text("Tự chuyển").click()                                      # auto-advance: the next slide
    wait_for_slide(page, "trajectory")                                         # comes by itself
    page.get_by_text("Tự chuyển").click()
    page.get_by_test_id("gm-slide").click()                                    # focus off the toggle, then
    page.keyboard.press("ArrowRight")                                          # the keyboard (or a clicker)
    wait_for_slide(page, "contributions")
    for _ in range(3):
        page.get_by_role("button", name="Trước").click()
        page.wait_for_timeout(300)
    wait_for_slide(page, "indicators")                                         # wrapped round to the last slide
    page.keyboard.press("Escape")
    page.locator(".st-key-gm-header").wait_for(timeout=30_000)
    page.wait_for_url(lambda u: "present" not in u, timeout=30_000)
    assert page.get_by_role("button", name="Trình chiếu").is_visible()
    download = page.get_by_role("button", name="Tải PowerPoint")
    download.wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "briefing-preview-1280x720.png"))
    with page.expect_download(timeout=120_000) as got:                        # one click: the deck
        download.click()
    path = got.value.path()
    assert got.value.suggested_filename == "bao-cao-tang-truong-2025-Q2.pptx"
    deck = Presentation(str(path))
    assert len(deck.slides) == 10
    assert "11,03%" in [sh.text_frame.text for sh in deck.slides[0].shapes if sh.has_text_frame]
    page.close()
