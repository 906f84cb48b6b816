"""The load history page offers the figures in force for the header's quarter in the upload format (issue 13);
`init` says "created" only when it created the store."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from monitor.core import auth
from monitor.core.store import ROOT

PASSWORD = "matkhau-quy4"
pytestmark = pytest.mark.usefixtures("fresh_caches")


def test_the_history_page_offers_the_figures_in_force_as_csv_and_excel(monkeypatch, demo_copy, tmp_path):
    users = tmp_path / "users.toml"
    monkeypatch.setenv("MONITOR_USERS", str(users))
    auth.add_user("lan", "analyst", PASSWORD, users)
    monkeypatch.setenv("MONITOR_DB", str(demo_copy))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/account.py").run()
    at.text_input(key="gm_login_name").set_value("lan")
    at.text_input(key="gm_login_password").set_value(PASSWORD)
    at.button[0].click().run()
    at.switch_page("pages/history.py").run()
    assert not at.exception
    assert "Figures in force" in [h.value for h in at.header]
    assert any(m.value.startswith("The figures in force for Q4 2025, in the upload format") for m in at.markdown)
    buttons = {b.proto.label: b.proto for b in at.get("download_button")}
    assert list(buttons) == ["Download (CSV)", "Download (Excel)"]


def test_init_says_created_only_when_it_created_the_store(run_cli, tmp_path):
    db = tmp_path / "new.duckdb"
    first = run_cli("init", "--lang", "en", db=db)
    assert first.returncode == 0 and first.stdout.startswith(f"Created the database {db} (schema version ")
    again = run_cli("init", "--lang", "en", db=db)
    assert again.returncode == 0 and again.stdout.startswith(f"The database {db} already exists (schema version ")
    assert "Created" not in again.stdout
