""""No data" only where there is none: a figure without a target reads "Chưa có mục tiêu" / "No target" (a
neutral status of its own), and "Chưa có số liệu" is kept for a missing figure; the overview's cards, slide 6 and
the exports say the same."""

from __future__ import annotations

import pytest

from monitor.core import export, flags, i18n, reference
from monitor.core.engine import AsOf
from monitor.core.store import Store
from monitor.core.theme import STATUS_STYLE
from monitor.leader import status, views, wording


@pytest.fixture(scope="module")
def store(demo_db):
    with Store(demo_db, read_only=True) as s:
        yield s


def cards(store, as_of, lang="vi"):
    labels = reference.labels(store, lang)
    codes = [r["code"] for r in store.records("indicators_all") if r["kind"] in ("plan", "rate")]
    return views.indicator_cards([wording.localized(status.report(store, c, "22", as_of), labels, lang)
                                  for c in codes], labels.indicator, lang)


def test_a_figure_without_a_target_is_no_target_and_a_missing_figure_is_no_data():
    rules = flags.Rules((("on_track", 0.0), ("watch", -1.0), ("lagging", None)), 0.1)
    assert [rules.judge(None, None), rules.judge(16.38, None), rules.judge(11.0, 0.2), rules.judge(11.0, -0.5),
            rules.judge(11.0, -2.0), rules.judge(None, -2.0)] == [
        "no_data", "no_target", "on_track", "watch", "lagging", "no_data"]


def test_rate_indicators_with_figures_but_no_target_report_no_target(store):
    iip = status.report(store, "IIP", "22", AsOf(2025, 4))
    assert (round(iip["ytd_growth_pct"], 2), iip["targets"], iip["status"]) == (16.38, [], "no_target")
    assert status.report(store, "IIP", "22", AsOf(2026, 1))["status"] == "no_data"   # no figure yet
    fdi = status.report(store, "FDI", "22", AsOf(2019, 1))                          # a level, no plan that year
    assert (fdi["ytd_value"], fdi["targets"], fdi["status"]) == (271.0, [], "no_target")
    assert status.report(store, "FDI", "22", AsOf(2025, 4))["status"] == "on_track"


def test_the_overview_cards_show_the_figure_beside_no_target(store):
    made = cards(store, AsOf(2025, 4))
    assert [(c["indicator"], c["value"], c["status"]) for c in made] == [
        ("BUDGET_REV", "143,4%", "on_track"), ("PUBLIC_INV", "86,9%", "lagging"), ("FDI", "101,5%", "on_track"),
        ("TOURISTS", "106,4%", "on_track"), ("IIP", "16,4%", "no_target"), ("RETAIL", "18,6%", "no_target"),
        ("EXPORTS", "16,5%", "no_target")]
    assert [c["detail"] for c in made[4:]] == ["", "", ""]             # not "Mục tiêu –" under the badge
    badge = views.badge_html("no_target", "vi")
    assert "◇ Chưa có mục tiêu" in badge and "Chưa có số liệu" not in badge
    assert views.status_text("no_target", "en") == "◇ No target"
    fdi_2019 = next(c for c in cards(store, AsOf(2019, 1), "en") if c["indicator"] == "FDI")
    assert (fdi_2019["value"], fdi_2019["status"], fdi_2019["detail"]) == ("271", "no_target", "")


def contrast(hex_color: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(int(hex_color[i:i + 2], 16) / 255) for i in (1, 3, 5))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def test_every_status_has_an_order_a_style_and_a_word_in_both_languages():
    assert set(flags.STATUS_ORDER) == set(STATUS_STYLE)
    assert flags.STATUS_ORDER["no_data"] < flags.STATUS_ORDER["no_target"] < flags.STATUS_ORDER["on_track"]
    assert len({s["icon"] for s in STATUS_STYLE.values()}) == len(STATUS_STYLE)     # each reads without colour
    assert contrast(STATUS_STYLE["no_target"]["color"]) >= 4.5
    assert [i18n.t("status.no_target", lang) for lang in ("vi", "en")] == ["Chưa có mục tiêu", "No target"]


def test_the_lagging_export_names_every_status_in_words():
    rows = [{"kind": "unit", "code": "X", "name": "Xã X", "status": s, "trend": None, "ytd_growth_pct": 1.0,
             "target_pct": None, "gap_pp": None, "shortfall_pp": None, "required_rest_of_year_pct": None,
             "reason": ""} for s in flags.STATUS_ORDER]
    frame = export.lagging_frame(rows, "vi")
    assert list(frame[i18n.t("export.status", "vi")]) == ["Chậm", "Cần theo dõi", "Chưa có số liệu",
                                                          "Chưa có mục tiêu", "Đạt kịch bản"]
