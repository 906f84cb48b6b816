"""Engine figures against hand computations (tests/fixtures/small_*.csv) and
published national figures (tests/fixtures/national_gdp_check.csv)."""

from __future__ import annotations

import csv

import pytest

from conftest import FIXTURES
from monitor.core import engine
from monitor.core.engine import AsOf, required_growth_pct
from monitor.leader import status, wording
from monitor.upload import ingest

H1_2025 = AsOf(2025, 2)


def by(rows, key):
    return {r[key]: r for r in rows}


def test_ytd_growth_is_sum_over_sum_not_mean_of_quarterly_rates(small_store):
    r = status.report(small_store, as_of=H1_2025)
    # (100.5 + 111) / (90 + 102) = 211.5 / 192
    assert r["ytd_growth_pct"] == pytest.approx(10.15625)
    assert r["quarter_growth_pct"] == pytest.approx(111 / 102 * 100 - 100)  # 8.8235
    mean_of_rates = ((100.5 / 90 - 1) + (111 / 102 - 1)) / 2 * 100
    assert r["ytd_growth_pct"] != pytest.approx(mean_of_rates)


def test_sector_growth_contribution_and_share_of_increase_match_hand_computation(small_store):
    sectors = by(status.report(small_store, as_of=H1_2025)["sectors"], "sector_code")
    assert sectors["KV1"]["ytd_growth_pct"] == pytest.approx(22.8 / 22 * 100 - 100)       # 3.6364
    assert sectors["KV2"]["ytd_growth_pct"] == pytest.approx(96 / 85 * 100 - 100)         # 12.9412
    assert sectors["C"]["ytd_growth_pct"] == pytest.approx(52 / 43 * 100 - 100)           # 20.9302
    assert sectors["KV2"]["ytd_contribution_pp"] == pytest.approx(11 / 192 * 100)         # 5.7292
    assert sectors["TAX"]["ytd_contribution_pp"] == pytest.approx(1.2 / 192 * 100)        # 0.625
    assert sectors["KV3"]["ytd_share_of_increase_pct"] == pytest.approx(6.5 / 18.3 * 100)  # 35.519
    assert sectors["B"]["ytd_share_of_increase_pct"] == pytest.approx(2 / 18.3 * 100)     # 10.929
    assert sectors["TAX"]["ytd_share_of_increase_pct"] is None
    assert sectors["TOTAL"]["ytd_share_of_increase_pct"] is None
    assert sectors["KV2"]["quarter_contribution_pp"] == pytest.approx((50 - 45) / 102 * 100)


def test_gap_and_required_growth_for_each_target(small_store):
    targets = by(status.report(small_store, as_of=H1_2025)["targets"], "scope")
    prov, central = targets["provincial"], targets["central"]
    # the fixture's 6-month scenario is Q1 10.5% and Q2 12.14% on its 2024 quarters (90, 102), as a cumulative one:
    # (90 * 1.105 + 102 * 1.1214) / 192 - 1 = 213.8328 / 192 - 1 = 11.37%
    assert prov["period_pct"] == 11.37 and prov["annual_pct"] == 14
    assert prov["gap_pp"] == pytest.approx(10.15625 - 11.37)
    # (1.14 * 450 - 211.5) / (114 + 144) - 1
    assert prov["required_rest_of_year_pct"] == pytest.approx(301.5 / 258 * 100 - 100)   # 16.8605
    assert central["period_pct"] is None
    assert central["gap_pp"] == pytest.approx(10.15625 - 12.5)
    assert central["required_rest_of_year_pct"] == pytest.approx(294.75 / 258 * 100 - 100)  # 14.2442


def test_status_uses_own_scenario_then_the_parents(small_store):
    sectors = by(status.report(small_store, as_of=H1_2025)["sectors"], "sector_code")
    assert sectors["KV2"]["target_pct"] == 13 and sectors["KV2"]["target_kind"] == "scenario"
    assert sectors["KV2"]["status"] == "watch"          # 12.94 is 0.06 below 13
    assert sectors["KV3"]["target_kind"] == "parent_scenario" and sectors["KV3"]["status"] == "lagging"
    assert sectors["C"]["status"] == "on_track"         # 20.93 above KV2's 13
    assert sectors["B"]["status"] == "lagging"          # 4.76, far below 13
    assert sectors["TOTAL"]["trend"] == "down"          # 11.67 at Q1, 10.16 at H1


def test_a_roll_up_names_the_laggards_below_it(small_store):
    sectors = by(wording.status_in_words(small_store, "en", as_of=H1_2025)["sectors"], "sector_code")
    assert sectors["KV2"]["flagged_descendants"] == ["B"]
    assert sectors["KV2"]["reason"].endswith("to watch within: Mining and quarrying")


