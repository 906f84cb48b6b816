"""Targets editing: scenario-path checks, recorded and reversible changes, import and export."""

from __future__ import annotations

import pandas as pd
import pytest

from monitor.cli import main as cli
from monitor.core import reference
from monitor.core.engine import Targets
from monitor.core.errors import ValidationError
from monitor.core.store import Store
from monitor.leader import fit as fitting
from monitor.upload import ingest
from monitor.upload import scenario_paths as paths
from monitor.whatif import entries, target_views, views
from monitor.whatif import targets as te

HEADER = "indicator,unit_code,sector_code,year,period,value,scope,source\n"


def rows(*lines) -> pd.DataFrame:
    return pd.DataFrame([line.split(",") for line in lines], columns=te.COLUMNS[:8])  # no range, no date


def test_a_path_that_does_not_end_at_its_annual_target_is_refused():
    problems = paths.check_paths(rows("GRDP,22,KV1,2026,Q1,3,provincial,", "GRDP,22,KV1,2026,H1,3.5,provincial,",
                                   "GRDP,22,KV1,2026,9M,3.8,provincial,"))
    assert [p.code for p in problems] == ["whatif.targets.err.no_annual"]
    assert problems[0].message("en") == "The path GRDP/22/KV1/2026/provincial does not end at its annual target " \
                                        "(period Y is missing)."


def test_a_path_with_a_missing_period_is_refused_and_an_annual_target_alone_is_fine():
    problems = paths.check_paths(rows("GRDP,22,KV1,2026,Q1,3,provincial,", "GRDP,22,KV1,2026,Y,4,provincial,",
                                   "GRDP,22,TOTAL,2026,Y,12.5,central,"))
    assert [(p.code, dict(p.params)["periods"]) for p in problems] == [("whatif.targets.err.missing_period",
                                                                         "H1, 9M")]


def test_a_targets_file_with_a_broken_path_is_refused_by_the_loader_and_the_command_line(small_store, tmp_path,
                                                                                          capsys):
    """The path rule holds on every way targets get in, not only on the targets page."""
    broken = tmp_path / "no_h1.csv"
    broken.write_text(HEADER + "GRDP,22,KV1,2026,Q1,3,provincial,doc\nGRDP,22,KV1,2026,9M,3.8,provincial,doc\n"
                      "GRDP,22,KV1,2026,Y,4,provincial,doc\n", encoding="utf-8")
    before = small_store.records("batch_list")
    with pytest.raises(ValidationError) as exc:
        ingest.load_targets(small_store, broken, "lan")
    assert [(p.code, dict(p.params)["periods"]) for p in exc.value.problems] == [
        ("whatif.targets.err.missing_period", "H1")]
    path = small_store.path
    small_store.close()
    assert cli.main(["targets", str(broken), "--db", str(path), "--lang", "en"]) == 1
    assert "The path GRDP/22/KV1/2026/provincial misses period(s) H1." in capsys.readouterr().err
    with Store(path) as s:
        assert s.records("batch_list") == before


def test_a_file_that_completes_a_path_in_force_loads(small_store, tmp_path):
    """Only H1 for the province's 2025 path: the path as it stands after the load (Q1, H1, 9M, Y) is whole."""
    one = tmp_path / "h1.csv"
    one.write_text(HEADER + "GRDP,22,TOTAL,2025,H1,12.3,provincial,revised scenario\n", encoding="utf-8")
    ingest.load_targets(small_store, one, "lan")
    assert Targets.load(small_store, "GRDP", 2025).period("22", "TOTAL", "provincial", 2) == 12.3


def test_the_demo_targets_pass_the_path_checks(demo_db):
    with Store(demo_db, read_only=True) as s:
        assert paths.check_paths(te.in_force(s)) == []


