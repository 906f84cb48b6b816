"""Statistics office tables load without reshaping by hand: each file of the corpus (tests/fixtures/
make_office_corpus.py) loads to exactly its canonical rows; the preview says what was worked out and how; a layout
corrected once is remembered for the next quarter's file, on the page and the command line alike."""

from __future__ import annotations

import json

import pytest

from conftest import new_store
from monitor.core.errors import ValidationError
from monitor.core.reference import labels
from monitor.core.store import Store
from monitor.upload import ingest, layout_memory, layout_views, office
from monitor.upload.office import LayoutProblems
from monitor.upload.table import Hints
from tests.fixtures.make_office_corpus import HEAD, Q3, SECTORS, VI_NAMES, corpus, long_rows, rows_of, xlsx

COLUMNS = ["indicator", "unit_code", "sector_code", "year", "quarter", "value", "vintage"]
CASES = {case.name: case for case in corpus()}


def loaded(prepared) -> list[tuple]:
    return sorted(tuple(r) for r in prepared.rows[COLUMNS].itertuples(index=False))


def seeded(tmp_path, body: str | None):
    store = new_store(tmp_path / "office.duckdb")
    if body:
        (tmp_path / "seed.csv").write_text(HEAD + "\n" + body, encoding="utf-8")
        ingest.load_observations(store, tmp_path / "seed.csv", "seed")
    return store


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_office_table_loads_to_exactly_its_rows(tmp_path, name):
    case = CASES[name]
    with seeded(tmp_path, case.stored) as store:
        prepared = ingest.prepare_observations(store, case.data, name, ingest.Options(**case.options))
        assert loaded(prepared) == sorted(case.rows)
        batch = ingest.write_batch(store, prepared, user="lan", confirm_warnings=True)
        stored = store.con.execute("SELECT indicator, unit_code, sector_code, year, quarter, value, vintage "
                                   "FROM observations WHERE batch_id = $b ORDER BY ALL", {"b": batch}).fetchall()
    assert stored == sorted(case.rows)


def test_the_corpus_covers_the_shapes_offices_publish():
    assert sorted(CASES) == [
        "communes_by_district.xlsx", "cumulative.xlsx", "cumulative_from_store.csv", "level_and_rate.xlsx",
        "lost_zero_codes.xlsx", "merged_headers.xlsx", "second_sheet.xlsx", "title_and_notes.csv",
        "units_in_millions.csv", "wide_by_period.xlsx", "wide_by_sector.csv", "windows_1258.csv"]


def test_cumulative_columns_become_quarters_and_the_preview_says_how(tmp_path):
    with seeded(tmp_path, None) as store:
        p = ingest.prepare_observations(store, CASES["cumulative.xlsx"].data, "cumulative.xlsx")
    assert [n.message("en") for n in p.notes] == [
        "5 figure(s) of Q2 2025 worked out as cumulative column C minus B of the table.",
        "5 figure(s) of Q3 2025 worked out as cumulative column D minus C of the table."]
    assert [n.message("vi") for n in p.notes][1] == (
        "5 số liệu quý 3/2025 tính bằng cột lũy kế D trừ C của bảng.")
    kv2 = p.rows[(p.rows["sector_code"] == "KV2") & (p.rows["quarter"] == 3)].iloc[0]
    assert (kv2["value"], kv2["source"]) == (25000.0, "Lũy kế!D6 − C6")       # 69500.6 - 44500.6, exactly


def test_a_cumulative_column_takes_the_earlier_quarters_in_force_from_the_store(tmp_path):
    case = CASES["cumulative_from_store.csv"]
    with seeded(tmp_path, case.stored) as store:
        p = ingest.prepare_observations(store, case.data, case.name)
    assert [n.message("en") for n in p.notes] == [
        "5 figure(s) of Q3 2025 worked out as cumulative column B minus the figures in force for Q1, 2 2025."]
    assert p.counts == {"new": 5, "revised": 0, "unchanged": 0, "downgrade": 0}
    assert set(p.rows["source"]) == {f"B{n} − Q1,2 in force" for n in range(4, 9)}


def test_without_the_earlier_quarters_a_cumulative_column_is_refused_with_the_quarters_it_needs(tmp_path):
    with seeded(tmp_path, None) as store, pytest.raises(ValidationError) as caught:
        ingest.prepare_observations(store, CASES["cumulative_from_store.csv"].data, "9_thang.csv")
    first = caught.value.problems[0]
    assert (first.row, first.column) == (4, "B4")
    assert first.message("en").startswith("This cumulative column becomes Q3 2025 only with the quarters before it; "
                                          "Q1, 2 2025 is in neither the file nor the database.")


