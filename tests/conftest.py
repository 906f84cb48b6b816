"""Shared fixtures: real DuckDB files in temporary folders; markers by file (pytest_collection_modifyitems)."""

from __future__ import annotations

import inspect
import io
import shutil
import sys
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pytest
from backend_support import BACKENDS, Backend

from monitor.core import reference
from monitor.core.store import ROOT, Store
from monitor.upload import ingest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEMO = ROOT / "data" / "demo"


def new_store(path: Path | str) -> Store:
    """A new store with the reference tables: path is a DuckDB file or a PostgreSQL URL (backend.location)."""
    store = Store(path, create=True)
    reference.seed(store)
    return store


# The store tests run against both backends (tests/backend_support.py): in these files every test using the
# `backend` fixture (through `store`, `small_store` or its own fixtures) runs once per backend.
STORE_TEST_FILES = ("test_store.py", "test_queries.py", "test_upload_core.py", "test_engine.py", "test_backend_*.py",
                    "test_revisions.py", "test_shape_and_consistency.py", "test_statistics_import.py",
                    "test_targets_edit.py", "test_drill.py", "test_office_tables.py", "test_upload_corpus.py",
                    "test_monthly_upload.py", "test_accountability.py", "test_scenarios.py", "test_conventions.py",
                    "test_reference_history.py", "test_no_target.py")


def pytest_generate_tests(metafunc):
    if "backend" in metafunc.fixturenames and any(Path(metafunc.definition.path).match(p) for p in STORE_TEST_FILES):
        metafunc.parametrize("backend", BACKENDS, indirect=True, scope="module")


@pytest.fixture(scope="module")
def backend(request) -> Backend:
    """The store backend of this run: DuckDB, unless the file is a store test (then each in turn)."""
    found = Backend(getattr(request, "param", "duckdb"))
    yield found
    found.drop()


@pytest.fixture(autouse=True)
def no_real_accounts(tmp_path, monkeypatch):
    """Tests never read the accounts file of the person running them; a test that needs accounts adds them."""
    monkeypatch.setenv("MONITOR_USERS", str(tmp_path / "users.toml"))


@pytest.fixture
def store(tmp_path, backend) -> Store:
    """An empty store with the reference tables."""
    s = new_store(backend.location(tmp_path, "monitor.duckdb"))
    yield s
    s.close()


@pytest.fixture
def small_store(tmp_path, backend) -> Store:
    """The hand-computed fixture: tests/fixtures/small_*.csv."""
    s = new_store(backend.location(tmp_path, "small.duckdb"))
    ingest.load_observations(s, FIXTURES / "small_observations.csv", "test")
    ingest.load_targets(s, FIXTURES / "small_targets.csv", "test")
    yield s
    s.close()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """A store file with the committed demo data, built once per test session."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    with new_store(path) as s:
        ingest.load_observations(s, DEMO / "observations.csv", "demo", synthetic=True)
        ingest.load_targets(s, DEMO / "targets.csv", "demo", synthetic=True)
    return path


@pytest.fixture(scope="session")
def nowcast_db(demo_db, tmp_path_factory) -> Path:
    """The demo store with its synthetic monthly indicators and the office's real GDP, IIP and trade (unit VN),
    built once per test session; tests only read it (a test that writes takes a copy)."""
    from monitor.statistics import importer
    from monitor.upload import monthly_upload

    path = tmp_path_factory.mktemp("nowcast") / "demo.duckdb"
    shutil.copy(demo_db, path)
    with Store(path) as s:
        monthly_upload.load_demo(s, ROOT / "data" / "demo" / "observations_monthly.csv", "en")
        for name in ("GDPVNM.xml", "IIPVNM.xml", "METVNM.xml"):
            importer.load(s, importer.NSDP / name, user="test")
    return path


@pytest.fixture
def demo_copy(demo_db, tmp_path) -> Path:
    """A private copy of the demo store that a test may change."""
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, path)
    return path


@pytest.fixture
def fresh_caches():
    """Streamlit's caches survive between AppTest runs in one process: each app test starts and ends empty.
    The collection afterwards closes an app's read-write connection, so later tests may open the file."""
    import gc

    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()
    gc.collect()


