"""The store file: path rules, schema versions and migrations without loss."""

from __future__ import annotations

import duckdb
import pytest

from monitor.core import reference
from monitor.core.errors import StoreMissingError
from monitor.core.store import DEFAULT_DB, Store, db_path


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
    assert levels == [("commune", 54), ("country", 1), ("former_district", 13), ("province", 34)]
    kinds = store.con.sql("SELECT division_type, count(*) FROM units WHERE level = 'commune' "
                          "GROUP BY 1 ORDER BY 1").fetchall()
    assert kinds == [("phường", 30), ("xã", 22), ("đặc khu", 2)]
    assert store.con.sql("SELECT main_former_district FROM units WHERE code = '06994'").fetchall() == [("203",)]
    assert store.con.sql("SELECT count(*) FROM sectors").fetchall() == [(25,)]
    assert store.con.sql("SELECT kind, count(*) FROM indicators GROUP BY 1 ORDER BY 1").fetchall() == [
        ("level", 2), ("plan", 4), ("rate", 3)]


def test_reopening_runs_the_schema_again_without_loss(small_store):
    path = small_store.path
    before = small_store.con.sql("SELECT count(*) FROM observations").fetchall()
    small_store.close()
    with Store(path) as again:
        reference.seed(again)
        assert again.con.sql("SELECT count(*) FROM observations").fetchall() == before
        assert again.schema_version == 1


def test_a_new_migration_is_applied_once_and_keeps_the_data(small_store, tmp_path):
    path = small_store.path
    count = small_store.con.sql("SELECT count(*) FROM observations").fetchall()
    small_store.close()
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "002_batch_note.sql").write_text("ALTER TABLE load_batches ADD COLUMN note VARCHAR;")
    with Store(path, migrations_dir=folder) as migrated:
        assert migrated.schema_version == 2
        assert "note" in [c[0] for c in migrated.con.sql("DESCRIBE load_batches").fetchall()]
        assert migrated.con.sql("SELECT count(*) FROM observations").fetchall() == count
    with Store(path, migrations_dir=folder) as again:  # not applied twice
        assert again.schema_version == 2


def test_read_only_store_cannot_write(small_store):
    path = small_store.path
    small_store.close()
    with Store(path, read_only=True) as ro:
        assert ro.scalar("demo_loaded") is False
        with pytest.raises(duckdb.Error):
            ro.con.execute("DELETE FROM observations")


def test_a_store_from_older_code_is_upgraded_when_opened_for_reading(small_store):
    path = small_store.path
    small_store.con.execute("DROP MACRO TABLE period_levels")
    small_store.con.execute("DELETE FROM settings WHERE key = 'schema_hash'")
    small_store.close()
    with Store(path, read_only=True) as ro:
        assert len(ro.run("growth_by_sector", indicator="GRDP", unit="22", year=2025, quarter=2,
                          vintage="latest")) == 7
