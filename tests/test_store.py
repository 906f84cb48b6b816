"""The store file: path rules, one migration mechanism (schema.sql for a new store, numbered migrations for an
existing one) without loss, and the one declared precedence of vintages."""

from __future__ import annotations

import datetime
import shutil

import duckdb
import pandas as pd
import pytest
from backend_support import pg_catalog

from conftest import FIXTURES
from monitor.core import reference
from monitor.core.errors import StoreMissingError
from monitor.core.store import DEFAULT_DB, MIGRATIONS, QUERIES, Store, db_path, latest_version, migrations, sql
from monitor.upload import ingest
from monitor.upload.validate import VINTAGES

V1_SCHEMA = FIXTURES / "schema_v1.sql"  # what the code before migrations built


def test_db_path_prefers_the_argument_then_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("MONITOR_DB", raising=False)
    assert db_path() == DEFAULT_DB
    monkeypatch.setenv("MONITOR_DB", str(tmp_path / "env.duckdb"))
    assert db_path() == tmp_path / "env.duckdb"
    assert db_path(tmp_path / "arg.duckdb") == tmp_path / "arg.duckdb"


def test_opening_a_missing_store_without_create_says_so(tmp_path):
    with pytest.raises(StoreMissingError):
        Store(tmp_path / "nothing.duckdb")
    assert not (tmp_path / "nothing.duckdb").exists()


def test_seeded_reference_tables(store):
    levels = store.con.sql("SELECT level, count(*) FROM units GROUP BY level ORDER BY level").fetchall()
    # 13 former districts, Hoành Bồ (to 2019) and Đông Triều's first name (a thị xã to 31 Oct 2024): 15 rows
    assert levels == [("commune", 54), ("country", 1), ("former_district", 15), ("province", 34)]
    kinds = store.con.sql("SELECT division_type, count(*) FROM units WHERE level = 'commune' "
                          "GROUP BY 1 ORDER BY 1").fetchall()
    assert kinds == [("phường", 30), ("xã", 22), ("đặc khu", 2)]
    assert store.con.sql("SELECT main_former_district FROM units WHERE code = '06994'").fetchall() == [("203",)]
    assert store.con.sql("SELECT count(*) FROM sectors").fetchall() == [(28,)]  # 25 and divisions A01-A03
    assert store.con.sql("SELECT unit_code, contribution_base, share_base FROM publisher_conventions "
                         "ORDER BY unit_code").fetchall() == [("*", "grdp", "value_added"),
                                                              ("VN", "value_added", "value_added")]
    assert store.con.sql("SELECT code, successor_code, effective FROM unit_successors").fetchall() == [
        ("204", "193", datetime.date(2020, 1, 1))]
    assert store.con.sql("SELECT kind, count(*) FROM indicators GROUP BY 1 ORDER BY 1").fetchall() == [
        ("level", 2), ("plan", 4), ("rate", 3)]


# --- one migration mechanism -------------------------------------------------------------------------------------

# targets as version 1 wrote them (queries/insert_targets.sql has since gained value_high and effective_date)
V1_INSERT_TARGETS = ("INSERT INTO targets (indicator, unit_code, sector_code, year, period, value, scope, source, "
                     "batch_id) SELECT indicator, unit_code, sector_code, year, period, value, scope, source, "
                     "$batch_id FROM staged")


