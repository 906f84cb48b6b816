"""Shortfall allocation: points add up, implied growth closes the gap, the five-year flag."""

from __future__ import annotations

import pytest
from test_whatif import hand_levels

from monitor.core import i18n, reference
from monitor.core.engine import AsOf
from monitor.core.store import Store
from monitor.whatif import projection, shortfall, views


def test_allocation_by_hand():
    lv = hand_levels()
    # rest last year: A 20, B 10 -> weights 2/3 and 1/3; a 3-point shortfall of a 60 year = 1.8 of level
    items = shortfall.allocate(lv, {"A": 22.0, "B": 10.0}, 3.0, 60.0)
    assert [i["extra_pp"] for i in items] == pytest.approx([2.0, 1.0])
    # A: (22 + 1.2) / 20 -> 16%; B: (10 + 0.6) / 10 -> 6%
    assert [i["implied_growth_pct"] for i in items] == pytest.approx([16.0, 6.0])
    # best H2 growth in 2020-2024: only 2024 on 2023 is known (A 25%, B 0%)
    assert [i["max_growth_5y_pct"] for i in items] == pytest.approx([25.0, 0.0])
    assert [i["plausible"] for i in items] == [True, False]


@pytest.mark.parametrize("by", ["sector", "unit"])
@pytest.mark.parametrize("scope", ["provincial", "central"])
def test_allocated_points_add_up_to_the_shortfall(demo_db, by, scope):
    with Store(demo_db, read_only=True) as s:
        r = shortfall.shortfall(s, AsOf(2025, 2), by=by, scope=scope)
    target = {"provincial": 14.0, "central": 12.5}
    assert r["shortfall_pp"] == pytest.approx({k: v - r["projected_annual_pct"] for k, v in target.items()})
    assert sum(i["extra_pp"] for i in r["items"]) == pytest.approx(r["shortfall_pp"][scope], abs=1e-9)
    assert len(r["items"]) == (4 if by == "sector" else 54)
    assert all(i["plausible"] == (i["implied_growth_pct"] <= i["max_growth_5y_pct"]) for i in r["items"])


def test_sectors_delivering_their_implied_growth_reach_the_target(demo_db):
    with Store(demo_db, read_only=True) as s:
        r = shortfall.shortfall(s, AsOf(2025, 2), by="sector", scope="provincial", assume={"KV2": 12.0})
        implied = {i["code"]: i["implied_growth_pct"] for i in r["items"]}
        again = projection.whatif(s, AsOf(2025, 2), assume=implied)
    assert again["projected_annual_pct"] == pytest.approx(14.0, abs=1e-9)


def test_the_five_year_record_is_the_best_second_half_growth_2020_2024(demo_db):
    with Store(demo_db, read_only=True) as s:
        r = shortfall.shortfall(s, AsOf(2025, 2))
        lv = projection.sector_levels(s, "GRDP", "22", AsOf(2025, 2))
    kv2 = next(i for i in r["items"] if i["code"] == "KV2")
    assert r["record_years"] == [2020, 2024]
    assert kv2["max_growth_5y_pct"] == pytest.approx(max(lv.growth("KV2", y, [3, 4]) for y in range(2020, 2025)))


def test_no_shortfall_when_the_projection_reaches_the_target(demo_db):
    with Store(demo_db, read_only=True) as s:
        r = shortfall.shortfall(s, AsOf(2025, 2), scope="central", assume={"KV2": 25.0, "KV3": 25.0})
    assert r["shortfall_pp"]["central"] == 0.0
    assert all(i["extra_pp"] == 0.0 for i in r["items"])


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_shortfall_tables_name_sectors_and_localities_without_codes(demo_db, lang):
    """Issue 12: the shortfall by locality read '06778 · …' and by sector 'KV2 · …'."""
    with Store(demo_db, read_only=True) as s:
        names = reference.labels(s, lang)
        by_sector = views.named(shortfall.shortfall(s, AsOf(2025, 2), by="sector"), names)
        by_unit = views.named(shortfall.shortfall(s, AsOf(2025, 2), by="unit"), names)
    sectors, units = views.shortfall_html(by_sector, lang), views.shortfall_html(by_unit, lang)
    kv2 = next(i for i in by_sector["items"] if i["code"] == "KV2")
    row = (f'<td class=""><span>{names.sector["KV2"]}</span></td><td class="num">{i18n.pp(kv2["extra_pp"], lang)}'
           f'</td><td class="num">{i18n.pct(kv2["implied_growth_pct"], lang, 1)}</td>')
    assert row in sectors
    assert ("Công nghiệp và xây dựng" if lang == "vi" else "Industry and construction") in sectors
    assert ("Phường Hà Tu" if lang == "vi" else "Ha Tu Ward") in units
    assert f'<th class="">{i18n.t("whatif.col.unit", lang)}</th>' in units
    for code in [i["code"] for i in by_sector["items"] + by_unit["items"]]:
        assert f">{code}" not in sectors + units and f"{code} ·" not in sectors + units, code
