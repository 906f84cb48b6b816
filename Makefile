# Growth Monitor. `make run` serves the dashboard on http://127.0.0.1:8501;
# `make test` runs every test, browser tests included.
PY      := .venv/bin/python
STAMP   := .venv/.installed
DB      ?= data/monitor.duckdb
PORT    ?= 8501

.PHONY: setup run test lint demo-db chromium test-tools clean bench

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $(STAMP)

setup: $(STAMP)

# Creates the store when missing and loads the demo files unless already there.
demo-db: setup
	$(PY) -m monitor init --demo --db $(DB)

run: demo-db chromium
	MONITOR_DB=$(DB) $(PY) serve.py --server.address 127.0.0.1 \
		--server.port $(PORT) --server.headless true

# Debian's Chromium for the browser tests, chart images and the PDF brief (never a downloaded browser);
# poppler-utils (pdftoppm, pdftotext) for the tests that render the PDF brief.
chromium:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/pdftoppm ]; then \
		for i in 1 2 3; do apt-get update -q && break; echo "apt-get update failed, retrying"; sleep 10; done; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium poppler-utils; \
	fi

# Test tools from npm, pinned by package-lock.json: axe-core, the accessibility rules the browser tests run in
# Chromium (tests/test_browser_a11y.py). Node and npm come from Debian when missing, like Chromium.
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	@if ! command -v npm >/dev/null; then \
		for i in 1 2 3; do apt-get update -q && break; echo "apt-get update failed, retrying"; sleep 10; done; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm; \
	fi
	npm ci --no-audit --no-fund --loglevel=error
	touch $(AXE)

test-tools: $(AXE)

lint: setup
	.venv/bin/ruff check .

test: setup chromium test-tools lint
	$(PY) -m pytest

# Benchmarks at province and national scale against raw DuckDB and pandas (not part of `make test`; about
# 12 minutes on 2 cores, stores in $$BENCH_WORK or /tmp): writes bench/results.json and the tables of BENCHMARKS.md.
bench: setup
	$(PY) -m bench

clean:
	rm -rf .venv .pytest_cache .ruff_cache test-artifacts
