"""The two store backends for the tests: the embedded DuckDB file and PostgreSQL (core/pg.py).

conftest.py parametrises the store tests (STORE_TEST_FILES) over both: `backend.location(folder, name)` is a new
store's path (DuckDB) or URL (a new schema on the test server, dropped when the module ends). The server is
$MONITOR_TEST_PG (`make pg-up` starts one at postgresql://postgres@127.0.0.1:54329/monitor); when it cannot be
reached the PostgreSQL runs are skipped, or fail when $MONITOR_TEST_PG_REQUIRED is set (`make test` sets it).
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

DEFAULT_PG = "postgresql://postgres@127.0.0.1:54329/monitor"
BACKENDS = ("duckdb", "postgresql")


def pg_url() -> str:
    return os.environ.get("MONITOR_TEST_PG", DEFAULT_PG)


def pg_reachable(url: str | None = None) -> str | None:
    """None when the server answers; else why not."""
    import psycopg

    try:
        with psycopg.connect(url or pg_url(), connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        return str(exc).strip().splitlines()[0]
    return None


def require_pg() -> str:
    """The test server's URL; skips (or fails, under make test) when it does not answer."""
    why = pg_reachable()
    if why:
        message = f"PostgreSQL test server {pg_url()} not reachable ({why}); start it with `make pg-up`"
        if os.environ.get("MONITOR_TEST_PG_REQUIRED"):
            pytest.fail(message)
        pytest.skip(message)
    return pg_url()


class Backend:
    def __init__(self, name: str):
        self.name = name
        self.schemas: list[str] = []
        self.url = require_pg() if name == "postgresql" else None

    def location(self, folder: Path, name: str = "monitor.duckdb") -> str | Path:
        """Where a new store goes: a file in folder, or a new schema on the server."""
        if self.name == "duckdb":
            return Path(folder) / name
        schema = f"t_{uuid.uuid4().hex[:12]}"
        self.schemas.append(schema)
        return f"{self.url}?schema={schema}"

    def drop(self) -> None:
        if not self.schemas:
            return
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            for schema in self.schemas:
                conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        self.schemas.clear()

    def __repr__(self) -> str:
        return self.name


def pg_catalog(con) -> dict:
    """What a PostgreSQL store's schema declares (tables, columns with types, nullability and defaults, constraints,
    sequences, the macros kept for the translation), as test_store's catalog() gives it for DuckDB."""
    def rows(query):
        return con.owner.raw(query) if hasattr(con, "owner") else con.raw(query)

    here = "table_schema = current_schema()"
    return {
        "columns": rows("SELECT table_name, ordinal_position, column_name, data_type, is_nullable, column_default "
                        f"FROM information_schema.columns WHERE {here} ORDER BY 1, 2"),
        "constraints": rows("SELECT table_name, constraint_type, constraint_name "
                            "FROM information_schema.table_constraints "
                            "WHERE constraint_schema = current_schema() ORDER BY 1, 2, 3"),
        "sequences": rows("SELECT sequence_name, increment FROM information_schema.sequences "
                          "WHERE sequence_schema = current_schema() ORDER BY 1"),
        "macros": rows("SELECT name, params, body, is_table FROM duckdb_macros ORDER BY name"),
    }
