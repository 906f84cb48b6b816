"""The upload, history and account pages under AppTest: who sees them, the preview, confirmations, rollback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from conftest import FIXTURES
from monitor.core import auth
from monitor.core.store import ROOT, Store
from tests.fixtures.make_upload_corpus import cp1258

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
    # the province's path is of quarters that reach 14%: its year alone at 14.5 is refused (the quarters make 14.00)
    text = ("indicator,unit_code,sector_code,year,period,value,scope,source\n"
            "GRDP,22,TOTAL,2025,Y,14.5,provincial,revised letter\n")
    at.get("file_uploader")[0].set_value(("targets.csv", text.encode(), "text/csv"))
    at.run()
    assert not at.exception
    assert "cannot be loaded: 1 problem(s)" in at.error[0].value
    (message,) = at.table[0].value.iloc[:, -1]                        # the problems table's message column
    # 10.5, 12.14, 16.39, 16.39 weighted by 2024's quarters make 14.00: 0.50 points from 14.5, beyond 0.05
    assert "make the year 14%, not its annual target 14.50% (more than 0.05 points apart)" in message
    text = ("indicator,unit_code,sector_code,year,period,value,scope,source\n"
            "GRDP,06652,TOTAL,2025,Y,12.9,provincial,revised letter\n")      # a commune's annual target alone
    at.get("file_uploader")[0].set_value(("targets.csv", text.encode(), "text/csv"))
    at.run()
    assert not at.exception
    assert [m.value for m in at.metric][:3] == ["0", "1", "0"]
    assert at.dataframe[0].value.iloc[0].tolist()[4:] == ["Y 2025 · Province", "✎ revised", "12.40", "12.90"]
    at.button(key="gm_confirm").click().run()
    assert at.success[0].value.startswith("Loaded 1 rows from targets.csv as batch 3.")
    with Store(demo_copy) as s:
        assert s.con.sql("SELECT value FROM targets_in_force() WHERE indicator = 'GRDP' AND unit_code = '06652' "
                         "AND sector_code = 'TOTAL' AND period = 'Y' AND scope = 'provincial' AND year = 2025"
                         ).fetchall() == [(12.9,)]


# --- office tables, a layout corrected on the page, the parents offer, shape warnings (issue 13)

def empty_site(tmp_path, monkeypatch, accounts, lang="vi"):
    """The upload page over a store with the reference lists and no figures, an analyst signed in."""
    from conftest import new_store

    db = tmp_path / "office.duckdb"
    new_store(db).close()
    at = log_in(app(monkeypatch, db, lang), "lan")
    at.switch_page("pages/upload.py").run()
    return at, db


def upload(at, name: str, data: bytes):
    at.get("file_uploader")[0].set_value((name, data, "application/octet-stream"))
    return at.run()


def test_an_office_table_is_previewed_with_what_was_understood_and_loads(monkeypatch, tmp_path, accounts):
    from tests.fixtures.make_office_corpus import cumulative

    at, db = empty_site(tmp_path, monkeypatch, accounts)
    case = cumulative()
    upload(at, case.name, case.data)
    assert not at.exception
    assert at.info[0].value.startswith('Đã đọc: bảng của cơ quan thống kê, trang "Lũy kế", tiêu đề cột ở dòng 3: '
                                       '5 dòng × 3 cột số liệu; dấu thập phân là dấu chấm')
    assert ("- 5 số liệu quý 3/2025 tính bằng cột lũy kế D trừ C của bảng." in
            [m.value for m in at.markdown if m.value.startswith("- ")][0].splitlines())
    assert at.expander[0].label == "Bố cục bảng: chương trình hiểu tệp thế nào"
    assert at.selectbox(key="gm_lay_indicator").value == "GRDP · Tổng sản phẩm trên địa bàn (giá so sánh 2010)"
    assert [(m.label, m.value) for m in at.metric][0] == ("✚ mới", "15")
    at.button(key="gm_confirm").click().run()
    assert at.success[0].value.startswith("Đã nạp 15 dòng từ cumulative.xlsx thành lô 1.")
    assert sorted(r[:7] for r in figures(db)) == sorted(case.rows)


def test_a_table_that_needs_help_is_corrected_on_the_page_and_next_quarter_loads_without_questions(
        monkeypatch, tmp_path, accounts):
    from tests.fixtures.make_office_corpus import Q3, SECTORS, VI_NAMES, xlsx

    def table(quarter: str, bump: float) -> bytes:  # the title names neither the indicator nor the vintage
        rows = [["BIỂU SỐ 1"], ["Chỉ tiêu", quarter]] + [
            [name, float(Q3[s]) + (4 if s == "TOTAL" else 1) * bump] for s, name in zip(SECTORS, VI_NAMES)]
        return xlsx([("Biểu 1", rows)])

    at, db = empty_site(tmp_path, monkeypatch, accounts, "en")
    upload(at, "bieu1_q3.xlsx", table("Quý III/2025", 0))
    assert at.error[0].value.startswith("bieu1_q3.xlsx cannot be loaded: 2 problem(s).")
    messages = at.table[0].value.iloc[:, -1].tolist()
    assert messages[0].startswith("The table does not say which indicator it holds") and messages[1].startswith(
        "The vintage of this column is unknown")
    assert at.expander[0].label == "Table layout: how the file was understood"
    at.selectbox(key="gm_lay_indicator").set_value("GRDP · GRDP (constant 2010 prices)").run()
    at.selectbox(key="gm_lay_vintage").set_value("estimate").run()
    at.button(key="gm_lay_save").click().run()
    assert not at.exception and not at.error
    assert at.info[0].value.startswith('Read as: a statistics office table, sheet "Biểu 1"')
    assert at.expander[0].label == "Table layout: how the file was understood"
    at.button(key="gm_confirm").click().run()
    assert at.success[0].value.startswith("Loaded 5 rows from bieu1_q3.xlsx as batch 1.")
    upload(at, "bieu1_q4.xlsx", table("Quý IV/2025", 100))     # the next quarter's file: no questions
    assert not at.error and [(m.label, m.value) for m in at.metric][0] == ("✚ new", "5")
    assert any("Using the saved layout (lan, " in c.value for c in at.caption)
    at.button(key="gm_confirm").click().run()
    assert len(figures(db)) == 10


def test_a_partial_correction_offers_to_include_the_corrected_parents(monkeypatch, demo_copy, accounts):
    at = log_in(app(monkeypatch, demo_copy, "en"), "lan")
    at.switch_page("pages/upload.py").run()
    upload(at, "b.csv", b"indicator,unit_code,sector_code,year,quarter,value,vintage\n"
                        b"GRDP,22,B,2025,4,10341.9,preliminary\n")
    assert at.table[0].value.iloc[0, -1].startswith(
        "After this load, KV2 of unit 22, Q4 2025 would be 27,290 while its parts sum to 27,350")
    at.button(key="gm_parents").click().run()
    assert not at.error
    assert [m.value for m in at.metric][:2] == ["0", "3"]
    notes = [m.value for m in at.markdown if m.value.startswith("- ")][0]
    assert notes.splitlines() == [
        "- Added KV2 of unit 22, Q4 2025 = 27,350 (the sum of its parts; 27,290 in force).",
        "- Added TOTAL of unit 22, Q4 2025 = 53,559.80 (the sum of its parts; 53,499.80 in force)."]
    at.button(key="gm_confirm").click().run()
    assert at.success[0].value.startswith("Loaded 3 rows from b.csv")


def test_year_to_date_values_are_named_first_and_need_the_tick(monkeypatch, demo_copy, accounts):
    with Store(demo_copy, read_only=True) as s:
        (q1,), (q2,) = s.con.sql("SELECT value FROM obs_in_force('latest') WHERE indicator = 'BUDGET_REV' AND "
                                 "unit_code = '22' AND year = 2025 AND quarter <= 2 ORDER BY quarter").fetchall()
    at = log_in(app(monkeypatch, demo_copy, "en"), "lan")
    at.switch_page("pages/upload.py").run()
    upload(at, "ytd.csv", f"indicator,unit_code,sector_code,year,quarter,value,vintage\n"
                          f"BUDGET_REV,22,TOTAL,2025,2,{q1 + q2:.1f},official\n".encode())
    first = at.table[0].value.iloc[0, -1]
    assert first.startswith(f"{i18n_number(q1 + q2)} is close to the sum of Q1–Q2 2025")
    assert at.button(key="gm_confirm").disabled
    at.checkbox(key="gm_ok_warnings").check().run()
    assert not at.button(key="gm_confirm").disabled


def i18n_number(value: float) -> str:
    from monitor.core import i18n

    return i18n.number(value, "en", 0 if float(value).is_integer() else 2)


MONTHLY_VI = cp1258("Chỉ tiêu;Mã đơn vị;Mã ngành;Năm;Tháng;Giá trị;Loại số liệu\n"  # as Excel on Windows saves it
                    "IIP_INDEX;22;TOTAL;2018;1;112,0;Chính thức\n"          # the demo's 111,6 revised
                    "RETAIL_VND;22;TOTAL;2027;3;1.234,5;Ước tính\n")


def monthly_figures(db) -> list:
    with Store(db) as s:
        return s.con.sql("SELECT indicator, year, month, value, vintage FROM observations_monthly "
                         "WHERE (year, month) IN ((2018, 1), (2027, 3)) AND unit_code = '22' ORDER BY ALL").fetchall()


@pytest.fixture
def monthly_copy(nowcast_db, tmp_path) -> Path:
    """A private copy of the demo store with its monthly indicators."""
    path = tmp_path / "monthly.duckdb"
    shutil.copy(nowcast_db, path)
    return path


def test_a_monthly_file_is_previewed_by_month_and_loads_on_the_same_page(monkeypatch, monthly_copy, accounts):
    before = monthly_figures(monthly_copy)
    assert ("IIP_INDEX", 2018, 1, 111.6, "official") in before
    at = log_in(app(monkeypatch, monthly_copy), "lan")
    at.switch_page("pages/upload.py").run()
    upload(at, "thang.csv", MONTHLY_VI)
    assert not at.exception
    assert at.info[0].value.startswith("Đã đọc: Windows-1258, dấu phân cách ';', dấu thập phân là dấu phẩy")
    assert [(m.label, m.value) for m in at.metric] == [("✚ mới", "1"), ("✎ điều chỉnh", "1"),
                                                       ("= không đổi", "0"), ("⚠ lưu làm lịch sử", "0")]
    changes = at.dataframe[0].value
    assert list(changes.columns)[:5] == ["Dòng", "Chỉ tiêu", "Đơn vị", "Ngành", "Tháng"]
    assert changes.iloc[0].tolist() == ["2", "IIP_INDEX", "22", "TOTAL", "Tháng 1/2018", "✎ điều chỉnh",
                                        "111,6 (chính thức)", "112,0 (chính thức)"]
    assert changes.iloc[1].tolist()[0] == "3" and changes.iloc[1].tolist()[-1] == "1.234,5 (ước tính)"
    assert monthly_figures(monthly_copy) == before                        # nothing written before the confirmation
    at.button(key="gm_confirm").click().run()
    assert at.success[0].value.startswith("Đã nạp 2 dòng từ thang.csv thành lô")
    after = monthly_figures(monthly_copy)
    assert ("IIP_INDEX", 2018, 1, 112.0, "official") in after and ("RETAIL_VND", 2027, 3, 1234.5, "estimate") in after
    assert ("IIP_INDEX", 2018, 1, 111.6, "official") in after          # the earlier vintage is kept


def test_a_bad_monthly_file_names_line_and_column_and_changes_nothing(monkeypatch, monthly_copy, accounts):
    before = monthly_figures(monthly_copy)
    at = log_in(app(monkeypatch, monthly_copy, "en"), "lan")
    at.switch_page("pages/upload.py").run()
    upload(at, "month.csv", MONTHLY_VI.replace(b";2027;3;", b";2027;13;"))
    assert at.error[0].value.startswith("month.csv cannot be loaded: 1 problem(s). Nothing was changed.")
    assert at.table[0].value.reset_index().iloc[0].tolist() == ["3", "month", "13",
                                                                 "The month must be a whole number from 1 to 12."]
    assert "gm_confirm" not in [b.key for b in at.button] and monthly_figures(monthly_copy) == before
