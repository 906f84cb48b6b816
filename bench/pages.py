"""Each page's full script under AppTest, cold (empty Streamlit caches) and warm (a rerun).

Pages are discovered from the PAGES list in dashboard.py (falling back to the files in
pages/), so pages merged later are measured without editing this file.
"""

from __future__ import annotations

import ast
import gc
import logging
import os
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from bench import harness
from monitor.core.store import ROOT

APP = ROOT / "dashboard.py"
TIMEOUT_S = 180
ANALYST = "bench-analyst"  # AppTest's own limit per run; a benchmark records slowness, it does not fail on it


def discover(app: Path = APP) -> list[str]:
    """Every page file in menu order, from `PAGES = [("home.py", ...), ...]` in dashboard.py."""
    return [e["file"] for e in discover_entries(app)]


def discover_entries(app: Path = APP) -> list[dict]:
    """{file, url, role} per page in menu order. PAGES entries are (file, url_path, title key, icon[, role]),
    role None for every reader; older versions had (file, title key, icon) with the file's stem as URL path.
    Without a PAGES list: the files in pages/."""
    tree = ast.parse(app.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "PAGES" for t in node.targets):
            found = []
            for e in ast.literal_eval(node.value):
                e = (e,) if isinstance(e, str) else tuple(e)
                found.append({"file": e[0], "url": e[1] if len(e) >= 4 else Path(e[0]).stem,
                              "role": e[4] if len(e) >= 5 else None})
            return found
    return [{"file": p.name, "url": p.stem, "role": None} for p in sorted((app.parent / "pages").glob("*.py"))]


def discover_paths(app: Path = APP, role: str | None = None) -> list[tuple[str, str]]:
    """(page file, URL path) of the pages a reader sees (role None) or, with a role, all pages."""
    return [(e["file"], e["url"]) for e in discover_entries(app) if role or e["role"] is None]


@contextmanager
def store_env(db: Path):
    """The store at db, and an accounts file with one analyst (no password) so analyst pages can be opened."""
    names = ("MONITOR_DB", "MONITOR_USERS")
    old = {k: os.environ.get(k) for k in names}
    with tempfile.TemporaryDirectory() as folder:
        users = Path(folder) / "users.toml"
        try:
            from monitor.core import auth

            auth.add_user(ANALYST, "analyst", None, users)
        except ImportError:  # a version without accounts
            pass
        os.environ["MONITOR_DB"], os.environ["MONITOR_USERS"] = str(db), str(users)
        try:
            yield
        finally:
            for k, v in old.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v


def quiet_streamlit() -> None:
    """Outside a server Streamlit warns about its missing runtime at every cache call; a benchmark log needs none."""
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("streamlit"):
            logging.getLogger(name).setLevel(logging.ERROR)


def clear_caches() -> None:
    import streamlit as st

    quiet_streamlit()
    st.cache_data.clear()
    st.cache_resource.clear()  # closes nothing: the store's connection is dropped with the cache...
    gc.collect()  # ...at once, so a server started next (bench/server.py) can open the file


def app_test(page: str, default: str, role: str | None = None):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    if role:  # signed in, as the account page would leave the session
        from monitor.core import auth

        at.session_state["gm_user"] = auth.User(ANALYST, role)
    if page != default:
        at.switch_page(f"pages/{page}")
    return at


def _run(at) -> None:
    at.run()
    if at.exception:
        raise RuntimeError(f"page raised: {at.exception[0].value}")


def bench_page(page: str, default: str, cold_repeat: int = 3, warm_repeat: int = 5, role: str | None = None
               ) -> dict:
    """Cold: caches cleared, a new AppTest (new session) runs the page. Warm: the same session reruns it."""
    cold, warm = [], []
    for _ in range(cold_repeat):
        clear_caches()
        at = app_test(page, default, role)
        start = time.perf_counter()
        _run(at)
        cold.append(time.perf_counter() - start)
    for _ in range(warm_repeat):
        start = time.perf_counter()
        _run(at)
        warm.append(time.perf_counter() - start)
    return {"page": page, "role": role, "cold": harness.summary(cold), "warm": harness.summary(warm)}


def bench_pages(db: Path, cold_repeat: int = 3, warm_repeat: int = 5) -> list[dict]:
    entries = discover_entries()
    default = entries[0]["file"]
    with store_env(db):
        _run(app_test(default, default))  # imports and first compile are process start-up, not page time
        results = []
        for entry in entries:
            page = entry["file"]
            try:
                results.append(bench_page(page, default, cold_repeat, warm_repeat, entry["role"]))
            except Exception as exc:  # one broken page must not hide the others' numbers
                results.append({"page": page, "error": f"{type(exc).__name__}: {exc}"})
        clear_caches()
    return results
