"""The nowcast: bridge equations on a fixture with a known relation, the pseudo-real-time discipline, the
evaluation on the office's real national files, the band and probability formulas, the command line's keys."""

from __future__ import annotations

import json
import math
import shutil

import pytest

from monitor.core.store import ROOT, Store
from monitor.nowcast import evaluate, model, probability, service
from monitor.nowcast.inputs import Inputs, load, month_index, quarter_index, quarter_months


def known_relation(a=2.0, b=0.5) -> Inputs:
    """Monthly index growing x_q % on the same month last year through each quarter; GRDP growing a + b x_q."""
    xs = {quarter_index(2015, 1) + k: 4 + 3 * math.sin(k) for k in range(32)}  # 2015 Q1 ... 2022 Q4
    monthly = {month_index(2014, m): 100.0 + m for m in range(1, 13)}
    quarterly = {quarter_index(2014, q): 1000.0 + 10 * q for q in range(1, 5)}
    for qi, x in sorted(xs.items()):
        for mi in quarter_months(qi):
            monthly[mi] = monthly[mi - 12] * (1 + x / 100)
        quarterly[qi] = quarterly[qi - 4] * (1 + (a + b * x) / 100)
    return Inputs(quarterly, {"IIP_INDEX": monthly}, {"IIP_INDEX": 0})


def test_the_bridge_equation_recovers_a_known_relation():
    inputs = known_relation()
    qi = quarter_index(2022, 4)
    eq = model.fit_equation(inputs.known_at(quarter_months(qi)[-1]), "IIP_INDEX", qi)
    assert eq.intercept == pytest.approx(2.0, abs=1e-9) and eq.slope == pytest.approx(0.5, abs=1e-9)
    # all three months published: the estimate is the relation itself, 2 + 0.5 x
    assert eq.months_published == 3
    assert eq.estimate == pytest.approx(inputs.growth(qi), abs=1e-9)
    assert eq.n_quarters == 31  # 2015 Q1 to 2022 Q3


def test_quarter_growth_is_the_ratio_of_the_three_months_sums():
    series = {month_index(2023, m): v for m, v in ((1, 100), (2, 110), (3, 120))}
    series |= {month_index(2024, m): v for m, v in ((1, 105), (2, 121), (3, 126))}
    assert model.quarter_growth(series, quarter_index(2024, 1)) == pytest.approx(352 / 330 * 100 - 100)
    del series[month_index(2024, 3)]
    assert model.quarter_growth(series, quarter_index(2024, 1)) is None


def test_missing_months_are_filled_from_last_year_by_the_forecast_growth():
    inputs = known_relation()
    series = inputs.monthly["IIP_INDEX"]
    last = max(series)
    cut = {mi: v for mi, v in series.items() if mi <= last - 2}
    filled, added = model.fill_months(cut, last)
    assert added == [last - 1, last]
    growth = model.monthly_growth(filled)
    assert filled[last] == pytest.approx(filled[last - 12] * (1 + growth[last] / 100))


def test_what_is_published_after_the_as_of_month_cannot_change_the_nowcast():
    inputs = known_relation()
    qi, as_of = quarter_index(2022, 3), month_index(2022, 8)
    before = model.nowcast(inputs, qi, as_of).value
    later = {mi: v * (1.5 if mi > as_of else 1) for mi, v in inputs.monthly["IIP_INDEX"].items()}
    quarters = {q: v * (0.5 if q >= qi else 1) for q, v in inputs.quarterly.items()}
    assert model.nowcast(Inputs(quarters, {"IIP_INDEX": later}, inputs.lags), qi, as_of).value == before


