"""The PostgreSQL backend's location (a URL where the DuckDB backend has a path) and its errors, raised as the DuckDB
exception classes of the same meaning so that the code catching them does not know the backend."""

from __future__ import annotations

import threading
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import duckdb
import psycopg
from psycopg import errors as pgerr

from monitor.core import pgsql

SCHEMES = ("postgresql://", "postgres://")


def is_url(location) -> bool:
    return str(location).startswith(SCHEMES)



class Location(str):
    """A store's URL where the DuckDB backend has a path: `exists()` and `name` answer as a path's would."""

    def exists(self) -> bool:
        return True

    @property
    def name(self) -> str:
        return self.split_url()[1] or "public"

    def split_url(self) -> tuple[str, str | None]:
        """(the URL for the driver, the schema asked for or None)."""
        parts = urlsplit(str(self))
        query = dict(parse_qsl(parts.query))
        schema = query.pop("schema", None)
        return urlunsplit(parts._replace(query=urlencode(query))), schema

    def display(self) -> str:
        """The URL without its password, for messages."""
        parts = urlsplit(str(self))
        if parts.password:
            parts = parts._replace(netloc=parts.netloc.replace(":" + parts.password + "@", ":***@"))
        return urlunsplit(parts)



def duck_error(exc: Exception) -> Exception:
    """A PostgreSQL error as the DuckDB exception class of the same meaning."""
    text = str(exc).strip()
    if isinstance(exc, (pgerr.UndefinedTable, pgerr.UndefinedColumn, pgerr.UndefinedFunction,
                        pgerr.InvalidSchemaName)):
        return duckdb.CatalogException(text)
    if isinstance(exc, psycopg.IntegrityError):
        return duckdb.ConstraintException(text)
    if isinstance(exc, psycopg.DataError):
        return duckdb.ConversionException(text)
    if isinstance(exc, (psycopg.OperationalError, psycopg.InterfaceError)):
        if "no space left" in text.lower() or isinstance(exc, pgerr.DiskFull):
            return duckdb.IOException("No space left on device: " + text)
        return duckdb.IOException(text)
    if isinstance(exc, psycopg.errors.SyntaxError):
        return duckdb.ParserException(text)
    return duckdb.Error(text)


class CursorCatalog(pgsql.Catalog):
    """The catalog as one cursor's connection sees it (its temporary tables, its transaction's macros)."""

    def __init__(self, cursor):
        self.cursor = cursor

    def raw(self, text: str, params) -> list[tuple]:
        return self.cursor.conn.execute(text, params).fetchall()

    def columns(self, table: str) -> list[str]:
        return [r[0] for r in self.raw(
            "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(%s) AND attnum > 0 AND NOT attisdropped "
            "ORDER BY attnum", (table,))]

    def primary_key(self, table: str) -> list[str]:
        return [r[0] for r in self.raw(
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
            "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = to_regclass(%s) AND i.indisprimary "
            "ORDER BY array_position(i.indkey, a.attnum)", (table,))]

    def macros(self) -> dict[str, pgsql.Macro]:
        if self.cursor.macros_changed:  # its own transaction's macros, not yet committed
            return macros_from(self.raw(MACROS_SQL, None))
        return self.cursor.owner.macros()


MACROS_SQL = "SELECT name, params, body, is_table FROM duckdb_macros"


def macros_from(rows) -> dict[str, pgsql.Macro]:
    return {r[0]: pgsql.Macro(r[0], tuple(p for p in r[1].split(",") if p), r[2], r[3]) for r in rows}


_WARMING: list = []


def warm(connection, files: list) -> threading.Thread | None:
    """Translate the query files in the background (about 2 s for all of queries/, once per process), so the
    first wave of sessions after a start does not pay 0.1-0.3 s per query for it."""
    def run():
        cur = None
        try:
            cur = connection.cursor()
            for path in files:
                if connection.closed:
                    return
                try:
                    connection.translate(path.read_text(encoding="utf-8"), cur)
                except Exception:  # noqa: BLE001 - a file the call itself will report on
                    continue
        except Exception:  # noqa: BLE001 - a server gone meanwhile: the calls themselves will say so
            return
        finally:
            if cur is not None:
                cur.close()
    if _WARMING:  # once per process: the translations are shared
        return None
    _WARMING.append(True)
    thread = threading.Thread(target=run, name="pg-translate-warm", daemon=True)
    thread.start()
    return thread
