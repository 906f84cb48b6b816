"""Shared fixtures: real DuckDB files in temporary folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from monitor.core import reference
from monitor.core.store import ROOT, Store
from monitor.upload import ingest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEMO = ROOT / "data" / "demo"


def new_store(path: Path) -> Store:
    store = Store(path, create=True)
    reference.seed(store)
    return store


@pytest.fixture(autouse=True)
def no_real_accounts(tmp_path, monkeypatch):
    """Tests never read the accounts file of the person running them; a test that needs accounts adds them."""
    monkeypatch.setenv("MONITOR_USERS", str(tmp_path / "users.toml"))


@pytest.fixture
def store(tmp_path) -> Store:
    """An empty store with the reference tables."""
    s = new_store(tmp_path / "monitor.duckdb")
    yield s
    s.close()


@pytest.fixture
def small_store(tmp_path) -> Store:
    """The hand-computed fixture: tests/fixtures/small_*.csv."""
    s = new_store(tmp_path / "small.duckdb")
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
