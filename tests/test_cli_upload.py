"""The command line uses the page's reader, rules and messages: warnings, --strict, --yes, busy retries,
history and rollback. Run in this process through conftest's run_cli; the busy store is held by a second process."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from test_cli import snapshot

from conftest import FIXTURES
from monitor.core.store import Store

GOOD = FIXTURES / "upload_good"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text("indicator,unit_code,sector_code,year,quarter,value,vintage\n" + text)
    return path


def test_warnings_are_printed_and_the_load_goes_on(run_cli, demo_copy, tmp_path):
    jump = write(tmp_path, "jump.csv", "FDI,22,TOTAL,2025,4,9000,estimate\n")
    out = run_cli("ingest", str(jump), "--accept-jumps", "--lang", "en", db=demo_copy)  # a jump: said so by name
    assert out.returncode == 0, out.stderr
    assert "1 warning(s) (loaded anyway):" in out.stderr
    assert "row 2, column value, value '9000': Change of" in out.stderr and "beyond ±50%" in out.stderr
    assert "Loaded 1 rows from jump.csv" in out.stdout


def test_strict_turns_warnings_into_errors(run_cli, demo_copy, tmp_path):
    jump = write(tmp_path, "jump.csv", "FDI,22,TOTAL,2025,4,9000,estimate\n")
    before = snapshot(demo_copy)
    out = run_cli("ingest", str(jump), "--strict", "--accept-jumps", "--lang", "en", db=demo_copy)
    assert out.returncode == 1
    assert out.stderr.splitlines()[0] == ("jump.csv not loaded (--strict): 1 warning(s) count as errors. "
                                          "The database is unchanged.")
    assert snapshot(demo_copy) == before


def test_a_lower_vintage_needs_yes(run_cli, demo_copy, tmp_path):
    est = write(tmp_path, "old.csv", "GRDP,22,TOTAL,2024,4,47445.4,estimate\n")  # official in the demo
    before = snapshot(demo_copy)
    out = run_cli("ingest", str(est), "--lang", "en", db=demo_copy)
    assert out.returncode == 1 and "Run again with --yes to keep them as history" in out.stderr
    assert snapshot(demo_copy) == before
    out = run_cli("ingest", str(est), "--yes", "--lang", "en", db=demo_copy)
    assert out.returncode == 0, out.stderr
    r = json.loads(run_cli("status", "--year", "2024", "--quarter", "4", "--json", db=demo_copy).stdout)
    assert round(r["ytd_growth_pct"], 2) == 8.42                          # the official figure stays in force


def test_excel_files_load_from_the_command_line(run_cli, tmp_path):
    # the file revises KV2 and KV3 without the sections the demo holds beneath them: a store without figures
    out = run_cli("ingest", str(GOOD / "excel_vietnamese_headers.xlsx"), db=empty_store(tmp_path))
    assert out.returncode == 0, out.stderr
    assert "[Đã đọc: sổ Excel (.xlsx), trang tính \"Sheet\"]" in out.stdout


def test_a_busy_store_is_retried_until_it_is_free(run_cli, demo_copy):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time, duckdb; c = duckdb.connect(sys.argv[1], read_only=True); "
         "print('open', flush=True); time.sleep(3)", str(demo_copy)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        out = run_cli("ingest", str(FIXTURES / "revision_2025q4.csv"), "--lang", "en", "--wait", "60", db=demo_copy)
    finally:
        holder.wait(30)
    assert out.returncode == 0, out.stderr
    assert "is busy (the dashboard or another load holds it); retrying" in out.stderr
    assert "Loaded 5 rows from revision_2025q4.csv" in out.stdout


def test_history_and_rollback_from_the_command_line(run_cli, demo_copy):
    before = snapshot(demo_copy)["observations"]
    assert run_cli("ingest", str(FIXTURES / "revision_2025q4.csv"), "--user", "lan", db=demo_copy).returncode == 0
    rows = json.loads(run_cli("history", "--json", db=demo_copy).stdout)
    assert [(r["batch_id"], r["user_name"], r["outcome"], r["rows_revised"]) for r in rows][0] == (3, "lan",
                                                                                                    "loaded", 5)
    dry = run_cli("rollback", "3", "--lang", "en", db=demo_copy)
    assert dry.returncode == 1 and "Rolling back batch 3 changes 5 figure(s) in force:" in dry.stdout
    assert "GRDP 22 TOTAL Q4 2025: 53,600.0 -> 53,499.8" in dry.stdout
    done = run_cli("rollback", "3", "--yes", "--reason", "sent twice", "--user", "lan", "--lang", "en", db=demo_copy)
    assert done.returncode == 0 and "Batch 3 rolled back" in done.stdout
    r = json.loads(run_cli("status", "--year", "2025", "--quarter", "4", "--json", db=demo_copy).stdout)
    assert round(r["ytd_growth_pct"], 2) == 11.89
    with Store(demo_copy, read_only=True) as s:
        assert s.con.sql("SELECT count(*) FROM observations").fetchall()[0][0] == len(before) + 5
    again = run_cli("rollback", "3", "--yes", "--lang", "en", db=demo_copy)
    assert again.returncode == 1 and "was already rolled back" in again.stderr


@pytest.mark.parametrize("name", ["decimal_comma_in_point_file.csv", "former_district_after_2025q2.csv",
                                  "wrong_encoding_utf16.csv", "formula_in_excel.xlsx"])
def test_the_command_line_prints_the_same_messages_as_the_page(run_cli, demo_copy, name):
    from monitor.core.errors import ValidationError
    from monitor.upload import ingest

    path = FIXTURES / "upload_bad" / name
    with Store(demo_copy) as s, pytest.raises(ValidationError) as caught:
        ingest.prepare_observations(s, path.read_bytes(), name)
    before = snapshot(demo_copy)
    out = run_cli("ingest", str(path), "--lang", "vi", db=demo_copy)
    assert out.returncode == 1
    for problem in caught.value.problems:
        assert problem.message("vi") in out.stderr
    assert snapshot(demo_copy) == before


def test_the_figures_in_force_are_exported_and_load_back_unchanged(run_cli, demo_copy, tmp_path):
    out_file = tmp_path / "q4.xlsx"
    out = run_cli("export", "--year", "2025", "--quarter", "4", "--indicator", "GRDP", "--unit", "22", "--lang",
                  "en", "--out", str(out_file), db=demo_copy)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"Wrote 25 figures in force for Q4 2025 to {out_file}."
    before = snapshot(demo_copy)
    dry = run_cli("ingest", str(out_file), "--dry-run", "--json", "--lang", "en", db=demo_copy)
    report = json.loads(dry.stdout)
    assert dry.returncode == 0 and report["would_load"] is True
    assert report["counts"] == {"new": 0, "revised": 0, "unchanged": 25, "downgrade": 0}
    assert snapshot(demo_copy) == before
    none = run_cli("export", "--year", "2030", "--quarter", "1", "--lang", "en", "--out", str(tmp_path / "x.csv"),
                   db=demo_copy)
    assert none.returncode == 1 and not (tmp_path / "x.csv").exists()
    assert none.stderr.strip() == "No figures in force for Q1 2030 (indicator *, unit *); no file written."


def test_a_dry_run_prints_what_would_be_loaded_as_json_and_loads_nothing(run_cli, demo_copy, tmp_path):
    path = tmp_path / "revision.csv"  # 2025 Q4 in the demo: budget revenue 25492.8, IIP 16.38 (estimates)
    path.write_text("indicator,unit_code,sector_code,year,quarter,value,vintage,source\n"
                    "BUDGET_REV,22,TOTAL,2025,4,25500.25,preliminary,Sở Tài chính\n"
                    "IIP,22,TOTAL,2025,4,16.38,estimate,\n", encoding="utf-8")
    before = snapshot(demo_copy)
    # the demo's budget revenue of 2025 Q4 is +51.5% on 2024 Q4: a jump the analyst accepts by name
    refused = run_cli("ingest", str(path), "--dry-run", "--json", "--lang", "en", db=demo_copy)
    assert refused.returncode == 1 and json.loads(refused.stdout)["would_load"] is False
    assert "--accept-jumps" in json.loads(refused.stdout)["problems"][-1]["message"]
    out = run_cli("ingest", str(path), "--dry-run", "--json", "--accept-jumps", "--lang", "en", db=demo_copy)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert list(report) == ["file", "read_as", "layout", "counts", "rows", "warnings", "problems", "would_load"]
    assert report["read_as"] == "Read as: UTF-8, separator ',', decimal point"
    assert report["layout"] == {"sheet": None, "sheets": [], "header_row": 1, "hidden_rows_skipped": [],
                                "percent_cells": 0, "columns": [{"header": c, "column": c} for c in (
                                    "indicator", "unit_code", "sector_code", "year", "quarter", "value", "vintage",
                                    "source")]}
    assert report["counts"] == {"new": 0, "revised": 1, "unchanged": 1, "downgrade": 0}
    assert report["rows"] == [
        {"row": 2, "indicator": "BUDGET_REV", "unit_code": "22", "sector_code": "TOTAL", "year": 2025, "quarter": 4,
         "value": 25500.25, "vintage": "preliminary", "source": "Sở Tài chính", "change": "revised",
         "old_value": 25492.8, "old_vintage": "estimate"},
        {"row": 3, "indicator": "IIP", "unit_code": "22", "sector_code": "TOTAL", "year": 2025, "quarter": 4,
         "value": 16.38, "vintage": "estimate", "source": None, "change": "unchanged", "old_value": 16.38,
         "old_vintage": "estimate"}]
    assert report["problems"] == [] and report["would_load"] is True
    assert snapshot(demo_copy) == before
    text = run_cli("ingest", str(path), "--dry-run", "--accept-jumps", "--lang", "en", db=demo_copy)
    assert text.returncode == 0 and text.stdout.startswith(
        "Dry run: 2 rows of revision.csv would be loaded: 0 new, 1 revised, 1 unchanged, 0 kept as history. "
        "Nothing was written.")
    assert snapshot(demo_copy) == before


def test_a_dry_run_reads_while_the_dashboard_holds_the_store_for_writing(run_cli, demo_copy):
    """A dry run writes nothing: it opens the store read-only (a consistent copy while another process holds it
    read-write), so it neither waits for the dashboard nor says the store is busy."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time, duckdb; c = duckdb.connect(sys.argv[1]); "
         "print('open', flush=True); time.sleep(30)", str(demo_copy)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        out = run_cli("ingest", str(FIXTURES / "revision_2025q4.csv"), "--dry-run", "--json", "--lang", "en",
                      "--wait", "0", db=demo_copy)
    finally:
        holder.kill()
        holder.wait(30)
    assert out.returncode == 0, out.stderr
    assert "busy" not in out.stderr
    assert json.loads(out.stdout)["would_load"] is True


