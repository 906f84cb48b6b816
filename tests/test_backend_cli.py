"""The command line on the PostgreSQL backend: the same figures as on a DuckDB file, from one setting (--db or
$MONITOR_DB as a URL); what only a file can do (backup, restore) says so in the user's language."""

from __future__ import annotations

import json
import math

import pytest
from backend_support import Backend

from conftest import FIXTURES, new_store
from monitor.upload import ingest


@pytest.fixture(scope="module")
def pg():
    found = Backend("postgresql")
    yield found
    found.drop()


def small(where):
    with new_store(where) as s:
        ingest.load_observations(s, FIXTURES / "small_observations.csv", "test")
        ingest.load_targets(s, FIXTURES / "small_targets.csv", "test")
    return where


def close(a, b) -> bool:
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(close(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(close(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return a == b


@pytest.mark.parametrize("command", [
    ("status", "--year", "2025", "--quarter", "2", "--json"),
    ("status", "--year", "2025", "--quarter", "2", "--unit-level", "former_district", "--vintage", "first", "--json"),
    ("whatif", "--year", "2025", "--quarter", "2", "--assume", "KV2=15", "--solve", "KV3", "--json"),
    ("history", "--json"),
])
def test_the_same_answers_from_a_url_as_from_a_file(pg, tmp_path, run_cli, command):
    on_file = run_cli(*command, db=small(tmp_path / "small.duckdb"))
    on_pg = run_cli(*command, db=small(pg.location(tmp_path)))
    assert on_file.returncode == on_pg.returncode == 0, on_pg.stderr
    file_json, pg_json = json.loads(on_file.stdout), json.loads(on_pg.stdout)
    if command[0] == "history":  # times differ; what was loaded and its counts do not
        for rows in (file_json, pg_json):
            for row in rows:
                row.pop("loaded_at", None)
    assert close(file_json, pg_json)
    if command[0] == "status" and "--vintage" not in command:
        assert round(pg_json["ytd_growth_pct"], 2) == 10.16  # the fixture's hand-computed 6 months growth


def test_the_environment_setting_picks_the_backend(pg, tmp_path, run_cli, monkeypatch):
    url = small(pg.location(tmp_path))
    monkeypatch.setenv("MONITOR_DB", url)
    done = run_cli("status", "--year", "2025", "--quarter", "2", "--json")  # no --db: the environment's URL
    assert done.returncode == 0, done.stderr
    assert round(json.loads(done.stdout)["ytd_growth_pct"], 2) == 10.16


@pytest.mark.parametrize("lang, words", [("vi", "pg_dump"), ("en", "PostgreSQL's own tools")])
def test_backup_and_restore_of_a_shared_store_say_to_use_postgresqls_tools(pg, tmp_path, run_cli, lang, words):
    url = small(pg.location(tmp_path))
    for command in (("backup", "--out", tmp_path / "b"), ("restore", tmp_path)):
        done = run_cli(*command, "--lang", lang, db=url)
        assert done.returncode == 1 and words in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "b").exists()


@pytest.mark.parametrize("lang, words", [("vi", "không trả lời"), ("en", "does not answer")])
def test_a_server_that_does_not_answer_is_named_without_its_password(run_cli, lang, words):
    done = run_cli("status", "--year", "2025", "--quarter", "2", "--json", "--lang", lang,
                   db="postgresql://lan:bi-mat@127.0.0.1:1/monitor")
    assert done.returncode == 2 and words in done.stderr and "make pg-up" in done.stderr
    assert "bi-mat" not in done.stderr and "lan:***@127.0.0.1:1" in done.stderr and "Traceback" not in done.stderr