def test_an_imported_file_is_checked_against_the_targets_it_would_leave(demo_copy):
    with Store(demo_copy) as s:
        before = te.in_force(s)
        bad = (HEADER + "GRDP,22,TOTAL,2027,Q1,11,provincial,x\nGRDP,22,TOTAL,2027,H1,12,provincial,x\n").encode()
        with pytest.raises(ValidationError) as exc:
            te.prepare(s, bad, "bad.csv")
        assert {p.code for p in exc.value.problems} == {"whatif.targets.err.no_annual",
                                                        "whatif.targets.err.missing_period"}
        # changing one period of an existing complete path is fine: the rest comes from the store
        plan = te.prepare(s, (HEADER + "GRDP,22,KV2,2025,9M,15.3,provincial,synthetic\n").encode(), "one.csv")
        assert plan.counts == {"new": 0, "changed": 1, "unchanged": 0}
        # a 9 months' scenario on the province's path of quarters mixes the two kinds: refused, row and column named
        with pytest.raises(ValidationError) as exc:
            te.prepare(s, (HEADER + "GRDP,22,TOTAL,2025,9M,13.1,provincial,2545-CV/TU\n").encode(), "mixed.csv")
        (problem,) = exc.value.problems
        assert (problem.row, problem.column, problem.code) == (2, "period", "whatif.targets.err.mixed")  # line 2
        assert problem.message("en").startswith("The path GRDP/22/TOTAL/2025/provincial mixes quarter periods "
                                                "(Q2, Q3, Q4) with cumulative ones (9M)")
        assert te.in_force(s).equals(before)                           # prepare writes nothing


def test_a_grid_edit_is_recorded_with_who_when_old_new_and_document_and_can_be_undone(demo_copy):
    with Store(demo_copy) as s:
        grid = te.grid(te.in_force(s, "GRDP", 2025))
        edited = grid.copy()
        row = edited.index[(edited["unit_code"] == "22") & (edited["sector_code"] == "TOTAL")
                           & (edited["scope"] == "provincial")][0]
        row = edited.index[(edited["unit_code"] == "22") & (edited["sector_code"] == "KV2")][0]
        edited.loc[row, "9M"] = 15.5
        batch, plan = te.save_grid(s, grid, edited, "GRDP", 2025, "analyst1", "2545-CV/TU")
        assert Targets.load(s, "GRDP", 2025).period("22", "KV2", "provincial", 3) == 15.5
        change = te.history(s, "GRDP", 2025).iloc[0]
        assert (change["batch_id"], change["user_name"], change["period"], change["old_value"],
                change["new_value"], change["source"], change["outcome"]) == (
            batch, "analyst1", "9M", 15.16, 15.5, "2545-CV/TU", "loaded")
        assert pd.notna(change["loaded_at"])

        te.revert(s, batch, "lead")
        assert Targets.load(s, "GRDP", 2025).period("22", "KV2", "provincial", 3) == 15.16
        batches = te.batches(s)
        assert batches.iloc[0][["file_name", "user_name", "row_count"]].tolist() == [f"revert #{batch}", "lead", 0]
        assert batches.set_index("batch_id").loc[batch, "outcome"] == "rolled_back"
        assert te.history(s, "GRDP", 2025).iloc[0]["outcome"] == "rolled_back"


def test_an_earlier_change_cannot_be_undone_before_a_later_one_of_the_same_target(demo_copy):
    with Store(demo_copy) as s:
        one = te.commit(s, te.prepare(s, (HEADER + "GRDP,22,KV1,2025,Y,4.5,provincial,a\n").encode(), "a.csv"), "u")
        two = te.commit(s, te.prepare(s, (HEADER + "GRDP,22,KV1,2025,Y,4.8,provincial,b\n").encode(), "b.csv"), "u")
        with pytest.raises(ValidationError) as exc:
            te.revert(s, one, "u")
        assert exc.value.problems[0].message("en") == (f"Batch #{two} changed the same targets later; "
                                                       f"undo #{two} before #{one}.")
        te.revert(s, two, "u")
        te.revert(s, one, "u")
        assert Targets.load(s, "GRDP", 2025).annual("22", "KV1", "provincial") == 4.0
        with pytest.raises(ValidationError):
            te.revert(s, one, "u")                                   # already undone


def test_a_cleared_cell_or_a_missing_document_is_refused(demo_copy):
    with Store(demo_copy) as s:
        grid = te.grid(te.in_force(s, "GRDP", 2025))
        edited = grid.copy()
        edited.loc[1, "Q1"] = None
        with pytest.raises(ValidationError) as exc:
            te.save_grid(s, grid, edited, "GRDP", 2025, "u", "2545-CV/TU")
        assert exc.value.problems[0].code == "whatif.targets.err.cleared"
        with pytest.raises(ValidationError) as exc:
            te.save_grid(s, grid, grid, "GRDP", 2025, "u", "  ")
        assert exc.value.problems[0].code == "whatif.targets.err.no_document"
        assert te.save_grid(s, grid, grid, "GRDP", 2025, "u", "doc") == (None, None)


