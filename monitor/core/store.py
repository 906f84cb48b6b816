"""The store: path, connection, schema and migrations, named queries. One connection per process and a cursor per
query (Streamlit runs each session in its own thread). SQL lives in queries/*.sql, one statement per file.
The backend is a DuckDB file, or PostgreSQL when the location is a postgresql:// URL (core/pg.py, same API).

Failures of the file have names (core/errors.py): not a store: StoreDamagedError; deleted or replaced under an open
store: StoreGoneError; a full disk: StoreFullError; a write failing for one of them is rolled back whole. Every
write holds core/storefile.py's lock, so another process can copy the file consistently (a read-only open while the
dashboard holds the store read-write reads such a copy: `snapshot`).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
from contextlib import contextmanager, nullcontext
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from monitor.core import pg, storefile
from monitor.core.errors import (
    StoreBusyError,
    StoreDamagedError,
    StoreFullError,
    StoreGoneError,
    StoreMissingError,
)

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ROOT / "queries"
MIGRATIONS = QUERIES / "migrations"
DEFAULT_DB = ROOT / "data" / "monitor.duckdb"
BASE_SCHEMA_VERSION = 1  # queries/schema.sql as first released; migrations are numbered from 2
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_LOG = logging.getLogger("monitor.store")


def db_path(arg: str | os.PathLike | None = None) -> Path:
    """--db wins, then MONITOR_DB, then data/monitor.duckdb; a postgresql:// URL is a pg.Location (PostgreSQL)."""
    found = arg or os.environ.get("MONITOR_DB")
    if found and pg.is_url(found):
        return pg.Location(found)
    return Path(found) if found else DEFAULT_DB


@cache
def sql(name: str) -> str:
    """Text of queries/<name>.sql; names come from code, never from users."""
    if not _NAME.match(name):
        raise ValueError(f"bad query name {name!r}")
    return (QUERIES / f"{name}.sql").read_text(encoding="utf-8")


def migrations(folder: Path = MIGRATIONS) -> list[tuple[int, Path]]:
    """Migration files NNN_description.sql, in order."""
    found = []
    for path in sorted(folder.glob("*.sql")):
        number = path.name.split("_", 1)[0]
        if number.isdigit():
            found.append((int(number), path))
    return found


def latest_version(folder: Path = MIGRATIONS) -> int:
    """The version queries/schema.sql describes: the number of the last migration."""
    return max([BASE_SCHEMA_VERSION, *(number for number, _ in migrations(folder))])


