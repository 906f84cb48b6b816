"""The PostgreSQL backend: the store on a shared server, chosen by one setting, a URL (`--db` or `$MONITOR_DB`
starting with postgresql://). The rest of the code does not know which backend it talks to: `PgConnection` and
`PgCursor` answer the part of DuckDB's connection API the code uses (`cursor`, `execute` with $name parameters,
`df`, `fetchall`, `fetchone`, `register`/`unregister` of a pandas frame, `close`), the SQL is translated by
core/pgsql.py, and PostgreSQL's errors are raised as the DuckDB exception classes the code already catches.

Each cursor holds its own server connection (from a small pool) until it is closed, so a transaction is one
cursor's, as with DuckDB's cursors; a frame registered on a cursor is a temporary table of that connection.
PostgreSQL's MVCC keeps readers reading the last committed batch while a load writes: writers never block readers.
Writers queue on one transaction-level advisory lock (Store.transaction), so two loads never interleave.

`?schema=NAME` in the URL keeps the store in that schema (created when missing): several stores on one server,
e.g. one per test.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd
import psycopg
from psycopg import sql as pgsql_ident

from monitor.core import pgframe, pgsql
from monitor.core.pgbase import MACROS_SQL, CursorCatalog, Location, duck_error, is_url, macros_from, warm  # noqa: F401 - the backend's API

_TRANSLATED: dict[tuple, list] = {}  # per process: every store of one schema version shares the translations
WRITE_LOCK = 7_301_418  # the advisory lock every write transaction takes (any number; ours)
MACROS_DDL = ("CREATE TABLE IF NOT EXISTS duckdb_macros (name VARCHAR PRIMARY KEY, params VARCHAR NOT NULL, "
              "body VARCHAR NOT NULL, is_table BOOLEAN NOT NULL)")


def connect(location: Location) -> PgConnection:
    """The store's connection; a server that cannot be reached is a missing store (named by its URL)."""
    from monitor.core.errors import StoreUnreachableError

    try:
        return PgConnection(location)
    except duckdb.IOException as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise StoreUnreachableError(Location(location).display(), reason) from exc


def open_store(store, read_only: bool, migrations_dir) -> None:
    """Store.__init__ for a URL: connect, bring the schema up to date (one process at a time), then refuse writes
    if opened read-only."""
    store.con, store._identity = connect(store.path), None
    with store.con.migrating():
        store._migrate(migrations_dir)
    if read_only:
        store.con.set_read_only()
    store.con.catalog_version = store.schema_version
    warm(store.con, sorted(Path(migrations_dir).parent.glob("*.sql")))


class PgConnection:
    """A store's connection to PostgreSQL: a pool of server connections, one per open cursor."""

    def __init__(self, location: Location):
        self.location = Location(location)
        self.url, self.schema = self.location.split_url()
        self._idle: list[psycopg.Connection] = []
        self._lock = threading.Lock()
        self._macros: dict | None = None
        self.catalog_version = 0  # the store's schema version: translations depend on its tables' columns
        self.closed = False
        self.read_only = False
        conn = self._new()  # fails here when the server cannot be reached
        self._idle.append(conn)
        self.raw(MACROS_DDL)

    def _new(self) -> psycopg.Connection:
        try:
            conn = psycopg.connect(self.url, autocommit=True, cursor_factory=psycopg.ClientCursor,
                                   connect_timeout=10)
        except psycopg.Error as exc:
            raise duck_error(exc) from exc
        if self.schema:
            ident = pgsql_ident.Identifier(self.schema)
            conn.execute(pgsql_ident.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(ident))
            conn.execute(pgsql_ident.SQL("SET search_path TO {}").format(ident))
        if self.read_only:
            conn.execute("SET default_transaction_read_only = on")
        return conn

    def take(self) -> psycopg.Connection:
        with self._lock:
            while self._idle:
                conn = self._idle.pop()
                if not conn.closed:
                    return conn
        return self._new()

    def give_back(self, conn: psycopg.Connection) -> None:
        if conn.closed or self.closed or conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            if not conn.closed:
                conn.close()  # a transaction left open is rolled back by the server
            return
        with self._lock:
            if len(self._idle) < 16:
                self._idle.append(conn)
                return
        conn.close()

    def raw(self, text: str, params=None) -> list[tuple]:
        """PostgreSQL SQL as written (the catalog's own questions)."""
        conn = self.take()
        try:
            cur = conn.execute(text, params)
            return cur.fetchall() if cur.description else []
        finally:
            self.give_back(conn)

    def macros(self) -> dict[str, pgsql.Macro]:
        """The committed macros (read once; a macro saved through this connection reads them again)."""
        if self._macros is None:
            self._macros = macros_from(self.raw(MACROS_SQL))
        return self._macros

    def translate(self, text: str, cursor: PgCursor) -> list[tuple[str, pgsql.Macro | None]]:
        """A text's statements in PostgreSQL's SQL (or the macro a statement defines), cached unless the text
        reads a registered frame or the cursor's transaction changed macros."""
        key = (text, tuple(sorted(cursor.registered.items())), self.catalog_version, frozenset(self.macros().items()))
        found = None if cursor.macros_changed else _TRANSLATED.get(key)
        if found is None:
            found, catalog = [], CursorCatalog(cursor)
            for statement in pgsql.parse(text):
                macro = pgsql.macro_of(statement)
                found.append((None, macro) if macro else (pgsql.translate(statement, catalog), None))
            if not any(m for _, m in found) and not cursor.macros_changed:
                _TRANSLATED[key] = found
        return found

    def forget_macros(self) -> None:
        self._macros = None

    def cursor(self) -> PgCursor:
        return PgCursor(self)

    @contextmanager
    def migrating(self):
        """Hold the schema lock (a session advisory lock) while the schema is read and brought up to date."""
        conn = self.take()
        try:
            conn.execute("SELECT pg_advisory_lock(%s)", (WRITE_LOCK + 1,))
            try:
                yield
            finally:
                conn.execute("SELECT pg_advisory_unlock(%s)", (WRITE_LOCK + 1,))
        finally:
            self.give_back(conn)

    def execute(self, text: str, params=None) -> PgCursor:
        return self.cursor().execute(text, params)

    sql = execute  # DuckDB's con.sql(text) for a statement without parameters

    def set_read_only(self) -> None:
        """Every connection from now on refuses to write (a store opened read-only, after its migrations)."""
        self.read_only = True
        with self._lock:
            for conn in self._idle:
                conn.execute("SET default_transaction_read_only = on")

    def close(self) -> None:
        self.closed = True
        with self._lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()


