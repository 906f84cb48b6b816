"""What the leader pages show, built by pure functions: tables, the lagging list, exports, charts."""

from __future__ import annotations

import io

import openpyxl
import pytest

from monitor.core import export
from monitor.core.engine import AsOf
from monitor.core.store import Store
from monitor.leader import charts, drill, views, wording

Q4_2025 = AsOf(2025, 4)


@pytest.fixture(scope="module")
def demo(demo_db):
    with Store(demo_db, read_only=True) as s:
        yield {lang: wording.status_in_words(s, lang, as_of=Q4_2025) for lang in ("vi", "en")}, s.path


def test_sector_table_shows_the_parent_then_its_children_with_the_engines_figures(demo):
    reports, _ = demo
    table = views.sector_table(reports["vi"], "vi", "KV2")
    assert list(table.index) == ["KV2", "B", "C", "D", "E", "F"]
    kv2 = table.loc["KV2"]
    assert kv2["Ngành"] == "Công nghiệp và xây dựng"
    assert (kv2["Tăng cộng dồn"], kv2["Chênh lệch"], kv2["Đánh giá"]) == ("11,74%", "−4,46 điểm %", "✖ Chậm")
    assert table.loc["C", "Ngành"] == "↳ Công nghiệp chế biến, chế tạo"
    assert table.loc["C", "Đánh giá"] == "✔ Đạt kịch bản"


def test_unit_table_ranks_the_fastest_first_and_names_the_former_district(demo):
    reports, _ = demo
    table = views.unit_table(reports["en"], "en", {"203": "Vân Đồn District"})
    assert len(table) == 54
    assert table.iloc[0]["Rank"] == 1 and table.iloc[0]["Unit"] == "Van Don Special Zone"
    assert table.iloc[0]["Growth to date"] == "23.33%"
    growth = [u["ytd_growth_pct"] for u in views.ranked_units(reports["en"])]
    assert growth == sorted(growth, reverse=True)


def test_lagging_list_is_worst_first_and_holds_every_flagged_sector_and_unit(demo):
    reports, _ = demo
    rows = views.lagging(reports["vi"], "vi")
    flagged = [s for s in reports["vi"]["sectors"] + reports["vi"]["units"] if s["status"] in ("watch", "lagging")]
    assert len(flagged) == 44 and len(rows) == 43           # the province's own total is the headline, not a row
    assert "TOTAL" not in {r["code"] for r in rows}
    assert views.lagging_counts(rows) == {"lagging": 38, "watch": 5, "sector": 15, "unit": 28, "total": 43}
    assert [r["status"] for r in rows] == sorted((r["status"] for r in rows), key=["lagging", "watch"].index)
    lagging_gaps = [r["gap_pp"] for r in rows if r["status"] == "lagging"]
    assert lagging_gaps == sorted(lagging_gaps)
    assert (rows[0]["kind"], rows[0]["name"]) == ("sector", "Khai khoáng")
    assert rows[0]["reason"] == "Cả năm tăng 3,93%, thấp hơn mục tiêu chung (16,20%) 12,27 điểm %"
    units = [r["code"] for r in rows if r["kind"] == "unit"][:3]
    assert units == ["06760", "06778", "06970"]            # furthest below their own targets


def test_a_formula_in_a_cell_is_neutralised():
    assert export.neutralise("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert [export.neutralise(v) for v in ("+1+cmd", "-2+A1", "@SUM(A1)", "\tx")] == [
        "'+1+cmd", "'-2+A1", "'@SUM(A1)", "'\tx"]
    # a plain number written as text stays a number: the figures export writes "-5,2" and reads it back
    assert [export.neutralise(v) for v in ("+1", "-2", "-5,2", "-1.5e3")] == ["+1", "-2", "-5,2", "-1.5e3"]
    assert export.neutralise("Phường Hà Lầm") == "Phường Hà Lầm" and export.neutralise(-2.5) == -2.5


def _rows():
    return [{"kind": "unit", "code": "X1", "name": "=cmd|' /C calc'!A0", "status": "lagging", "trend": "down",
             "ytd_growth_pct": -0.7049, "target_pct": 10.3, "gap_pp": -11.0049, "required_rest_of_year_pct": None,
             "reason": "@risky"}]


def test_csv_export_is_excel_friendly_in_vietnamese():
    data = export.to_csv(export.lagging_frame(_rows(), "vi"), "vi")
    text = data.decode("utf-8")
    assert text.startswith("\ufeffLoại;Mã;Tên;Đánh giá;")
    line = text.splitlines()[1]
    assert line.split(";")[:3] == ["Địa phương", "X1", "'=cmd|' /C calc'!A0"]
    assert ";-0,7;10,3;-11,0;" in line and line.endswith(";'@risky")


def test_excel_export_keeps_numbers_as_numbers_and_formulas_as_text():
    data = export.to_xlsx(export.lagging_frame(_rows(), "en"), "lagging")
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [c.value for c in ws[1]][:3] == ["Kind", "Code", "Name"]
    name, growth = ws.cell(2, 3), ws.cell(2, 6)
    assert name.value == "'=cmd|' /C calc'!A0" and name.data_type == "s"
    assert growth.value == -0.7 and growth.data_type == "n"


def test_waterfall_runs_from_last_years_growth_to_this_years(demo):
    _, path = demo
    with Store(path, read_only=True) as s:
        b = drill.contribution_bridge(s, "GRDP", "22", Q4_2025)
    fig = charts.contribution_waterfall(b, lang="vi")
    trace = fig.data[0]
    assert list(trace.measure) == ["absolute", "relative", "relative", "relative", "relative", "total"]
    assert list(trace.x) == ["2024", "Nông nghiệp", "Công nghiệp, XD", "Dịch vụ", "Thuế SP", "2025"]
    assert fig.layout.xaxis.type == "category"
    assert trace.text[0] == "8,42%" and trace.text[-1] == "11,89%" and trace.text[2] == "+1,28"


def test_ranking_chart_draws_best_on_top_with_status_colours_and_targets(demo):
    reports, _ = demo
    fig = charts.unit_ranking(views.ranked_units(reports["vi"])[:5], "vi")
    bars, ticks = fig.data
    assert bars.y[-1] == "Đặc khu Vân Đồn"                  # plotly's last category is drawn on top
    assert bars.text[-1] == "✔ 23,33%"
    assert bars.marker.color[-1] == "#0072B2"
    van_don = next(u["unit_code"] for u in reports["vi"]["units"] if u["name"] == "Đặc khu Vân Đồn")
    assert bars.customdata[-1] == van_don             # a click on the bar opens that unit
    assert len(ticks.x) == 5 and not fig.layout.showlegend   # the title explains the tick


def test_series_and_structure_charts(demo):
    _, path = demo
    with Store(path, read_only=True) as s:
        series = drill.growth_series(s, "GRDP", "22", "TOTAL", until=Q4_2025)
        shares = drill.structure(s, "GRDP", "22", Q4_2025)
    fig = charts.growth_series(series, "GRDP", "en")
    assert fig.data[0].x[0] == "Q1 2020" and fig.data[0].x[-1] == "Q4 2025"   # 2019 has no year before it
    assert round(fig.data[1].y[-1], 2) == 11.89
    fig = charts.structure(shares, {}, 2025, "vi")
    assert sum(t.x[1] for t in fig.data) == pytest.approx(100)
    assert [t.name for t in fig.data] == ["KV1", "KV2", "KV3", "TAX"]
