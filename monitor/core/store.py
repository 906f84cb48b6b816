"""The DuckDB store: path, connection, schema and migrations, named queries.

One connection per process and a cursor per query (Streamlit runs each session
in its own thread). SQL lives in queries/*.sql, one statement per file.
"""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from monitor.core.errors import StoreBusyError, StoreMissingError

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ROOT / "queries"
MIGRATIONS = QUERIES / "migrations"
DEFAULT_DB = ROOT / "data" / "monitor.duckdb"
BASE_SCHEMA_VERSION = 1  # queries/schema.sql as first released; migrations are numbered from 2
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def db_path(arg: str | os.PathLike | None = None) -> Path:
    """--db wins, then MONITOR_DB, then data/monitor.duckdb in the project."""
    if arg:
        return Path(arg)
    env = os.environ.get("MONITOR_DB")
    return Path(env) if env else DEFAULT_DB


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
    """An open store. Use read_only=True in the dashboard so loads elsewhere stay possible."""

    def __init__(self, path: str | os.PathLike | None = None, read_only: bool = False,
                 create: bool = False, migrations_dir: Path = MIGRATIONS):
        self.path = db_path(path)
        self.read_only = read_only
        if not self.path.exists() and not create:
            raise StoreMissingError(str(self.path))
        if create:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.con = self._connect(read_only)
        if not read_only:
            self._migrate(migrations_dir)
        elif (self._stored_version() or 0) < latest_version(migrations_dir):
            # a store written by an older version: upgrade it once, then read
            self.con.close()
            try:
                Store(self.path, migrations_dir=migrations_dir).close()
            except StoreBusyError:
                pass  # another process writes; it runs the same migrations
            self.con = self._connect(True)

    def _connect(self, read_only: bool):
        try:
            return duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise StoreBusyError(str(self.path)) from exc
            raise

    def _stored_version(self) -> int | None:
        """The store's schema version; None for a file without a schema (a new store)."""
        cur = self.con.cursor()
        try:
            version = cur.execute("SELECT max(version) FROM schema_version").fetchall()[0][0]
        except duckdb.CatalogException:
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
        """All or nothing: a cursor inside BEGIN ... COMMIT, rolled back on any error."""
        cur = self.con.cursor()
        cur.execute("BEGIN TRANSACTION")
        try:
            yield cur
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        else:
            cur.execute("COMMIT")
        finally:
            cur.close()

    def close(self) -> None:
        self.con.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
