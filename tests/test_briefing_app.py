"""The briefing page under AppTest: the slides, the controls, the mode and the slide number in the URL."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from monitor.briefing import render
from monitor.core.store import ROOT

APP = str(ROOT / "dashboard.py")


pytestmark = pytest.mark.usefixtures("fresh_caches")  # conftest: no cache outlives a test


@pytest.fixture(scope="module", autouse=True)
def stop_kaleido():
    yield
    render.stop()


def open_briefing(monkeypatch, db, **params):
    monkeypatch.setenv("MONITOR_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.session_state["gm_year"], at.session_state["gm_quarter"] = 2025, 2   # the header's choice
    at.switch_page("pages/briefing.py")
    return at.run()


def slide_html(at) -> str:
    return next(m.value for m in at.markdown if 'data-testid="gm-slide"' in m.value)


def test_the_preview_shows_the_first_slide_with_downloads_and_a_present_button(monkeypatch, demo_db):
    at = open_briefing(monkeypatch, demo_db)
    assert not at.exception
    html = slide_html(at)
    assert 'data-slide="headline"' in html and 'data-testid="gm-slide-headline">11,03%<' in html
    # 6 months against the 6-month scenario (Q1 10.5%, Q2 12.14% weighted by 2024's quarters: 11.36%)
    assert "sát kịch bản 6 tháng (11,36%), thấp hơn 0,33 điểm phần trăm" in html and ">1/10<" in html
    assert "DỮ LIỆU MINH HỌA" in html
    assert [b.label for b in at.get("download_button")] == ["Tải PowerPoint", "Tải báo cáo PDF",
                                                             "Tải ảnh biểu đồ (PNG)",
                                                             "Tải bộ tài liệu quý (.zip)"]  # the pack, issue 16
    assert at.button(key="gm-present-button").label == "Trình chiếu"
    assert at.query_params["slide"] == "1" and "present" not in at.query_params


def test_next_and_previous_move_through_the_slides_and_wrap(monkeypatch, demo_db):
    at = open_briefing(monkeypatch, demo_db)
    at.button(key="gm-next").click().run()
    assert 'data-slide="trajectory"' in slide_html(at) and 'data-testid="gm-slide-chart"' in slide_html(at)
    assert at.query_params["slide"] == "2"
    at.button(key="gm-prev").click().run()
    at.button(key="gm-prev").click().run()
    assert 'data-slide="indicators"' in slide_html(at) and ">10/10<" in slide_html(at)
    at.button(key="gm-prev").click().run()                      # back into the lagging list, its last part
    html = slide_html(at)
    assert 'data-slide="lagging" data-number="9"' in html and ">9/10<" in html and at.query_params["slide"] == "9"
    assert "Ngành, địa phương cần chú ý (tiếp)" in html and "dòng 37–45 trong 45" in html


def test_presenting_from_the_url_opens_the_asked_slide_without_downloads(monkeypatch, demo_db):
    at = open_briefing(monkeypatch, demo_db, present="1", slide="4")
    assert not at.exception
    assert '<div class="gm-present">' in slide_html(at) and 'data-slide="localities"' in slide_html(at)
    assert len(at.get("download_button")) == 0
    at.button(key="gm-exit").click().run()
    assert '<div class="gm-preview">' in slide_html(at) and "present" not in at.query_params


def test_a_slide_number_out_of_range_opens_the_last_slide(monkeypatch, demo_db):
    at = open_briefing(monkeypatch, demo_db, slide="99")
    assert 'data-slide="indicators"' in slide_html(at) and ">10/10<" in slide_html(at)


def test_a_lagging_slide_from_the_url_lists_its_rows_numbered_on(monkeypatch, demo_db):
    at = open_briefing(monkeypatch, demo_db, present="1", slide="6")
    html = slide_html(at)
    assert 'data-number="6"' in html and ">6/10<" in html and "dòng 9–18 trong 45" in html
    assert '<td class="gm-s-rank">9</td>' in html and '<td class="gm-s-rank">18</td>' in html
    assert '<td class="gm-s-rank">8</td>' not in html and "Chênh lệch<br>(điểm %)" in html


def test_the_briefing_in_english(monkeypatch, demo_db):
    at = open_briefing(monkeypatch, demo_db, lang="en")
    html = slide_html(at)
    assert "GRDP growth in the first 6 months of 2025 is provisionally 11.03%" in html  # preliminary figures
    assert "DEMO DATA" in html and at.button(key="gm-present-button").label == "Present"
