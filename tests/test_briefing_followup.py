"""The briefing's follow-up slide (issue 15): the commitments made at the previous review, done / overdue / not
yet due, by owner, worst first; in the deck, the page's slide and the PDF brief's table."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation

from monitor.accountability import demo
from monitor.briefing import deck, pdf, slide_html, slides
from monitor.core.engine import AsOf
from monitor.core.store import Store


@pytest.fixture
def brief(demo_copy, monkeypatch):
    monkeypatch.setenv("MONITOR_TODAY", "2026-01-15")
    with Store(demo_copy) as store:
        demo.load(store)  # seven actions raised at the 2025 Q3 review
        return slides.build(store, AsOf(2025, 4), "vi")


def test_the_follow_up_slide_comes_before_the_indicators_with_last_reviews_commitments(brief):
    keys = [s["key"] for s in brief["slides"]]
    assert keys[-2:] == ["followup", "indicators"] and len(keys) == 11
    slide = brief["slides"][-2]
    assert (slide["number"], slide["title"], slide["headline"]) == (
        10, "Kết quả thực hiện cam kết kỳ trước", {"value": "3/7", "label": "cam kết quá hạn, giao tại Quý III/2025"})
    assert slide["narrative"] == ("Tại kỳ đánh giá Quý III/2025 có 7 cam kết: 2 đã hoàn thành (1 quá hạn), "
                                  "3 quá hạn chưa hoàn thành, 2 chưa đến hạn.")
    assert slide["table"]["head"] == ["Cơ quan chịu trách nhiệm", "Cam kết", "Hoàn thành đúng hạn",
                                      "Hoàn thành quá hạn", "Quá hạn", "Chưa đến hạn"]
    assert slide["table"]["rows"] == [  # worst first: most overdue, then most done late
        ["Sở Xây dựng (minh họa)", "2", "0", "0", "2", "0"],
        ["UBND phường Quang Hanh (minh họa)", "1", "0", "0", "1", "0"],
        ["Sở Công Thương (minh họa)", "2", "1", "1", "0", "0"],
        ["UBND phường Cửa Ông (minh họa)", "1", "0", "0", "0", "1"],
        ["UBND phường Mông Dương (minh họa)", "1", "0", "0", "0", "1"]]


def test_the_deck_the_slide_page_and_the_pdf_brief_carry_the_follow_up_table(brief):
    slide = brief["slides"][-2]
    shown = Presentation(io.BytesIO(deck.pptx(brief, {}))).slides[9]
    table = next(s for s in shown.shapes if s.name == "followup").table
    assert [table.cell(1, c).text for c in range(6)] == ["Sở Xây dựng (minh họa)", "2", "0", "0", "2", "0"]
    assert 'data-testid="gm-followup-table"' in slide_html.slide(brief, slide, None)
    html = pdf.html_document(brief, {})
    assert '<section data-slide="followup"><h2><span>10. Kết quả thực hiện cam kết kỳ trước</span>' in html
    assert "<td><b>UBND phường Cửa Ông (minh họa)</b></td>" in html


def test_no_follow_up_slide_when_the_previous_review_made_no_commitment(demo_db):
    with Store(demo_db, read_only=True) as store:
        assert "followup" not in [s["key"] for s in slides.build(store, AsOf(2025, 4), "en")["slides"]]
