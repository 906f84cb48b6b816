"""`python -m bench`: generate the stores, run every benchmark, write results.json and BENCHMARKS.md.

    python -m bench                                  # province and national (make bench)
    python -m bench --scales tiny --work /tmp/b      # seconds; what the smoke test runs
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import tempfile
import time
from pathlib import Path

from bench import BENCH, browser, generate, ingest, machine, pages, queries, report, server
from monitor.core.store import ROOT, Store

INGEST_ROWS = 1_000_000
WORK = Path(tempfile.gettempdir()) / "growth-monitor-bench"


def run_scale(scale: str, work: Path, repeat: int, users: int, rounds: int, log=print) -> dict:
    db, ref, csv = work / f"{scale}.duckdb", work / f"{scale}-reference.duckdb", work / f"{scale}-upload.csv"
    out: dict = {"scale": scale, "started": machine.now(), "load_before": machine.load()}

    log(f"[{scale}] generating the store")
    start = time.perf_counter()
    out["rows"] = generate.build(db, scale)
    generate.build(ref, scale, observations=False)
    out["upload_rows"] = generate.export_csv(db, csv, INGEST_ROWS)
    out["generate_s"] = time.perf_counter() - start

    log(f"[{scale}] engine queries against raw DuckDB and pandas")
    with Store(db, read_only=True) as store:
        out["queries"] = queries.bench_queries(store, scale, repeat=repeat)
    gc.collect()

    log(f"[{scale}] pages under AppTest")
    out["pages"] = pages.bench_pages(db, cold_repeat=min(3, repeat), warm_repeat=repeat)

    log(f"[{scale}] loading {out['upload_rows']} rows three ways")
    out["ingest"] = ingest.bench_ingest(ref, csv, work, repeat=min(3, repeat))

    log(f"[{scale}] the server under {users} simultaneous sessions")
    found = pages.discover_paths()
    out["server"] = server.bench_server(db, found, work / f"{scale}-server.log", users, rounds)

    log(f"[{scale}] Chromium: navigation to headline, cold, warm and under {users} sessions")
    out.update(browser.bench_browser(db, found, work / f"{scale}-browser.log", users))
    many = 50 if users >= 20 else 2 * users  # the 50 sessions; fewer in a smoke run
    log(f"[{scale}] {many} sessions through HAProxy on 1 and 2 dashboard processes")
    out.update(browser.bench_processes(db, found, users=many, rounds=max(2, rounds)))
    out["store_backend"] = "duckdb"  # the PostgreSQL backend side by side: python -m bench.backends
    out["load_after"] = machine.load()
    out["finished"] = machine.now()
    out.update(report.summary(out))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--scales", nargs="+", choices=generate.SCALES, default=["province", "national"])
    parser.add_argument("--work", default=os.environ.get("BENCH_WORK", str(WORK)),
                        help="folder for the generated stores (about 5 GB at national scale)")
    parser.add_argument("--out", default=str(BENCH / "results.json"))
    parser.add_argument("--markdown", default=str(ROOT / "BENCHMARKS.md"), help="'' to skip")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    results = {"meta": machine.describe()}
    for scale in args.scales:
        results[scale] = run_scale(scale, work, args.repeat, args.users, args.rounds)
    results["meta"]["duration_s"] = time.perf_counter() - start
    results["meta"]["shared_cpu"] = machine.shared([results[s] for s in args.scales])
    if "province" in results and "national" in results:
        results["growth_national_vs_province"] = report.growth(results["province"], results["national"])
    Path(args.out).write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str) + "\n",
                              encoding="utf-8")
    if args.markdown:
        report.write_markdown(results, Path(args.markdown), Path(args.out).with_name("plot.svg"))
    print(f"results: {args.out} ({results['meta']['duration_s']:.0f} s)")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
    raise SystemExit(main())
