"""The dashboard as users meet it: a real `streamlit run` server, driven by websocket clients.

Each client speaks Streamlit's own protocol (BackMsg.rerun_script out, ForwardMsg back until
script_finished), like a browser tab without the rendering. A page time is from the rerun
request to the server's script_finished, so it holds the page script, the queries and the
serialisation of every element. The server's resident memory (with its children) is
sampled all along; its peak is the dashboard's peak RSS.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from bench import harness
from monitor.core.store import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RssSampler(threading.Thread):
    """Peak resident set size of a process tree, sampled every `every` seconds."""

    def __init__(self, pid: int, every: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.every, self.peak, self._halt = pid, every, 0, threading.Event()
        self.warm_s: float | None = None  # set by dashboard(): how long the server's warm-up took

    def rss(self) -> int:
        import psutil

        try:
            proc = psutil.Process(self.pid)
            return sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)])
        except psutil.Error:
            return 0

    def run(self) -> None:
        while not self._halt.is_set():
            self.peak = max(self.peak, self.rss())
            time.sleep(self.every)

    def stop(self) -> int:
        self._halt.set()
        self.join()
        return self.peak


# what serve.py's warm-up (monitor/bridge/warm.py) logs when the caches are full, or when it gave up
WARMED = ("warmed data version", "warm-up of data version")


def wait_warm(log: Path, timeout: float = 300.0) -> float | None:
    """Seconds until the server's first warm-up is logged (None: no warm-up logged within timeout, e.g. a version
    without one or MONITOR_WARM=0; then after `timeout`, or at once when the warm-up is turned off)."""
    start = time.monotonic()
    if os.environ.get("MONITOR_WARM") == "0":
        return None
    while time.monotonic() - start < timeout:
        text = log.read_text(encoding="utf-8", errors="replace")
        if any(mark in text for mark in WARMED):
            return time.monotonic() - start
        time.sleep(0.1)
    return None


@contextmanager
def dashboard(db: Path, log: Path, timeout: float = 120.0, warm: bool = True):
    """`streamlit run dashboard.py` on a free loopback port with the store at db; stopped afterwards. With warm,
    wait until its caches are warmed (readers arriving right after a start or a load; `sampler.warm_s`).

    Yields (url, sampler)."""
    port = free_port()
    env = {**os.environ, "MONITOR_DB": str(db)}
    with open(log, "w") as out:
        # serve.py (when the project has it) is how `make run` starts the dashboard
        start = [str(ROOT / "serve.py")] if (ROOT / "serve.py").exists() else [
            "-m", "streamlit", "run", str(ROOT / "dashboard.py")]
        proc = subprocess.Popen(
            [sys.executable, *start, "--server.headless", "true",
             "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        sampler = RssSampler(proc.pid)
        sampler.start()
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    if urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                        break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit did not start (see {log})")
                time.sleep(0.2)
            sampler.warm_s = wait_warm(log) if warm else None
            yield url, sampler
        finally:
            sampler.stop()
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _rerun(page_name: str) -> bytes:
    from streamlit.proto.BackMsg_pb2 import BackMsg

    msg = BackMsg()
    msg.rerun_script.query_string = ""
    msg.rerun_script.page_name = page_name
    return msg.SerializeToString()


async def _until_finished(ws) -> None:
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    while True:
        msg = ForwardMsg()
        msg.ParseFromString(await ws.recv())
        kind = msg.WhichOneof("type")
        if kind == "script_finished":
            if msg.script_finished in (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_EARLY_FOR_RERUN):
                return
            raise RuntimeError(f"script finished with status {msg.script_finished}")
        if kind == "page_not_found":
            raise RuntimeError("page not found")
        if kind == "delta" and msg.delta.new_element.WhichOneof("type") == "exception":
            raise RuntimeError(f"page raised: {msg.delta.new_element.exception.message}")


async def session(url: str, page_names: list[str]) -> list[tuple[str, float]]:
    """One user: open a session, then show each page in turn; seconds per page (the first includes connecting)."""
    from websockets.asyncio.client import connect

    times = []
    start = time.perf_counter()
    async with connect(url.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"],
                       max_size=None, open_timeout=120, ping_interval=None) as ws:
        for name in page_names:
            await ws.send(_rerun(name))
            await _until_finished(ws)
            now = time.perf_counter()
            times.append((name or "(default)", now - start))
            start = now
    return times


async def _crowd(url: str, page_names: list[str], users: int) -> list[list[tuple[str, float]]]:
    return await asyncio.gather(*(session(url, page_names) for _ in range(users)))


def page_names(paths: list[tuple[str, str]]) -> list[str]:
    """What a browser asks for: the default page is '', the others their URL path."""
    return ["" if i == 0 else url for i, (_, url) in enumerate(paths)]


def bench_server(db: Path, pages: list[tuple[str, str]], log: Path, users: int = 20, rounds: int = 3,
                 warm: bool = True) -> dict:
    """Start the dashboard, send `rounds` waves of `users` simultaneous sessions, then one lone user.

    The first wave comes once the server has warmed its caches (warm=True: `warm_up_s` after it answers), or at
    once (warm=False: it meets the caches the warm-up is still filling); later waves meet the pages' other views."""
    names = page_names(pages)
    with dashboard(db, log, warm=warm) as (url, sampler):
        idle_rss = sampler.rss()
        waves = []
        for _ in range(rounds):
            start = time.perf_counter()
            results = asyncio.run(_crowd(url, names, users))
            waves.append({"wall_s": time.perf_counter() - start,
                          "times": [t for user in results for _, t in user]})
        single = asyncio.run(_crowd(url, names, 1))[0]
        peak = sampler.peak
    every = [t for w in waves for t in w["times"]]
    return {
        "users": users, "rounds": rounds, "warm_up_s": sampler.warm_s,
        "pages": [n or "(default)" for n in names],
        "single_user_s": dict(single),
        "concurrent_median_s": harness.percentile(every, 50),
        "concurrent_p95_s": harness.percentile(every, 95),
        "concurrent_max_s": max(every),
        "per_wave_p95_s": [harness.percentile(w["times"], 95) for w in waves],
        "per_wave_wall_s": [w["wall_s"] for w in waves],
        "idle_rss_mb": idle_rss / 2**20,
        "peak_rss_mb": peak / 2**20,
    }