def test_a_growth_column_that_disagrees_with_its_levels_is_a_warning_naming_the_row(tmp_path):
    with seeded(tmp_path, None) as store:
        p = ingest.prepare_observations(store, CASES["level_and_rate.xlsx"].data, "level_and_rate.xlsx")
    mismatch = [w for w in p.warnings if w.code == "layout.warn.rate_mismatch"]
    assert [(w.row, w.column, w.value) for w in mismatch] == [(7, "Biểu 3!D7", "109.59")]
    assert mismatch[0].message("vi") == ("3. Dịch vụ: tốc độ tính lại từ các giá trị là 9,09%, bảng ghi 9,59% "
                                         "(chênh 0,50 điểm %, quá 0,05). Kiểm tra cột tốc độ hoặc cột giá trị.")
    roles = {c["column"]: (c["role"], c["period"], c["checks"]) for c in p.office.as_dict()["columns"]}
    assert roles == {"A3": ("label", None, None), "B3": ("compare", "2024Q3", None),
                     "C3": ("value", "2025Q3", None), "D3": ("rate", "2025Q3", "C3")}


def test_group_rows_give_their_communes_context_and_are_not_loaded(tmp_path):
    with seeded(tmp_path, None) as store:
        p = ingest.prepare_observations(store, CASES["communes_by_district.xlsx"].data, "xa.xlsx")
    rows = {r["label"]: (r["code"], r["kind"], r["how"], r["group"]) for r in p.office.as_dict()["rows"]}
    assert rows["II. Huyện Tiên Yên"] == ("199", "group", "name", None)
    assert rows["Tiên Yên"] == ("06862", "data", "context", "199")        # the commune, not the former district
    assert rows["Hiệp Hoà"] == ("07147", "data", "context", "206")        # "Hoà" written, "Hòa" in the list
    assert rows["Phuong Bai Chay"] == ("06673", "data", "context", "193")  # without diacritics
    assert rows["Toàn tỉnh"] == ("22", "data", "alias", None)
    assert p.office.layout.measure == ("ty dong", -3)                      # Triệu đồng: divided by 1,000


def test_codes_that_lost_their_zero_in_a_long_file_are_restored_and_shown(tmp_path):
    body = "".join(f"GRDP,{code},TOTAL,2025,{q},{100 + q},estimate\n" for code in ("6652", "6658", "6661")
                   for q in (1, 2, 3)) + "GRDP,06673,TOTAL,2025,1,50,estimate\n"
    with seeded(tmp_path, None) as store:
        p = ingest.prepare_observations(store, (HEAD + "\n" + body).encode(), "export.csv")
    assert sorted(set(p.rows["unit_code"])) == ["06652", "06658", "06661", "06673"]
    assert [n.message("en") for n in p.notes] == [
        "Unit code 6652 had lost its leading zero: read as 06652 (3 row(s): 2, 3, 4).",
        "Unit code 6658 had lost its leading zero: read as 06658 (3 row(s): 5, 6, 7).",
        "Unit code 6661 had lost its leading zero: read as 06661 (3 row(s): 8, 9, 10)."]


def test_270_codes_without_their_zero_are_one_note_each_not_270_errors(tmp_path):
    body = "".join(f"GRDP,6652,TOTAL,{y},{q},{1000 + y % 10 * 4 + q},official\n" for y in range(2019, 2025)
                   for q in range(1, 5))
    body = body * 1 + "".join(f"GRDP,{c},TOTAL,2024,{q},{200 + q},official\n" for c in (
        "6658", "6661", "6673", "6676", "6685") for q in range(1, 5))
    with seeded(tmp_path, None) as store:
        p = ingest.prepare_observations(store, (HEAD + "\n" + body).encode(), "edited.csv")
    assert len(p.rows) == 44 and [n.params[2][1] for n in p.notes] == [24, 4, 4, 4, 4, 4]


def test_an_ambiguous_code_is_not_guessed(tmp_path):
    with seeded(tmp_path, None) as store, pytest.raises(ValidationError) as caught:
        ingest.prepare_observations(store, (HEAD + "\nGRDP,99,TOTAL,2025,1,5,estimate\n").encode(), "x.csv")
    assert [(p.row, p.column, p.code) for p in caught.value.problems] == [(2, "unit_code", "err.unknown_unit")]


UNKNOWN_ROW = "Khu công nghiệp Đông Mai"


