"""No wrong shape loads silently: year-to-date values where a quarter's belong, a growth rate or an index where a
level belongs, and jumps beyond ±50% are errors on the command line unless accepted by name, and need the tick on the
page; a file holding part of a quarter must leave every parent the sum of its parts in force, or include the parent
corrected."""

from __future__ import annotations

import pytest

from conftest import new_store
from monitor.core.engine import AsOf
from monitor.core.errors import ValidationError
from monitor.core.store import Store
from monitor.leader import status
from monitor.upload import ingest, shape

HEAD = "indicator,unit_code,sector_code,year,quarter,value,vintage\n"
# ward Hà Tu (06652), TOTAL only: 2024 by quarter; 2025's true quarters grow 11.22% over 9 months
LAST_YEAR = "".join(f"GRDP,06652,TOTAL,2024,{q},{v},official\n" for q, v in ((1, 3000), (2, 3400), (3, 3800),
                                                                              (4, 4800)))
QUARTERS_2025 = (3336.0, 3784.0, 4224.44)                   # 11344.44 / 10200 = 1.1122
YEAR_TO_DATE_2025 = (3336.0, 7120.0, 11344.44)              # what a year-to-date export holds instead


@pytest.fixture
def ward(tmp_path) -> str:
    db = tmp_path / "ward.duckdb"
    with new_store(db) as s:
        (tmp_path / "2024.csv").write_text(HEAD + LAST_YEAR)
        ingest.load_observations(s, tmp_path / "2024.csv", "seed")
    return db


def long_file(tmp_path, name: str, values, quarters=(1, 2, 3), unit="06652", sector="TOTAL", year=2025):
    path = tmp_path / name
    path.write_text(HEAD + "".join(f"GRDP,{unit},{sector},{year},{q},{v},estimate\n" for q, v in zip(quarters, values)))
    return path


def test_year_to_date_values_are_named_and_refused_on_the_command_line(run_cli, ward, tmp_path):
    ytd = long_file(tmp_path, "ytd.csv", YEAR_TO_DATE_2025)
    with Store(ward) as s:
        p = ingest.prepare_observations(s, ytd.read_bytes(), ytd.name)
    nine_months = p.ytd_changes[p.ytd_changes["quarter"] == 3].iloc[0]
    assert round(nine_months["after_pct"], 2) == 113.73            # what the dashboard would have shown, not 11.22
    cumulative = [w for w in p.warnings if shape.flag(w) == "cumulative"]
    assert [(w.row, w.code) for w in cumulative] == [(3, "upload.shape.cumulative"), (4, "upload.shape.cumulative")]
    assert cumulative[1].message("en") == (
        "11,344.44 looks like a year-to-date figure, not Q3 2025 alone: it is 2.99 times last year's Q3 (3,800) but "
        "close to last year's Q1–Q3 (10,200). Load the quarter's own figure (a table with a \"9 tháng\" column has "
        "the earlier quarters subtracted for you); if it is the quarter's, tick the confirmation (command line: "
        "--accept-cumulative).")
    out = run_cli("ingest", str(ytd), "--lang", "en", db=ward)
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr.splitlines()[0] == "ytd.csv not loaded: 5 error(s). The database is unchanged."
    assert out.stderr.strip().splitlines()[-1].endswith(
        "Nothing was loaded. If these figures are right as they are, run again with --accept-cumulative "
        "--accept-jumps (or --accept-warnings for every shape warning).")
    out = run_cli("ingest", str(ytd), "--accept-cumulative", "--lang", "en", db=ward)
    assert out.returncode == 1 and "--accept-jumps" in out.stderr.splitlines()[-1]
    out = run_cli("ingest", str(long_file(tmp_path, "quarters.csv", QUARTERS_2025)), "--lang", "en", db=ward)
    assert out.returncode == 0, out.stderr                          # the quarters' own values load as they are
    r = status.report(Store(ward, read_only=True), as_of=AsOf(2025, 3), unit="06652")
    assert round(r["ytd_growth_pct"], 2) == 11.22


def test_year_to_date_values_are_named_in_a_file_that_also_holds_last_year(ward, tmp_path):
    path = tmp_path / "two_years.csv"
    path.write_text(HEAD + LAST_YEAR + "".join(f"GRDP,06652,TOTAL,2025,{q},{v},estimate\n"
                                               for q, v in zip((1, 2, 3), YEAR_TO_DATE_2025)))
    with Store(ward) as s:
        p = ingest.prepare_observations(s, path.read_bytes(), path.name)
    assert [(w.row, w.code) for w in p.warnings if shape.flag(w) == "cumulative"] == [
        (7, "upload.shape.cumulative"), (8, "upload.shape.cumulative")]


def test_a_value_close_to_the_sum_of_the_stored_quarters_so_far_is_named(ward, tmp_path):
    with Store(ward) as s:
        ingest.load_observations(s, long_file(tmp_path, "q.csv", QUARTERS_2025), "lan")
        again = long_file(tmp_path, "h1.csv", [3336.0 + 3784.0], quarters=(2,))
        p = ingest.prepare_observations(s, again.read_bytes(), again.name)
    named = [w for w in p.warnings if w.code == "upload.shape.cumulative_stored"]
    assert named[0].message("en").startswith("7,120 is close to the sum of Q1–Q2 2025 (7,120), not to Q2 alone "
                                             "(3,784): it looks like a year-to-date figure.")


@pytest.mark.parametrize("value, code, start", [
    (7.55, "upload.shape.rate_for_level", "7.55 looks like a growth rate (%), not the level of Q3 2025"),
    (107.55, "upload.shape.index_for_level", "107.55 looks like an index (last year = 100, that is 7.55% growth)")])
