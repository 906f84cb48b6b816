"""Reference data by date (issue 14): units that ended before the 2025 reform (Hoành Bồ, a district through 2019,
merged into Hạ Long city from 1 Jan 2020: Nghị quyết 837/NQ-UBTVQH14), names valid until a date (Đông Triều a thị
xã until 31 Oct 2024, a thành phố from 1 Nov 2024: Nghị quyết 1199/NQ-UBTVQH15), and VSIC divisions below a
section where the office publishes them (A01 agriculture, A02 forestry, A03 fishery under A)."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from monitor.core import export, reference
from monitor.core.engine import AsOf
from monitor.core.errors import ValidationError
from monitor.core.store import ROOT, Store
from monitor.leader import status, views, wording
from monitor.upload import ingest

HEADER = "indicator,unit_code,sector_code,year,quarter,value,vintage\n"


def write(tmp_path, name: str, rows: list[str]):
    path = tmp_path / name
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


# --- Hoành Bồ -----------------------------------------------------------------------------------------------------

def test_a_2019_figure_for_hoanh_bo_loads(store, tmp_path):
    ingest.load_observations(store, write(tmp_path, "hb2019.csv", ["GRDP,204,TOTAL,2019,4,1234.5,official"]), "t")
    assert store.con.sql("SELECT unit_code, year, quarter, value FROM observations").fetchall() == [
        ("204", 2019, 4, 1234.5)]


def test_a_2020_figure_for_hoanh_bo_is_refused_naming_ha_long(store, tmp_path):
    with pytest.raises(ValidationError) as refused:
        ingest.load_observations(store, write(tmp_path, "hb2020.csv", ["GRDP,204,TOTAL,2020,1,1234.5,official"]),
                                 "t")
    [problem] = refused.value.problems
    assert (problem.row, problem.column, problem.code) == (2, "unit_code", "err.unit_not_valid")
    assert problem.message("vi") == ("Đơn vị 204 không còn hiệu lực ở quý 1/2020 (hết hiệu lực 2019-12-31); dùng "
                                     "các đơn vị kế thừa: 193.")
    assert problem.message("en").endswith("(ended 2019-12-31); use its successor units: 193.")
    assert store.con.sql("SELECT count(*) FROM observations").fetchall() == [(0,)]   # nothing written
    assert reference.labels(store, "vi").unit["193"] == "Thành phố Hạ Long"


# --- Đông Triều's name by date ----------------------------------------------------------------------------------

@pytest.mark.parametrize("year, quarter, vi, en", [(2024, 3, "Thị xã Đông Triều", "Dong Trieu Town"),
                                                   (2024, 4, "Thành phố Đông Triều", "Dong Trieu City"),
                                                   (2025, 1, "Thành phố Đông Triều", "Dong Trieu City")])
def test_dong_trieu_is_named_as_it_was_at_the_as_of_quarter(demo_db, year, quarter, vi, en):
    with Store(demo_db, read_only=True) as s:
        assert reference.labels(s, "vi", AsOf(year, quarter)).unit["205"] == vi
        assert reference.labels(s, "en", AsOf(year, quarter)).unit["205"] == en
        report = wording.status_in_words(s, "vi", as_of=AsOf(year, quarter), unit_level="former_district")
    assert next(u for u in report["units"] if u["unit_code"] == "205")["name"] == vi   # status --json
    flagged = export.lagging_frame(views.lagging(report), "vi").to_csv(index=False)      # the lagging export
    assert flagged.count("Đông Triều") == flagged.count(vi)


def test_status_json_names_dong_trieu_by_quarter(run_cli_json):
    q3 = run_cli_json("status", "--year", "2024", "--quarter", "3", "--unit-level", "former_district", "--json")
    q1 = run_cli_json("status", "--year", "2025", "--quarter", "1", "--unit-level", "former_district", "--json")
    assert next(u["name"] for u in q3["units"] if u["unit_code"] == "205") == "Thị xã Đông Triều"
    assert next(u["name"] for u in q1["units"] if u["unit_code"] == "205") == "Thành phố Đông Triều"
    assert q3["contribution_base"] == "grdp" and q3["share_base"] == "value_added"


@pytest.fixture
def run_cli_json(demo_db, capsys):
    import json

    from monitor.cli.main import main

    def run(*args):
        assert main([*args, "--db", str(demo_db)]) == 0
        return json.loads(capsys.readouterr().out)
    return run


def page(monkeypatch, db, name, state=None, **params):
    monkeypatch.setenv("MONITOR_DB", str(db))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.switch_page(f"pages/{name}.py").run()
    assert not at.exception, at.exception
    return at


@pytest.mark.usefixtures("fresh_caches")
@pytest.mark.parametrize("quarter, name", [("3", "Thị xã Đông Triều"), ("4", "Thành phố Đông Triều")])
def test_the_localities_page_names_dong_trieu_by_quarter(monkeypatch, demo_db, quarter, name):
    at = page(monkeypatch, demo_db, "localities", {"level": "former_district"}, year="2024", quarter=quarter)
    table = at.dataframe[0].value
    assert name in set(table["Đơn vị"])
    other = "Thành phố Đông Triều" if name.startswith("Thị xã") else "Thị xã Đông Triều"
    assert other not in set(table["Đơn vị"])


# --- VSIC divisions under A -------------------------------------------------------------------------------------

SPLIT = {"A01": 0.6, "A02": 0.1, "A03": 0.3}


def division_rows(store, years=(2024, 2025)) -> list[str]:
    """A's figures in force for the province, split 60/10/30 into A01-A03 (each in A's vintage; the last division
    takes the rest, so the three add up to A exactly)."""
    a = store.con.sql("SELECT year, quarter, value, vintage FROM obs_in_force('latest') WHERE indicator = 'GRDP' "
                      f"AND unit_code = '22' AND sector_code = 'A' AND year IN {tuple(years)} "
                      "ORDER BY year, quarter").fetchall()
    rows = []
    for year, quarter, value, vintage in a:
        a01, a02 = round(value * SPLIT["A01"], 2), round(value * SPLIT["A02"], 2)
        for code, v in (("A01", a01), ("A02", a02), ("A03", round(value - a01 - a02, 2))):
            rows.append(f"GRDP,22,{code},{year},{quarter},{v},{vintage}")
    return rows


@pytest.fixture
def divisions_db(demo_db, tmp_path):
    path = tmp_path / "divisions.duckdb"
    shutil.copy(demo_db, path)
    with Store(path) as s:
        ingest.load_observations(s, write(tmp_path, "divisions.csv", division_rows(s)), "test")
    return path


def test_divisions_load_and_add_up_to_their_section(divisions_db):
    with Store(divisions_db, read_only=True) as s:
        rows = status.sector_growth(s, "GRDP", "22", AsOf(2025, 4)).set_index("sector_code")
    divisions = rows.loc[["A01", "A02", "A03"]]
    assert list(divisions["parent_code"]) == ["A"] * 3 and list(divisions["component"]) == ["KV1"] * 3
    assert divisions["ytd_contribution_pp"].sum() == pytest.approx(rows.loc["A", "ytd_contribution_pp"], abs=1e-6)
    assert divisions["ytd_share_of_increase_pct"].sum() == pytest.approx(rows.loc["A", "ytd_share_of_increase_pct"],
                                                                         abs=1e-6)
    for code in SPLIT:   # each division is a fixed part of A, so it grows as A does (to the rounding of 2 decimals)
        assert rows.loc[code, "ytd_growth_pct"] == pytest.approx(rows.loc["A", "ytd_growth_pct"], abs=1e-3)


def test_a_section_unequal_to_its_divisions_is_refused(store, tmp_path):
    rows = ["GRDP,22,A,2024,1,100,official", "GRDP,22,A01,2024,1,60,official", "GRDP,22,A02,2024,1,10,official",
            "GRDP,22,A03,2024,1,20,official"]
    with pytest.raises(ValidationError) as refused:
        ingest.load_observations(store, write(tmp_path, "a.csv", rows), "t")
    assert [(p.row, p.code) for p in refused.value.problems] == [(2, "err.total_mismatch")]
    assert "A" in refused.value.problems[0].message("en")


def test_a_file_of_divisions_alone_is_checked_against_the_section_in_force(divisions_db, tmp_path):
    with Store(divisions_db) as s:
        with pytest.raises(ValidationError) as refused:
            ingest.load_observations(s, write(tmp_path, "a01.csv", ["GRDP,22,A01,2025,4,1,official"]), "t")
    assert {p.code for p in refused.value.problems} == {"upload.err.parent_mismatch"}
    assert dict(refused.value.problems[0].params)["sector"] == "A"


@pytest.mark.usefixtures("fresh_caches")
def test_the_sectors_page_drills_from_a_section_to_its_divisions(monkeypatch, divisions_db):
    at = page(monkeypatch, divisions_db, "sectors", {"sector": "A"})
    table = at.dataframe[0].value
    assert list(table.index) == ["A", "A01", "A02", "A03"]
    assert list(table["Ngành"])[1:] == ["↳ Nông nghiệp và hoạt động dịch vụ có liên quan",
                                        "↳ Lâm nghiệp và hoạt động dịch vụ có liên quan",
                                        "↳ Khai thác và nuôi trồng thủy sản"]
    at.selectbox(key="sector").set_value("A02").run()
    assert not at.exception
    assert at.query_params["sector"] == "A02"
    assert "Lâm nghiệp" in "\n".join(m.value for m in at.markdown)


def test_the_sector_tree_holds_the_divisions_of_a():
    tree = reference.sectors_frame().set_index("code")
    assert list(tree.loc[["A01", "A02", "A03"], "parent_code"]) == ["A"] * 3
    assert isinstance(tree, pd.DataFrame) and tree.index.is_unique


def test_a_division_revised_alone_moves_its_section_sector_and_total_on_request(divisions_db):
    """A01 + 100 at 2025 Q4 with --include-parents: A, KV1 and TOTAL are each corrected by the same 100, three
    levels up the tree (upload/consistency.py corrects up to four; 100 is above 0.1% of the province's quarter, so
    TOTAL is off beyond the tolerance too)."""
    with Store(divisions_db) as s:
        before = {r[0]: r[1] for r in s.con.sql(
            "SELECT sector_code, value FROM obs_in_force('latest') WHERE indicator = 'GRDP' AND unit_code = '22' "
            "AND year = 2025 AND quarter = 4 AND sector_code IN ('A01', 'A', 'KV1', 'TOTAL')").fetchall()}
        vintage = s.con.sql("SELECT vintage FROM obs_in_force('latest') WHERE indicator = 'GRDP' AND unit_code = '22'"
                            " AND year = 2025 AND quarter = 4 AND sector_code = 'A01'").fetchall()[0][0]
        raw = (HEADER + f"GRDP,22,A01,2025,4,{round(before['A01'] + 100, 2)},{vintage}\n").encode()
        p = ingest.prepare_observations(s, raw, "a01.csv", ingest.Options(include_parents=True))
        added = {n.params[0][1]: dict(n.params)["value"] for n in p.notes}
    assert list(added) == ["A", "KV1", "TOTAL"]
    for code in added:
        assert added[code] == pytest.approx(before[code] + 100, abs=0.1)
