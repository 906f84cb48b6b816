"""A damaged, missing, deleted or full store: named failures (core/errors.py), nothing half-written, and plain
messages on the command line (the dashboard's are in tests/test_app_safety.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import duckdb
import pytest

from monitor.core import storefile
from monitor.core.errors import StoreDamagedError, StoreFullError, StoreGoneError, StoreMissingError
from monitor.core.store import ROOT, Store
from monitor.upload import ingest

DEMO = ROOT / "data" / "demo"
YES = {"confirm_warnings": True, "confirm_downgrades": True}
TARGET = b"indicator,unit_code,sector_code,year,period,value,scope,source\nGRDP,22,KV1,2025,Y,4.1,provincial,test\n"


def figures(path: Path) -> list:
    with Store(path, read_only=True) as s:
        return s.con.sql("SELECT * FROM obs_in_force('latest') ORDER BY ALL").fetchall()


def damaged(kind: str, folder: Path) -> Path:
    path = folder / "monitor.duckdb"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "text":
        path.write_text("indicator,unit_code\nGRDP,22\n" * 50)
    elif kind == "foreign_wal":  # the log of another database beside a good store
        with Store(path, create=True):
            pass
        other = folder / "other.duckdb"
        con = duckdb.connect(str(other))
        con.execute("PRAGMA disable_checkpoint_on_shutdown")
        con.execute("CREATE TABLE t (x INTEGER)")
        con.execute("INSERT INTO t VALUES (1)")
        shutil.copy(storefile.wal_path(other), storefile.wal_path(path))
        con.close()
    elif kind == "other_database":
        con = duckdb.connect(str(path))
        con.execute("CREATE TABLE invoices (id INTEGER)")
        con.close()
    return path


@pytest.mark.parametrize("kind", ["empty", "text", "foreign_wal", "other_database"])
def test_a_damaged_file_is_named_and_left_as_it_was(tmp_path, kind):
    path = damaged(kind, tmp_path)
    before = path.read_bytes()
    for options in ({}, {"read_only": True}, {"create": True}):
        with pytest.raises(StoreDamagedError):
            Store(path, **options)
    assert path.read_bytes() == before  # init never "repairs" a file it cannot read into an empty store


@pytest.mark.parametrize("kind", ["empty", "foreign_wal"])
def test_every_command_says_the_store_is_damaged_without_a_traceback(run_cli, tmp_path, kind):
    path = damaged(kind, tmp_path)
    for args in (("status", "--year", "2025", "--quarter", "2", "--json"), ("history",), ("init",),
                 ("backup", "--out", str(tmp_path / "bk"))):
        out = run_cli(*args, "--lang", "en", db=path)
        assert out.returncode == 4, (args, out)
        assert out.stderr.startswith(f"The database {path} is damaged and cannot be read. Restore a backup")
        assert "Traceback" not in out.stderr + out.stdout


def test_a_store_deleted_while_open_refuses_to_write(demo_copy):
    store = Store(demo_copy)
    try:
        os.remove(demo_copy)
        raw = TARGET
        with pytest.raises(StoreGoneError):
            ingest.write_batch(store, ingest.prepare_targets(store, raw, "t.csv"), "targets", "lan", **YES)
    finally:
        store.close()
    assert not demo_copy.exists()  # closing wrote nothing back either
    with pytest.raises(StoreMissingError):
        Store(demo_copy)


def test_a_store_replaced_while_open_refuses_to_write_into_the_old_file(demo_copy, tmp_path):
    store = Store(demo_copy)
    try:
        shutil.copy(demo_copy, tmp_path / "copy.duckdb")
        os.replace(tmp_path / "copy.duckdb", demo_copy)  # e.g. a file put back by hand
        with pytest.raises(StoreGoneError), store.transaction() as cur:
            cur.execute("DELETE FROM targets")
    finally:
        store.con.close()


class FullDisk:
    """A connection whose COMMIT fails as DuckDB's does when the disk is full (the transaction's changes were
    made in memory and are lost; the database stays usable)."""

    def __init__(self, con):
        self.con = con

    def cursor(self):
        return FullDiskCursor(self.con.cursor())

    def __getattr__(self, name):
        return getattr(self.con, name)


class FullDiskCursor:
    def __init__(self, cur):
        self.cur = cur

    def execute(self, query, *args):
        if query == "COMMIT":
            self.cur.execute("ROLLBACK")  # what DuckDB leaves behind: no transaction
            raise duckdb.TransactionException('TransactionContext Error: Failed to commit: Could not write file '
                                              '"monitor.duckdb.wal": No space left on device')
        return self.cur.execute(query, *args)

    def __getattr__(self, name):
        return getattr(self.cur, name)


def test_a_full_disk_fails_the_whole_batch_with_a_named_error(demo_copy):
    before = figures(demo_copy)
    store = Store(demo_copy)
    try:
        real = store.con
        store.con = FullDisk(real)
        prepared = ingest.prepare_targets(store, TARGET, "t.csv")
        with pytest.raises(StoreFullError):
            ingest.write_batch(store, prepared, "targets", "lan", **YES)
        assert store.records("data_version")[0]["last_batch"] == 2  # nothing of the batch was written
        store.con = real
        assert ingest.write_batch(store, prepared, "targets", "lan", **YES) > 2  # once there is room (the failed
        # attempt used up a batch number: DuckDB's sequences do not roll back)
    finally:
        store.close()
    assert figures(demo_copy) == before  # the figures were never touched


def test_too_little_free_space_refuses_a_write_before_it_starts(demo_copy, monkeypatch):
    monkeypatch.setenv("MONITOR_MIN_FREE_MB", str(10**9))  # more than any disk has
    with Store(demo_copy) as s:
        with pytest.raises(StoreFullError), s.transaction() as cur:
            cur.execute("DELETE FROM targets")
        assert s.con.sql("SELECT count(*) FROM targets").fetchall()[0][0] > 0


def _tmpfs(folder: Path, size: str) -> bool:
    folder.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True).returncode == 0


def test_a_real_full_disk_fails_the_batch_atomically_and_the_next_load_works_once_there_is_room(tmp_path,
                                                                                                 monkeypatch):
    """On a 16 MB tmpfs filled to the last few kilobytes (needs root to mount; skipped otherwise)."""
    disk = tmp_path / "disk"
    if not _tmpfs(disk, "16m"):
        pytest.skip("cannot mount a tmpfs here (not root)")
    monkeypatch.setenv("MONITOR_MIN_FREE_MB", "0")  # the real write, not the check before it
    try:
        from conftest import new_store

        path = disk / "monitor.duckdb"
        with new_store(path) as s:
            s.con.execute("CHECKPOINT")
        filler = disk / "filler"
        with open(filler, "wb", buffering=0) as f:
            try:
                while True:
                    f.write(b"\0" * 4096)
            except OSError:
                pass
        os.truncate(filler, filler.stat().st_size - 64 * 1024)  # room for a little, not for a year of figures
        store = Store(path)
        try:
            with pytest.raises(StoreFullError):
                ingest.load_observations(store, DEMO / "observations.csv", "lan")
            assert store.con.sql("SELECT count(*) FROM observations").fetchall() == [(0,)]  # none of it
            filler.unlink()
            batch, prepared = ingest.load_observations(store, DEMO / "observations.csv", "lan")
            assert len(store.run("batch_list")) == 1 and len(prepared.rows) > 1000
        finally:
            store.close()
        with Store(path, read_only=True) as s:
            assert s.con.sql("SELECT count(*) FROM observations").fetchall() == [(len(prepared.rows),)]
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


HOLD = """
import sys, time
from monitor.core.store import Store
store = Store(sys.argv[1])
print("holding", flush=True)
sys.stdin.readline()
store.close()
"""


def holder(path: Path):
    """Another process holding the store read-write, as the dashboard does with uploads on."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], cwd=ROOT, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "holding"
    return proc


