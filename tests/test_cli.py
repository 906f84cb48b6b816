"""The command line: `python -m monitor ...` run in this process through conftest's run_cli (the same parser and
exit codes, without a new interpreter per call). A few tests start `python -m monitor` as a user does, where the
separate process is the point: the end-to-end smoke test and the store held by another process."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import FIXTURES
from monitor.core.store import ROOT, Store


def cli_process(*args, db=None):
    """`python -m monitor ...` in a subprocess, as a user runs it."""
    cmd = [sys.executable, "-m", "monitor", *args] + (["--db", str(db)] if db else [])
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)


SNAPSHOT = {  # every table a load could touch, whole
    "observations": "SELECT * FROM observations ORDER BY ALL",
    "targets": "SELECT * FROM targets ORDER BY ALL",
    "load_batches": "SELECT * FROM load_batches ORDER BY ALL",
    "units": "SELECT * FROM units ORDER BY ALL",
}


def snapshot(db):
    with Store(db, read_only=True) as s:
        return {table: s.con.sql(query).fetchall() for table, query in SNAPSHOT.items()}


def test_init_is_safe_to_run_twice(run_cli, tmp_path):
    db = tmp_path / "m.duckdb"
    assert run_cli("init", db=db).returncode == 0
    first = snapshot(db)
    again = run_cli("init", db=db)
    assert again.returncode == 0 and snapshot(db) == first


def test_init_demo_loads_once(run_cli, demo_copy):
    out = run_cli("init", "--demo", "--lang", "en", db=demo_copy)
    assert out.returncode == 0
    assert "Demo data already loaded" in out.stdout


def test_status_json_gives_the_published_quang_ninh_path(run_cli, demo_db):
    path = {(2024, 4): 8.42, (2025, 1): 10.91, (2025, 2): 11.03, (2025, 3): 11.66, (2025, 4): 11.89}
    for (year, quarter), published in path.items():
        out = run_cli("status", "--year", str(year), "--quarter", str(quarter), "--json", db=demo_db)
        assert out.returncode == 0, out.stderr
        r = json.loads(out.stdout)
        assert round(r["ytd_growth_pct"], 2) == published


def test_status_json_has_the_documented_fields(run_cli, demo_db):
    r = json.loads(run_cli("status", "--year", "2025", "--quarter", "2", "--json", db=demo_db).stdout)
    assert {"indicator", "unit_code", "year", "quarter", "quarter_growth_pct", "ytd_growth_pct", "targets",
            "sectors", "units"} <= set(r)
    t = {x["scope"]: x for x in r["targets"]}
    assert set(t["provincial"]) >= {"scope", "annual_pct", "period_pct", "gap_pp", "required_rest_of_year_pct"}
    # Q1 10.5% and Q2 12.14% are quarter scenarios; 6 months' is their 2024-weighted sum:
    # (39299.7 * 1.105 + 43579.1 * 1.1214) / 82878.8 - 1 = 92295.7712 / 82878.8 - 1 = 11.36%, and 11.03 - 11.36
    assert round(t["provincial"]["period_pct"], 2) == 11.36 and round(t["provincial"]["gap_pp"], 2) == -0.33
    assert set(t["provincial"]) >= {"quarter_period_pct", "quarter_gap_pp", "annual_high_pct", "effective_date"}
    assert t["provincial"]["quarter_period_pct"] == 12.14       # Q2 alone, against Q2's own growth
    assert t["provincial"]["quarter_gap_pp"] == pytest.approx(r["quarter_growth_pct"] - 12.14, abs=1e-4)
    assert t["central"]["period_pct"] is None and t["central"]["annual_pct"] == 12.5
    sector = next(s for s in r["sectors"] if s["sector_code"] == "KV2")
    assert set(sector) >= {"sector_code", "quarter_growth_pct", "ytd_growth_pct", "quarter_contribution_pp",
                           "ytd_contribution_pp", "quarter_share_of_increase_pct", "ytd_share_of_increase_pct",
                           "status", "trend", "reason"}
    assert next(s for s in r["sectors"] if s["sector_code"] == "TAX")["ytd_share_of_increase_pct"] is None
    assert len(r["units"]) == 54
    assert set(r["units"][0]) >= {"unit_code", "ytd_growth_pct", "target_pct", "gap_pp", "status", "trend",
                                  "reason"}


def test_former_districts_stop_at_2025_q2(run_cli, demo_db):
    q2 = json.loads(run_cli("status", "--year", "2025", "--quarter", "2", "--unit-level", "former_district",
                            "--json", db=demo_db).stdout)
    q3 = json.loads(run_cli("status", "--year", "2025", "--quarter", "3", "--unit-level", "former_district",
                            "--json", db=demo_db).stdout)
    assert len(q2["units"]) == 13
    assert all(u["status"] == "no_data" for u in q3["units"])


def test_plan_and_rate_indicators(run_cli, demo_db):
    budget = json.loads(run_cli("status", "--year", "2025", "--quarter", "4", "--indicator", "BUDGET_REV",
                                "--json", db=demo_db).stdout)
    plan = budget["targets"][0]
    assert budget["ytd_value"] == 82235.0 and plan["plan_value"] == 57330.0
    assert round(plan["pct_of_plan"], 2) == round(82235 / 57330 * 100, 2) == 143.44
    assert plan["status"] == "on_track"
    retail = json.loads(run_cli("status", "--year", "2025", "--quarter", "2", "--indicator", "RETAIL", "--json",
                                db=demo_db).stdout)
    assert retail["ytd_growth_pct"] == 18.1


@pytest.mark.parametrize("bad", ["bad_unknown_codes.csv", "bad_extra_cells.csv", "bad_total_mismatch.csv",
                                 "bad_types.csv", "bad_former_district.csv", "bad_duplicate.csv"])
def test_a_bad_file_is_refused_with_every_problem_and_changes_nothing(run_cli, demo_copy, bad):
    before = snapshot(demo_copy)
    out = run_cli("ingest", str(FIXTURES / bad), "--lang", "en", db=demo_copy)
    assert out.returncode == 1
    assert "not loaded" in out.stderr and "The database is unchanged" in out.stderr
    assert snapshot(demo_copy) == before


def test_bad_file_messages_name_row_column_value_and_problem(run_cli, demo_copy):
    out = run_cli("ingest", str(FIXTURES / "bad_unknown_codes.csv"), "--lang", "en", db=demo_copy)
    lines = out.stderr.strip().splitlines()
    assert lines[0] == "bad_unknown_codes.csv not loaded: 3 error(s). The database is unchanged."
    assert "row 2, column indicator, value 'GRDPX': Unknown indicator code" in lines[1]
    assert lines[2] == "row 3, column unit_code, value '99999': Unknown unit code."
    assert lines[3].startswith("row 4, column sector_code, value 'KV9': Unknown sector code")
    vi = run_cli("ingest", str(FIXTURES / "bad_former_district.csv"), db=demo_copy).stderr
    assert ("dòng 2, cột Mã đơn vị, giá trị '195': Đơn vị 195 không còn hiệu lực ở quý 3/2025 "
            "(hết hiệu lực 2025-06-30); dùng các đơn vị kế thừa: 06760, 06778, 06781, 06793, 06799.") in vi


def test_a_good_file_loads_as_one_batch_and_revises_the_figure(run_cli, demo_copy):
    out = run_cli("ingest", str(FIXTURES / "revision_2025q4.csv"), "--lang", "en", db=demo_copy)
    assert out.returncode == 0, out.stderr
    assert "Loaded 5 rows from revision_2025q4.csv" in out.stdout and "5 revised" in out.stdout
    r = json.loads(run_cli("status", "--year", "2025", "--quarter", "4", "--json", db=demo_copy).stdout)
    first = json.loads(run_cli("status", "--year", "2025", "--quarter", "4", "--vintage", "first", "--json",
                               db=demo_copy).stdout)
    assert round(r["ytd_growth_pct"], 2) != 11.89   # the preliminary figure now wins
    assert first["ytd_growth_pct"] != r["ytd_growth_pct"]


def test_missing_store_is_reported_plainly(run_cli, tmp_path):
    out = run_cli("status", "--lang", "en", db=tmp_path / "none.duckdb")
    assert out.returncode == 2 and "No database at" in out.stderr


def test_a_load_while_another_process_holds_the_store_says_it_is_busy(run_cli, demo_copy):
    """A second process holds the store; the load runs as `python -m monitor`, so its exit status is the one a
    shell script sees."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time, duckdb; c = duckdb.connect(sys.argv[1], read_only=True); "
         "print('open', flush=True); time.sleep(60)", str(demo_copy)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        out = cli_process("ingest", str(FIXTURES / "revision_2025q4.csv"), "--lang", "en", "--wait", "1",
                          db=demo_copy)
        assert out.returncode == 3
        assert "is busy" in out.stderr and "retrying" in out.stderr
    finally:
        holder.kill()
        holder.wait()
    assert run_cli("ingest", str(FIXTURES / "revision_2025q4.csv"), db=demo_copy).returncode == 0


