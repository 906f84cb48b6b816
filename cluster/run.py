"""`make cluster`: the dashboard as REPLICAS Streamlit processes over one PostgreSQL store, behind Debian's HAProxy,
all on 127.0.0.1.

HAProxy (cluster/haproxy.cfg.template) balances new viewers round-robin and keeps each on its replica with a cookie
(GM_REPLICA), which the page's WebSocket carries too; it checks each replica's /_stcore/health every second. When a
replica stops, its viewers' WebSockets drop, Streamlit's page reconnects, and HAProxy sends it to a live replica
(`option redispatch`): the page runs again there over the same store and shows the same figures. Nothing lives in
a replica but its caches, which are keyed by the store's data version, read at most once a second from the store:
a load through any replica (or the command line) shows on every replica within a second of its commit.

    python cluster/run.py --replicas 2 --port 8600 --pg postgresql://postgres@127.0.0.1:54329/monitor

The store is schema `cluster` of that server (created with the demo data when empty). Ctrl+C stops everything.
The tests use `Cluster` directly (tests/test_cluster.py).
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HAPROXY = "/usr/sbin/haproxy"
TEMPLATE = Path(__file__).with_name("haproxy.cfg.template")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        return urllib.request.urlopen(url + "/_stcore/health", timeout=2).read().strip() == b"ok"
    except OSError:
        return False


def wait_until(check, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not come up within {timeout:.0f} s")
        time.sleep(0.3)


class Cluster:
    """N replicas and the balancer over one store URL; start() and stop() (or a with block)."""

    def __init__(self, store_url: str, replicas: int = 2, port: int | None = None, folder: Path | None = None,
                 users: Path | None = None):
        self.store_url, self.port = store_url, port or free_port()
        self.folder = Path(folder or tempfile.mkdtemp(prefix="growth-monitor-cluster-"))
        self.folder.mkdir(parents=True, exist_ok=True)
        self.users = users or self.folder / "users.toml"
        self.replica_ports = [free_port() for _ in range(replicas)]
        self.replicas: dict[int, subprocess.Popen] = {}
        self.balancer: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def replica_url(self, index: int) -> str:
        return f"http://127.0.0.1:{self.replica_ports[index]}"

    def start_replica(self, index: int) -> None:
        port = self.replica_ports[index]
        env = {**os.environ, "MONITOR_DB": self.store_url, "MONITOR_USERS": str(self.users)}
        log = open(self.folder / f"replica-{index + 1}.log", "a")
        self.replicas[index] = subprocess.Popen(
            [sys.executable, str(ROOT / "serve.py"), "--server.headless", "true", "--server.address", "127.0.0.1",
             "--server.port", str(port), "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
             # behind the balancer the page's origin is the balancer's: allow its WebSocket and uploads
             "--server.enableCORS", "false", "--server.enableXsrfProtection", "false"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        wait_until(lambda: healthy(self.replica_url(index)), 90, f"replica {index + 1}")

    def stop_replica(self, index: int) -> None:
        proc = self.replicas.pop(index, None)
        if proc and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def config(self) -> str:
        servers = "\n".join(
            f"    server r{i + 1} 127.0.0.1:{port} check inter 1s fall 2 rise 1 cookie r{i + 1}"
            for i, port in enumerate(self.replica_ports))
        return TEMPLATE.read_text(encoding="utf-8").replace("{port}", str(self.port)).replace("{servers}", servers)

    def start(self) -> Cluster:
        try:
            for index in range(len(self.replica_ports)):
                self.start_replica(index)
            cfg = self.folder / "haproxy.cfg"
            cfg.write_text(self.config(), encoding="utf-8")
            subprocess.run([HAPROXY, "-c", "-q", "-f", str(cfg)], check=True)
            log = open(self.folder / "haproxy.log", "a")
            self.balancer = subprocess.Popen([HAPROXY, "-db", "-f", str(cfg)], stdout=log, stderr=subprocess.STDOUT)
            wait_until(lambda: healthy(self.url), 30, "the balancer")
        except BaseException:
            self.stop()  # never leave replicas running after a failed start
            raise
        return self

    def stop(self) -> None:
        if self.balancer and self.balancer.poll() is None:
            self.balancer.terminate()
            self.balancer.wait(timeout=10)
        for index in list(self.replicas):
            self.stop_replica(index)

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def prepare_store(pg_url: str, schema: str = "cluster") -> str:
    """The cluster's store: schema `schema` of the server, with the demo data loaded once."""
    url = f"{pg_url}?schema={schema}"
    subprocess.run([sys.executable, "-m", "monitor", "init", "--demo", "--db", url], cwd=ROOT, check=True)
    return url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8600)
    parser.add_argument("--pg", required=True, help="the PostgreSQL server's URL (make pg-up)")
    args = parser.parse_args(argv)
    url = prepare_store(args.pg)
    with Cluster(url, args.replicas, args.port, folder=Path(tempfile.gettempdir()) / "growth-monitor-cluster") as c:
        print(f"Growth Monitor: {args.replicas} replicas behind HAProxy at {c.url}/ (store {url}); "
              f"replicas at {', '.join(c.replica_url(i) for i in range(args.replicas))}; logs in {c.folder}. "
              "Ctrl+C stops.", flush=True)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
