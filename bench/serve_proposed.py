"""The dashboard with the fix proposed in BENCHMARKS.md applied in memory, to measure it before it is merged.

`python -m bench.serve_proposed [streamlit options]` starts the dashboard like serve.py, after replacing
monitor.bridge.data_version (one DuckDB query on every cached call, several per page run) with the same
function remembered for VERSION_TTL_S seconds per store path. The project's files are not changed.
"""

from __future__ import annotations

import runpy
import sys
import threading
import time

from monitor.core.store import ROOT

VERSION_TTL_S = 1.0  # a load made by another process shows within a second


def patch_bridge(ttl: float = VERSION_TTL_S) -> None:
    from monitor import bridge

    original = bridge.data_version
    remembered: dict[str, tuple[float, tuple]] = {}
    lock = threading.Lock()

    def data_version() -> tuple:
        key, now = str(bridge.db_path()), time.monotonic()
        with lock:
            hit = remembered.get(key)
        if hit and now - hit[0] < ttl:
            return hit[1]
        version = original()
        with lock:
            remembered[key] = (now, version)
        return version

    bridge.data_version = data_version


if __name__ == "__main__":
    patch_bridge()
    serve = ROOT / "serve.py"
    if serve.exists():
        sys.argv = [str(serve), *sys.argv[1:]]
        runpy.run_path(str(serve), run_name="__main__")
    else:
        from streamlit.web import cli

        sys.argv = ["streamlit", "run", str(ROOT / "dashboard.py"), *sys.argv[1:]]
        sys.exit(cli.main())