def build_version_1_store(path) -> None:
    """A store as the code before this mechanism left it: schema_v1.sql run (it re-ran at every start, so its
    ALTER TABLE ... IF NOT EXISTS columns are there), version 1, the fingerprint in settings; then loads and a
    rollback written through the same insert statements the loader used."""
    con = duckdb.connect(str(path))
    con.execute(V1_SCHEMA.read_text(encoding="utf-8"))
    con.execute("INSERT INTO schema_version (version) VALUES (1)")
    con.execute("INSERT OR REPLACE INTO settings VALUES ('schema_hash', 'fingerprint of the version 1 files')")
    for name, frame in (("units", reference.units_frame()), ("sectors", reference.sectors_frame()),
                        ("indicators", reference.indicators_frame())):
        con.register("staged", frame)
        con.execute(sql(f"seed_{name}"))
        con.unregister("staged")
    counts = dict(rows_new=None, rows_revised=None, rows_unchanged=None, rows_kept=None, warnings_confirmed=None)
    files = (("observations", FIXTURES / "small_observations.csv", counts | {"rows_new": 65}),
             ("targets", FIXTURES / "small_targets.csv", counts),
             ("observations", FIXTURES / "small_observations.csv", counts | {"rows_unchanged": 65}))
    for kind, path_, batch_counts in files:
        frame = pd.read_csv(path_, dtype=str)
        frame["value"] = frame["value"].astype(float)
        frame["source"] = frame["source"] if "source" in frame else None
        batch = con.execute(sql("insert_batch"), dict(kind=kind, file_name=path_.name, sha256="0" * 64,
                                                      row_count=len(frame), user_name="old", synthetic=False,
                                                      **batch_counts)).fetchall()[0][0]
        con.register("staged", frame)
        con.execute(V1_INSERT_TARGETS if kind == "targets" else sql(f"insert_{kind}"), {"batch_id": batch})
        con.unregister("staged")
    con.execute(sql("mark_batch_rolled_back"), {"batch_id": 3}).fetchall()
    con.execute(sql("insert_batch_rollback"), {"batch_id": 3, "user_name": "old", "reason": "loaded twice"})
    con.close()


def catalog(con) -> dict:
    """Everything the schema declares: tables and columns (in order, with types, nullability and defaults),
    constraints, sequences, macros with their definitions, and the rules it seeds."""
    def rows(query):
        return con.sql(query).fetchall()

    return {
        "columns": rows("SELECT table_name, column_index, column_name, data_type, is_nullable, column_default "
                        "FROM duckdb_columns() WHERE database_name = current_database() AND NOT internal "
                        "ORDER BY table_name, column_index"),
        "constraints": rows("SELECT table_name, constraint_type, constraint_text FROM duckdb_constraints() "
                            "WHERE database_name = current_database() ORDER BY ALL"),
        "sequences": rows("SELECT sequence_name, increment_by FROM duckdb_sequences() "
                          "WHERE database_name = current_database() ORDER BY ALL"),
        "macros": rows("SELECT function_name, function_type, parameters, macro_definition FROM duckdb_functions() "
                       "WHERE database_name = current_database() AND NOT internal "
                       "AND function_type IN ('macro', 'table_macro') ORDER BY function_name"),
        "status_rules": rows("SELECT * FROM status_rules ORDER BY rank"),
        "settings": rows("SELECT * FROM settings ORDER BY key"),
        "version": rows("SELECT max(version) FROM schema_version"),
    }


