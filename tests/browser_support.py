"""A real streamlit server on 127.0.0.1 and Debian's Chromium, for browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from monitor.core.store import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(db: Path, timeout: float = 60.0, env: dict | None = None):
    """Start `streamlit run dashboard.py` on a free loopback port; stop it afterwards.
    Accounts come from env["MONITOR_USERS"]; by default none (never the accounts of whoever runs the tests)."""
    port = free_port()
    env = {**os.environ, "MONITOR_DB": str(db), "MONITOR_USERS": str(Path(db).with_suffix(".no-users.toml")),
           **(env or {})}
    ARTIFACTS.mkdir(exist_ok=True)
    log = open(ARTIFACTS / f"streamlit-{port}.log", "w")
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "serve.py"), "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
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
                raise RuntimeError(f"streamlit did not start (see {log.name})")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def peek_copy(db: Path) -> Path:
    """A copy of a store (and its write-ahead log) that a running server holds read-write and so locks."""
    import shutil

    copy = Path(db).with_name("peek.duckdb")
    shutil.copy(db, copy)
    wal, copy_wal = Path(str(db) + ".wal"), Path(str(copy) + ".wal")
    copy_wal.unlink(missing_ok=True)
    if wal.exists():
        shutil.copy(wal, copy_wal)
    return copy
