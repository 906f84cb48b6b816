"""Each leader page under AppTest: set the header's widgets, read the exact figures shown, compare with the
engine (`python -m monitor status --json` prints the same report)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from monitor.core.engine import AsOf
from monitor.core.store import ROOT, Store
from monitor.leader import status, views, wording

APP = str(ROOT / "dashboard.py")


pytestmark = pytest.mark.usefixtures("fresh_caches")  # conftest: no cache outlives a test


@pytest.fixture(scope="module")
def engine(demo_db):
    with Store(demo_db, read_only=True) as s:
        yield lambda year, quarter, lang="vi", **kw: wording.status_in_words(s, lang, as_of=AsOf(year, quarter), **kw)


def page(monkeypatch, db, name, state=None, **params):
    """Open the app with the header's choices in the URL, go to a page, set that page's own state."""
    monkeypatch.setenv("MONITOR_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if name != "home":
        for key, value in (state or {}).items():
            at.session_state[key] = value
        at.switch_page(f"pages/{name}.py").run()  # a page switch clears the URL, as in the browser
    assert not at.exception, at.exception
    return at


def markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def choose(at, key, value):
    at.selectbox(key=key).set_value(value).run()
    assert not at.exception


def test_overview_follows_the_chosen_quarter_and_vintage(monkeypatch, demo_db, engine):
    at = page(monkeypatch, demo_db, "home")
    choose(at, "quarter", 2)
    r = engine(2025, 2)
    provincial = next(t for t in r["targets"] if t["scope"] == "provincial")
    text = markdown(at)
    assert 'data-testid="gm-ytd">11,03%<' in text and round(r["ytd_growth_pct"], 2) == 11.03
    # 11.03 against the 6-month scenario 11.36 (Q1 10.5%, Q2 12.14% weighted by 2024's quarters)
    assert "−0,33 điểm %" in text and round(provincial["gap_pp"], 2) == -0.33
    assert f"{provincial['required_rest_of_year_pct']:.1f}".replace(".", ",") + "%" in text      # 16,7%
    choose(at, "vintage", "first")
    assert 'data-testid="gm-ytd">11,03%<' not in markdown(at)
    assert at.query_params["vintage"] == "first" and at.query_params["quarter"] == "2"


def test_overview_grid_shows_each_other_indicator_with_its_status(monkeypatch, demo_db, engine, demo_copy):
    at = page(monkeypatch, demo_db, "home")
    text = markdown(at)
    for code in ("BUDGET_REV", "PUBLIC_INV", "FDI", "TOURISTS", "IIP", "RETAIL", "EXPORTS"):
        assert f'data-testid="gm-ind-{code}"' in text
    with Store(demo_db, read_only=True) as s:
        budget = status.report(s, "BUDGET_REV", as_of=AsOf(2025, 4))
    assert f"{budget['targets'][0]['pct_of_plan']:.1f}".replace(".", ",") + "%" in text          # 143,4%


def test_sectors_page_drills_into_a_sector(monkeypatch, demo_db, engine):
    at = page(monkeypatch, demo_db, "sectors", {"sector": "KV2"})
    kv2 = next(s for s in engine(2025, 4)["sectors"] if s["sector_code"] == "KV2")
    text = markdown(at)
    assert 'data-testid="gm-ytd_growth">11,74%<' in text and round(kv2["ytd_growth_pct"], 2) == 11.74
    assert 'data-testid="gm-contribution">+5,88 điểm %<' in text
    table = at.dataframe[0].value
    assert list(table["Ngành"])[:2] == ["Công nghiệp và xây dựng", "↳ Khai khoáng"]
    choose(at, "sector", "C")
    c = next(s for s in engine(2025, 4)["sectors"] if s["sector_code"] == "C")
    shown = f'{c["ytd_growth_pct"]:.2f}%'.replace(".", ",")
    assert f'data-testid="gm-ytd_growth">{shown}<' in markdown(at)
    assert at.query_params["sector"] == "C"
    assert len(at.get("plotly_chart")) == 3                 # series, waterfall, structure


def test_localities_page_ranks_units_and_opens_one(monkeypatch, demo_db, engine):
    r = engine(2025, 4)
    weakest = min(r["units"], key=lambda u: u["gap_pp"])
    at = page(monkeypatch, demo_db, "localities", {"unit": weakest["unit_code"], "order": "best"})
    unit_sectors, table = at.dataframe[0].value, at.dataframe[1].value   # the opened unit shows first
    assert len(table) == 54 and table.iloc[0]["Hạng"] == 1
    assert table.iloc[0]["Tăng cộng dồn"] == f'{max(u["ytd_growth_pct"] for u in r["units"]):.2f}%'.replace(".", ",")
    assert f'data-testid="gm-unit-title">{weakest["name"]}' in markdown(at)
    assert weakest["reason"] in markdown(at)
    assert len(unit_sectors) == 5                            # TOTAL and its four components


def test_localities_page_starts_with_the_slowest_and_orders_by_the_points_they_cost(monkeypatch, demo_db, engine):
    r = engine(2025, 4)
    at = page(monkeypatch, demo_db, "localities")
    table = at.dataframe[0].value
    slowest = min(r["units"], key=lambda u: u["ytd_growth_pct"])
    assert table.iloc[0]["Đơn vị"] == slowest["name"] and table.iloc[0]["Hạng"] == 54   # rank stays by growth
    at.segmented_control(key="order").set_value("cost").run()
    table = at.dataframe[0].value
    costliest = max(r["units"], key=lambda u: u["shortfall_pp"] or 0)
    assert table.iloc[0]["Đơn vị"] == costliest["name"] and at.query_params["order"] == "cost"
    assert table.iloc[0]["Làm tỉnh hụt"] == f'{costliest["shortfall_pp"]:.2f} điểm %'.replace(".", ",")


def test_localities_page_offers_the_former_districts_up_to_2025_q2(monkeypatch, demo_db, engine):
    at = page(monkeypatch, demo_db, "localities", {"level": "former_district", "order": "best"}, year="2025",
              quarter="2")
    table = at.dataframe[0].value
    assert len(table) == 13
    r = engine(2025, 2, unit_level="former_district")
    best = max(r["units"], key=lambda u: u["ytd_growth_pct"])
    assert table.iloc[0]["Đơn vị"] == best["name"]
    at = page(monkeypatch, demo_db, "localities", {"level": "former_district"}, year="2025", quarter="4")
    assert len(at.dataframe[0].value) == 54                   # no former districts after 2025 Q2


def test_lagging_page_lists_the_flagged_worst_first_and_filters(monkeypatch, demo_db, engine):
    at = page(monkeypatch, demo_db, "lagging", lang="en")
    table = at.dataframe[0].value
    assert len(table) == 43                                   # 38 lagging and 5 on watch, as slide 5 counts them
    assert table.iloc[0]["Name"] == "Mining and quarrying"
    assert table.iloc[0]["Reason"] == "Full year +3.93%, 12.27 pp below the overall target (16.20%)"
    text = markdown(at)
    assert text.count('data-testid="gm-worst-sector"') == 3 and text.count('data-testid="gm-worst-unit"') == 3
    costliest = views.costliest(views.lagging(engine(2025, 4, lang="en")), "unit")
    assert [u["shortfall_pp"] for u in costliest] == sorted((u["shortfall_pp"] for u in costliest), reverse=True)
    names = [u["name"] for u in costliest]
    assert text.index(names[0]) < text.index(names[1]) < text.index(names[2])
    at.multiselect(key="kind").set_value(["unit"]).run()
    table = at.dataframe[0].value
    assert set(table["Kind"]) == {"Locality"} and table.iloc[0]["Name"] == "Mong Duong Ward"
    assert at.query_params["kind"] == "unit"
    assert len(at.get("download_button")) == 2