class PgCursor:
    """One server connection, held until close(): DuckDB's cursor, as far as the code uses it."""

    def __init__(self, owner: PgConnection):
        self.owner = owner
        self.conn = owner.take()
        self.registered: dict[str, tuple[str, ...]] = {}
        self.macros_changed = False
        self._cur = None

    def execute(self, text: str, params=None) -> PgCursor:
        if isinstance(params, (list, tuple)):  # ? placeholders
            params = [pgframe.cell(v) for v in params]
        else:
            params = {name: pgframe.cell(value) for name, value in (params or {}).items()}
        try:
            for pg_text, macro in self.owner.translate(text, self):
                if macro is not None:
                    self._save_macro(macro)
                    continue
                self._cur = self.conn.cursor()
                self._cur.execute(pg_text, params)
            if self.macros_changed and self.conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
                self.macros_changed = False  # committed (or rolled back): every connection reads them again
                self.owner.forget_macros()
        except psycopg.Error as exc:
            raise duck_error(exc) from exc
        except sqlglot_errors() as exc:
            raise duckdb.ParserException(str(exc)) from exc
        return self

    def lock_writers(self) -> None:
        """Inside a transaction: wait for other writers' transactions to end (readers are never blocked)."""
        self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))

    def _save_macro(self, macro: pgsql.Macro) -> None:
        self.conn.execute(
            "INSERT INTO duckdb_macros VALUES (%s, %s, %s, %s) ON CONFLICT (name) DO UPDATE SET "
            "params = EXCLUDED.params, body = EXCLUDED.body, is_table = EXCLUDED.is_table",
            (macro.name, ",".join(macro.params), macro.body, macro.table))
        self.macros_changed = True

    def fetchall(self) -> list[tuple]:
        if self._cur is None or self._cur.description is None:
            return []
        return [tuple(pgframe.plain(v) for v in row) for row in self._cur.fetchall()]

    def fetchone(self):
        if self._cur is None or self._cur.description is None:
            return None
        row = self._cur.fetchone()
        return None if row is None else tuple(pgframe.plain(v) for v in row)

    def df(self) -> pd.DataFrame:
        if self._cur is None or self._cur.description is None:
            return pd.DataFrame()
        names = [d.name for d in self._cur.description]
        oids = [d.type_code for d in self._cur.description]
        rows = self._cur.fetchall()
        frame = pd.DataFrame.from_records(rows, columns=names) if rows else pd.DataFrame(
            {n: pd.Series(dtype=pgframe.EMPTY.get(o, "object")) for n, o in zip(names, oids)})
        for name, oid in zip(names, oids):
            frame[name] = pgframe.column(frame[name], oid)
        return frame

    def register(self, name: str, frame: pd.DataFrame) -> None:
        self.unregister(name)
        types = {str(c): pgframe.pg_type(frame[c]) or self._stored_type(str(c)) for c in frame.columns}
        ident = pgsql_ident.Identifier
        columns = pgsql_ident.SQL(", ").join(
            pgsql_ident.SQL("{} {}").format(ident(c), pgsql_ident.SQL(t)) for c, t in types.items())
        try:
            self.conn.execute(pgsql_ident.SQL("CREATE TEMP TABLE {} ({})").format(ident(name), columns))
            with self.conn.cursor().copy(pgsql_ident.SQL("COPY {} FROM STDIN").format(ident(name))) as copy:
                for row in frame.itertuples(index=False, name=None):
                    copy.write_row([pgframe.cell(v) for v in row])
        except psycopg.Error as exc:
            raise duck_error(exc) from exc
        self.registered[name] = tuple(types.items())

    def _stored_type(self, column: str) -> str:
        """The type of a column without a value: the store's type for a column of that name, else VARCHAR."""
        found = self.conn.execute(
            "SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND column_name = %s LIMIT 1", (column,)).fetchall()
        return found[0][0] if found else "VARCHAR"

    def unregister(self, name: str) -> None:
        if self.registered.pop(name, None) is not None or not self.conn.closed:
            self.conn.execute(pgsql_ident.SQL("DROP TABLE IF EXISTS pg_temp.{}").format(
                pgsql_ident.Identifier(name)))

    def close(self) -> None:
        if self.conn is None:
            return
        conn, self.conn = self.conn, None
        try:
            idle = not conn.closed and conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
            if self.registered and idle:
                conn.execute("DISCARD TEMP")
        except psycopg.Error:
            conn.close()
        self.owner.give_back(conn)

    def __del__(self):
        try:
            self.close()
        except Exception:  # noqa: BLE001 - a cursor collected at interpreter exit
            pass


def sqlglot_errors():
    import sqlglot.errors
    return (sqlglot.errors.ParseError, sqlglot.errors.UnsupportedError)