def test_a_row_with_more_cells_than_the_header_is_refused_not_cut(run_cli, demo_copy):
    before = snapshot(demo_copy)
    out = run_cli("ingest", str(FIXTURES / "bad_extra_cells.csv"), "--lang", "en", db=demo_copy)
    assert out.returncode == 1
    assert "row 3, column –, value 'estimate': The row has more cells than the header (7 columns)" in out.stderr
    assert snapshot(demo_copy) == before


def test_row_numbers_are_file_lines_even_after_a_blank_line(run_cli, demo_copy):
    out = run_cli("ingest", str(FIXTURES / "bad_value_after_blank_line.csv"), "--lang", "en", db=demo_copy)
    assert "row 3, column value, value 'abc': Not a valid number" in out.stderr


def test_help_lists_every_areas_subcommands(run_cli):
    usage = run_cli("--help")
    assert usage.returncode == 0
    for command in ("init", "demo", "ingest", "targets", "history", "rollback", "users", "status", "briefing",
                    "whatif", "shortfall", "targets-export", "targets-history", "targets-revert"):
        assert command in usage.stdout, command


def test_python_m_monitor_runs_end_to_end(demo_db):
    """One real `python -m monitor` start (the other tests run the same main() in this process): the entry
    point, a command's JSON on stdout and the exit status a shell sees."""
    out = cli_process("status", "--year", "2025", "--quarter", "4", "--json", db=demo_db)
    assert out.returncode == 0, out.stderr
    assert round(json.loads(out.stdout)["ytd_growth_pct"], 2) == 11.89
