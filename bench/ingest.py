"""Loading an upload file of observations three ways, into a store holding the scale's reference tables.

- the full validated loader (monitor.ingest.load_observations: read, every rule, compare with the
  store, one transaction), what the upload page and `python -m monitor ingest` do;
- the floor: DuckDB's own read_csv straight into the observations table;
- pandas.read_csv, then an insert of the frame.
Each run starts from a fresh copy of the same store (the copy is not timed).
"""

from __future__ import annotations

import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from bench import bind_all, harness, sql
from monitor.core.store import Store
from monitor.core.store import sql as monitor_sql
from monitor.upload import ingest

CSV_TYPES = {"indicator": str, "unit_code": str, "sector_code": str, "vintage": str, "source": str}


def _new_batch(con, rows: int) -> int:
    query = monitor_sql("insert_batch")
    return int(con.execute(query, bind_all(
        query, kind="observations", file_name="bench.csv", sha256="bench", row_count=rows, user_name="bench",
        synthetic=True)).fetchall()[0][0])


def load_validated(store: Store, csv: Path) -> int:
    batch, prepared = ingest.load_observations(store, csv, "bench", synthetic=True)
    return len(prepared.rows)


def load_duckdb(store: Store, csv: Path) -> int:
    with store.transaction() as cur:
        cur.execute(sql("ingest_read_csv"), {"path": str(csv), "batch_id": _new_batch(cur, 0)})
        return int(cur.execute("SELECT count(*) FROM observations").fetchall()[0][0])


def load_pandas(store: Store, csv: Path) -> int:
    frame = pd.read_csv(csv, dtype=CSV_TYPES, keep_default_na=False)
    with store.transaction() as cur:
        cur.register("bench_frame", frame)
        cur.execute(sql("ingest_frame"), {"batch_id": _new_batch(cur, len(frame))})
        cur.unregister("bench_frame")
    return len(frame)


METHODS = {"validated_loader": load_validated, "duckdb_read_csv": load_duckdb, "pandas_read_csv": load_pandas}


@contextmanager
def size_limit_at_least(size_bytes: int):
    """The loader refuses files above MONITOR_MAX_UPLOAD_MB (50 MB by default); a million rows are 57 MB,
    so the limit is raised for the benchmark's own file (and the limit in force recorded)."""
    old = os.environ.get("MONITOR_MAX_UPLOAD_MB")
    needed = size_bytes / 2**20 + 1
    if float(old or 50) < needed:
        os.environ["MONITOR_MAX_UPLOAD_MB"] = f"{needed:.0f}"
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("MONITOR_MAX_UPLOAD_MB", None)
        else:
            os.environ["MONITOR_MAX_UPLOAD_MB"] = old


def bench_ingest(template: Path, csv: Path, work: Path, repeat: int = 3) -> dict:
    """Median seconds per method (no warm-up: every run is a first load into a fresh store copy)."""
    with size_limit_at_least(csv.stat().st_size):
        return _bench_ingest(template, csv, work, repeat)


def _bench_ingest(template: Path, csv: Path, work: Path, repeat: int) -> dict:
    results, rows = {}, {}
    for name, load in METHODS.items():
        samples = []
        for i in range(repeat):
            target = work / f"ingest-{name}-{i}.duckdb"
            shutil.copy(template, target)
            with Store(target) as store:
                start = time.perf_counter()
                rows[name] = load(store, csv)
                samples.append(time.perf_counter() - start)
            target.unlink()
        results[name] = harness.summary(samples)
    if len(set(rows.values())) != 1:
        raise AssertionError(f"the methods loaded different row counts: {rows}")
    floor = results["duckdb_read_csv"]["median_s"]
    return {"rows": rows["validated_loader"], "file_mb": csv.stat().st_size / 2**20, **results,
            "ratio_vs_duckdb": results["validated_loader"]["median_s"] / floor,
            "pandas_ratio_vs_duckdb": results["pandas_read_csv"]["median_s"] / floor}
