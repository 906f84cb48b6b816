"""Accountability on the dashboard under AppTest: the overview's owners and overdue commitments, the lagging list's
owner and overdue filters, a unit's register, the actions page for a viewer, an analyst and an officer, and an
officer's out-of-scope write refused by the core behind the page."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from monitor.accountability import access, demo, register
from monitor.core import auth
from monitor.core.store import ROOT, Store

APP = str(ROOT / "dashboard.py")
PASSWORD = "matkhau-canbo"
ADMIN = auth.User("quan", "admin")
TODAY = date(2026, 1, 15)  # the demo's 2025 deadlines past, its 2026 and 2027 ones to come

pytestmark = pytest.mark.usefixtures("fresh_caches")


@pytest.fixture
def db(demo_copy, tmp_path, monkeypatch):
    """The demo store with its owners and actions; officer hatu answers for Quang Hanh (ubnd-06778, action 5)."""
    users = tmp_path / "users.toml"
    monkeypatch.setenv("MONITOR_USERS", str(users))
    for name, role in (("hatu", "officer"), ("lan", "analyst"), ("minh", "viewer")):
        auth.add_user(name, role, PASSWORD, users)
    with Store(demo_copy) as store:
        demo.load(store)
        access.bind(store, ADMIN, "hatu", "ubnd-06778")
    monkeypatch.setenv("MONITOR_DB", str(demo_copy))
    monkeypatch.setenv("MONITOR_TODAY", TODAY.isoformat())
    return demo_copy


def app(lang="vi", page=None, **params):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception
    return at


def log_in(at, name):
    at.switch_page("pages/account.py").run()
    at.text_input(key="gm_login_name").set_value(name)
    at.text_input(key="gm_login_password").set_value(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    return at


def owners_shown(at) -> list[str]:
    return [m.value for m in at.markdown if 'data-testid="gm-act-owner"' in m.value]


def test_the_overview_names_who_answers_for_each_costliest_item_and_its_overdue_commitment(db):
    at = app("en")
    shown = owners_shown(at)
    assert len(shown) == 6  # three sectors, three communes
    assert shown[0].startswith('<div data-testid="gm-act-owner" style="margin:-0.2rem 0 0.9rem 0.4rem">'
                               'Sở Công Thương – Giám đốc Sở Trần Văn An (demo)<br><span class="gm-source">'
                               'Commitments: 0 open (0 overdue), 1 done</span>')
    quang_hanh = shown[3]
    assert "UBND phường Quang Hanh – Chủ tịch UBND phường Vũ Hữu Mai (demo)" in quang_hanh
    assert "Commitments: 1 open (1 overdue), 0 done" in quang_hanh
    assert ("⚠ Overdue: Giải phóng mặt bằng khu du lịch nghỉ dưỡng, bàn giao cho nhà đầu tư (due 2025-12-31)"
            in quang_hanh)


def test_the_lagging_list_filters_by_owner_and_by_overdue(db):
    at = app("en", "pages/lagging.py")
    table = at.dataframe[0].value
    assert list(table.columns[:5]) == ["Kind", "Name", "Responsible body", "Open", "Overdue"]
    assert len(table) == 43
    at.selectbox(key="acc_lag_owner").set_value("so-cong-thuong").run()
    assert at.dataframe[0].value["Name"].tolist() == ["Mining and quarrying",
                                                      "Electricity, gas, steam and air conditioning",
                                                      "Industry and construction", "Other service activities"]
    at.selectbox(key="acc_lag_owner").set_value("").run()
    at.toggle(key="acc_lag_overdue").set_value(True).run()
    assert at.dataframe[0].value["Name"].tolist() == [  # worst first, as the list is
        "Quang Hanh Ward", "Water supply, sewerage and waste management", "Real estate activities"]


def test_a_units_detail_shows_its_register(db):
    at = app("en")
    at.switch_page("pages/localities.py")
    at.query_params["unit"] = "06778"
    at.run()
    block = next(m.value for m in at.markdown if "Commitments for Quang Hanh Ward" in m.value)
    assert block.count('data-testid="gm-acc-action"') == 1
    assert ("<b>5.</b> Giải phóng mặt bằng khu du lịch nghỉ dưỡng, bàn giao cho nhà đầu tư · Deadline 2025-12-31"
            "<br><span class=\"gm-source\">Đã bàn giao 12/20 ha</span>") in block
    assert ">Overdue</span>" in block


def test_a_viewer_reads_the_register_and_is_offered_no_form(db):
    at = log_in(app("en"), "minh")
    at.switch_page("pages/actions.py").run()
    assert len(at.dataframe[0].value) == 7
    assert [i.value for i in at.info] == ["Sign in as an officer, analyst or admin to check in."]
    assert not at.get("form")


def test_an_officer_checks_in_on_its_own_action_and_is_offered_no_other(db):
    at = log_in(app("en"), "hatu")
    at.switch_page("pages/actions.py").run()
    assert at.selectbox(key="acc_pick").options == [
        "5 · Quang Hanh Ward · Giải phóng mặt bằng khu du lịch nghỉ dưỡng, bàn giao cho nh… (Overdue)"]
    at.text_area(key="acc_note").set_value("Đã bàn giao thêm 4 ha")
    at.button(key="FormSubmitter:acc_checkin-Save check-in").click().run()
    assert not at.exception and [s.value for s in at.success] == ["Check-in 6 saved."]
    with Store(db) as store:
        assert [c["note"] for c in register.checkins(store, 5)] == ["Đã bàn giao 12/20 ha", "Đã bàn giao thêm 4 ha"]
    assert not any(e.key == "acc_add" for e in at.get("form"))  # officers add no actions


def test_an_officer_writes_when_no_analyst_or_admin_account_exists(db, tmp_path, monkeypatch):
    """Officers alone make the store writable: the app opens it read-write for any account that writes something."""
    users = tmp_path / "officers-only.toml"
    monkeypatch.setenv("MONITOR_USERS", str(users))
    auth.add_user("hatu", "officer", PASSWORD, users)
    assert auth.writes_enabled(users) and not auth.uploads_enabled(users)
    at = log_in(app("en"), "hatu")
    at.switch_page("pages/actions.py").run()
    at.text_area(key="acc_note").set_value("Chỉ có cán bộ đầu mối")
    at.button(key="FormSubmitter:acc_checkin-Save check-in").click().run()
    assert not at.exception and [s.value for s in at.success] == ["Check-in 6 saved."]
    with Store(db) as store:
        assert register.checkins(store, 5)[-1]["note"] == "Chỉ có cán bộ đầu mối"


def test_a_removed_officers_open_session_checks_in_no_more(db):
    """The register's writes go through the app's one write path: the account is read again at the moment of writing."""
    at = log_in(app("en"), "hatu")
    at.switch_page("pages/actions.py").run()
    auth.remove_user("hatu")
    at.text_area(key="acc_note").set_value("Sau khi bị xoá tài khoản")
    at.button(key="FormSubmitter:acc_checkin-Save check-in").click().run()
    assert not at.exception and not at.success
    with Store(db) as store:
        assert [c["note"] for c in register.checkins(store, 5)] == ["Đã bàn giao 12/20 ha"]


def test_an_out_of_scope_write_through_the_page_is_refused_by_the_core(db, monkeypatch):
    """Were the page to offer every action (as a page with a bug would), the officer's check-in on another owner's
    action still stops in the core: the page says so, nothing is written."""
    from monitor import bridge

    monkeypatch.setattr(bridge, "writable", lambda rows: rows)
    at = log_in(app("en"), "hatu")
    at.switch_page("pages/actions.py").run()
    assert len(at.selectbox(key="acc_pick").options) == 7
    at.selectbox(key="acc_pick").set_value(2)  # the waste plant: Sở Xây dựng's
    at.text_area(key="acc_note").set_value("Tôi ghi hộ")
    at.checkbox(key="acc_done").check()
    at.button(key="FormSubmitter:acc_checkin-Save check-in").click().run()
    assert [e.value for e in at.error] == [
        "Account hatu answers for: ubnd-06778; this action belongs to so-xay-dung. Nothing was written."]
    with Store(db) as store:
        assert [c["note"] for c in register.checkins(store, 2)] == ["Chạy thử xong 80% hạng mục"]


def test_an_analyst_adds_an_action_for_a_lagging_unit(db):
    at = log_in(app("vi"), "lan")
    at.switch_page("pages/actions.py").run()
    add = [s for s in at.selectbox if s.label == "Đơn vị/ngành chậm"][0]
    add.set_value("unit:06781")
    [t for t in at.text_area if t.label == "Việc sẽ làm để tháo gỡ điểm nghẽn nào"][0].set_value("Mở lại chợ đêm")
    [d for d in at.date_input if d.label == "Hạn hoàn thành"][0].set_value(date(2030, 6, 30))
    [t for t in at.text_input if t.label.startswith("Tác động dự kiến (điểm")][0].set_value("0,05")
    [b for b in at.button if b.label == "Thêm vào sổ theo dõi"][0].click().run()
    assert not at.exception and [e.value for e in at.error] == []
    with Store(db) as store:
        new = register.action(store, 8, TODAY)
    assert (new["item_code"], new["owner"], new["deadline"], new["expected_effect_pp"], new["raised_year"],
            new["raised_quarter"]) == ("06781", "ubnd-06781", date(2030, 6, 30), 0.05, 2025, 4)


def test_an_admin_changes_an_owner_on_the_owners_page_and_the_change_is_recorded(db, monkeypatch):
    monkeypatch.delenv("MONITOR_SMTP_HOST", raising=False)
    auth.add_user("quan", "admin", PASSWORD)
    at = log_in(app("en"), "quan")
    at.switch_page("pages/owners.py").run()
    assert [w.value for w in at.warning][-1].startswith("No mail server (SMTP) is configured: nothing is sent.")
    at.selectbox(key="acc_edit").set_value("sector:I").run()
    at.text_input(key="acc_leader_name_sector:I").set_value("Phạm Văn Đông")
    at.button(key="FormSubmitter:acc_owner_form-Save the change").click().run()
    assert [s.value for s in at.success] == ["Saved: 0 new, 1 changed, 0 unchanged."]
    with Store(db) as store:
        history = store.records("owner_history", item_kind="sector", item_code="I")
    assert [(h["leader_name"], h["changed_by"]) for h in history] == [("Phạm Văn Đông", "quan"),
                                                                     ("Lê Quốc Bình", "demo")]


def test_an_officer_reaches_neither_the_owners_page_nor_the_figures_and_targets_writers(db):
    at = log_in(app("en"), "hatu")
    for page in ("pages/owners.py", "pages/upload.py", "pages/history.py"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page)
    at.switch_page("pages/targets.py").run()
    assert not at.get("data_editor") and not [b for b in at.button if b.label == "Save"]