def table_rows(con) -> dict:
    tables = [t for (t,) in con.sql("SELECT table_name FROM duckdb_tables() WHERE database_name = "
                                    "current_database() AND table_name <> 'schema_version'").fetchall()]
    return {t: sorted(con.sql(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}


def test_migrations_are_numbered_from_2_and_schema_sql_describes_the_last(tmp_path):
    numbers = [n for n, _ in migrations()]
    assert numbers == list(range(2, len(numbers) + 2))
    with Store(tmp_path / "new.duckdb", create=True) as new:
        assert new.schema_version == latest_version() == numbers[-1]


def test_a_version_1_store_is_upgraded_to_the_schema_of_a_new_store(tmp_path):
    build_version_1_store(tmp_path / "old.duckdb")
    with Store(tmp_path / "old.duckdb") as old, Store(tmp_path / "new.duckdb", create=True) as new:
        upgraded, fresh = catalog(old.con), catalog(new.con)
        for part in fresh:
            assert upgraded[part] == fresh[part], part
        versions = [v for (v,) in old.con.sql("SELECT version FROM schema_version ORDER BY version").fetchall()]
    assert versions == list(range(1, latest_version() + 1))


ACCOUNTABILITY_TABLES = ("owner_changes", "actions", "action_checkins", "officer_owners", "notification_log",
                         "notified_items", "action_status_rules", "notification_rules")
ACCOUNTABILITY_ROWS = {  # the rules migration 005 declares; every other accountability table starts empty
    "owner_changes": [], "actions": [], "action_checkins": [], "officer_owners": [], "notification_log": [],
    "notified_items": [], "notification_rules": [("widened", 0.5)],
    "action_status_rules": [("done_late", True, 1, 5), ("done_on_time", True, None, 6), ("due", False, -7, 3),
                            ("escalated", False, 31, 1), ("not_due", False, None, 4), ("overdue", False, 1, 2)]}


def test_upgrading_a_version_1_store_keeps_every_row_and_every_figure(tmp_path):
    path = tmp_path / "old.duckdb"
    build_version_1_store(path)
    queries = {mode: f"SELECT * FROM obs_in_force('{mode}') ORDER BY ALL" for mode in ("latest", "first")}
    with duckdb.connect(str(path)) as con:
        before = table_rows(con)
        figures = {mode: con.sql(q).fetchall() for mode, q in queries.items()}
    with Store(path) as upgraded:
        after = table_rows(upgraded.con)
        assert {mode: upgraded.con.sql(q).fetchall() for mode, q in queries.items()} == figures
        assert upgraded.run("growth_by_sector", indicator="GRDP", unit="22", year=2025, quarter=2,
                            vintage="latest").set_index("sector_code").loc["TOTAL", "ytd_growth_pct"] == (
            pytest.approx(211.5 / 192 * 100 - 100))
    assert before.pop("settings") == [("schema_hash", "fingerprint of the version 1 files"),
                                      ("trend_flat_band_pp", "0.1")]
    assert after.pop("settings") == [("trend_flat_band_pp", "0.1")]  # the version is the one schema record
    assert after.pop("layouts") == []                                    # version 4: no layout saved yet
    assert {t: after.pop(t) for t in ACCOUNTABILITY_TABLES if t in after} == ACCOUNTABILITY_ROWS  # version 5
    assert after.pop("maintenance_log") == []                            # version 6: never restored
    assert [after.pop(t) for t in ("observations_monthly", "monthly_indicators", "sdmx_files")] == [[]] * 3  # v7
    assert after.pop("annotation_changes") == []                         # version 8: no annotation yet
    assert [r[:3] for r in after.pop("playlists")] == [("mac-dinh", "overview,trajectory,sectors,localities:5,actions",
                                                        20)]  # version 8: the default playlist
    # version 9: every target kept, with no range and in force from 1 January of its year
    assert after.pop("targets") == sorted(((*r[:6], None, r[6], r[7], datetime.date(r[3], 1, 1), r[8])
                                           for r in before.pop("targets")), key=repr)
    assert [after.pop(t) for t in ("publisher_conventions", "unit_successors")] == [[]] * 2  # v10: seeded by init
    assert after == before
    assert len(after["observations"]) == 130 and len(after["load_batches"]) == 3
    assert after["batch_rollbacks"][0][:2] == (3, "old")


def test_a_version_1_store_is_upgraded_when_opened_for_reading(tmp_path):
    path = tmp_path / "old.duckdb"
    build_version_1_store(path)
    with Store(path, read_only=True) as ro:
        assert ro.schema_version == latest_version()
        assert len(ro.run("growth_by_sector", indicator="GRDP", unit="22", year=2025, quarter=2,
                          vintage="latest")) == 7


def test_reopening_a_store_changes_nothing(small_store, backend):
    path, schema = small_store.path, catalog if backend.name == "duckdb" else pg_catalog
    before = table_rows(small_store.con), schema(small_store.con)
    small_store.close()
    with Store(path) as again:
        reference.seed(again)
        assert (table_rows(again.con), schema(again.con)) == before
        assert again.schema_version == latest_version()


def test_a_new_migration_is_applied_once_and_keeps_the_data(small_store, tmp_path):
    path = small_store.path
    count = small_store.con.sql("SELECT count(*) FROM observations").fetchall()
    small_store.close()
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, folder)
    step = latest_version() + 1
    (folder / f"{step:03d}_batch_note.sql").write_text("ALTER TABLE load_batches ADD COLUMN note VARCHAR;")
    with Store(path, migrations_dir=folder) as migrated:
        assert migrated.schema_version == step
        assert "note" in [c[0] for c in migrated.con.sql("DESCRIBE load_batches").fetchall()]
        assert migrated.con.sql("SELECT count(*) FROM observations").fetchall() == count
    with Store(path, migrations_dir=folder) as again:  # not applied twice
        assert again.schema_version == step


def test_a_failing_migration_leaves_the_store_as_it_was(small_store, tmp_path):
    path = small_store.path
    small_store.close()
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, folder)
    (folder / f"{latest_version() + 1:03d}_broken.sql").write_text(
        "ALTER TABLE load_batches ADD COLUMN note VARCHAR; SELECT * FROM no_such_table;")
    with pytest.raises(duckdb.CatalogException):
        Store(path, migrations_dir=folder)
    with Store(path) as store:
        assert store.schema_version == latest_version()
        assert "note" not in [c[0] for c in store.con.sql("DESCRIBE load_batches").fetchall()]


