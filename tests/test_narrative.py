"""The briefing's paragraphs: templates filled with the engine's numbers, in both languages, for the three
cases ahead of, near and behind target (status rules: on track at or above, watch within 1 point below)."""

from __future__ import annotations

import pytest

from monitor.briefing import narrative
from monitor.core.engine import AsOf
from monitor.core.store import Store
from monitor.leader import status


def report(ytd: float, gap: float, state: str, quarter: int = 2, required: float | None = 16.6925,
           central_gap: float = -1.47, central_state: str = "lagging", quarter_growth: float | None = None) -> dict:
    """A status report as monitor.status.report returns it, reduced to what the headline needs. The provincial
    scenario is the demo's: Q2 alone 12.14% and 6 months 11.36% (Q1 10.5% and Q2 12.14% weighted by 2024's quarters,
    tests/test_scenarios.py)."""
    quarter_gap = None if quarter_growth is None else quarter_growth - 12.14
    return {"year": 2025, "quarter": quarter, "ytd_growth_pct": ytd, "quarter_growth_pct": quarter_growth,
            "targets": [
                {"scope": "provincial", "annual_pct": 14.0, "period_pct": 11.36, "gap_pp": gap,
                 "quarter_period_pct": 12.14, "quarter_gap_pp": quarter_gap,
                 "required_rest_of_year_pct": required, "status": state},
                {"scope": "central", "annual_pct": 12.5, "period_pct": None, "gap_pp": central_gap,
                 "required_rest_of_year_pct": 13.8327 if quarter < 4 else None, "status": central_state}]}


CASES = {  # 6 months against the 6-month scenario 11.36: 10.25 is 1.11 below, 10.96 0.40 below, 11.86 0.50 above
    "behind": (report(10.25, -1.11, "lagging", quarter_growth=11.14), {
        "vi": "Tăng trưởng GRDP 6 tháng đầu năm 2025 ước đạt 10,25%, thấp hơn kịch bản 6 tháng (11,36%) 1,11 điểm phần "
              "trăm; để đạt mục tiêu 14% cả năm, 6 tháng cuối năm cần tăng khoảng 16,7%. Riêng quý II tăng 11,14%, "
              "thấp hơn kịch bản của quý (12,14%) 1,00 điểm phần trăm. Để đạt mục tiêu 12,5% Trung ương giao, 6 "
              "tháng cuối năm cần tăng khoảng 13,8%.",
        "en": "GRDP growth in the first 6 months of 2025 is estimated at 10.25%, 1.11 percentage points below the "
              "scenario for 6 months (11.36%); to reach the 14% target for the year, the second half must grow by "
              "about 16.7%. The second quarter alone grew 11.14%, 1.00 percentage points below its own scenario "
              "(12.14%). To reach the central target of 12.5%, the second half must grow by about 13.8%."}),
    "near": (report(10.96, -0.4, "watch", required=16.2), {
        "vi": "Tăng trưởng GRDP 6 tháng đầu năm 2025 ước đạt 10,96%, sát kịch bản 6 tháng (11,36%), thấp hơn 0,40 "
              "điểm phần trăm; để đạt mục tiêu 14% cả năm, 6 tháng cuối năm cần tăng khoảng 16,2%. Để đạt mục tiêu "
              "12,5% Trung ương giao, 6 tháng cuối năm cần tăng khoảng 13,8%.",
        "en": "GRDP growth in the first 6 months of 2025 is estimated at 10.96%, close to the scenario for 6 months "
              "(11.36%), 0.40 percentage points below; to reach the 14% target for the year, the second half must "
              "grow by about 16.2%. To reach the central target of 12.5%, the second half must grow by about 13.8%."}),
    "ahead": (report(11.86, 0.5, "on_track", required=15.4, quarter_growth=12.14), {
        "vi": "Tăng trưởng GRDP 6 tháng đầu năm 2025 ước đạt 11,86%, cao hơn kịch bản 6 tháng (11,36%) 0,50 điểm phần "
              "trăm; để đạt mục tiêu 14% cả năm, 6 tháng cuối năm cần tăng khoảng 15,4%. Riêng quý II tăng 12,14%, "
              "bằng kịch bản của quý (12,14%). Để đạt mục tiêu 12,5% Trung ương giao, 6 tháng cuối năm cần tăng "
              "khoảng 13,8%.",
        "en": "GRDP growth in the first 6 months of 2025 is estimated at 11.86%, 0.50 percentage points above the "
              "scenario for 6 months (11.36%); to reach the 14% target for the year, the second half must grow by "
              "about 15.4%. The second quarter alone grew 12.14%, in line with its own scenario (12.14%). To reach "
              "the central target of 12.5%, the second half must grow by about 13.8%."}),
}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("case", list(CASES))
def test_headline_paragraph_for_ahead_near_and_behind_target(case, lang):
    data, expected = CASES[case]
    assert narrative.headline(data, lang) == expected[lang]


