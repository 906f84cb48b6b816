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
    out = run_cli("ingest", str(jump), "--lang", "en", db=demo_copy)
    assert out.returncode == 0, out.stderr
    assert "1 warning(s) (loaded anyway):" in out.stderr
    assert "row 2, column value, value '9000': Change of" in out.stderr and "beyond ±50%" in out.stderr
    assert "Loaded 1 rows from jump.csv" in out.stdout


def test_strict_turns_warnings_into_errors(run_cli, demo_copy, tmp_path):
    jump = write(tmp_path, "jump.csv", "FDI,22,TOTAL,2025,4,9000,estimate\n")
    before = snapshot(demo_copy)
    out = run_cli("ingest", str(jump), "--strict", "--lang", "en", db=demo_copy)
    assert out.returncode == 1
    assert out.stderr.splitlines()[0] == ("jump.csv not loaded (--strict): 1 warning(s) count as errors. "
                                          "The database is unchanged.")
    assert snapshot(demo_copy) == before


def test_a_lower_vintage_needs_yes(run_cli, demo_copy, tmp_path):
    est = write(tmp_path, "old.csv", "GRDP,22,TOTAL,2024,4,1,estimate\n")  # 2024 Q4 is official in the demo
    before = snapshot(demo_copy)
    out = run_cli("ingest", str(est), "--lang", "en", db=demo_copy)
    assert out.returncode == 1 and "Run again with --yes to keep them as history" in out.stderr
    assert snapshot(demo_copy) == before
    out = run_cli("ingest", str(est), "--yes", "--lang", "en", db=demo_copy)
    assert out.returncode == 0, out.stderr
    r = json.loads(run_cli("status", "--year", "2024", "--quarter", "4", "--json", db=demo_copy).stdout)
    assert round(r["ytd_growth_pct"], 2) == 8.42                          # the official figure stays in force


def test_excel_files_load_from_the_command_line(run_cli, demo_copy):
    out = run_cli("ingest", str(GOOD / "excel_vietnamese_headers.xlsx"), db=demo_copy)
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