def test_export_is_the_targets_file_format_and_imports_back_unchanged(demo_copy):
    with Store(demo_copy) as s:
        data = te.export(s, "GRDP", 2025)
        assert data.startswith("\ufeff".encode() + HEADER.strip().encode() + b",value_high,effective_date\n")
        text = data.decode("utf-8-sig")
        assert "GRDP,22,TOTAL,2025,Y,14,provincial,Văn bản 2545-CV/TU (02/2025),,2025-01-01" in text
        assert "GRDP,VN,TOTAL,2025,Y,8.3,central,Nghị quyết 226/NQ-CP ngày 05/08/2025,8.5,2025-08-05" in text
        plan = te.prepare(s, data, "export.csv")
        # the province: 2 annual targets and 4 quarters; 4 sector paths of 4; 54 units; the nation's 8% and 8.3-8.5%
        assert plan.counts == {"new": 0, "changed": 0, "unchanged": 2 + 4 + 4 * 4 + 54 + 2}
        assert te.commit(s, plan, "u") is None                         # nothing to write


def test_import_of_a_new_year_writes_one_batch(demo_copy):
    text = HEADER + "".join(f"GRDP,22,TOTAL,2027,{p},{v},provincial,Kế hoạch 2027\n"
                            for p, v in zip(("Q1", "H1", "9M", "Y"), (10, 11, 12, 12.5)))
    with Store(demo_copy) as s:
        plan = te.prepare(s, text.encode(), "2027.csv")
        assert plan.counts == {"new": 4, "changed": 0, "unchanged": 0}
        batch = te.commit(s, plan, "analyst1")
        t = Targets.load(s, "GRDP", 2027)
        assert [t.period("22", "TOTAL", "provincial", q) for q in (1, 2, 3, 4)] == [10, 11, 12, 12.5]
        assert te.batches(s).iloc[0][["batch_id", "file_name", "user_name", "row_count"]].tolist() == [
            batch, "2027.csv", "analyst1", 4]


def test_the_targets_grid_shows_names_and_words_first_and_keeps_the_codes_last_for_analysts(demo_db):
    """Issue 12: the targets table showed unit and sector codes and the source 'synthetic'."""
    with Store(demo_db, read_only=True) as s:
        grid = te.grid(te.in_force(s, "GRDP", 2025))
        vi, en = reference.labels(s, "vi"), reference.labels(s, "en")
        budget = te.grid(te.in_force(s, "BUDGET_REV", 2025))
    quarter, cumulative = target_views.VIEWS["quarter"], target_views.VIEWS["cumulative"]
    assert target_views.default_view(grid) == "quarter"                 # the province's path is of quarters
    shown = target_views.grid_labels(grid, "GRDP", vi, "vi", codes=True, periods=cumulative)
    assert list(shown.columns) == ["unit", "sector", "scope", "Q1", "H1", "9M", "Y", "codes"]
    # KV2's synthetic cumulative path: 16.2 x the province's cumulative path / 14 (H1 11.3623, 9M 13.1024)
    assert shown.iloc[3].tolist() == ["Tỉnh Quảng Ninh", "Công nghiệp và xây dựng", "Tỉnh", 12.15, 13.15, 15.16,
                                      16.2, "22/KV2"]
    assert shown.iloc[6][["unit", "sector", "Y", "codes"]].tolist() == ["Phường Hà Tu", "GRDP", 12.4, "06652/TOTAL"]
    by_quarter = target_views.grid_labels(grid, "GRDP", vi, "vi", periods=quarter)
    assert by_quarter.iloc[1].tolist() == ["Tỉnh Quảng Ninh", "GRDP", "Tỉnh", 10.5, 12.14, 16.39, 16.39, 14.0]
    assert grid.loc[3, "source"] == "synthetic"                         # the store keeps its value
    read_only = target_views.grid_text(target_views.grid_labels(grid, "GRDP", en, "en", periods=cumulative), "en")
    assert read_only.iloc[3].tolist() == ["Quang Ninh Province", "Industry and construction", "Province", "12.15",
                                          "13.15", "15.16", "16.20"]
    assert read_only.iloc[0][["scope", "Q1", "Y"]].tolist() == ["Central", "–", "12.50"]
    # the documents: a range low-high, the day a revision took effect (blank for 1 January), the document in words
    docs = target_views.documents_frame(grid, "GRDP", en, "en")
    assert docs.iloc[[0, 3, -2, -1]].values.tolist() == [
        ["Quang Ninh Province", "GRDP", "Central", "12.50", "", "Nghị quyết 25/NQ-CP (02/2025)"],
        ["Quang Ninh Province", "Industry and construction", "Province", "16.20", "", "Demo data"],
        ["Viet Nam", "GRDP", "Central", "8.00", "2025-02-08", "Nghị quyết 25/NQ-CP ngày 05/02/2025"],
        ["Viet Nam", "GRDP", "Central", "8.30–8.50", "2025-08-05", "Nghị quyết 226/NQ-CP ngày 05/08/2025"]]
    # an indicator other than GRDP: its whole is 'Total', not the name of GRDP
    assert target_views.grid_labels(budget, "BUDGET_REV", en, "en").iloc[0][["unit", "sector"]].tolist() == [
        "Quang Ninh Province", "Total"]
    editor = target_views.grid_labels(grid, "GRDP", vi, "vi", codes=True, periods=quarter)
    widths = target_views.grid_widths(entries.grid_entries(editor, "vi"), target_views.grid_columns(
        "vi", codes=True, periods=quarter), editable=True)
    name_px = fitting.text_px("Nông, lâm nghiệp và thủy sản", 14) * target_views.GRID_SCALE
    assert widths["sector"] == round(name_px) + 18                             # the longest name shows whole
    assert sum(widths.values()) <= 1024 - 2 * 20       # the editor fits a 1024 px page (20 px of padding each side)
    assert widths["Q1"] < widths["Q3"]                                         # 'Quý III' is wider than 'Quý I'
    assert target_views.grid_columns("en", codes=True) == {
        "unit": "Unit", "sector": "Sector", "scope": "Scope", "codes": "Codes", "Q1": "Q1", "Q2": "Q2", "Q3": "Q3",
        "Q4": "Q4", "H1": "6 months", "9M": "9 months", "Y": "Full year"}


