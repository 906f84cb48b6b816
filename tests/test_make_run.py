"""`make run` checks the port before starting anything (issue 13): a second `make run` while the dashboard is up
says so plainly instead of failing on the busy store; a port another program holds is named."""

from __future__ import annotations

import http.server
import shutil
import socket
import subprocess
import threading

import pytest

from monitor.core.store import ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


class Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (the http.server API)
        body = b"ok" if self.path == "/_stcore/health" else b""
        self.send_response(200 if body else 404)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def make_run(port: int, db) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", "run", f"PORT={port}", f"DB={db}"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def test_a_second_make_run_says_the_dashboard_is_already_running(tmp_path):
    server = http.server.HTTPServer(("127.0.0.1", 0), Health)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    try:
        done = make_run(port, tmp_path / "never.duckdb")
    finally:
        server.shutdown()
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"The dashboard is already running at http://127.0.0.1:{port}/ (nothing started).")
    assert not (tmp_path / "never.duckdb").exists()  # nothing was set up or started


def test_a_port_held_by_another_program_is_named_before_anything_starts(tmp_path):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        done = make_run(port, tmp_path / "never.duckdb")
    assert done.returncode != 0
    assert f"Port {port} is used by another program (not this dashboard). Run on another port: make run PORT=8502" \
        in done.stdout
    assert not (tmp_path / "never.duckdb").exists()