def test_the_report_as_of_a_month_ignores_later_figures_in_the_store(nowcast_db, tmp_path):
    with Store(nowcast_db, read_only=True) as s:
        first = service.report(s, "22", 2025, 4, month_index(2025, 11))
    cut = tmp_path / "cut.duckdb"
    shutil.copy(nowcast_db, cut)
    with Store(cut) as s:  # the store as it stood at the end of November 2025, plus a wild December
        s.con.execute("DELETE FROM observations WHERE unit_code = '22' AND year = 2025 AND quarter = 4")
        s.con.execute("UPDATE observations_monthly SET value = value * 3 WHERE unit_code = '22' "
                      "AND (year > 2025 OR (year = 2025 AND month = 12))")
        again = service.report(s, "22", 2025, 4, month_index(2025, 11))
    assert first["published_pct"] is not None and again["published_pct"] is None
    first.pop("published_pct"), again.pop("published_pct")
    assert json.dumps(first, sort_keys=True) == json.dumps(again, sort_keys=True)
    assert first["months_used"] == 2 and first["as_of_month"] == "2025-11"


def test_the_evaluation_on_the_real_national_series_covers_at_least_twelve_quarters(nowcast_db):
    with Store(nowcast_db, read_only=True) as s:
        found = service.evaluation(s, "VN")
    assert found["n_quarters"] >= 12
    assert set(found["benchmarks"]) == {"previous_quarter", "same_quarter_last_year", "ar1"}
    for m in found["by_month"]:
        errors = [r["nowcast_pct"] - r["actual_pct"] for r in found["rows"]
                  if r["month_of_quarter"] == m["month_of_quarter"]]
        assert m["rmse_pp"] == pytest.approx(math.sqrt(sum(e * e for e in errors) / len(errors)))
        assert m["band_pp"] == pytest.approx(1.96 * m["rmse_pp"])
    # the published 2024 Q2 growth (7.09, preliminary) is what the record compares with
    q2 = next(r for r in found["rows"] if r["quarter_index"] == quarter_index(2024, 2))
    assert round(q2["actual_pct"], 2) == 7.09


def test_the_band_is_one_point_nine_six_rmse_of_the_same_month_and_the_benchmark_is_shown_when_better(nowcast_db):
    with Store(nowcast_db, read_only=True) as s:
        r = service.report(s, "VN", 2024, 4)  # as of October 2024, the files' last month
        record = evaluate.run(load(s, "VN").known_at(month_index(2024, 10)))
    assert r["as_of_month"] == "2024-10" and r["month_of_quarter"] == 1 and r["months_used"] == 1
    month1 = record["by_month"][0]
    if month1["model_beats_benchmarks"]:
        assert r["method"] == "model" and r["rmse_pp"] == pytest.approx(month1["rmse_pp"])
    else:  # the product says so and shows the best benchmark with its own band
        best = month1["best_benchmark"]
        assert r["method"] == best and r["nowcast_pct"] == pytest.approx(r["benchmark_pcts"][best])
        assert r["rmse_pp"] == pytest.approx(month1["benchmarks"][best])
    assert r["band_high_pct"] - r["nowcast_pct"] == pytest.approx(1.96 * r["rmse_pp"])
    assert r["nowcast_pct"] - r["band_low_pct"] == pytest.approx(1.96 * r["rmse_pp"])


def test_the_news_adds_up_to_the_change_since_the_month_before(nowcast_db):
    with Store(nowcast_db, read_only=True) as s:
        r = service.report(s, "22", 2026, 1)
    assert r["as_of_month"] == "2026-02" and r["months_used"] == 2
    total = sum(n["contribution_pp"] for n in r["news"])
    assert total == pytest.approx(r["model_pct"] - r["previous_nowcast_pct"], abs=1e-9)
    assert {n["indicator"] for n in r["news"]} >= {"IIP_INDEX", "RETAIL_VND", "model_update"}


def test_the_probability_of_reaching_a_target_by_hand():
    # last year's quarters 100 each, this year's Q1 and Q2 110 each; Q3 nowcast 10% +- sigma 1, step sd 2
    year = 2025
    quarterly = {quarter_index(year - 1, q): 100.0 for q in range(1, 5)}
    quarterly |= {quarter_index(year, 1): 110.0, quarter_index(year, 2): 110.0}
    known = Inputs(quarterly, {}, {})
    mean, sd = probability.year_distribution(known, year, 3, 10.0, 1.0, 2.0)
    assert mean == pytest.approx(10.0)  # (110 + 110 + 110 + 110) / 400
    # var = (1 * (0.25 + 0.25))^2 + 2^2 * 0.25^2 = 0.25 + 0.25
    assert sd == pytest.approx(math.sqrt(0.5))
    assert probability.reaching(mean, sd, 10.0) == pytest.approx(0.5)
    assert probability.reaching(mean, sd, 11.0) == pytest.approx(1 - 0.92135, abs=1e-4)  # Phi(sqrt 2) = 0.92135


