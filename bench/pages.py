"""Each page's full script under AppTest, cold (empty Streamlit caches) and warm (a rerun).

Pages are discovered from the PAGES list in dashboard.py (falling back to the files in
pages/), so pages merged later are measured without editing this file.
"""

from __future__ import annotations

import ast
import logging
import os
import time
from contextlib import contextmanager
from pathlib import Path

from bench import harness
from monitor.store import ROOT

APP = ROOT / "dashboard.py"
TIMEOUT_S = 180  # AppTest's own limit per run; a benchmark records slowness, it does not fail on it


def discover(app: Path = APP) -> list[str]:
    """Page files in menu order, from `PAGES = [("home.py", ...), ...]` in dashboard.py."""
    return [file for file, _ in discover_paths(app)]


def discover_paths(app: Path = APP) -> list[tuple[str, str]]:
    """(page file, URL path) in menu order. PAGES entries are (file, url_path, title key, icon) or, in
    older versions, (file, title key, icon) with the file's stem as URL path; no list: the pages/ files."""
    tree = ast.parse(app.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "PAGES" for t in node.targets):
            found = []
            for e in ast.literal_eval(node.value):
                e = (e,) if isinstance(e, str) else tuple(e)
                found.append((e[0], e[1] if len(e) >= 4 else Path(e[0]).stem))
            return found
    return [(p.name, p.stem) for p in sorted((app.parent / "pages").glob("*.py"))]


@contextmanager
def store_env(db: Path):
    old = os.environ.get("MONITOR_DB")
    os.environ["MONITOR_DB"] = str(db)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("MONITOR_DB", None)
        else:
            os.environ["MONITOR_DB"] = old


def quiet_streamlit() -> None:
    """Outside a server Streamlit warns about its missing runtime at every cache call; a benchmark log needs none."""
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("streamlit"):
            logging.getLogger(name).setLevel(logging.ERROR)


def clear_caches() -> None:
    import streamlit as st

    quiet_streamlit()
    st.cache_data.clear()
    st.cache_resource.clear()  # closes nothing: the store's connection is dropped with the cache


def app_test(page: str, default: str):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    if page != default:
        at.switch_page(f"pages/{page}")
    return at


def _run(at) -> None:
    at.run()
    if at.exception:
        raise RuntimeError(f"page raised: {at.exception[0].value}")


def bench_page(page: str, default: str, cold_repeat: int = 3, warm_repeat: int = 5) -> dict:
    """Cold: caches cleared, a new AppTest (new session) runs the page. Warm: the same session reruns it."""
    cold, warm = [], []
    for _ in range(cold_repeat):
        clear_caches()
        at = app_test(page, default)
        start = time.perf_counter()
        _run(at)
        cold.append(time.perf_counter() - start)
    for _ in range(warm_repeat):
        start = time.perf_counter()
        _run(at)
        warm.append(time.perf_counter() - start)
    return {"page": page, "cold": harness.summary(cold), "warm": harness.summary(warm)}


def bench_pages(db: Path, cold_repeat: int = 3, warm_repeat: int = 5) -> list[dict]:
    pages = discover()
    with store_env(db):
        _run(app_test(pages[0], pages[0]))  # imports and first compile are process start-up, not page time
        results = []
        for page in pages:
            try:
                results.append(bench_page(page, pages[0], cold_repeat, warm_repeat))
            except Exception as exc:  # one broken page must not hide the others' numbers
                results.append({"page": page, "error": f"{type(exc).__name__}: {exc}"})
        clear_caches()
    return results