def as_records(frame: pd.DataFrame) -> list[dict]:
    """Rows of a frame as dicts with None, never NaN or NaT, for a missing value."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


class Store:
    """An open store. Use read_only=True in the dashboard so loads elsewhere stay possible.

    snapshot=True (read-only opens only): while another process holds the store read-write (the dashboard with
    uploads on), read a consistent private copy of it instead of failing busy (`self.snapshot_of` is then the
    store's path); the copy is deleted on close. The dashboard itself passes snapshot=False."""

    def __init__(self, path: str | os.PathLike | None = None, read_only: bool = False,
                 create: bool = False, migrations_dir: Path = MIGRATIONS, snapshot: bool = True):
        self.path = db_path(path)
        self.read_only = read_only
        self.snapshot_of: Path | None = None
        self._snapshot_dir: Path | None = None
        self.remote = isinstance(self.path, pg.Location)  # the PostgreSQL backend: no file, no file lock
        if self.remote:
            return pg.open_store(self, read_only, migrations_dir)
        if not self.path.exists() and not create:
            raise StoreMissingError(str(self.path))
        if create:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._open(read_only, migrations_dir)
        except StoreBusyError:
            if not (read_only and snapshot):
                raise
            self._open_snapshot(migrations_dir)

    def _open(self, read_only: bool, migrations_dir: Path) -> None:
        if not read_only:
            with storefile.held(self.path):  # opening replays a write-ahead log and migrations write
                self.con = self._connect(False)
                self._identity = storefile.identity(self.path)
                try:
                    self._migrate(migrations_dir)
                except BaseException:
                    self.con.close()
                    raise
            return
        self.con = self._connect(True)
        self._identity = storefile.identity(self.path)
        try:
            version = self._stored_version()
        except BaseException:
            self.con.close()
            raise
        if (version or 0) < latest_version(migrations_dir):
            # a store written by an older version: upgrade it once, then read
            self.con.close()
            try:
                Store(self.path, migrations_dir=migrations_dir).close()
            except StoreBusyError:
                pass  # another process writes; it runs the same migrations
            self.con = self._connect(True)
            self._identity = storefile.identity(self.path)

    def _open_snapshot(self, migrations_dir: Path) -> None:
        """A consistent private copy of a store another process holds read-write, opened read-only."""
        folder = Path(tempfile.mkdtemp(prefix="monitor-snapshot-"))
        try:
            for attempt in range(3):  # a process closing without the lock (its exit) may checkpoint meanwhile
                copy = storefile.copy_consistent(self.path, folder)
                try:
                    Store(copy, migrations_dir=migrations_dir).close()  # replays the copied log; upgrades it
                    break
                except StoreDamagedError:
                    if attempt == 2:
                        raise
            self.snapshot_of, self._snapshot_dir, self.path = self.path, folder, copy
            self.con = self._connect(True)
            self._identity = storefile.identity(self.path)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise

    def _connect(self, read_only: bool):
        try:
            return duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise StoreBusyError(str(self.path)) from exc
            if storefile.disk_full(exc):
                raise StoreFullError(str(self.path)) from exc
            raise StoreDamagedError(str(self.path)) from exc
        except duckdb.Error as exc:  # e.g. a log that does not replay
            raise StoreDamagedError(str(self.path)) from exc

    def gone(self) -> bool:
        """Whether the file was deleted or replaced (a restore) since this store opened it: DuckDB would go on
        writing to the deleted file, and everything written would be lost at the next start."""
        return storefile.identity(self.path) != self._identity

    def reopen(self) -> None:
        """A new connection to the same file, e.g. after DuckDB invalidated the old one (a failed checkpoint on a
        full disk): the log written so far is replayed."""
        try:
            self.con.close()
        except duckdb.Error:
            pass
        if self.read_only:
            self.con = self._connect(True)
        else:
            with storefile.held(self.path):
                self.con = self._connect(False)
        self._identity = storefile.identity(self.path)

    def _stored_version(self) -> int | None:
        """The store's schema version; None for a file without a schema (a new store)."""
        cur = self.con.cursor()
        try:
            version = cur.execute("SELECT max(version) FROM schema_version").fetchall()[0][0]
        except duckdb.CatalogException:
            tables = cur.execute("SELECT count(*) FROM duckdb_tables()").fetchall()[0][0]
            if tables:  # some other database: never given our schema beside its own tables
                raise StoreDamagedError(str(self.path)) from None
            return None
        finally:
            cur.close()
        return BASE_SCHEMA_VERSION if version is None else version  # an empty table: version 1 (older code)

    def _migrate(self, folder: Path) -> None:
        """One mechanism: a new store is created by queries/schema.sql (the current schema) and marked with
        the latest version; an existing store gets each migration numbered above its version, in order, one
        transaction per file, recorded in schema_version."""
        version = self._stored_version()
        if version is None:
            with self.transaction() as cur:
                cur.execute(sql("schema"))
                cur.execute("INSERT INTO schema_version (version) VALUES ($v)", {"v": latest_version(folder)})
            return
        for number, path in migrations(folder):
            if number > version:
                with self.transaction() as cur:
                    cur.execute(path.read_text(encoding="utf-8"))
                    cur.execute("INSERT INTO schema_version (version) VALUES ($v)", {"v": number})

    @property
    def schema_version(self) -> int:
        return self.con.cursor().execute("SELECT max(version) FROM schema_version").fetchall()[0][0]

    def run(self, name: str, **params) -> pd.DataFrame:
        """Run queries/<name>.sql with bound $parameters; return all rows."""
        cur = self.con.cursor()
        try:
            return cur.execute(sql(name), params).df()
        finally:
            cur.close()

    def records(self, name: str, **params) -> list[dict]:
        """The rows as dicts, a missing figure (SQL NULL) as None: the one place NaN becomes None."""
        return as_records(self.run(name, **params))

    def scalar(self, name: str, **params):
        cur = self.con.cursor()
        try:
            rows = cur.execute(sql(name), params).fetchall()
        finally:
            cur.close()
        return rows[0][0] if rows else None

    @contextmanager
    def transaction(self):
        """All or nothing: a cursor inside BEGIN ... COMMIT, rolled back on any error. The write lock is held
        throughout (a copy is never taken half-written); a full disk, a lost file or a fatal engine error becomes
        StoreFullError, StoreGoneError or StoreWriteError, with nothing written."""
        with nullcontext() if self.remote else storefile.held(self.path):
            if self.gone():  # the file opened is not there any more: never write into a deleted file
                raise StoreGoneError(str(self.path))
            if storefile.short_of_space(self.path):  # below $MONITOR_MIN_FREE_MB
                raise StoreFullError(str(self.path))
            cur = self.con.cursor()
            try:
                cur.execute("BEGIN TRANSACTION")
                try:
                    if self.remote:
                        cur.lock_writers()  # writers queue on PostgreSQL; readers never wait
                    yield cur
                    if self.gone():  # deleted during the write: committing would write into a deleted file
                        raise StoreGoneError(str(self.path))
                except BaseException as exc:
                    self._rollback(cur)
                    if storefile.file_failure(exc):
                        raise storefile.named(exc, self.path, self.gone()) from exc
                    raise
                try:
                    cur.execute("COMMIT")
                except duckdb.Error as exc:
                    self._rollback(cur)
                    raise storefile.named(exc, self.path, self.gone()) from exc
            finally:
                cur.close()

    def _rollback(self, cur) -> None:
        """Roll back what can be; a commit that failed has nothing to roll back, an invalidated database is
        opened again (its log holds only whole transactions)."""
        try:
            cur.execute("ROLLBACK")
        except duckdb.Error:
            pass
        try:
            self.con.cursor().execute("SELECT 1").fetchall()
        except duckdb.Error:
            _LOG.warning("store %s invalidated after a failed write; opening it again", self.path)
            try:
                self.reopen()
            except Exception:  # noqa: BLE001 - the original failure is the one to report
                _LOG.exception("store %s could not be opened again", self.path)

    def close(self) -> None:
        if self.read_only or self.remote:
            self.con.close()
        else:
            with storefile.held(self.path):  # closing checkpoints the log into the file
                self.con.close()
        if self._snapshot_dir is not None:
            shutil.rmtree(self._snapshot_dir, ignore_errors=True)
            self._snapshot_dir = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