def test_a_dry_run_of_a_bad_file_lists_its_problems_and_exits_1(run_cli, demo_copy):
    out = run_cli("ingest", str(FIXTURES / "upload_bad" / "non_numeric.csv"), "--dry-run", "--json", "--lang", "en",
                  db=demo_copy)
    assert out.returncode == 1
    report = json.loads(out.stdout)
    assert report["rows"] == [] and report["would_load"] is False
    assert report["read_as"] == "Read as: UTF-8, separator ',', decimal point"
    assert report["problems"] == [{"row": 3, "column": "value", "value": "n/a", "severity": "error",
                                   "message": "Not a valid number (use a decimal point, e.g. 123456.7)."}]
    unread = run_cli("ingest", str(FIXTURES / "upload_bad" / "wrong_encoding_utf16.csv"), "--dry-run", "--json",
                     db=demo_copy)
    assert unread.returncode == 1 and json.loads(unread.stdout)["read_as"] is None
    older = run_cli("ingest", str(FIXTURES / "revision_2025q4.csv"), "--dry-run", "--json", "--lang", "en",
                    db=demo_copy)
    report = json.loads(older.stdout)  # a revision of the demo's 2025 Q4 that keeps each TOTAL the sum of its parts
    assert older.returncode == 0 and report["would_load"] is True


