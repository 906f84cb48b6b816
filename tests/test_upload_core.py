"""Preview, warnings, confirmations, atomic batches, rollback and history, on the hand-computed small store."""

from __future__ import annotations

import io
import signal
import subprocess
import sys
import threading

import pytest

from monitor.core.engine import AsOf
from monitor.core.errors import ConfirmationRequired, StalePreviewError
from monitor.core.i18n import t
from monitor.core.store import ROOT, Store
from monitor.leader import status
from monitor.upload import history, ingest, reader, templates, validate

HEAD = "indicator,unit_code,sector_code,year,quarter,value,vintage\n"
# 22 TOTAL 2025 Q2 revised 111 -> 115.2 with KV3 38.5 -> 42.7: a TOTAL stays the sum of its parts in force
Q2_REVISION = "GRDP,22,TOTAL,2025,2,115.2,official\nGRDP,22,KV3,2025,2,42.7,official\n"


def prepare(store, text: str, name: str = "upload.csv"):
    return ingest.prepare_observations(store, (HEAD + text).encode(), name)


def in_force(store) -> list:
    return store.con.sql("SELECT * FROM obs_in_force('latest') ORDER BY ALL").fetchall()


def test_preview_shows_old_and_new_values_and_how_ytd_growth_moves(small_store):
    # 22 TOTAL: 2024 Q1-Q3 90, 102, 114; 2025 Q1 100.5 (estimate), Q2 111 (preliminary)
    p = prepare(small_store, Q2_REVISION + "GRDP,22,TOTAL,2025,3,126,estimate\n")
    assert p.counts == {"new": 1, "revised": 2, "unchanged": 0, "downgrade": 0}
    revised = p.changes[p.changes["change"] == "revised"].iloc[0]
    assert (revised["old_value"], revised["old_vintage"], revised["new_value"]) == (111.0, "preliminary", 115.2)
    ytd = {(r.year, r.quarter): (r.before_pct, r.after_pct) for r in p.ytd_changes.itertuples()}
    before_h1, after_h1 = ytd[(2025, 2)]
    assert before_h1 == pytest.approx((100.5 + 111) / (90 + 102) * 100 - 100)      # 10.15625
    assert after_h1 == pytest.approx((100.5 + 115.2) / (90 + 102) * 100 - 100)     # 12.34375
    new_before, new_after = ytd[(2025, 3)]                                         # 9 months: no figure before
    assert new_before != new_before and new_after == pytest.approx((100.5 + 115.2 + 126) / (90 + 102 + 114) * 100 - 100)
    assert before_h1 == pytest.approx(10.15625) and after_h1 == pytest.approx(12.34375)
    assert p.info.describe("vi") == "Đã đọc: UTF-8, dấu phân cách ',', dấu thập phân là dấu chấm"


def test_nothing_is_written_before_write_batch(small_store):
    before = in_force(small_store)
    prepare(small_store, Q2_REVISION)
    assert in_force(small_store) == before


def test_missing_sectors_and_units_of_the_previous_quarter_are_warnings(small_store):
    p = prepare(small_store, "GRDP,22,TOTAL,2025,3,126,estimate\n")
    found = {(w.params[1][1], w.value) for w in p.warnings if w.code == "upload.warn.missing_components"}
    # the former district 193 ended on 30 June 2025 and is not expected in Q3
    assert found == {("22", "KV1, KV2, B, C, KV3, TAX"), ("06652", "TOTAL"), ("06658", "TOTAL")}
    assert p.warnings[0].message("en").startswith("GRDP, unit 06652, Q3 2025: 1 figure(s) that the previous "
                                                  "quarter had are missing")
    assert all(w.severity == "warning" for w in p.warnings)


