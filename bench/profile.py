"""Profiles behind the findings in BENCHMARKS.md, written to bench/profiles/.

    python -m bench.profile --scale national      # after `make bench` left the stores in the work folder

- loader-<scale>.txt: pyinstrument of the validated loader on the upload file;
- server-<scale>.txt: py-spy samples of the dashboard server while 20 sessions open every page twice,
  folded into the functions that hold the most time (idle threads left out);
- queries-<scale>.txt: DuckDB's slowest operators, engine against floor (bench.explain).

The *-proposed.txt files there are from the first run, which profiled the fixes before they were merged
(BENCHMARKS.md cites them); this module no longer writes them.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from bench import BENCH, explain, ingest, pages, server
from bench.__main__ import WORK
from monitor.core.store import Store

OUT = BENCH / "profiles"
IDLE = ("select (selectors.py", "wait (threading.py", "_worker (concurrent", "run_forever", "epoll")
RUNNING = ("_run_script", "exec_func_with_error_handling")


def loader(ref: Path, csv: Path) -> str:
    from pyinstrument import Profiler

    target = ref.with_name("profile-loader.duckdb")
    shutil.copy(ref, target)
    with Store(target) as store, ingest.size_limit_at_least(csv.stat().st_size):
        profiler = Profiler(interval=0.005)
        profiler.start()
        ingest.load_validated(store, csv)
        profiler.stop()
    target.unlink()
    return profiler.output_text(unicode=False, color=False, show_all=False)


def fold(raw: str, top: int = 45) -> str:
    """py-spy's raw stacks -> the share of busy samples in which each function is on the stack, and self time."""
    inclusive, own, busy = Counter(), Counter(), 0
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or (any(k in stack for k in IDLE) and not any(k in stack for k in RUNNING)):
            continue
        n = int(count)
        busy += n
        frames = [re.sub(r"\s+\(\S*?/(site-packages|wt-[^/]+|main|growth-monitor)/", " (", f)
                  for f in stack.split(";") if not f.startswith(("process ", "thread "))]
        for f in set(frames):
            inclusive[f] += n
        if frames:
            own[frames[-1]] += n
    lines = [f"busy samples: {busy}", "", "share of busy time with the function on the stack:"]
    lines += [f"{n / busy * 100:5.1f}%  {f}" for f, n in inclusive.most_common(top)]
    lines += ["", "self time:"] + [f"{n / busy * 100:5.1f}%  {f}" for f, n in own.most_common(20)]
    return "\n".join(lines) + "\n"


def server_profile(db: Path, work: Path, users: int = 20) -> str:
    names = server.page_names(pages.discover_paths())
    raw = work / "server-profile.raw"
    with server.dashboard(db, work / "profile-server.log") as (url, sampler):
        asyncio.run(server._crowd(url, names, users))  # warm the caches first: the profile is of warm waves
        spy = subprocess.Popen([str(Path(sys.executable).parent / "py-spy"), "record", "-p", str(sampler.pid),
                                "-o", str(raw), "-f", "raw", "-r", "100", "-t"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(2)
        start = time.perf_counter()
        for _ in range(2):
            asyncio.run(server._crowd(url, names, users))
        took = time.perf_counter() - start
        time.sleep(0.5)
        spy.send_signal(2)
        spy.wait(timeout=60)
    head = f"as is: 2 waves of {users} sessions x {len(names)} pages, {took:.1f} s under the profiler\n"
    return head + fold(raw.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="national")
    parser.add_argument("--work", default=str(WORK))
    parser.add_argument("--only", choices=("loader", "server", "queries"), nargs="*",
                        default=["loader", "server", "queries"])
    args = parser.parse_args(argv)
    work, scale = Path(args.work), args.scale
    OUT.mkdir(exist_ok=True)
    if "queries" in args.only:
        (OUT / f"queries-{scale}.txt").write_text(explain.report(str(work / f"{scale}.duckdb")), encoding="utf-8")
    if "loader" in args.only:
        text = loader(work / f"{scale}-reference.duckdb", work / f"{scale}-upload.csv")
        (OUT / f"loader-{scale}.txt").write_text(text, encoding="utf-8")
    if "server" in args.only:
        text = server_profile(work / f"{scale}.duckdb", work)
        (OUT / f"server-{scale}.txt").write_text(text, encoding="utf-8")
    print(f"profiles in {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