def empty_store(tmp_path):
    """A store with the reference lists and no figures (a file of KV1-KV3 alone is consistent with it)."""
    from conftest import new_store

    new_store(tmp_path / "empty.duckdb").close()
    return tmp_path / "empty.duckdb"


def test_the_sheet_option_reads_the_named_sheet_and_never_a_hidden_one(run_cli, demo_copy, tmp_path):
    wrong = FIXTURES / "upload_bad" / "data_on_second_sheet.xlsx"
    out = run_cli("ingest", str(wrong), "--lang", "en", db=demo_copy)
    assert out.returncode == 1 and '--sheet "Số liệu"' in out.stderr
    out = run_cli("ingest", str(wrong), "--sheet", "Số liệu", "--dry-run", "--include-parents", "--lang", "en",
                  db=demo_copy)
    assert out.returncode == 1 and "KV2 of unit 22, Q4 2025 is 27,350 in the file" in out.stderr  # sections stored
    out = run_cli("ingest", str(wrong), "--sheet", "Số liệu", "--dry-run", "--lang", "en", db=empty_store(tmp_path))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith('[Read as: Excel workbook (.xlsx), sheet "Số liệu"]')
    hidden = run_cli("ingest", str(GOOD / "hidden_first_sheet.xlsx"), "--sheet", "Cũ", "--lang", "en", db=demo_copy)
    assert hidden.returncode == 1 and 'Sheet "Cũ" is hidden; hidden sheets are never read' in hidden.stderr
