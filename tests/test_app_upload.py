"""The upload, history and account pages under AppTest: who sees them, the preview, confirmations, rollback."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from conftest import FIXTURES
from monitor.core import auth
from monitor.core.store import ROOT, Store

APP = str(ROOT / "dashboard.py")
PASSWORD = "matkhau-quy4"


pytestmark = pytest.mark.usefixtures("fresh_caches")  # conftest: no cache outlives a test


@pytest.fixture
def accounts(tmp_path, monkeypatch):
    path = tmp_path / "users.toml"
    monkeypatch.setenv("MONITOR_USERS", str(path))
    auth.add_user("lan", "analyst", PASSWORD, path)
    auth.add_user("minh", "viewer", PASSWORD, path)
    return path


def app(monkeypatch, db, lang=None):
    monkeypatch.setenv("MONITOR_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    if lang:
        at.query_params["lang"] = lang
    return at.run()


def log_in(at, name):
    at.switch_page("pages/account.py").run()
    at.text_input(key="gm_login_name").set_value(name)
    at.text_input(key="gm_login_password").set_value(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    return at


def headline(at) -> str:
    at.switch_page("pages/home.py").run()
    return next(m.value for m in at.markdown if 'data-testid="gm-ytd"' in m.value)


def figures(db) -> list:
    with Store(db) as s:  # the app in this process holds a read-write connection: open one alike
        return s.con.sql("SELECT * FROM obs_in_force('latest') ORDER BY ALL").fetchall()


def test_without_accounts_the_dashboard_reads_and_says_how_to_turn_uploads_on(monkeypatch, demo_db):
    at = app(monkeypatch, demo_db)
    assert not at.exception
    at.switch_page("pages/account.py").run()
    assert "Uploads are off" in at.info[0].value or "tải số liệu đang tắt" in at.info[0].value
    assert at.code[0].value == "python -m monitor users add TEN_DANG_NHAP --role analyst"


def test_a_viewer_neither_sees_nor_reaches_the_upload_page(monkeypatch, demo_copy, accounts):
    at = log_in(app(monkeypatch, demo_copy, "en"), "minh")
    assert "Signed in as minh (viewer)." in at.success[0].value
    assert [p.label for p in at.get("page_link")] == ["minh"]    # only the header's account link: no way to upload
    for page in ("pages/upload.py", "pages/history.py"):          # not even registered for this session
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page)


def test_a_wrong_password_is_refused(monkeypatch, demo_copy, accounts):
    at = app(monkeypatch, demo_copy, "en")
    at.switch_page("pages/account.py").run()
    at.text_input(key="gm_login_name").set_value("lan")
    at.text_input(key="gm_login_password").set_value("not-the-password")
    at.button[0].click().run()
    assert at.error[0].value == "User name or password is wrong."


def test_an_analyst_previews_confirms_and_the_overview_shows_the_new_figure(monkeypatch, demo_copy, accounts):
    before = figures(demo_copy)
    at = log_in(app(monkeypatch, demo_copy), "lan")
    assert 'gm-ytd">11,89%<' in headline(at)
    at.switch_page("pages/upload.py").run()
    assert not at.exception and len(at.get("download_button")) == 4
    at.get("file_uploader")[0].set_value(("mau.csv", (FIXTURES / "revision_2025q4_vi.csv").read_bytes(), "text/csv"))
    at.run()
    assert at.info[0].value.startswith("Đã đọc: UTF-8 (BOM), dấu phân cách ';', dấu thập phân là dấu phẩy")
    assert [(m.label, m.value) for m in at.metric] == [("✚ mới", "0"), ("✎ điều chỉnh", "5"),
                                                       ("= không đổi", "0"), ("⚠ lưu làm lịch sử", "0")]
    ytd = at.dataframe[0].value
    assert ytd.iloc[0].tolist() == ["GRDP", "22", "năm 2025", "11,89%", "11,95%", "+0,06 điểm %"]
    changes = at.dataframe[1].value
    assert changes.iloc[0].tolist()[-2:] == ["53.499,8 (ước tính)", "53.600,0 (ước tính)"]
    assert figures(demo_copy) == before                                   # nothing written yet
    at.button(key="gm_confirm").click().run()
    assert at.success[0].value.startswith("Đã nạp 5 dòng từ mau.csv thành lô 3.")
    assert 'gm-ytd">11,95%<' in headline(at)


def test_a_bad_file_shows_every_problem_and_changes_nothing(monkeypatch, demo_copy, accounts):
    before = figures(demo_copy)
    at = log_in(app(monkeypatch, demo_copy, "en"), "lan")
    at.switch_page("pages/upload.py").run()
    at.get("file_uploader")[0].set_value(("bad_types.csv", (FIXTURES / "bad_types.csv").read_bytes(), "text/csv"))
    at.run()
    assert at.error[0].value.startswith("bad_types.csv cannot be loaded: 8 problem(s). Nothing was changed.")
    table = at.table[0].value
    assert table.reset_index().iloc[0].tolist() == ["2", "quarter", "5", "Quarter must be 1 to 4."]
    assert len(table) == 8 and "gm_confirm" not in [b.key for b in at.button]
    assert figures(demo_copy) == before


def test_warnings_must_be_confirmed_before_the_button_works(monkeypatch, demo_copy, accounts):
    at = log_in(app(monkeypatch, demo_copy, "en"), "lan")
    at.switch_page("pages/upload.py").run()
    at.get("file_uploader")[0].set_value(("fdi.csv", b"indicator,unit_code,sector_code,year,quarter,value,vintage\n"
                                                     b"FDI,22,TOTAL,2025,4,9000,estimate\n", "text/csv"))
    at.run()
    assert at.warning[0].value == "1 warning(s): check them; the file can still be loaded."
    assert at.button(key="gm_confirm").disabled
    at.checkbox(key="gm_ok_warnings").check().run()
    assert not at.button(key="gm_confirm").disabled
    at.button(key="gm_confirm").click().run()
    assert at.success[0].value.startswith("Loaded 1 rows from fdi.csv")


def test_history_lists_batches_and_a_rollback_restores_the_earlier_figures(monkeypatch, demo_copy, accounts):
    before = figures(demo_copy)
    at = log_in(app(monkeypatch, demo_copy, "en"), "lan")
    at.switch_page("pages/upload.py").run()
    at.get("file_uploader")[0].set_value(("rev.csv", (FIXTURES / "revision_2025q4.csv").read_bytes(), "text/csv"))
    at.run()
    at.button(key="gm_confirm").click().run()
    assert figures(demo_copy) != before
    at.switch_page("pages/history.py").run()
    table = at.dataframe[0].value
    assert (table.iloc[0]["Batch"], table.iloc[0]["By"], table.iloc[0]["File"], table.iloc[0]["State"]) == (
        "3", "lan", "rev.csv", "✔ loaded")
    assert any(m.value == "Rolling back batch 3 changes **5** figure(s) back to what was shown before it:"
               for m in at.markdown)
    assert at.button(key="gm_rb_go").disabled
    at.text_input(key="gm_rb_reason").set_value("sent by mistake")
    at.checkbox(key="gm_rb_sure").check().run()
    at.button(key="gm_rb_go").click().run()
    assert at.success[0].value == "Batch 3 rolled back. Every page shows the earlier figures now."
    assert at.dataframe[0].value.iloc[0]["State"].startswith("↺ rolled back (lan, ")
    assert figures(demo_copy) == before


def test_with_openid_connect_configured_the_account_page_offers_it(monkeypatch, demo_copy, accounts):
    monkeypatch.setenv("MONITOR_DB", str(demo_copy))
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "x" * 32,
                          "client_id": "id", "client_secret": "secret",
                          "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/account.py").run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Sign in with the organisation account"]
    assert len(at.text_input) == 0


def test_an_analyst_loads_a_targets_file_after_its_preview(monkeypatch, demo_copy, accounts):
    at = log_in(app(monkeypatch, demo_copy, "en"), "lan")
    at.switch_page("pages/upload.py").run()
    at.segmented_control(key="gm_kind").set_value("targets").run()
    assert at.caption[0].value.startswith("One target per row: indicator, unit_code")
    text = ("indicator,unit_code,sector_code,year,period,value,scope,source\n"
            "GRDP,22,TOTAL,2025,Y,14.5,provincial,revised letter\n")
    at.get("file_uploader")[0].set_value(("targets.csv", text.encode(), "text/csv"))
    at.run()
    assert not at.exception
    assert [m.value for m in at.metric][:3] == ["0", "1", "0"]
    assert at.dataframe[0].value.iloc[0].tolist()[4:] == ["Y 2025 · Province", "✎ revised", "14.00", "14.50"]
    at.button(key="gm_confirm").click().run()
    assert at.success[0].value.startswith("Loaded 1 rows from targets.csv as batch 3.")
    with Store(demo_copy) as s:
        assert s.con.sql("SELECT value FROM targets_in_force() WHERE indicator = 'GRDP' AND unit_code = '22' "
                         "AND sector_code = 'TOTAL' AND period = 'Y' AND scope = 'provincial' AND year = 2025"
                         ).fetchall() == [(14.5,)]
