"""The dashboard under Streamlit's AppTest: the home page shows the engine's figures."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from monitor.core.engine import AsOf
from monitor.core.store import ROOT, Store
from monitor.leader import status

APP = str(ROOT / "dashboard.py")


pytestmark = pytest.mark.usefixtures("fresh_caches")  # conftest: no cache outlives a test


def html_text(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def run(monkeypatch, db, lang=None):
    monkeypatch.setenv("MONITOR_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    if lang:
        at.query_params["lang"] = lang
    return at.run()


def test_home_shows_the_latest_headline_with_the_demo_label(monkeypatch, demo_db):
    at = run(monkeypatch, demo_db)
    assert not at.exception
    with Store(demo_db, read_only=True) as s:
        r = status.report(s, as_of=AsOf(2025, 4))
    page = html_text(at)
    assert 'data-testid="gm-ytd">11,89%<' in page
    assert f'{r["ytd_growth_pct"]:.2f}'.replace(".", ",") == "11,89"
    assert "DỮ LIỆU MINH HỌA" in page
    assert "−2,11 điểm %" in page and "−0,61 điểm %" in page        # gaps to 14% and 12.5%
    assert "Văn bản 2545-CV/TU (02/2025)" in page


def test_home_in_english(monkeypatch, demo_db):
    at = run(monkeypatch, demo_db, "en")
    page = html_text(at)
    assert 'data-testid="gm-ytd">11.89%<' in page
    assert "DEMO DATA" in page and "Against the provincial target of 14.0%" in page


def test_home_mid_year_shows_the_growth_required_for_the_second_half(monkeypatch, demo_copy):
    # a private copy cut at 2025 Q2, as the store stood in July 2025
    with Store(demo_copy) as s:
        s.con.execute("DELETE FROM observations WHERE year = 2025 AND quarter > 2")
        r = status.report(s, as_of=AsOf(2025, 2))
    at = run(monkeypatch, demo_copy)
    page = html_text(at)
    required = next(t for t in r["targets"] if t["scope"] == "provincial")["required_rest_of_year_pct"]
    assert 'data-testid="gm-ytd">11,03%<' in page
    assert "6 tháng cuối năm cần tăng" in page
    assert f"{required:.1f}".replace(".", ",") + "%" in page
    # below the 6-month scenario 11.36% (Q1 10.5%, Q2 12.14% weighted by 2024's quarters) by 11.03 - 11.36
    assert "−0,33 điểm %" in page
    quarter = next(t for t in r["targets"] if t["scope"] == "provincial")["quarter_gap_pp"]
    assert 'data-testid="gm-quarter-provincial"><span>Kịch bản quý II</span><b>12,14%</b>' in page
    assert 'data-testid="gm-quarter-provincial"><span>Chênh lệch quý II</span><b>' \
        + f"{quarter:.2f}".replace(".", ",").replace("-", "−") + " điểm %</b>" in page


def test_without_demo_data_there_is_no_demo_label(monkeypatch, small_store):
    path = small_store.path
    small_store.close()
    page = html_text(run(monkeypatch, path))
    assert "DỮ LIỆU MINH HỌA" not in page
    assert 'data-testid="gm-ytd">10,16%<' in page


def test_a_missing_store_explains_how_to_create_it(monkeypatch, tmp_path):
    at = run(monkeypatch, tmp_path / "none.duckdb")
    assert not at.exception
    assert "python -m monitor init --demo" in at.error[0].value


def test_the_overview_names_who_must_act_with_links_to_their_detail(monkeypatch, demo_db):
    """The sections and localities costing the province the most points of growth, each opening its detail."""
    from monitor.leader import views, wording

    at = run(monkeypatch, demo_db, "en")
    with Store(demo_db, read_only=True) as s:
        act = views.who_must_act(wording.status_in_words(s, "en", as_of=AsOf(2025, 4)))
    links = [(e.proto.label, e.proto.page, e.proto.query_string) for e in at.get("page_link")]
    for kind, param in (("sector", "sector"), ("unit", "unit")):
        assert len(act[kind]) == 3
        for row in act[kind]:
            found = [link for link in links if link[0] == row["name"]]
            assert found, row["name"]
            assert f"{param}={row['code']}" in found[0][2] and "lang=en" in found[0][2]
    page = html_text(at)
    assert page.count('data-testid="gm-act-sector"') == 3 and page.count('data-testid="gm-act-unit"') == 3
    top = act["unit"][0]
    assert f'costs the province <span class="gm-nowrap">{top["shortfall_pp"]:.2f} pp</span>' in page


def test_each_card_says_what_it_judges_against_so_two_statuses_never_disagree_unexplained(monkeypatch, demo_copy):
    """At 2025 Q1, 10,91% is on track against the province's Q1 scenario (10,5%) and lagging against the
    centre's 12,5%, which has no quarterly scenario: each card says so."""
    with Store(demo_copy) as s:
        s.con.execute("DELETE FROM observations WHERE year = 2025 AND quarter > 1")
        r = status.report(s, as_of=AsOf(2025, 1))
    assert [(t["scope"], t["status"]) for t in r["targets"]] == [("provincial", "on_track"), ("central", "lagging")]
    page = html_text(run(monkeypatch, demo_copy))
    assert 'data-testid="gm-basis-provincial">Đánh giá theo kịch bản Quý I<' in page
    assert 'data-testid="gm-basis-central">Chưa có kịch bản Quý I: đánh giá theo mục tiêu cả năm<' in page