def test_a_growth_rate_beyond_50_percent_is_a_warning_that_needs_confirmation(small_store):
    p = prepare(small_store, "GRDP,06652,TOTAL,2025,2,60,preliminary\n")  # Q2 2024: 34
    jump = [w for w in p.warnings if w.code == "upload.warn.growth_jump"]
    assert [(w.row, w.column) for w in jump] == [(2, "value")]
    assert jump[0].message("vi") == ("Thay đổi 76,47% so với cùng quý năm trước (34), vượt ±50%; hãy kiểm tra "
                                     "đơn vị tính và số liệu.")
    before = in_force(small_store)
    with pytest.raises(ConfirmationRequired):
        ingest.write_batch(small_store, p, user="lan")
    assert in_force(small_store) == before
    ingest.write_batch(small_store, p, user="lan", confirm_warnings=True)
    assert small_store.con.sql("SELECT value FROM obs_in_force('latest') WHERE unit_code = '06652' AND year = 2025 "
                               "AND quarter = 2").fetchall() == [(60.0,)]


def test_an_estimate_over_an_official_figure_needs_its_own_confirmation_and_keeps_the_official(small_store):
    p = prepare(small_store, "GRDP,193,TOTAL,2024,1,49,estimate\n")  # 2024 Q1 of 193 is official 50
    assert p.counts["downgrade"] == 1
    assert p.downgrades[0].message("en") == ('A estimate figure over the official figure in force (50): it will be '
                                             'kept as history ("as first published" view) and the official figure '
                                             'stays in force.')
    with pytest.raises(ConfirmationRequired):
        ingest.write_batch(small_store, p, user="lan", confirm_warnings=True)
    ingest.write_batch(small_store, p, user="lan", confirm_warnings=True, confirm_downgrades=True)
    latest = small_store.con.sql("SELECT value FROM obs_in_force('latest') WHERE unit_code = '193' AND year = 2024 "
                                 "AND quarter = 1").fetchall()
    first = small_store.con.sql("SELECT value FROM obs_in_force('first') WHERE unit_code = '193' AND year = 2024 "
                                "AND quarter = 1").fetchall()
    assert latest == [(50.0,)] and first == [(49.0,)]


def test_a_batch_records_user_file_sha256_and_row_counts(small_store):
    p = prepare(small_store, Q2_REVISION + "GRDP,22,KV1,2025,2,12.3,preliminary\n", "q2.csv")
    batch = ingest.write_batch(small_store, p, user="lan")
    row = history.batches(small_store).iloc[0]
    assert (row.batch_id, row.user_name, row.file_name, row.sha256, row.row_count) == (
        batch, "lan", "q2.csv", p.sha256, 3)
    assert (row.rows_new, row.rows_revised, row.rows_unchanged, row.outcome) == (0, 2, 1, "loaded")


def test_a_preview_made_before_another_load_is_stale(small_store):
    first = prepare(small_store, Q2_REVISION)
    second = prepare(small_store, "GRDP,22,TOTAL,2025,2,116,official\nGRDP,22,KV3,2025,2,43.5,official\n",
                     "other.csv")
    ingest.write_batch(small_store, second, user="a")
    before = in_force(small_store)
    with pytest.raises(StalePreviewError):
        ingest.write_batch(small_store, first, user="b")
    assert in_force(small_store) == before


def test_rolling_back_the_newest_batch_restores_exactly_the_earlier_figures(small_store):
    before = in_force(small_store)
    report_before = status.report(small_store, as_of=AsOf(2025, 2))
    p = prepare(small_store, Q2_REVISION + "GRDP,22,TOTAL,2025,3,126,estimate\n")
    batch = ingest.write_batch(small_store, p, user="lan", confirm_warnings=True)
    assert in_force(small_store) != before
    preview = history.rollback_preview(small_store, batch)
    assert [(r.quarter, r.value_now, None if r.value_after != r.value_after else r.value_after)
            for r in preview.itertuples()] == [(2, 42.7, 38.5), (2, 115.2, 111.0), (3, 126.0, None)]
    history.rollback(small_store, batch, "lan", "wrong quarter")
    assert in_force(small_store) == before
    assert status.report(small_store, as_of=AsOf(2025, 2)) == report_before
    rows = small_store.con.execute("SELECT count(*) FROM observations WHERE batch_id = $b", {"b": batch}).fetchall()
    assert rows == [(3,)]                                  # nothing deleted
    record = history.batches(small_store).iloc[0]
    assert (record.outcome, record.rolled_back_by, record.rollback_reason) == ("rolled_back", "lan", "wrong quarter")
    with pytest.raises(history.NotRollbackable):
        history.rollback(small_store, batch, "lan")