def test_the_history_names_each_target_in_words(demo_copy):
    """Issue 12: the history read '22 / KV2 / provincial / H1'."""
    with Store(demo_copy) as s:
        grid = te.grid(te.in_force(s, "GRDP", 2025))
        edited = grid.assign(H1=grid["H1"].where(grid["sector_code"] != "KV2", 14.3))
        batch, _ = te.save_grid(s, grid, edited, "GRDP", 2025, "analyst1", "2545-CV/TU")
        history = te.history(s, "GRDP", 2025)
        vi, en = reference.labels(s, "vi"), reference.labels(s, "en")
    row = target_views.history_frame(history, "GRDP", vi, "vi").iloc[0]
    assert row.drop("Thời điểm").tolist() == [batch, "analyst1", "Tỉnh Quảng Ninh", "Công nghiệp và xây dựng", "Tỉnh",
                                              "6 tháng", "13,15", "14,30", "2545-CV/TU", "Đang áp dụng"]
    shown = target_views.history_frame(history, "GRDP", en, "en")
    central = shown[((history["scope"] == "central") & (history["unit_code"] == "22")).to_numpy()]
    assert central[["Unit", "Sector", "Scope", "Period", "Source document"]].values.tolist() == [
        ["Quang Ninh Province", "GRDP", "Central", "Full year", "Nghị quyết 25/NQ-CP (02/2025)"]]


def test_a_refused_change_names_the_target_in_words(demo_copy):
    with Store(demo_copy) as s:
        grid = te.grid(te.in_force(s, "GRDP", 2025))
        with pytest.raises(ValidationError) as exc:
            te.save_grid(s, grid, grid.assign(Q1=grid["Q1"].where(grid["sector_code"] != "KV1")), "GRDP", 2025, "u",
                         "doc")
        names = reference.labels(s, "vi")
    assert views.problem_text(exc.value.problems[0], names, "vi") == (
        "Không xóa được giá trị Quý I của Tổng sản phẩm trên địa bàn (giá so sánh 2010) · Tỉnh Quảng Ninh · "
        "Nông, lâm nghiệp và thủy sản · 2025 · Tỉnh; muốn bỏ, hãy hoàn tác lần ghi đã thêm nó.")
    problem = paths.check_paths(rows("GRDP,22,KV1,2026,Q1,3,provincial,", "GRDP,22,KV1,2026,Y,4,provincial,"))[0]
    assert views.problem_text(problem, names, "vi").endswith(
        "thiếu kỳ 6 tháng, 9 tháng.")