def test_reason_sentence_carries_the_numbers_in_vietnamese_and_english(small_store):
    vi = by(wording.status_in_words(small_store, "vi", as_of=H1_2025)["units"], "unit_code")["06652"]["reason"]
    en = by(wording.status_in_words(small_store, "en", as_of=H1_2025)["units"], "unit_code")["06652"]["reason"]
    assert vi == ("6 tháng tăng 9,38%, thấp hơn mục tiêu năm (12,00%) 2,63 điểm %; "
                  "6 tháng cuối năm cần tăng 14,0% để đạt mục tiêu 12,0%")
    assert en == ("6 months +9.38%, 2.63 pp below the annual target (12.00%); "
                  "the second half must grow 14.0% to reach the 12.0% target")


def test_units_growth_contribution_target_and_status(small_store):
    units = by(status.report(small_store, as_of=H1_2025)["units"], "unit_code")
    assert set(units) == {"06652", "06658"}
    u = units["06652"]
    assert u["ytd_growth_pct"] == pytest.approx(70 / 64 * 100 - 100)          # 9.375
    assert u["ytd_contribution_pp"] == pytest.approx(6 / 192 * 100)           # 3.125
    assert u["target_pct"] == 12 and u["status"] == "lagging"
    assert u["required_rest_of_year_pct"] == pytest.approx(98 / 86 * 100 - 100)  # 13.953
    assert units["06658"]["target_kind"] == "parent_scenario"


def test_former_districts_are_reported_separately(small_store):
    r = status.report(small_store, as_of=H1_2025, unit_level="former_district")
    assert [u["unit_code"] for u in r["units"]] == ["193"]
    assert r["units"][0]["ytd_growth_pct"] == pytest.approx(113 / 106 * 100 - 100)


def test_first_published_vintage_uses_the_estimate(small_store):
    first = status.report(small_store, as_of=AsOf(2025, 2, "first"))
    assert first["ytd_growth_pct"] == pytest.approx((100.5 + 109) / 192 * 100 - 100)  # 9.1146


def test_a_missing_quarter_gives_no_figure_rather_than_a_partial_sum(small_store):
    r = status.report(small_store, as_of=AsOf(2025, 3))
    assert r["ytd_growth_pct"] is None
    assert by(r["sectors"], "sector_code")["TOTAL"]["status"] == "no_data"


def test_latest_quarter(small_store):
    assert engine.latest_quarter(small_store) == AsOf(2025, 2)


def test_required_growth_formula_by_hand():
    # 2024 = 400, first half 2025 = 210, second half of 2024 = 200: 1.14*400 = 456 -> (456-210)/200
    assert required_growth_pct(14, 400, 210, 200) == pytest.approx(23.0)
    assert required_growth_pct(14, 400, 210, None) is None


NATIONAL = {  # published first vintage: (as-of, GDP, {sector: (growth, share of VA increase)})
    (2023, 1): (3.32, {"KV1": (2.52, 8.85), "KV2": (-0.40, -4.76), "KV3": (6.79, 95.91)}),
    (2023, 2): (3.72, {"KV1": (3.07, 9.28), "KV2": (1.13, 11.87), "KV3": (6.33, 78.85)}),
    (2023, 3): (4.24, {"KV1": (3.43, 9.16), "KV2": (2.41, 22.27), "KV3": (6.32, 68.57)}),
    (2023, 4): (5.05, {"KV1": (3.83, 8.84), "KV2": (3.74, 28.87), "KV3": (6.82, 62.29)}),
    (2025, 1): (6.93, {"KV1": (3.74, 6.09), "KV2": (7.42, 40.17), "KV3": (7.70, 53.74)}),
    (2025, 2): (7.52, {"KV1": (3.84, 5.59), "KV2": (8.33, 42.20), "KV3": (8.14, 52.21)}),
}