def test_other_sessions_never_see_half_a_batch(small_store):
    """The app's design: one read-write connection, a cursor per query, a load in one transaction."""
    p = prepare(small_store, Q2_REVISION + "GRDP,22,TOTAL,2025,3,126,estimate\n")
    inside, release = threading.Event(), threading.Event()
    original = small_store.transaction

    def paused_transaction():
        cm = original()
        cur = cm.__enter__()

        class Wrapper:
            def __enter__(self):
                return cur

            def __exit__(self, *exc):
                inside.set()          # rows written, not committed yet
                release.wait(10)
                return cm.__exit__(*exc)
        return Wrapper()

    small_store.transaction = paused_transaction
    writer = threading.Thread(target=ingest.write_batch, args=(small_store, p), kwargs={"user": "lan",
                                                                                        "confirm_warnings": True})
    writer.start()
    assert inside.wait(10)
    seen_during = small_store.run("data_version").iloc[0].tolist()
    rows_during = small_store.scalar("demo_loaded"), len(small_store.run("ytd_path", indicator="GRDP", unit="22",
                                                                         year=2025, vintage="latest"))
    release.set()
    writer.join(10)
    assert seen_during == [2, 0]                       # the two fixture batches only
    assert rows_during == (False, 2)                   # Q1 and H1: the Q3 row is not visible yet
    assert small_store.run("data_version").iloc[0].tolist() == [3, 0]
    assert len(small_store.run("ytd_path", indicator="GRDP", unit="22", year=2025, vintage="latest")) == 3


KILLED = """
import sys, time
from contextlib import contextmanager
from monitor.upload import ingest
from monitor.core.store import Store

original = Store.transaction

@contextmanager
def slow(self):
    with original(self) as cur:
        yield cur
        print("written, not committed", flush=True)
        time.sleep(120)

Store.transaction = slow
store = Store(sys.argv[1])
ingest.load_observations(store, sys.argv[2], "killed")
"""


