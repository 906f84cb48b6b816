"""The nowcast on screen (AppTest): the overview shows the next quarter's model estimate, labelled a model estimate
and not an official figure, in Vietnamese and English; the nowcast page shows the estimate and its record."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from monitor.core.store import ROOT

APP = str(ROOT / "dashboard.py")
pytestmark = pytest.mark.usefixtures("fresh_caches")



def page_text(at) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


def run(monkeypatch, db, lang=None, page=None):
    monkeypatch.setenv("MONITOR_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=90)
    if lang:
        at.query_params["lang"] = lang
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at


def test_the_overview_labels_the_next_quarter_a_model_estimate(monkeypatch, nowcast_db):
    at = run(monkeypatch, nowcast_db)
    assert not at.exception
    text = page_text(at)
    assert "Ước tính nhanh Quý I/2026" in text and "ước tính mô hình" in text
    assert "không phải số liệu chính thức" in text
    # the demo's 2026 targets (2025's carried over, synthetic): the chance of reaching each, from the band and the
    # spread of the remaining quarters (tests/test_nowcast.py checks the formula by hand)
    assert "Xác suất đạt mục tiêu của tỉnh 14,0% cả năm 2026: 20%" in text
    assert "Xác suất đạt mục tiêu Trung ương giao 12,5% cả năm 2026: 36%" in text


def test_the_overview_in_english(monkeypatch, nowcast_db):
    at = run(monkeypatch, nowcast_db, "en")
    text = page_text(at)
    assert "Nowcast of Q1 2026" in text and "model estimate" in text and "not an official figure" in text
    assert "Chance of reaching the centre&#x27;s 12.5% for 2026: 36%" in text


def test_no_estimate_when_the_next_quarter_is_published(monkeypatch, demo_db):
    at = run(monkeypatch, demo_db)  # no monthly figures at all
    assert not at.exception and "ước tính mô hình" not in page_text(at)


def test_the_nowcast_page_shows_the_estimate_and_its_record(monkeypatch, nowcast_db):
    at = run(monkeypatch, nowcast_db, page="pages/nowcast.py")
    assert not at.exception
    text = page_text(at)
    assert "Ước tính nhanh tăng trưởng quý" in text and "Đánh giá giả lập thời gian thực" in text
    assert len(at.get("plotly_chart")) == 2 and len(at.dataframe) == 3  # sectors, news, record table
    assert "Công nghiệp và xây dựng" in at.dataframe[0].value.iloc[:, 0].tolist()


def test_the_whatif_page_takes_the_nowcast_as_its_default(monkeypatch, nowcast_db):
    at = run(monkeypatch, nowcast_db, page="pages/whatif.py")
    at.selectbox(key="wi_as_of").set_value((2025, 3)).run()
    at.button_group(key="wi_basis").set_value("nowcast").run()
    assert not at.exception
    notes = [c.value for c in at.caption]
    assert any(n.startswith("Quý IV/2025, ước tính mô hình (không phải số liệu chính thức)") for n in notes)
