# Growth Monitor. `make run` serves the dashboard on http://127.0.0.1:8501;
# `make test` runs every test, browser tests included.
PY      := .venv/bin/python
STAMP   := .venv/.installed
DB      ?= data/monitor.duckdb
PORT    ?= 8501

.PHONY: setup run test lint demo-db chromium test-tools clean bench postgresql pg-up pg-down haproxy cluster

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $(STAMP)

setup: $(STAMP)

# Creates the store when missing and loads the demo files unless already there.
demo-db: setup
	$(PY) -m monitor init --demo --db $(DB)
	$(PY) -m monitor owners load-demo --db $(DB)

# A second `make run` while the dashboard is up says so instead of failing on the busy store; a port taken by
# another program is named before anything starts.
run:
	@case "$$(python3 -c "$$PORT_STATE" $(PORT))" in \
	dashboard) echo "The dashboard is already running at http://127.0.0.1:$(PORT)/ (nothing started). To restart" \
		"it, stop the running one first (Ctrl+C where it runs); to run a second one: make run PORT=8502 DB=other.duckdb";; \
	other) echo "Port $(PORT) is used by another program (not this dashboard). Run on another port:" \
		"make run PORT=8502"; exit 1;; \
	*) $(MAKE) --no-print-directory demo-db chromium && MONITOR_DB=$(DB) exec $(PY) serve.py \
		--server.address 127.0.0.1 --server.port $(PORT) --server.headless true;; \
	esac

# What answers on a port: "free", "dashboard" (Streamlit's health check says ok) or "other".
define PORT_STATE
import socket, sys, urllib.request
port = int(sys.argv[1])
with socket.socket() as s:
    s.settimeout(1)
    if s.connect_ex(("127.0.0.1", port)) != 0:
        sys.exit(print("free"))
try:
    ok = urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=3).read().strip() == b"ok"
except Exception:
    ok = False
print("dashboard" if ok else "other")
endef
export PORT_STATE

# apt-get waits for a lock held by another apt or dpkg (an unattended upgrade, a second `make`) instead of failing:
# first while a lock holder is seen (fuser, when present), then up to APT_WAIT s inside apt-get itself; update is
# retried (its lists lock, a network hiccup).
APT_WAIT   ?= 600
APT_LOCKS  := /var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock /var/cache/apt/archives/lock
APT_GET    := DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=$(APT_WAIT)
APT_HELD   := n=0; while fuser $(APT_LOCKS) >/dev/null 2>&1 && [ $$n -lt $(APT_WAIT) ]; do \
	[ $$n -eq 0 ] && echo "Another apt or dpkg holds its lock; waiting for it to finish (up to $(APT_WAIT) s)..."; \
	sleep 5; n=$$((n + 5)); done
APT_UPDATE := for i in 1 2 3 4 5 6; do $(APT_HELD); $(APT_GET) update && break; \
	echo "apt-get update failed (a lock held, or the network); retrying in 20 s"; sleep 20; done

# Debian's Chromium for the browser tests, chart images and the PDF brief (never a downloaded browser);
# poppler-utils (pdftoppm, pdftotext) for the tests that render the PDF brief.
chromium:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/pdftoppm ]; then \
		$(APT_UPDATE); $(APT_HELD); $(APT_GET) install -y chromium poppler-utils; \
	fi

# Test tools from npm, pinned by package-lock.json: axe-core, the accessibility rules the browser tests run in
# Chromium (tests/test_browser_a11y.py). Node and npm come from Debian when missing, like Chromium.
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	@if ! command -v npm >/dev/null; then \
		$(APT_UPDATE); $(APT_HELD); $(APT_GET) install -y nodejs npm; \
	fi
	npm ci --no-audit --no-fund --loglevel=error
	touch $(AXE)

test-tools: $(AXE)

lint: setup
	.venv/bin/ruff check .

# PostgreSQL from Debian for the shared store backend (core/pg.py): `make pg-up` starts a server on 127.0.0.1 only
# (cluster/pg.sh; data in PG_DIR, owned by the postgres user when run as root), `make pg-down` stops it. The store
# tests run against it and against a DuckDB file; `make run` never needs it.
PG_DIR  ?= /tmp/growth-monitor-pg
PG_PORT ?= 54329
PG_URL  := postgresql://postgres@127.0.0.1:$(PG_PORT)/monitor
postgresql:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		$(APT_UPDATE); $(APT_HELD); $(APT_GET) install -y postgresql; \
	fi

pg-up: postgresql
	@PG_DIR=$(PG_DIR) PG_PORT=$(PG_PORT) cluster/pg.sh up

pg-down:
	@PG_DIR=$(PG_DIR) PG_PORT=$(PG_PORT) cluster/pg.sh down

# Replicas: PostgreSQL, REPLICAS Streamlit processes and Debian's HAProxy in front (sticky sessions by cookie,
# WebSocket upgrade, health checks; a lost replica's viewers reconnect to another), all on 127.0.0.1. The store is
# the demo in schema `cluster` of the PostgreSQL server; http://127.0.0.1:$(CLUSTER_PORT)/ until Ctrl+C.
REPLICAS     ?= 2
CLUSTER_PORT ?= 8600
haproxy:
	@if [ ! -x /usr/sbin/haproxy ]; then \
		$(APT_UPDATE); $(APT_HELD); $(APT_GET) install -y haproxy; \
	fi

cluster: setup pg-up haproxy
	$(PY) cluster/run.py --replicas $(REPLICAS) --port $(CLUSTER_PORT) --pg $(PG_URL)

test: setup chromium test-tools lint pg-up haproxy
	MONITOR_TEST_PG=$(PG_URL) MONITOR_TEST_PG_REQUIRED=1 $(PY) -m pytest; status=$$?; \
		$(MAKE) --no-print-directory pg-down; exit $$status

# Benchmarks at province and national scale against raw DuckDB and pandas (not part of `make test`; about
# 12 minutes on 2 cores, stores in $$BENCH_WORK or /tmp): writes bench/results.json and the tables of BENCHMARKS.md.
bench: setup
	$(PY) -m bench

clean:
	rm -rf .venv .pytest_cache .ruff_cache test-artifacts
