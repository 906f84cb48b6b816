"""Benchmarks of Growth Monitor against raw DuckDB and pandas (issue 6).

`make bench` runs `python -m bench`: generate the stores (bench.generate), time the
engine queries, the pages, the loader, the server under 20 sessions (bench.harness and
friends), write bench/results.json and BENCHMARKS.md (bench.report). Benchmarks are
not tests: tests/test_bench_smoke.py only runs this code at the tiny scale.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

BENCH = Path(__file__).resolve().parent
SQL = BENCH / "sql"
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@cache
def sql(name: str) -> str:
    """Text of bench/sql/<name>.sql (one statement, a `--` header saying what a row is and its $params)."""
    if not _NAME.match(name):
        raise ValueError(f"bad query name {name!r}")
    return (SQL / f"{name}.sql").read_text(encoding="utf-8")


def run(con, name: str, **params):
    """Run bench/sql/<name>.sql on a DuckDB connection (a cursor of its own); all rows as a DataFrame."""
    cur = con.cursor()
    try:
        return cur.execute(sql(name), params).df()
    finally:
        cur.close()


def bind_all(query: str, **known) -> dict:
    """Parameters for query: the known ones, and None for any other $name it takes (counts the loader fills)."""
    return {name: known.get(name) for name in dict.fromkeys(re.findall(r"\$([a-z_][a-z0-9_]*)", query))}
