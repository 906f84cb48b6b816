"""The national figure beside the province's: the line's words, and the overview and sectors pages with the demo
store plus the office's real national GDP (what `init --demo` loads)."""

from __future__ import annotations

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from monitor.core.store import ROOT, Store
from monitor.leader import views
from monitor.statistics import importer

APP = str(ROOT / "dashboard.py")
FOUND = {"indicator": "GRDP", "unit_code": "VN", "sector_code": "TOTAL", "year": 2024, "quarter": 3,
         "quarter_growth_pct": 7.404853, "ytd_growth_pct": 6.816438, "ytd_contribution_pp": 6.816438,
         "ytd_share_of_increase_pct": None, "vintage": "estimate", "file_name": "GDPVNM.xml",
         "message_id": "IREF392914", "prepared": "2024-10-24 03:08:13", "synthetic": False, "latest": None}


def test_the_national_line_names_its_vintage_source_and_that_it_is_real():
    assert views.national_line(FOUND, "vi") == (
        "Cả nước 9 tháng năm 2024: 6,82% (riêng quý: 7,40%) · ước tính · nguồn: cơ quan thống kê quốc gia, "
        "tệp SDMX GDPVNM.xml (IREF392914) lập ngày 24/10/2024 · số liệu thật")
    kv2 = {**FOUND, "sector_code": "KV2", "ytd_growth_pct": 8.1857, "quarter_growth_pct": 9.1079,
           "ytd_share_of_increase_pct": 46.2204}
    assert views.national_line(kv2, "en", "Industry and construction") == (
        "Viet Nam, Industry and construction, the first 9 months of 2024: 8.19% (the quarter alone: 9.11%), "
        "46.22% of the value-added increase · estimate · source: national statistics office, SDMX file "
        "GDPVNM.xml (IREF392914) prepared 2024-10-24 · real figures")


def test_without_a_national_figure_for_the_period_the_line_says_how_far_the_series_goes():
    missing = {**FOUND, "year": 2025, "quarter": 4, "ytd_growth_pct": None, "latest": {"year": 2024, "quarter": 3}}
    assert views.national_line(missing, "vi") == ("Cả nước: chưa có số liệu năm 2025 (số liệu cả nước đến "
                                                  "9 tháng năm 2024)")
    assert views.national_line({**missing, "latest": None}, "vi") is None      # no national series at all


def test_a_synthetic_national_figure_from_an_upload_says_so():
    upload = {**FOUND, "prepared": None, "message_id": None, "file_name": "vn.csv", "synthetic": True}
    assert views.national_line(upload, "en").endswith("· source: file vn.csv · synthetic figures")


@pytest.fixture(scope="module")
def demo_with_national(demo_db, tmp_path_factory):
    path = tmp_path_factory.mktemp("national") / "demo.duckdb"
    shutil.copy(demo_db, path)
    with Store(path) as s:
        importer.load(s, ROOT / "data" / "nsdp" / "GDPVNM.xml", user="demo")
    return path


def page(monkeypatch, db, path=None, sector=None, **params):
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    monkeypatch.setenv("MONITOR_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if path:
        at.switch_page(path).run()
    if sector:
        at.selectbox(key="sector").set_value(sector).run()
    assert not at.exception
    return "\n".join(m.value for m in at.markdown)


def test_overview_shows_the_country_beside_the_province_with_the_demo_label(monkeypatch, demo_with_national):
    html = page(monkeypatch, demo_with_national, year="2024", quarter="3")
    assert 'data-testid="gm-national">Cả nước 9 tháng năm 2024: 6,82% (riêng quý: 7,40%)' in html
    assert "số liệu thật" in html and "DỮ LIỆU MINH HỌA" in html       # the province's figures stay labelled
    latest = page(monkeypatch, demo_with_national, lang="en")
    assert "Viet Nam: no figure for 2025 yet (the national series ends at the first 9 months of 2024)" in latest


def test_sectors_page_shows_the_countrys_sector_and_the_revisions(monkeypatch, demo_with_national):
    html = page(monkeypatch, demo_with_national, "pages/sectors.py", year="2024", quarter="3")
    assert 'data-testid="gm-national">Cả nước 9 tháng năm 2024: 6,82% (riêng quý: 7,40%)' in html
    html = page(monkeypatch, demo_with_national, "pages/sectors.py", "KV2", year="2024", quarter="3")
    assert ("Cả nước, Công nghiệp và xây dựng, 9 tháng năm 2024: 8,19% (riêng quý: 9,11%), 3,23 điểm phần trăm vào "
            "tốc độ tăng tổng giá trị tăng thêm, đóng góp 46,22%") in html   # on the national office's bases