def test_read_only_commands_work_while_another_process_holds_the_store(demo_copy, run_cli, tmp_path):
    before = figures(demo_copy)
    proc = holder(demo_copy)
    try:
        with pytest.raises(Exception, match="lock"):
            duckdb.connect(str(demo_copy), read_only=True)  # what DuckDB alone allows
        with Store(demo_copy, read_only=True) as snap:
            assert snap.snapshot_of == demo_copy and snap.path != demo_copy
            assert snap.con.sql("SELECT * FROM obs_in_force('latest') ORDER BY ALL").fetchall() == before
            folder = snap.path.parent
        assert not folder.exists()  # the copy is gone with the store
        out = run_cli("status", "--year", "2025", "--quarter", "2", "--json", db=demo_copy)
        assert out.returncode == 0 and '"ytd_growth_pct": 11.03' in out.stdout
        assert run_cli("history", "--json", db=demo_copy).returncode == 0
    finally:
        proc.communicate("\n", timeout=30)


def test_a_copy_waits_for_a_write_in_progress(demo_copy, tmp_path):
    """The write lock: a copy taken while a transaction runs is the store before or after it, never between."""
    import threading

    store = Store(demo_copy)
    started, copied = threading.Event(), []
    try:
        def copy():
            started.wait()
            copied.append(storefile.copy_consistent(demo_copy, tmp_path / uuid.uuid4().hex))

        thread = threading.Thread(target=copy)
        thread.start()
        with store.transaction() as cur:
            cur.execute("DELETE FROM targets")
            started.set()
            time.sleep(0.5)
            assert not copied  # waiting for the lock
        thread.join(30)
        assert copied
    finally:
        store.close()
    with Store(copied[0], read_only=True) as s:
        assert s.con.sql("SELECT count(*) FROM targets").fetchall() == [(0,)]
