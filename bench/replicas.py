"""Replicas' throughput (issue 18): the same crowd of websocket sessions (bench/server.py's clients, every reader
page in turn) through HAProxy in front of 1 and then 2 Streamlit replicas over one PostgreSQL store.

    python -m bench.replicas --pg postgresql://postgres@127.0.0.1:54329/monitor [--users 20 50] [--rounds 2]

The store is the demo in schema bench_replicas (cluster/run.py's prepare_store). Per replica count and crowd size:
the p95 and median of the page times over every wave after the first (warm) and of the first wave (cold caches).
Writes bench/results-replicas.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

from bench import harness, pages, server
from monitor.core.store import ROOT

sys.path.insert(0, str(ROOT / "cluster"))
from run import Cluster, prepare_store  # noqa: E402

OUT = Path(__file__).with_name("results-replicas.json")


def crowd(url: str, names: list[str], users: int, rounds: int) -> dict:
    waves = []
    for _ in range(rounds):
        started = time.perf_counter()
        results = asyncio.run(server._crowd(url, names, users))
        waves.append({"wall_s": time.perf_counter() - started, "times": [t for user in results for _, t in user]})
    warm = [t for w in waves[1:] for t in w["times"]] or waves[0]["times"]
    return {"users": users, "rounds": rounds, "cold_p95_s": round(harness.percentile(waves[0]["times"], 95), 3),
            "warm_p95_s": round(harness.percentile(warm, 95), 3),
            "warm_median_s": round(harness.percentile(warm, 50), 3),
            "wall_s": [round(w["wall_s"], 2) for w in waves]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pg", required=True)
    parser.add_argument("--users", type=int, nargs="+", default=[20, 50])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--replicas", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args(argv)
    url = prepare_store(args.pg, "bench_replicas")
    names = server.page_names(pages.discover_paths())
    results = {"store": "postgresql (demo)", "pages": [n or "(default)" for n in names], "runs": []}
    for replicas in args.replicas:
        with Cluster(url, replicas, folder=Path(tempfile.mkdtemp(prefix="bench-replicas-"))) as cluster:
            for users in args.users:
                row = {"replicas": replicas, **crowd(cluster.url, names, users, args.rounds)}
                results["runs"].append(row)
                print(json.dumps(row), flush=True)
    OUT.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