def test_a_load_killed_half_way_leaves_the_store_as_it_was(demo_copy):
    with Store(demo_copy, read_only=True) as s:
        before = [s.con.sql(q).fetchall() for q in ("SELECT * FROM observations ORDER BY ALL",
                                                    "SELECT * FROM load_batches ORDER BY ALL")]
    proc = subprocess.Popen([sys.executable, "-c", KILLED, str(demo_copy),
                             str(ROOT / "tests" / "fixtures" / "revision_2025q4.csv")],
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert proc.stdout.readline().strip() == "written, not committed"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(30)
    assert proc.returncode == -signal.SIGKILL
    with Store(demo_copy) as s:
        after = [s.con.sql(q).fetchall() for q in ("SELECT * FROM observations ORDER BY ALL",
                                                   "SELECT * FROM load_batches ORDER BY ALL")]
        assert after == before
        # and the store still takes the same load whole
        batch, _ = ingest.load_observations(s, ROOT / "tests" / "fixtures" / "revision_2025q4.csv", "again")
        assert s.con.execute("SELECT count(*) FROM observations WHERE batch_id = $b", {"b": batch}).fetchall() == [
            (5,)]


def test_templates_in_both_languages_and_excel_revise_nothing_and_list_the_valid_codes(demo_copy):
    from monitor.core.errors import ValidationError

    with Store(demo_copy) as s:
        for lang in ("vi", "en"):
            refused = []
            for raw, name in ((templates.template_csv(lang), "t.csv"), (templates.template_xlsx(s, lang), "t.xlsx")):
                with pytest.raises(ValidationError) as caught:  # Q4 2030 has not begun: nothing can be revised
                    ingest.prepare_observations(s, raw, name)
                refused.append([(p.row, p.column, p.code) for p in caught.value.problems])
            assert refused[0] == refused[1] == [(n, "year", "upload.err.future_quarter") for n in range(2, 7)]
            frame, _ = reader.read_table(templates.template_csv(lang), validate.ALIASES["value"])
            assert frame.iloc[:, 5].tolist() == ["53600.5", "2590.0", "27350.5", "19250.0", "4410.0"]
            assert set(frame.iloc[:, 7]) == {t("upload.template.source", lang)}
            assert t("upload.template.source", lang).startswith(("EXAMPLE", "VÍ DỤ"))
        assert templates.template_csv("vi").decode("utf-8-sig").splitlines()[0] == (
            "Chỉ tiêu;Mã đơn vị;Mã ngành;Năm;Quý;Giá trị;Loại số liệu;Nguồn")
        assert (ROOT / "data" / "templates" / "observations_template.csv").read_bytes() == templates.template_csv("en")
        listing = templates.codes(s, "en")
        assert set(listing.columns) == {"column", "code", "name", "valid until"}
        units = listing[listing["column"] == "unit"]
        assert len(units) == 1 + 34 + 14 + 54  # the country, provinces, former districts (Hoành Bồ too), communes
        assert units.set_index("code").loc["204", "valid until"] == "2019-12-31"
        assert units.set_index("code").loc["193", "valid until"] == "2025-06-30"
        assert {"GRDP", "KV1", "TOTAL", "06652", "estimate"} <= set(listing["code"])


def test_the_excel_template_formats_its_whole_code_columns_as_text(small_store):
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(templates.template_xlsx(small_store, "en"))).worksheets[0]
    assert [sheet.column_dimensions[c].number_format for c in "ABCDEF"] == ["@", "@", "@", "General", "General",
                                                                              "General"]
    assert {sheet.cell(r, c).number_format for r in range(2, 7) for c in (1, 2, 3)} == {"@"}
    assert [sheet.cell(2, c).value for c in range(1, 9)] == [
        "GRDP", "22", "TOTAL", 2030, 4, 53600.5, "estimate", "EXAMPLE – replace these rows with the real figures"]


def test_the_cell_rules_are_a_pandera_schema_named_by_message():
    schema = validate.cell_schema(validate.OBSERVATION_COLUMNS)
    names = {c.name for col in schema.columns.values() for c in col.checks}
    assert {"err.required", "err.bad_quarter", "err.bad_year", "err.bad_vintage", "err.formula",
            "err.not_finite", "err.too_large"} <= names


def test_a_targets_batch_previews_and_rolls_back_its_targets(small_store):
    from monitor.upload import views as upload_view

    preview = history.rollback_preview(small_store, 2)            # the fixture's targets file
    assert len(preview) == len(small_store.con.sql("SELECT * FROM targets").fetchall())
    province = preview[(preview["unit_code"] == "22") & (preview["sector_code"] == "TOTAL")
                       & (preview["period"] == "Y")]
    table = upload_view.rollback_table(province, "vi")
    assert [row[3:] for row in table.values.tolist()] == [["Y 2025 · Trung ương", "12,50", "–"],
                                                          ["Y 2025 · Tỉnh", "14,00", "–"]]
    history.rollback(small_store, 2, "lan")
    assert small_store.con.sql("SELECT count(*) FROM targets_in_force()").fetchall() == [(0,)]


def test_the_rollback_table_shows_values_with_their_vintage(small_store):
    from monitor.upload import views as upload_view

    p = prepare(small_store, Q2_REVISION)
    batch = ingest.write_batch(small_store, p, user="lan")
    table = upload_view.rollback_table(history.rollback_preview(small_store, batch), "vi")
    assert table.iloc[1].tolist() == ["GRDP", "22", "TOTAL", "Quý II/2025", "115,2 (chính thức)", "111,0 (sơ bộ)"]