def test_nowcast_json_has_the_keys_the_issue_names(nowcast_db, run_cli):
    code, out, _ = run_cli("nowcast", "--year", "2025", "--quarter", "4", "--as-of-month", "2025-11", "--json",
                           db=nowcast_db)
    found = json.loads(out)
    assert code == 0
    assert {"nowcast_pct", "band_low_pct", "band_high_pct", "months_used", "ytd_nowcast_pct",
            "probability_reaching", "news"} <= set(found)
    assert {p["scope"] for p in found["probability_reaching"]} == {"provincial", "central"}
    assert all(0 <= p["probability"] <= 1 for p in found["probability_reaching"])
    assert all(set(n) == {"indicator", "contribution_pp"} for n in found["news"])


def test_nowcast_eval_json_has_the_keys_the_issue_names(nowcast_db, run_cli):
    code, out, _ = run_cli("nowcast-eval", "--unit", "VN", "--from", "2018-1", "--json", db=nowcast_db)
    found = json.loads(out)
    assert code == 0 and found["from"] == "2018-1" and found["n_quarters"] >= 12
    assert {"n_quarters", "rmse_pp", "mae_pp", "by_month", "benchmarks"} <= set(found)
    assert [m["month_of_quarter"] for m in found["by_month"]] == [1, 2, 3]
    assert set(found["benchmarks"]) == {"previous_quarter", "same_quarter_last_year", "ar1"}


def test_a_bad_as_of_month_is_refused_with_the_expected_form(nowcast_db, run_cli):
    code, _, err = run_cli("nowcast", "--as-of-month", "11/2025", db=nowcast_db)
    assert code == 2 and "YYYY-MM" in err


def test_the_demo_monthly_file_is_labelled_synthetic():
    text = (ROOT / "data" / "demo" / "observations_monthly.csv").read_text(encoding="utf-8").splitlines()
    assert text[0] == "indicator,unit_code,sector_code,year,month,value,vintage,source"
    assert all(line.endswith(",synthetic") for line in text[1:])


def test_the_whatif_nowcast_basis_moves_every_run_rate_by_the_nowcast_gap(nowcast_db, run_cli):
    code, out, _ = run_cli("whatif", "--year", "2025", "--quarter", "2", "--basis", "nowcast", "--json",
                           db=nowcast_db)
    found = json.loads(out)
    with Store(nowcast_db, read_only=True) as s:
        nowcast = service.report(s, "22", 2025, 3)
        run_rate = json.loads(json.dumps(s.run("growth_series", indicator="GRDP", unit="22", sector="TOTAL",
                                               vintage="latest", since=2025).to_dict("records")))
    assert code == 0 and found["nowcast"]["nowcast_pct"] == round(nowcast["nowcast_pct"], 4)
    total_h1 = next(r["ytd_growth_pct"] for r in run_rate if r["quarter"] == 2)  # 11.03, published
    assert found["nowcast"]["shift_pp"] == pytest.approx(nowcast["nowcast_pct"] - total_h1, abs=1e-3)
    code, out, _ = run_cli("whatif", "--year", "2025", "--quarter", "2", "--json", db=nowcast_db)
    plain = json.loads(out)
    for sector, by_quarter in plain["defaults"].items():
        for q, value in by_quarter.items():
            assert found["defaults"][sector][q] == pytest.approx(value + found["nowcast"]["shift_pp"], abs=2e-4)


