"""The one translation of DuckDB's SQL for PostgreSQL (core/pgsql.py) and the connection that runs it (core/pg.py):
each rewrite is run on both backends (conftest parametrises this file) and must give the rows written here."""

from __future__ import annotations

import datetime

import duckdb
import pandas as pd
import pytest

from monitor.core import pg, pgsql
from monitor.core.store import MIGRATIONS, QUERIES

SETUP = """
CREATE TABLE t (k VARCHAR PRIMARY KEY, g INTEGER NOT NULL, v DOUBLE, w INTEGER);
INSERT INTO t VALUES ('a', 1, 1.5, 10), ('b', 1, 4.0, 20), ('c', 2, 2.5, NULL), ('d', 2, NULL, 40);
CREATE MACRO twice(x) AS x * 2;
CREATE MACRO above(threshold) AS TABLE SELECT * FROM t WHERE v > threshold;
"""


@pytest.fixture
def con(backend, tmp_path):
    """A bare connection of the backend (no store schema) holding table t and two macros."""
    where = backend.location(tmp_path, "t.duckdb")
    found = pg.PgConnection(pg.Location(where)) if backend.name == "postgresql" else duckdb.connect(str(where))
    cur = found.cursor()
    cur.execute(SETUP)
    cur.close()
    yield found
    found.close()


def rows(con, text, params=None):
    cur = con.cursor()
    try:
        return cur.execute(text, params).fetchall()
    finally:
        cur.close()


def test_scalar_and_table_macros_are_expanded_where_called(con):
    assert rows(con, "SELECT k, twice(v) FROM above(2) ORDER BY k") == [("b", 8.0), ("c", 5.0)]
    assert rows(con, "SELECT count(*) FROM above($least) AS x WHERE twice(x.w) > 30", {"least": 1}) == [(1,)]


def test_arg_max_and_arg_min_ignore_null_keys_and_keep_a_filter(con):
    assert rows(con, "SELECT g, arg_max(k, v), arg_min(k, w) FROM t GROUP BY g ORDER BY g") == [
        (1, "b", "a"), (2, "c", "d")]
    assert rows(con, "SELECT arg_max(k, v) FILTER (WHERE g = 1 AND k <> 'b') FROM t") == [("a",)]


def test_group_by_all_and_order_by_all(con):
    assert rows(con, "SELECT g, g * 10 AS g10, sum(w) FROM t GROUP BY ALL ORDER BY ALL") == [(1, 10, 30), (2, 20, 40)]


def test_exclude_and_replace_name_the_source_columns(con):
    text = """WITH x AS (SELECT * EXCLUDE (w) FROM t WHERE k = 'a')
              SELECT y.* REPLACE (twice(g) AS g) FROM x AS y"""
    assert rows(con, text) == [("a", 2, 1.5)]


def test_insert_or_replace_and_by_name_from_a_registered_frame(con):
    cur = con.cursor()
    try:
        cur.register("staged", pd.DataFrame({"w": [99, 7], "k": ["a", "e"], "g": [5, 6], "v": [None, 0.5]}))
        cur.execute("INSERT OR REPLACE INTO t BY NAME SELECT * FROM staged")
        cur.unregister("staged")
    finally:
        cur.close()
    assert rows(con, "SELECT k, g, v, w FROM t WHERE k IN ('a', 'e') ORDER BY k") == [
        ("a", 5, None, 99), ("e", 6, 0.5, 7)]
    rows(con, "INSERT OR REPLACE INTO t (k, g) VALUES ('b', 9)")
    assert rows(con, "SELECT g FROM t WHERE k = 'b'") == [(9,)]


def test_a_row_in_a_subquery_of_rows_and_numbers_as_duckdb_computes_them(con):
    text = "SELECT k FROM t WHERE (g, k) IN (SELECT (1, 'a') UNION SELECT (2, 'd')) ORDER BY k"
    assert rows(con, text) == [("a",), ("d",)]
    assert rows(con, "SELECT 7 / 2, 7 // 2, 7 % 3, make_date(2025, 7, 1)") == [(3.5, 3, 1, datetime.date(2025, 7, 1))]
    assert rows(con, "SELECT count(*) FROM t WHERE k LIKE '%' AND g = $g", {"g": 1}) == [(2,)]
    assert rows(con, "SELECT count(*) FROM t WHERE g = ?", [2]) == [(2,)]


def test_last_and_first_value_ignoring_nulls_over_a_window(con):
    text = """SELECT k, last_value(w IGNORE NULLS) OVER (ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
                     first_value(w IGNORE NULLS) OVER (ORDER BY k DESC ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)
              FROM t ORDER BY k"""
    assert rows(con, text) == [("a", None, None), ("b", 10, 10), ("c", 20, 20), ("d", 20, 20)]


def test_results_have_duckdbs_column_types(con):
    cur = con.cursor()
    try:
        frame = cur.execute("SELECT k, g, w, v, sum(g) OVER () AS total, DATE '2025-01-01' AS d FROM t "
                            "ORDER BY k").df()
    finally:
        cur.close()
    assert frame["g"].dtype.kind == "i" and str(frame["w"].dtype) in ("Int32", "Int64")
    assert frame["v"].dtype == "float64" and frame["total"].dtype.kind in "fi"
    assert frame["d"].dtype.kind == "M" and frame["k"].tolist() == ["a", "b", "c", "d"]


def test_errors_are_duckdbs_classes(con):
    with pytest.raises(duckdb.CatalogException):
        rows(con, "SELECT * FROM no_such_table")
    with pytest.raises(duckdb.ConstraintException):
        rows(con, "INSERT INTO t VALUES ('a', 1, 1, 1)")


def test_describe_lists_the_columns(con):
    assert [r[0] for r in rows(con, "DESCRIBE t")] == ["k", "g", "v", "w"]


class _NamesOnly(pgsql.Catalog):
    """A catalog without a server: every table has one column x, its key."""

    def columns(self, table):
        return ["x"]

    def primary_key(self, table):
        return ["x"]

    def macros(self):
        return {}


@pytest.mark.parametrize("path", sorted([*QUERIES.glob("*.sql"), *MIGRATIONS.glob("*.sql")]), ids=lambda p: p.name)
def test_every_query_and_migration_translates_without_dropping_anything(path):
    """A DuckDB construct PostgreSQL lacks and the translation does not rewrite fails here (sqlglot's unsupported
    level is an error), not as a quietly different statement on the shared store."""
    statements = pgsql.parse(path.read_text(encoding="utf-8"))
    assert statements
    for statement in statements:
        if pgsql.macro_of(statement) is None:
            assert pgsql.translate(statement, _NamesOnly())


def test_a_list_bound_as_one_parameter_filters_with_in(con):
    """`x IN $list` (growth_by_unit's members): PostgreSQL gets `x = ANY($list)`, the driver sends an array."""
    assert rows(con, "SELECT k FROM t WHERE k IN $keys OR g = $g ORDER BY k", {"keys": ["a", "d"], "g": 0}) == [
        ("a",), ("d",)]
    assert rows(con, "SELECT k FROM t WHERE w NOT IN $ws ORDER BY k", {"ws": [10, 40]}) == [("b",)]
    assert rows(con, "SELECT count(*) FROM t WHERE k IN $keys", {"keys": []}) == [(0,)]