def quarter_table(quarter: str, values: dict, extra: float) -> bytes:
    """A table an office sends each quarter: one row the store does not know (an industrial park)."""
    rows = [["TỔNG SẢN PHẨM TRÊN ĐỊA BÀN (GRDP) - ƯỚC TÍNH"], ["Đơn vị tính: Tỷ đồng"], ["Chỉ tiêu", quarter]]
    rows += [[name, float(values[s])] for s, name in zip(SECTORS, VI_NAMES)] + [[UNKNOWN_ROW, extra]]
    return xlsx([("Biểu 1", rows)])


def test_a_table_that_needs_help_shows_what_was_understood_and_a_saved_correction_is_used_next_quarter(tmp_path):
    q3 = quarter_table("Quý III/2025", Q3, 1200.0)
    with seeded(tmp_path, None) as store:
        with pytest.raises(LayoutProblems) as caught:
            ingest.prepare_observations(store, q3, "bieu1_q3.xlsx")
        found = caught.value.office
        problem = caught.value.problems[0]
        assert (problem.row, problem.column, problem.value) == (9, "Biểu 1!A9", UNKNOWN_ROW)
        assert problem.message("en").startswith(f'"{UNKNOWN_ROW}" matches no sector (by code or name). Choose its '
                                                'sector in the upload page\'s "Table layout"')
        understood = found.as_dict()
        assert (understood["header_rows"], understood["rows_are"], understood["indicator"], understood["fixed"]) == (
            [3], "sector", "GRDP", "22")
        form = layout_views.form(found, labels(store, "en"), "en")
        assert form.needs_help and form.rows.iloc[-1].tolist() == ["9", UNKNOWN_ROW, "? unknown", "no match"]
        edited = form.rows.copy()
        edited.iloc[-1, 2] = "— leave this row out"
        spec = layout_views.spec(found, form, form.columns, edited, {}, "en")
        assert spec == {"columns": {}, "rows": {"khu cong nghiep dong mai": "-"}}
        layout_memory.save(store, found.signature, spec, "bieu1_q3.xlsx", "lan")
        p = ingest.prepare_observations(store, q3, "bieu1_q3.xlsx")
        assert loaded(p) == sorted(rows_of(3, Q3, "estimate"))
        # next quarter: another period, another figure in the unknown row; the same layout loads without questions
        q4 = quarter_table("Quý IV/2025", {s: float(v) + 100 for s, v in Q3.items()} | {"TOTAL": 50600}, 1300.0)
        p4 = ingest.prepare_observations(store, q4, "bieu1_q4.xlsx")
        assert p4.office.signature == found.signature and p4.office.saved["saved_by"] == "lan"
        assert sorted(p4.rows["quarter"].unique()) == [4] and len(p4.rows) == 5


def test_the_command_line_uses_the_saved_layout_and_takes_what_a_title_does_not_say(run_cli, tmp_path):
    db = tmp_path / "office.duckdb"
    new_store(db).close()
    q3 = tmp_path / "bieu1_q3.xlsx"
    rows = [["Chỉ tiêu", "Quý III/2025"]] + [[name, float(Q3[s])] for s, name in zip(SECTORS, VI_NAMES)]
    q3.write_bytes(xlsx([("Biểu 1", rows)]))
    out = run_cli("ingest", str(q3), "--lang", "en", db=db)
    assert out.returncode == 1 and "The table does not say which indicator it holds" in out.stderr
    assert "The vintage of this column is unknown" in out.stderr
    out = run_cli("ingest", str(q3), "--indicator", "GRDP", "--vintage", "estimate", "--dry-run", "--json",
                  "--lang", "en", db=db)
    report = json.loads(out.stdout)
    assert out.returncode == 0 and report["would_load"] and len(report["rows"]) == 5
    with Store(db) as s:  # what the page's "Save this layout" does
        sig = office.read(s, q3.read_bytes(), q3.name, Hints("GRDP", "estimate")).signature
        layout_memory.save(s, sig, {"indicator": "GRDP", "vintage": "estimate"}, q3.name, "lan")
    out = run_cli("ingest", str(q3), "--lang", "en", db=db)
    assert out.returncode == 0, out.stderr
    assert "Loaded 5 rows from bieu1_q3.xlsx" in out.stdout
    assert 'Read as: a statistics office table, sheet "Biểu 1", column headings on row 1' in out.stdout


def test_a_long_file_is_never_taken_for_an_office_table(tmp_path):
    with seeded(tmp_path, None) as store:
        p = ingest.prepare_observations(store, (HEAD + "\n" + long_rows(rows_of(3, Q3, "estimate"))).encode(),
                                        "long.csv")
    assert p.office is None and loaded(p) == sorted(rows_of(3, Q3, "estimate"))