@pytest.mark.parametrize("lang, expected", [
    ("vi", "Tăng trưởng GRDP năm 2025 ước đạt 11,89%, thấp hơn mục tiêu 14% cả năm 2,11 điểm phần trăm. "
           "So với mục tiêu 12,5% Trung ương giao, thấp hơn 0,61 điểm phần trăm."),
    ("en", "GRDP growth in 2025 is estimated at 11.89%, 2.11 percentage points below the annual target of 14%. "
           "That is 0.61 percentage points below the central target of 12.5%."),
])
def test_the_year_end_paragraph_compares_with_both_annual_targets_and_asks_nothing_more(lang, expected):
    data = report(11.89, -2.11, "lagging", quarter=4, required=None, central_gap=-0.61, central_state="watch")
    data["targets"][0]["period_pct"] = 14.0
    assert narrative.headline(data, lang) == expected


def test_a_year_without_targets_says_so_instead_of_inventing_a_gap():
    data = {"year": 2024, "quarter": 4, "ytd_growth_pct": 8.42, "targets": []}
    assert narrative.headline(data, "vi") == "Tăng trưởng GRDP năm 2024 ước đạt 8,42%; chưa có mục tiêu để so sánh."
    assert narrative.headline(data, "en") == ("GRDP growth in 2024 is estimated at 8.42%; there is no target to "
                                              "compare it with.")


def test_on_the_scenario_exactly_reads_in_line():
    data = report(11.36, 0.0, "on_track", required=15.8)
    assert narrative.headline(data, "vi").startswith("Tăng trưởng GRDP 6 tháng đầu năm 2025 ước đạt 11,36%, "
                                                     "bằng kịch bản 6 tháng (11,36%); để đạt")


def test_targets_print_as_reports_print_them():
    assert [narrative.target_value(v, "vi") for v in (14.0, 12.5, 12.25, None)] == ["14%", "12,5%", "12,25%", "–"]


def test_the_demo_paragraphs_come_from_the_engines_numbers(demo_db):
    with Store(demo_db, read_only=True) as s:
        r = status.report(s, as_of=AsOf(2025, 2))
        path = status.trajectory_inputs(s, "GRDP", "22", AsOf(2025, 2))
    provincial = r["targets"][0]
    # 6 months 11.03% against the 6-month scenario 11.36% (Q1 10.5%, Q2 12.14% weighted by 2024's quarters)
    assert (round(r["ytd_growth_pct"], 2), round(provincial["gap_pp"], 2)) == (11.03, -0.33)
    assert round(provincial["required_rest_of_year_pct"], 1) == 16.7      # the engine's, not the 16.9
    assert r["ytd_vintage"] == "preliminary"       # the demo's 2025 Q1 and Q2 in force are preliminary figures
    assert narrative.headline(r, "vi").startswith(
        "Tăng trưởng GRDP 6 tháng đầu năm 2025 sơ bộ đạt 11,03%, sát kịch bản 6 tháng (11,36%), thấp hơn 0,33 điểm "
        "phần trăm; để đạt mục tiêu 14% cả năm, 6 tháng cuối năm cần tăng khoảng 16,7%. Riêng quý II tăng 11,14%, "
        "thấp hơn kịch bản của quý (12,14%) 1,00 điểm phần trăm.")
    rows = path["path"].to_dict("records")
    assert narrative.trajectory(rows, 2025, 2, path["scenario"], "vi") == (
        "Tăng trưởng cộng dồn năm 2025: Quý I 10,91%, 6 tháng 11,03%. 1/2 kỳ đạt kịch bản của tỉnh. "
        "Cao hơn cùng kỳ năm 2024 (8,50%) 2,53 điểm phần trăm.")


