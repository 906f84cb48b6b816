"""What-if projection and solve: hand-computed values and the demo data's published path."""

from __future__ import annotations

import pytest

from monitor.core.engine import AsOf
from monitor.core.errors import ValidationError
from monitor.core.store import Store
from monitor.leader import status
from monitor.whatif import projection


def hand_levels(quarter: int = 2) -> projection.Levels:
    """Two components. A: 10 a quarter last year, 11 in Q1-Q2 this year; B: 5 a quarter both years."""
    values = {}
    for q in (1, 2, 3, 4):
        values[("A", 2024, q)], values[("B", 2024, q)] = 10.0, 5.0
        values[("A", 2023, q)], values[("B", 2023, q)] = 8.0, 5.0
    for q in range(1, quarter + 1):
        values[("A", 2025, q)], values[("B", 2025, q)] = 11.0, 5.0
    return projection.Levels(AsOf(2025, quarter), ["A", "B"], values)


def test_projection_by_hand():
    # A: 22 so far + 2 quarters of 10 * 1.10 = 44; B: 10 + 10 = 20; year 64 over 60 -> 6.6667%
    p = projection.project(hand_levels(), {"A": {3: 10.0, 4: 10.0}, "B": {3: 0.0, 4: 0.0}})
    assert p["projected_annual_pct"] == pytest.approx(4 / 60 * 100)
    assert [s["contribution_pp"] for s in p["sectors"]] == pytest.approx([4 / 60 * 100, 0.0])
    assert [s["assumed_growth_pct"] for s in p["sectors"]] == pytest.approx([10.0, 0.0])
    # cumulative path: H1 32/30, 9M (32 + 11 + 5) / 45, year 64 / 60
    assert [r["ytd_growth_pct"] for r in p["path"]] == pytest.approx([2 / 30 * 100, 3 / 45 * 100, 4 / 60 * 100])


def test_solve_by_hand_and_fed_back():
    lv = hand_levels()
    held = {"A": {3: 10.0, 4: 10.0}, "B": {3: 0.0, 4: 0.0}}
    # 10% needs 66: A 44, B so far 10, so B's second half must be 12 over 10 -> 20%
    g = projection.solve(lv, held, "B", 10.0)
    assert g == pytest.approx(20.0)
    assert projection.project(lv, {**held, "B": {3: g, 4: g}})["projected_annual_pct"] == pytest.approx(10.0)


def test_defaults_are_the_run_rate_or_the_same_quarter_last_year():
    lv = hand_levels()
    assert projection.defaults(lv, "run_rate") == {"A": {3: pytest.approx(10.0), 4: pytest.approx(10.0)},
                                               "B": {3: 0.0, 4: 0.0}}
    assert projection.defaults(lv, "last_year")["A"] == {3: pytest.approx(25.0), 4: pytest.approx(25.0)}  # 10 / 8


def test_required_uniform_growth_matches_the_engine_formula():
    # 10%: ((1.10 * 60) - 32) / 30 - 1 = 13.33%
    assert projection.required_uniform(hand_levels(), 10.0) == pytest.approx((66 - 32) / 30 * 100 - 100)


@pytest.mark.parametrize("quarter", [1, 2, 3])
def test_projecting_2025_with_the_growth_the_demo_data_has_reproduces_11_89(demo_db, quarter):
    with Store(demo_db, read_only=True) as s:
        lv = projection.sector_levels(s, "GRDP", "22", AsOf(2025, quarter))
        actual = {c: {r: lv.growth(c, 2025, [r]) for r in lv.rest} for c in lv.codes}
        r = projection.whatif(s, AsOf(2025, quarter), assume=actual)
    assert round(r["projected_annual_pct"], 2) == 11.89
    assert sum(x["contribution_pp"] for x in r["sectors"]) == pytest.approx(r["projected_annual_pct"])
    assert [round(p["ytd_growth_pct"], 2) for p in r["path"]][-1] == 11.89
    assert {t["scope"]: round(t["distance_pp"], 2) for t in r["targets"]} == {"provincial": -2.11, "central": -0.61}


def test_mid_year_14_percent_needs_about_17_percent_in_the_second_half(demo_db):
    with Store(demo_db, read_only=True) as s:
        r = projection.whatif(s, AsOf(2025, 2))
        engine_required = {t["scope"]: t["required_rest_of_year_pct"]
                           for t in status.report(s, as_of=AsOf(2025, 2), unit_level="")["targets"]}
    assert r["required_rest_of_year_pct"] == pytest.approx(engine_required, abs=1e-6)
    assert round(r["required_rest_of_year_pct"]["provincial"], 1) == 16.7


@pytest.mark.parametrize("code", ["KV1", "KV2", "KV3", "TAX"])
def test_solving_for_a_sector_and_feeding_the_answer_back_reaches_each_target(demo_db, code):
    with Store(demo_db, read_only=True) as s:
        r = projection.whatif(s, AsOf(2025, 2), assume={"KV3": 13.0}, solve_for=[code])
        for row in r["solve"]:
            target = next(t["annual_pct"] for t in r["targets"] if t["scope"] == row["scope"])
            again = projection.whatif(s, AsOf(2025, 2), assume={"KV3": 13.0, code: row["required_growth_pct"]})
            assert abs(again["projected_annual_pct"] - target) < 0.01


def test_an_assumption_given_once_applies_to_every_remaining_quarter(demo_db):
    with Store(demo_db, read_only=True) as s:
        r = projection.whatif(s, AsOf(2025, 1), assume=projection.parse_assumptions("KV2=15,KV3@4=16"))
    assert r["assumptions"]["KV2"] == {2: 15.0, 3: 15.0, 4: 15.0}
    assert r["assumptions"]["KV3"][4] == 16.0 and r["assumptions"]["KV3"][2] == r["defaults"]["KV3"][2]
    assert next(x for x in r["sectors"] if x["sector_code"] == "KV2")["assumed_growth_pct"] == pytest.approx(15.0)


def test_vsic_sections_add_up_to_the_same_year(demo_db):
    with Store(demo_db, read_only=True) as s:
        lv = projection.sector_levels(s, "GRDP", "22", AsOf(2025, 2), "sections")
        actual = {c: {r: lv.growth(c, 2025, [r]) for r in lv.rest} for c in lv.codes}
        r = projection.whatif(s, AsOf(2025, 2), assume=actual, level="sections")
    assert len(r["sectors"]) == 21 and r["sectors"][-1]["sector_code"] == "TAX"
    assert round(r["projected_annual_pct"], 2) == 11.89


def test_unknown_sector_and_bad_text_are_refused_with_named_messages(demo_db):
    with Store(demo_db, read_only=True) as s, pytest.raises(ValidationError) as exc:
        projection.whatif(s, AsOf(2025, 2), assume={"KV9": 3.0})
    assert exc.value.problems[0].message("en") == ("Sector KV9 is not part of this projection "
                                                   "(use: KV1, KV2, KV3, TAX).")
    with pytest.raises(ValidationError) as exc:
        projection.parse_assumptions("KV2=fifteen")
    assert "KV2=fifteen" in exc.value.problems[0].message("vi")
    with Store(demo_db, read_only=True) as s, pytest.raises(ValidationError) as exc:
        projection.whatif(s, AsOf(2025, 2), assume={"KV2": {2: 3.0}})
    assert exc.value.problems[0].code == "whatif.err.not_remaining"