def test_the_briefing_says_the_next_quarter_is_a_model_estimate(nowcast_db):
    from monitor.briefing import slides
    from monitor.core.engine import AsOf

    with Store(nowcast_db, read_only=True) as s:
        found = service.next_quarter(s, "22", 2025, 4)
        deck = slides.build(s, AsOf(2025, 4), "vi")
        assert service.next_quarter(s, "22", 2025, 3) is None  # Q4 is published: nothing to estimate
    text = next(sl["narrative"] for sl in deck["slides"] if sl["key"] == "trajectory")
    value = f"{found['nowcast_pct']:.2f}".replace(".", ",")
    assert f"Quý I/2026 chưa có số liệu công bố; ước tính của mô hình từ 2 tháng số liệu là {value}%" in text
    assert "không phải số liệu chính thức" in text


def test_the_sectors_are_nowcast_from_their_own_indicators_and_growth(nowcast_db, run_cli):
    from monitor.nowcast import sectors

    code, out, _ = run_cli("nowcast", "--year", "2025", "--quarter", "4", "--as-of-month", "2025-11", "--json",
                           db=nowcast_db)
    rows = {r["sector_code"]: r for r in json.loads(out)["sectors"]}
    assert code == 0 and set(rows) == {"KV2", "KV3"}  # industry from IIP and exports, services from retail, tourists
    with Store(nowcast_db, read_only=True) as s:
        kv2 = sectors.sector_inputs(s, "22", "KV2", ["IIP_INDEX", "EXPORTS_USD"])
        levels = s.run("growth_series", indicator="GRDP", unit="22", sector="KV2", vintage="latest", since=2025)
        alone = model.nowcast(kv2, quarter_index(2025, 4), month_index(2025, 11))
    assert set(kv2.monthly) == {"IIP_INDEX", "EXPORTS_USD"}
    published = float(levels[levels["quarter"] == 4]["quarter_growth_pct"].iloc[0])
    assert kv2.growth(quarter_index(2025, 4)) == pytest.approx(published)
    assert rows["KV2"]["nowcast_pct"] == round(alone.value, 4) and rows["KV2"]["months_used"] == 2
    assert rows["KV2"]["band_high_pct"] - rows["KV2"]["nowcast_pct"] == pytest.approx(
        1.96 * rows["KV2"]["rmse_pp"], abs=2e-4)


def test_init_demo_loads_the_real_monthly_series_and_the_demo_monthly_file_once(run_cli, tmp_path):
    db = tmp_path / "fresh.duckdb"
    code, out, _ = run_cli("init", "--demo", "--lang", "en", db=db)
    assert code == 0
    assert "IIPVNM.xml" in out and "METVNM.xml" in out and "CPIVNM.xml" in out
    assert "monthly indicators: 392 rows" in out
    with Store(db, read_only=True) as s:
        found = load(s, "VN")
        assert len(found.monthly["IIP_INDEX"]) == 94  # 2017-01 to 2024-10, the office's file
        province = load(s, "22")
        assert set(province.monthly) == {"IIP_INDEX", "EXPORTS_USD", "RETAIL_VND", "TOURISTS"}
        synthetic = s.con.execute("SELECT synthetic FROM load_batches WHERE file_name = 'observations_monthly.csv'")
        assert synthetic.fetchall() == [(True,)]
    code, out, _ = run_cli("init", "--demo", "--lang", "en", db=db)
    assert code == 0 and "IIPVNM.xml" not in out and "monthly indicators" not in out


def test_without_monthly_figures_the_nowcast_says_so(demo_db, run_cli):
    code, out, _ = run_cli("nowcast", db=demo_db)  # the demo's quarters only: nothing to estimate from
    assert code == 0 and out.strip() == "Chưa có chỉ tiêu tháng cho đơn vị này: nạp số liệu tháng (cột Tháng) để " \
                                        "có ước tính nhanh."
    code, out, _ = run_cli("nowcast", "--json", db=demo_db)
    assert json.loads(out)["nowcast_pct"] is None and json.loads(out)["probability_reaching"] == []
    code, _, err = run_cli("whatif", "--year", "2025", "--quarter", "2", "--basis", "nowcast", db=demo_db)
    assert code == 1 and "để ước tính nhanh quý tới" in err
