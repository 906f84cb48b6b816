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


# In the page (from its first script on): the wall-clock time of the first frame painted with the headline laid out
# (the first requestAnimationFrame after it has a box, then the task after that frame). Playwright's own wait sees
# the headline later when the page's main thread is busy with long tasks (charts, tables) and the machine is loaded:
# both are kept, the Playwright time is the headline measure.
PAINT_PROBE = """
(() => {
  const wanted = () => {
    const h1 = document.querySelector('[data-testid="stMain"] h1');
    const ok = (el) => el && el.getBoundingClientRect().height > 0;
    const home = location.pathname.replace(/\\/+$/, '').split('/').pop() === '';
    return ok(h1) && (!home || ok(document.querySelector('[data-testid="gm-ytd"]')));
  };
  const seen = new MutationObserver(() => {
    if (window.__gmPainted || !wanted()) return;
    seen.disconnect();
    requestAnimationFrame(() => setTimeout(() => { window.__gmPainted = performance.timeOrigin + performance.now(); }));
  });
  seen.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
})();
"""


def headline_times(page, url: str, path: str) -> tuple[float, float | None]:
    """Seconds from navigation to the headline visible, as Playwright sees it and as the page paints it."""
    started, wall = time.perf_counter(), time.time()
    page.goto(f"{url}/{path}", wait_until="commit")
    page.locator('[data-testid="stMain"] h1').first.wait_for(state="visible", timeout=180_000)
    if not path:
        page.locator('[data-testid="gm-ytd"]').first.wait_for(state="visible", timeout=180_000)
    seen = time.perf_counter() - started
    try:
        page.wait_for_function("window.__gmPainted !== undefined", timeout=5_000)
        painted = page.evaluate("window.__gmPainted") / 1000 - wall
    except Exception:  # a page without the probe (opened before add_init_script)
        painted = None
    return seen, painted


def headline_s(page, url: str, path: str) -> float:
    """Seconds from navigation to the headline visible (Playwright)."""
    return headline_times(page, url, path)[0]


def bench_browser(db: Path, paths: list[tuple[str, str]], log: Path, users: int = 20) -> dict:
    """Cold and warm time to headline per page, then the overview's under a crowd of `users` sessions."""
    from playwright.sync_api import sync_playwright

    names = server.page_names(paths)
    urls = ["" if i == 0 else p for i, (_, p) in enumerate(paths)]
    with server.dashboard(db, log) as (url, sampler), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.add_init_script(PAINT_PROBE)
        cold_both = {u or "(default)": headline_times(page, url, u) for u in urls}
        warm_both = {u or "(default)": headline_times(page, url, u) for u in urls}
        cold, warm = ({k: v[0] for k, v in both.items()} for both in (cold_both, warm_both))
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
            "browser_cold_painted_s": {k: v[1] for k, v in cold_both.items()},
            "browser_warm_painted_s": {k: v[1] for k, v in warm_both.items()}, "server_warm_up_s": sampler.warm_s,
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
