"""What a person feels (issue 18): the time from navigation to the page's headline being visible in Debian's Chromium,
for every reader page on a freshly started server (cold) and again (warm); the overview measured by one browser
while a crowd of websocket sessions loads the server; and the crowd's p95 through HAProxy in front of 1 and 2
dashboard processes reading the same store (read-only DuckDB processes share a file; cluster/run.py).

The headline is the page's first heading (h1) in the main area, and on the overview the year-to-date growth
figure (`gm-ytd`): what a viewer reads first.
"""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

from bench import harness, server
from monitor.core.store import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def headline_s(page, url: str, path: str) -> float:
    """Seconds from navigation to the headline visible."""
    started = time.perf_counter()
    page.goto(f"{url}/{path}", wait_until="commit")
    page.locator('[data-testid="stMain"] h1').first.wait_for(state="visible", timeout=180_000)
    if not path:
        page.locator('[data-testid="gm-ytd"]').first.wait_for(state="visible", timeout=180_000)
    return time.perf_counter() - started


def bench_browser(db: Path, paths: list[tuple[str, str]], log: Path, users: int = 20) -> dict:
    """Cold and warm time to headline per page, then the overview's under a crowd of `users` sessions."""
    from playwright.sync_api import sync_playwright

    names = server.page_names(paths)
    urls = ["" if i == 0 else p for i, (_, p) in enumerate(paths)]
    with server.dashboard(db, log) as (url, _sampler), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        cold = {u or "(default)": headline_s(page, url, u) for u in urls}
        warm = {u or "(default)": headline_s(page, url, u) for u in urls}
        crowd_done = threading.Event()

        def crowd():
            try:
                asyncio.run(server._crowd(url, names, users))
            finally:
                crowd_done.set()
        thread = threading.Thread(target=crowd, daemon=True)
        thread.start()
        time.sleep(0.5)  # the sessions are connected and asking
        under_load = []
        while not crowd_done.is_set() or not under_load:
            under_load.append(headline_s(page, url, ""))
        thread.join()
        browser.close()
    return {"browser_cold_s": cold, "browser_warm_s": warm, "browser_under_load_s": under_load,
            "browser_headline_cold_s_max": max(cold.values()), "browser_headline_warm_s_max": max(warm.values()),
            "browser_headline_under_load_s": harness.percentile(under_load, 50), "browser_load_users": users}


def bench_processes(db: Path, paths: list[tuple[str, str]], users: int = 50, rounds: int = 2,
                    processes: tuple[int, ...] = (1, 2)) -> dict:
    """The crowd's p95 (waves after the first) through HAProxy in front of 1 and 2 read-only dashboard processes."""
    import sys

    sys.path.insert(0, str(ROOT / "cluster"))
    from run import HAPROXY, Cluster

    if not Path(HAPROXY).exists():
        return {}
    names = server.page_names(paths)
    found = {}
    for n in processes:
        with Cluster(str(db), replicas=n) as cluster:
            times = []
            for wave in range(rounds):
                results = asyncio.run(server._crowd(cluster.url, names, users))
                if wave or rounds == 1:
                    times += [t for user in results for _, t in user]
            found[f"concurrent{users}_p95_s_{n}proc"] = harness.percentile(times, 95)
    return found