def test_contributions_localities_lagging_and_indicators_paragraphs():
    data = {"year": 2025, "quarter": 2, "ytd_growth_pct": 11.03, "units": [], "sectors": [
        {"sector_code": "TOTAL", "parent_code": None, "name": "GRDP", "ytd_contribution_pp": 11.03},
        {"sector_code": "KV2", "parent_code": "TOTAL", "name": "Công nghiệp và xây dựng", "ytd_contribution_pp": 5.25},
        {"sector_code": "KV3", "parent_code": "TOTAL", "name": "Dịch vụ", "ytd_contribution_pp": 5.78}]}
    bridge = {"start_year": 2024, "steps": [{"sector_code": "KV2", "change_pp": -0.2},
                                            {"sector_code": "KV3", "change_pp": 1.21}]}
    assert narrative.contributions(data, bridge, "vi") == (
        "Trong mức tăng 11,03% 6 tháng đầu năm 2025, đóng góp của các khu vực: dịch vụ 5,78 điểm phần trăm; "
        "công nghiệp và xây dựng 5,25 điểm phần trăm. So với cùng kỳ năm 2024, đóng góp của dịch vụ tăng 1,21 điểm "
        "phần trăm. Đóng góp của công nghiệp và xây dựng giảm 0,20 điểm phần trăm so với cùng kỳ năm 2024.")
    assert narrative.localities(data, "vi") == "Chưa có số liệu theo địa phương cho kỳ này."
    data["units"] = [{"name": "Phường A", "ytd_growth_pct": 13.5, "status": "on_track"},
                     {"name": "Xã B", "ytd_growth_pct": -1.25, "status": "lagging"},
                     {"name": "Xã C", "ytd_growth_pct": 11.9, "status": "watch"}]
    assert narrative.localities(data, "en") == (
        "1 of 3 localities meet or exceed their target, 1 are on watch and 1 are lagging. Fastest: Phường A "
        "(13.50%); slowest: Xã B (-1.25%).")
    flagged = [{"kind": "unit", "name": "Xã B", "status": "lagging", "ytd_growth_pct": -1.25, "target_pct": 12.2,
                "gap_pp": -13.45}, {"kind": "sector", "name": "Khai khoáng", "status": "watch",
                                    "ytd_growth_pct": 12.0, "target_pct": 12.5, "gap_pp": -0.5}]
    assert narrative.lagging(flagged, "vi") == (
        "Có 1 ngành và 1 địa phương cần chú ý: 1 chậm, 1 cần theo dõi. Chậm nhất là Xã B: "
        "giảm 1,25%, thấp hơn mục tiêu (12,20%) 13,45 điểm phần trăm.")
    assert narrative.lagging([], "en") == "No sector or locality is lagging or on watch against the scenario."


def test_the_indicators_paragraph_counts_only_indicators_with_a_target_and_names_the_others_apart():
    cards = [{"name": "Giải ngân vốn đầu tư công", "value": "27,5%", "label": "so với kế hoạch năm",
              "status": "lagging"},
             {"name": "Thu ngân sách", "value": "64,5%", "label": "so với kế hoạch năm", "status": "on_track"},
             {"name": "IIP", "value": "15,5%", "label": "so với cùng kỳ", "status": "no_target"},
             {"name": "Xuất khẩu", "value": "14,1%", "label": "so với cùng kỳ", "status": "no_target"}]
    assert narrative.indicators(cards, "vi") == (
        "1/2 chỉ tiêu khác đạt kịch bản. Cần chú ý: Giải ngân vốn đầu tư công (27,5% so với kế hoạch năm). "
        "2 chỉ tiêu chưa có mục tiêu, chỉ so với cùng kỳ năm trước.")
    assert narrative.indicators(cards[1:2], "en") == ("1 of 1 other indicators are on track. None is behind its "
                                                      "scenario.")
    missing = {"name": "Bán lẻ", "value": "–", "label": "so với cùng kỳ", "status": "no_data"}
    assert narrative.indicators(cards[2:] + [missing], "en") == (
        "2 indicators have no target and are compared with the same period last year only. 1 indicators have no "
        "figure for this period yet.")
    assert narrative.indicators([missing], "vi") == "1 chỉ tiêu chưa có số liệu kỳ này."
    assert narrative.indicators([], "vi") == "Chưa có số liệu các chỉ tiêu khác cho kỳ này."



@pytest.mark.parametrize("vintage, vi, en", [
    ("estimate", "Tăng trưởng GRDP năm 2024 ước đạt 8,42%", "GRDP growth in 2024 is estimated at 8.42%"),
    ("preliminary", "Tăng trưởng GRDP năm 2024 sơ bộ đạt 8,42%", "GRDP growth in 2024 is provisionally 8.42%"),
    ("official", "Tăng trưởng GRDP năm 2024 đạt 8,42%", "GRDP growth in 2024 was 8.42%"),
    (None, "Tăng trưởng GRDP năm 2024 ước đạt 8,42%", "GRDP growth in 2024 is estimated at 8.42%"),
])
def test_the_headline_verb_follows_the_vintage_of_the_figures(vintage, vi, en):
    """The office's wording: ước đạt for an estimate, sơ bộ đạt for a preliminary figure, đạt for an official one
    (the least final figure of the period decides: status.report's ytd_vintage)."""
    data = {"year": 2024, "quarter": 4, "ytd_growth_pct": 8.42, "targets": [], "ytd_vintage": vintage}
    assert narrative.headline(data, "vi") == vi + "; chưa có mục tiêu để so sánh."
    assert narrative.headline(data, "en") == en + "; there is no target to compare it with."


def test_the_demo_headline_as_first_published_says_estimated(demo_db):
    with Store(demo_db, read_only=True) as s:
        first = status.report(s, as_of=AsOf(2025, 2, "first"))
        final = status.report(s, as_of=AsOf(2023, 4))
    assert first["ytd_vintage"] == "estimate" and final["ytd_vintage"] == "official"
    assert narrative.headline(first, "vi").startswith("Tăng trưởng GRDP 6 tháng đầu năm 2025 ước đạt ")
    assert narrative.headline(final, "vi").startswith("Tăng trưởng GRDP năm 2023 đạt ")