@pytest.fixture(scope="module")
def server(demo_db):
    """A real streamlit server over the demo store (one per test module; stopped afterwards)."""
    from browser_support import streamlit_server

    with streamlit_server(demo_db) as url:
        yield url


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    from browser_support import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class CliRun(NamedTuple):
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli(capsys, monkeypatch, tmp_path):
    """The command line in this process: `run_cli("status", "--json", db=path)` is `python -m monitor status
    --json --db path` without a new interpreter; returns (returncode, stdout, stderr). stdin= feeds standard
    input (--password-stdin). Environment variables are the test's own (set them with monkeypatch)."""
    from monitor.cli.main import main

    # a call that forgets --db finds no store rather than data/monitor.duckdb
    monkeypatch.setenv("MONITOR_DB", str(tmp_path / "no-db-given.duckdb"))

    def run(*args, db=None, stdin: str | None = None) -> CliRun:
        argv = [str(a) for a in args] + (["--db", str(db)] if db else [])
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()  # what the test printed before is not the command's output
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse: --help, a bad option
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        out, err = capsys.readouterr()
        return CliRun(code, out, err)

    return run


# Markers by file and by what a test does (pyproject.toml declares them). `pytest -m "not browser and not slow"`
# is the inner loop. SLOW: measured with `pytest --durations=0` on 2 cores, more than about 3 s per test (the first
# chart image of a process costs about 4 s wherever it falls, so that alone does not make a test slow).
BROWSER_FILES = ("test_browser*.py", "test_briefing_browser.py")
APP_FILES = ("test_app*.py", "test_pages.py", "test_briefing_app.py")
CLI_FILES = ("test_cli*.py",)
CLI_CALLS = ('"-m", "monitor"', "cli.main(", "run_cli")
SLOW_FILES = BROWSER_FILES
SLOW_TESTS = {  # file name -> test names (without parameters) beyond SLOW_FILES
    "test_bench_smoke.py": {"test_a_whole_run_at_tiny_scale_writes_every_key_and_the_tables"},
    "test_cli.py": {"test_a_load_while_another_process_holds_the_store_says_it_is_busy"},  # waits on purpose
    "test_cli_upload.py": {"test_a_busy_store_is_retried_until_it_is_free"},
    "test_briefing.py": {"test_the_command_line_writes_the_deck_in_english"},
    "test_app_nowcast.py": {"test_the_whatif_page_takes_the_nowcast_as_its_default"},  # about 5 s
}


@cache
def _uses_apptest(path: Path) -> bool:
    return "streamlit.testing" in path.read_text(encoding="utf-8")


def _function_source(item) -> str:
    try:
        return inspect.getsource(item.function)
    except (OSError, TypeError, AttributeError):
        return ""


def pytest_collection_modifyitems(config, items):
    """browser: the Chromium files; app: the AppTest files (by name, or any file importing streamlit.testing);
    cli: the command-line files, and any test that runs `python -m monitor`, calls cli.main( or uses run_cli;
    slow: the browser files and SLOW_TESTS."""
    for item in items:
        path = Path(item.path)
        if any(path.match(p) for p in BROWSER_FILES):
            item.add_marker(pytest.mark.browser)
        if any(path.match(p) for p in APP_FILES) or _uses_apptest(path):
            item.add_marker(pytest.mark.app)
        if (any(path.match(p) for p in CLI_FILES) or "run_cli" in getattr(item, "fixturenames", ())
                or any(call in _function_source(item) for call in CLI_CALLS)):
            item.add_marker(pytest.mark.cli)
        if any(path.match(p) for p in SLOW_FILES) or getattr(item, "originalname", item.name) in SLOW_TESTS.get(
                path.name, ()):
            item.add_marker(pytest.mark.slow)
