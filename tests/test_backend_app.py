"""The dashboard on the PostgreSQL backend under AppTest: an analyst's upload on the page, previewed, confirmed and
shown, exactly as on a DuckDB file (tests/test_app_upload.py): the demo's 2025 growth 11,89% becomes 11,95%."""

from __future__ import annotations

import pytest
from backend_support import Backend
from streamlit.testing.v1 import AppTest

from conftest import DEMO, FIXTURES, new_store
from monitor.core import auth
from monitor.core.store import ROOT, Store
from monitor.upload import ingest

APP = str(ROOT / "dashboard.py")
PASSWORD = "matkhau-quy4"

pytestmark = pytest.mark.usefixtures("fresh_caches")


@pytest.fixture
def demo_on_pg(tmp_path, monkeypatch):
    pg = Backend("postgresql")
    url = pg.location(tmp_path)
    with new_store(url) as s:
        ingest.load_observations(s, DEMO / "observations.csv", "demo", synthetic=True)
        ingest.load_targets(s, DEMO / "targets.csv", "demo", synthetic=True)
    users = tmp_path / "users.toml"
    monkeypatch.setenv("MONITOR_USERS", str(users))
    auth.add_user("lan", "analyst", PASSWORD, users)
    monkeypatch.setenv("MONITOR_DB", url)
    yield url
    pg.drop()


def headline(at) -> str:
    at.switch_page("pages/home.py").run()
    return next(m.value for m in at.markdown if 'data-testid="gm-ytd"' in m.value)


def in_force(url) -> list:
    with Store(url, read_only=True) as s:
        return s.con.sql("SELECT * FROM obs_in_force('latest') ORDER BY ALL").fetchall()


def test_an_analysts_upload_on_the_page_loads_one_batch_into_the_shared_store(demo_on_pg):
    before = in_force(demo_on_pg)
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.switch_page("pages/account.py").run()
    at.text_input(key="gm_login_name").set_value("lan")
    at.text_input(key="gm_login_password").set_value(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    assert 'gm-ytd">11,89%<' in headline(at)
    at.switch_page("pages/upload.py").run()
    at.get("file_uploader")[0].set_value(("mau.csv", (FIXTURES / "revision_2025q4_vi.csv").read_bytes(), "text/csv"))
    at.run()
    assert [(m.label, m.value) for m in at.metric] == [("✚ mới", "0"), ("✎ điều chỉnh", "5"),
                                                       ("= không đổi", "0"), ("⚠ lưu làm lịch sử", "0")]
    assert in_force(demo_on_pg) == before  # nothing written before the confirmation
    at.button(key="gm_confirm").click().run()
    assert at.success[0].value.startswith("Đã nạp 5 dòng từ mau.csv thành lô 3.")
    assert 'gm-ytd">11,95%<' in headline(at)
    assert len(in_force(demo_on_pg)) == len(before)  # five figures revised, none added


@pytest.mark.parametrize("lang, words", [("vi", "không trả lời"), ("en", "does not answer")])
def test_a_server_that_does_not_answer_is_said_on_the_page_without_its_address(monkeypatch, tmp_path, lang, words):
    monkeypatch.setenv("MONITOR_USERS", str(tmp_path / "users.toml"))
    monkeypatch.setenv("MONITOR_DB", "postgresql://lan:bi-mat@127.0.0.1:1/monitor")
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    shown = " ".join(e.value for e in at.error)
    assert words in shown and "bi-mat" not in shown and "127.0.0.1" not in shown