@pytest.mark.parametrize("as_of", sorted(NATIONAL))
def test_national_levels_give_back_the_published_growth_and_shares(store, as_of):
    ingest.load_observations(store, FIXTURES / "national_gdp_check.csv", "test")
    r = status.report(store, unit="VN", as_of=AsOf(*as_of))
    gdp, published = NATIONAL[as_of]
    assert r["ytd_growth_pct"] == pytest.approx(gdp, abs=0.02)
    sectors = by(r["sectors"], "sector_code")
    for code, (growth, share) in published.items():
        assert sectors[code]["ytd_growth_pct"] == pytest.approx(growth, abs=0.02)
        assert sectors[code]["ytd_share_of_increase_pct"] == pytest.approx(share, abs=0.02)
    assert sum(sectors[c]["ytd_share_of_increase_pct"] for c in published) == pytest.approx(100, abs=0.02)
    # the national office's convention (data/conventions.csv, unit VN): points of the growth of total value added,
    # so KV1-KV3's points add up to value-added growth and product taxes get none
    assert (r["contribution_base"], r["share_base"]) == ("value_added", "value_added")
    va = [sectors[c] for c in ("KV1", "KV2", "KV3")]
    va_growth = sum(s["ytd_level"] for s in va) / sum(s["ytd_level_prev"] for s in va) * 100 - 100
    assert sum(s["ytd_contribution_pp"] for s in va) == pytest.approx(va_growth, abs=1e-9)
    assert sectors["TAX"]["ytd_contribution_pp"] is None


def test_real_provincial_yearbook_table_gives_hand_computed_growth(store):
    # Hung Yen statistical yearbook 2022, table 39 (million VND, constant 2010 prices):
    # 2010 total 27,065,153; 2011 total 29,604,453 -> 9.38%; KV1 4,647,597 -> 4,862,977 (4.63%),
    # increases KV1 215,380, KV2 1,841,771, KV3 547,929 -> shares 8.27 / 70.70 / 21.03.
    ingest.load_observations(store, FIXTURES / "hung_yen_2010_2011.csv", "test")
    r = status.report(store, unit="33", as_of=AsOf(2011, 4))
    sectors = by(r["sectors"], "sector_code")
    assert round(r["ytd_growth_pct"], 2) == 9.38
    assert round(sectors["KV1"]["ytd_growth_pct"], 2) == 4.63
    assert round(sectors["KV2"]["ytd_growth_pct"], 2) == 13.74
    assert round(sectors["TAX"]["ytd_growth_pct"], 2) == -4.18
    assert [round(sectors[c]["ytd_share_of_increase_pct"], 2) for c in ("KV1", "KV2", "KV3")] == [8.27, 70.70, 21.03]


def test_national_fixture_is_reproducible():
    import runpy

    rows = runpy.run_path(str(FIXTURES / "make_national_check.py"))["rows"]()
    with (FIXTURES / "national_gdp_check.csv").open(encoding="utf-8") as f:
        committed = list(csv.reader(f))[1:]
    assert [[str(c) for c in r] for r in rows] == committed


def test_the_points_a_gap_costs_the_province_weigh_the_gap_by_size(small_store):
    """cost = (target x L_prev - increase x 100) / province L_prev: a large sector a little short can cost more
    than a small one far short."""
    r = status.report(small_store, as_of=H1_2025)
    sectors, units = by(r["sectors"], "sector_code"), by(r["units"], "unit_code")
    assert sectors["B"]["shortfall_pp"] == pytest.approx((13 * 42 - 2 * 100) / 192)       # 1.8021
    assert sectors["KV1"]["shortfall_pp"] == pytest.approx((11.37 * 22 - 0.8 * 100) / 192)  # 0.8861
    assert sectors["C"]["shortfall_pp"] == 0                                               # above its target
    assert units["06652"]["shortfall_pp"] == pytest.approx((12 * 64 - 6 * 100) / 192)     # 0.875


def test_who_must_act_ranks_flagged_sections_and_localities_by_the_points_they_cost(small_store):
    from monitor.leader import views

    act = views.who_must_act(wording.status_in_words(small_store, "en", as_of=H1_2025))
    costs = [(r["code"], round(r["shortfall_pp"], 4)) for r in act["sector"]]
    assert costs == sorted(costs, key=lambda c: -c[1]) and ("B", 1.8021) in costs
    assert "KV2" not in {c for c, _ in costs}                 # a parent is never counted beside its children
    assert [(r["code"], round(r["shortfall_pp"], 4)) for r in act["unit"]] == [
        ("06658", round((11.37 * 42 - 1 * 100) / 192, 4)), ("06652", 0.875)]      # 1.9664: judged on 11.37


def test_a_figure_without_any_target_is_no_target_and_a_missing_figure_no_data(small_store):
    from monitor.upload import history

    history.rollback(small_store, 2, "test", "no targets")          # batch 2: small_targets.csv
    r = status.report(small_store, as_of=H1_2025)
    assert {s["status"] for s in r["sectors"]} == {"no_target"} and r["targets"] == []
    assert {u["status"] for u in r["units"]} == {"no_target"}
    missing = status.report(small_store, as_of=AsOf(2025, 3))          # no Q3 figures at all
    assert by(missing["sectors"], "sector_code")["TOTAL"]["status"] == "no_data"