def test_read_only_store_cannot_write(small_store):
    path = small_store.path
    small_store.close()
    with Store(path, read_only=True) as ro:
        assert ro.scalar("demo_loaded") is False
        with pytest.raises(duckdb.Error):
            ro.con.execute("DELETE FROM observations")


# --- the precedence of vintages ----------------------------------------------------------------------------------

def test_vintage_rank_is_the_order_the_loader_accepts_and_is_written_once(store):
    assert [store.con.execute("SELECT vintage_rank(?)", [v]).fetchall()[0][0] for v in VINTAGES] == [1, 2, 3]
    assert store.con.sql("SELECT vintage_rank('draft')").fetchall() == [(None,)]
    # no query spells the order out again: they all call vintage_rank
    spelled = [p.name for p in QUERIES.glob("*.sql") if "when 'estimate'" in p.read_text(encoding="utf-8").lower()]
    assert spelled == ["schema.sql"]


def _load(store, tmp_path, name: str, value: float, vintage: str) -> int:
    path = tmp_path / name
    path.write_text(f"indicator,unit_code,sector_code,year,quarter,value,vintage\n"
                    f"GRDP,22,TOTAL,2025,1,{value},{vintage}\n", encoding="utf-8")
    batch, prepared = ingest.load_observations(store, path, "test", confirm_downgrades=True)
    return batch, prepared


def test_an_official_figure_beats_a_later_estimate_and_first_is_the_first_published(store, tmp_path):
    _load(store, tmp_path, "estimate.csv", 100, "estimate")
    _load(store, tmp_path, "official.csv", 110, "official")
    batch, prepared = _load(store, tmp_path, "late_estimate.csv", 120, "estimate")
    assert prepared.counts["downgrade"] == 1       # compare_with_store: a lower vintage than the one in force

    def in_force(mode):
        return store.con.sql(f"SELECT value, vintage, batch_id FROM obs_in_force('{mode}')").fetchall()

    assert in_force("latest") == [(110.0, "official", 2)]   # the official figure, although batch 3 came later
    assert in_force("first") == [(100.0, "estimate", 1)]    # the figure as first published
    # rolling the official batch back puts the newest estimate in force
    change = store.run("rollback_changes", batch_id=2).iloc[0]
    assert (change["value_now"], change["vintage_now"], change["value_after"], change["vintage_after"]) == (
        110.0, "official", 120.0, "estimate")
    assert store.run("rollback_changes", batch_id=batch).empty  # the late estimate never took force