def test_a_rate_or_an_index_where_a_level_belongs_needs_accept_rates(run_cli, ward, tmp_path, value, code, start):
    path = long_file(tmp_path, "rate.csv", [value], quarters=(3,))
    with Store(ward) as s:
        p = ingest.prepare_observations(s, path.read_bytes(), path.name)
    assert [w.code for w in p.warnings if shape.flag(w) == "rates"] == [code]
    assert p.warnings[0].message("en").startswith(start)
    refused = run_cli("ingest", str(path), "--accept-jumps", "--lang", "en", db=ward)
    assert refused.returncode == 1 and "run again with --accept-rates" in refused.stderr
    assert run_cli("ingest", str(path), "--accept-rates", "--accept-jumps", db=ward).returncode == 0


def test_accept_warnings_accepts_every_shape_warning(run_cli, ward, tmp_path):
    out = run_cli("ingest", str(long_file(tmp_path, "ytd.csv", YEAR_TO_DATE_2025)), "--accept-warnings", "--lang",
                  "en", db=ward)
    assert out.returncode == 0, out.stderr
    assert "Loaded 3 rows from ytd.csv" in out.stdout and "looks like a year-to-date figure" in out.stderr


# the small fixture's province, 2025 Q2 in force: TOTAL 111 = KV1 12.3 + KV2 50 + KV3 38.5 + TAX 10.2
KV2_ONLY = HEAD + "GRDP,22,KV2,2025,2,55,official\n"


def test_a_one_row_correction_that_leaves_its_parent_behind_is_refused_with_the_figures(small_store):
    with pytest.raises(ValidationError) as caught:
        ingest.prepare_observations(small_store, KV2_ONLY.encode(), "kv2.csv")
    [problem] = caught.value.problems
    assert (problem.row, problem.column, problem.code) == (2, "value", "upload.err.parent_mismatch")
    assert problem.message("en") == (
        "After this load, TOTAL of unit 22, Q2 2025 would be 111 while its parts sum to 116 (difference -5, 4.50%, "
        "above 0.1%): the file changes KV2 but not TOTAL. Include the corrected TOTAL = 116 (the button below, or "
        "--include-parents), or correct the file.")
    assert ingest.consistency.offer(caught.value.problems)


def test_the_corrected_parent_is_included_on_request_and_contributions_add_up_to_growth(small_store):
    p = ingest.prepare_observations(small_store, KV2_ONLY.encode(), "kv2.csv", ingest.Options(include_parents=True))
    assert [n.message("en") for n in p.notes] == [
        "Added TOTAL of unit 22, Q2 2025 = 116 (the sum of its parts; 111 in force)."]
    assert p.counts == {"new": 0, "revised": 2, "unchanged": 0, "downgrade": 0}
    ingest.write_batch(small_store, p, user="lan")
    r = status.report(small_store, as_of=AsOf(2025, 2))
    parts = [s for s in r["sectors"] if s["sector_code"] in ("KV1", "KV2", "KV3", "TAX")]
    assert sum(s["ytd_contribution_pp"] for s in parts) == pytest.approx(r["ytd_growth_pct"])
    assert round(r["ytd_growth_pct"], 4) == round((100.5 + 116) / 192 * 100 - 100, 4)


def test_a_parent_in_the_file_that_its_stored_parts_do_not_add_up_to_is_refused(small_store):
    with pytest.raises(ValidationError) as caught:
        ingest.prepare_observations(small_store, (HEAD + "GRDP,22,TOTAL,2025,2,115.2,official\n").encode(), "t.csv")
    assert caught.value.problems[0].message("en").startswith(
        "TOTAL of unit 22, Q2 2025 is 115.20 in the file, but its parts in force sum to 111 (difference 4.20, 3.65%")
    assert not ingest.consistency.offer(caught.value.problems)


def test_a_section_correction_includes_its_kv_and_the_total_up_the_tree(demo_copy):
    with Store(demo_copy) as s:  # 2025 Q4 in the demo: B 10281.9 of KV2 27290, TOTAL 53499.8
        raw = (HEAD + "GRDP,22,B,2025,4,10341.9,preliminary\n").encode()
        with pytest.raises(ValidationError) as caught:
            ingest.prepare_observations(s, raw, "b.csv")
        assert [p.params[0][1] for p in caught.value.problems] == ["KV2"]
        p = ingest.prepare_observations(s, raw, "b.csv", ingest.Options(include_parents=True))
    added = p.rows[p.rows["source"] == "sum of parts"]
    assert [(r.sector_code, round(r.value, 1), r.vintage) for r in added.itertuples()] == [
        ("KV2", 27350.0, "preliminary"), ("TOTAL", 53559.8, "preliminary")]


def test_the_command_line_includes_parents_when_asked(run_cli, small_store, tmp_path):
    path = tmp_path / "kv2.csv"
    path.write_text(KV2_ONLY)
    db = small_store.path
    small_store.close()
    refused = run_cli("ingest", str(path), "--lang", "en", db=db)
    assert refused.returncode == 1 and "Include the corrected TOTAL = 116" in refused.stderr
    out = run_cli("ingest", str(path), "--include-parents", "--lang", "en", db=db)
    assert out.returncode == 0, out.stderr
    assert "Added TOTAL of unit 22, Q2 2025 = 116 (the sum of its parts; 111 in force)." in out.stderr
    assert "Loaded 2 rows from kv2.csv" in out.stdout
