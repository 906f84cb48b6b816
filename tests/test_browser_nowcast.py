"""Real browser on the nowcast (issue 17): the overview shows the next quarter's hatched model-estimate bar with its
range and says it is no official figure, in Vietnamese and English, at projector sizes; the nowcast page draws
the estimate and the track record; no serious accessibility violation, nothing cut."""

from __future__ import annotations

import pytest

from browser_support import ARTIFACTS, axe_violations, layout_problems, settle, streamlit_server

pytestmark = pytest.mark.browser
TRACE = '[data-testid="stPlotlyChart"] .main-svg .trace'


@pytest.fixture(scope="module")
def nowcast_server(nowcast_db):
    with streamlit_server(nowcast_db) as url:
        yield url


@pytest.mark.parametrize("size", [(1024, 768), (1280, 720)], ids=["1024x768", "1280x720"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_overview_shows_the_hatched_model_estimate(nowcast_server, chromium, lang, size):
    page = chromium.new_page(viewport={"width": size[0], "height": size[1]})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{nowcast_server}/?lang={lang}")
    card = page.get_by_test_id("gm-nowcast-card")
    card.wait_for(timeout=60_000)
    settle(page)
    card.scroll_into_view_if_needed()
    text = card.inner_text()
    if lang == "vi":
        assert "Ước tính nhanh Quý I/2026" in text and "ước tính mô hình" in text
        assert "không phải số liệu chính thức" in text
    else:
        assert "Nowcast of Q1 2026" in text and "model estimate" in text and "not an official figure" in text
    # the hatched bar: a bar drawn with a pattern fill beside the published quarter's solid bar
    assert page.locator('[data-testid="stPlotlyChart"] pattern').count() >= 1
    assert layout_problems(page) == []
    assert errors == []
    page.screenshot(path=str(ARTIFACTS / f"nowcast-overview-{lang}-{size[0]}x{size[1]}.png"))
    page.close()


def test_the_nowcast_page_draws_the_estimate_and_the_record_without_serious_violations(nowcast_server, chromium):
    page = chromium.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{nowcast_server}/uoc-tinh")
    page.get_by_test_id("gm-nowcast").wait_for(timeout=60_000)
    page.locator(TRACE).nth(2).wait_for(timeout=60_000)  # the estimate's bars and the record's lines
    settle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "ước tính mô hình" in page.get_by_test_id("gm-nowcast").inner_text()
    assert axe_violations(page) == []
    assert layout_problems(page) == []
    page.screenshot(path=str(ARTIFACTS / "nowcast-page-1280x720.png"))
    page.close()
