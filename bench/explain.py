"""Where DuckDB spends a query's time: the slowest operators of one run (`PRAGMA enable_profiling`).

`python -m bench.explain DB` writes bench/profiles/queries-<scale>.txt for the engine's
growth_by_sector and growth_by_unit against their floors (the gap behind `query_ratio_vs_duckdb`).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import duckdb

from bench import BENCH, sql
from monitor.core.store import sql as monitor_sql

PARAMS = {"indicator": "GRDP", "unit": "22", "year": 2025, "quarter": 2}


def _walk(node: dict, depth: int, out: list) -> list:
    rows = node.get("intermediate_rows", node.get("operator_cardinality", 0))
    table = (node.get("extra_info") or {}).get("Table", "")
    out.append((node.get("timing", 0.0), depth, node.get("name", "?"), rows, table))
    for child in node.get("children", []):
        _walk(child, depth + 1, out)
    return out


def operators(con, query: str, params: dict, top: int = 8) -> tuple[float, list]:
    """(sum of operator seconds, the `top` slowest operators) of one run of query."""
    path = Path(tempfile.mkdtemp()) / "profile.json"
    con.execute("PRAGMA enable_profiling = 'json'")
    con.execute(f"PRAGMA profiling_output = '{path}'")  # a file name of ours, not a value from a user
    con.execute(query, params).fetchall()
    con.execute("PRAGMA disable_profiling")
    ops = [o for node in json.loads(path.read_text())["operator"] for o in _walk(node, 0, [])]
    return sum(o[0] for o in ops), sorted(ops, reverse=True)[:top]


def report(db: str) -> str:
    con = duckdb.connect(db, read_only=True)
    # growth_by_unit is given its members as a list, resolved first (as monitor/leader/status.py does)
    members = [r[0] for r in con.execute(monitor_sql("unit_members"), {"parent": "22", "level": "commune"}).fetchall()]
    pairs = [
        ("growth_by_sector", monitor_sql("growth_by_sector"), {**PARAMS, "vintage": "latest"},
         sql("floor_growth_by_sector"), PARAMS),
        ("growth_by_unit", monitor_sql("growth_by_unit"),
         {**{k: v for k, v in PARAMS.items() if k != "unit"}, "parent": "22", "members": members, "sector": "TOTAL",
          "vintage": "latest"},
         sql("floor_growth_by_unit"),
         {**{k: v for k, v in PARAMS.items() if k != "unit"}, "parent": "22", "level": "commune", "sector": "TOTAL"}),
    ]
    lines = [f"DuckDB operator profile, {db}"]
    for name, engine_sql, engine_params, floor_sql, floor_params in pairs:
        for label, q, p in (("engine", engine_sql, engine_params), ("floor", floor_sql, floor_params)):
            operators(con, q, p)  # warm the buffer cache first
            total, top = operators(con, q, p)
            lines.append(f"\n{name} ({label}): operators {total * 1000:.1f} ms; slowest:")
            lines += [f"  {t * 1000:7.2f} ms  {'  ' * d}{n} rows={r} {tab}" for t, d, n, r, tab in top]
    con.close()
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    db = sys.argv[1]
    text = report(db)
    out = BENCH / "profiles" / f"queries-{Path(db).stem}.txt"
    out.parent.mkdir(exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(text)
