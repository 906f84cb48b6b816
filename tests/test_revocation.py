"""Revocation and roles re-checked at the moment of every write: a removed or demoted analyst's open session reads
on but cannot write, and is told (core: auth.require_writer; the dashboard: bridge.write and current_user)."""

from __future__ import annotations

import gc

import pytest
from streamlit.testing.v1 import AppTest

from conftest import FIXTURES
from monitor.core import auth
from monitor.core.errors import WriteForbiddenError
from monitor.core.store import ROOT, Store

APP = str(ROOT / "dashboard.py")
PASSWORD = "matkhau-quy4"
HEADER = b"indicator,unit_code,sector_code,year,period,value,scope,source\n"


@pytest.fixture
def accounts(tmp_path, monkeypatch):
    path = tmp_path / "users.toml"
    monkeypatch.setenv("MONITOR_USERS", str(path))
    auth.add_user("lan", "analyst", PASSWORD, path)
    auth.add_user("an", "admin", PASSWORD, path)
    return path


def test_require_writer_reads_the_account_again(accounts):
    assert auth.require_writer("lan").role == "analyst"
    with pytest.raises(WriteForbiddenError) as exc:
        auth.require_writer(None)
    assert exc.value.reason == "signed_out"
    auth.add_user("lan", "viewer", PASSWORD, accounts)  # demoted
    with pytest.raises(WriteForbiddenError) as exc:
        auth.require_writer("lan")
    assert (exc.value.name, exc.value.reason, exc.value.role) == ("lan", "role", "viewer")
    auth.remove_user("lan", accounts)
    with pytest.raises(WriteForbiddenError) as exc:
        auth.require_writer("lan")
    assert exc.value.reason == "removed"
    assert auth.require_writer("an", ("admin",)).name == "an"
    with pytest.raises(WriteForbiddenError):
        auth.require_writer("an", ("officer",))  # an area asks for its own roles


@pytest.fixture
def bridge(monkeypatch, demo_copy, accounts):
    import streamlit as st

    from monitor import bridge

    monkeypatch.setenv("MONITOR_DB", str(demo_copy))
    st.cache_resource.clear()
    st.cache_data.clear()
    st.session_state["gm_user"] = auth.account("lan")  # signed in while the account was an analyst
    yield bridge
    st.session_state.clear()
    st.cache_resource.clear()
    st.cache_data.clear()
    gc.collect()


def _target_edit(value: bytes):
    from monitor.whatif import targets as targets_edit

    raw = HEADER + b"GRDP,22,KV1,2025,Y," + value + b",provincial,test\n"
    return lambda s: targets_edit.commit(s, targets_edit.prepare(s, raw, "t.csv"), "lan")


@pytest.mark.parametrize("change", ["removed", "demoted"])
def test_a_write_from_a_session_whose_account_changed_is_refused(bridge, accounts, change):
    assert bridge.write(_target_edit(b"4.1")) == 3  # allowed while the account writes
    if change == "removed":
        auth.remove_user("lan", accounts)
    else:
        auth.add_user("lan", "viewer", PASSWORD, accounts)
    ran = []
    with pytest.raises(WriteForbiddenError) as exc:
        bridge.write(lambda s: ran.append(s))  # the action never runs
    assert ran == [] and exc.value.reason == ("removed" if change == "removed" else "role")
    assert bridge.store().records("data_version")[0]["last_batch"] == 3
    assert bridge.store_failure(exc.value, "en") == (
        "Your account has been removed: you can still read, but you can no longer load or change figures. "
        "Nothing was written." if change == "removed" else
        "Your account's role has been changed and no longer allows this: you can still read, but nothing was "
        "written.")


def test_a_demoted_oidc_style_role_check_uses_the_roles_asked_for(bridge, accounts):
    with pytest.raises(WriteForbiddenError) as exc:
        bridge.write(lambda s: None, roles=("admin",))  # e.g. an admin-only write
    assert exc.value.reason == "role"


def revision() -> bytes:
    return (FIXTURES / "revision_2025q4.csv").read_bytes()


def batches(db) -> int:
    with Store(db) as s:
        return len(s.run("batch_list"))


def open_upload_preview(monkeypatch, db):
    monkeypatch.setenv("MONITOR_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/account.py").run()
    at.text_input(key="gm_login_name").set_value("lan")
    at.text_input(key="gm_login_password").set_value(PASSWORD)
    at.button[0].click().run()
    at.switch_page("pages/upload.py").run()
    at.get("file_uploader")[0].set_value(("revision.csv", revision(), "text/csv"))
    at.run()
    assert not at.exception and at.button(key="gm_confirm")
    return at


@pytest.mark.usefixtures("fresh_caches")
@pytest.mark.parametrize("change, notice", [
    ("removed", "Your account has been removed by an administrator: you are signed out."),
    ("demoted", "Your account's role has been changed by an administrator; the pages you see follow the new role."),
    ("new_password", "Your account's password was changed: you are signed out."),
])
def test_an_open_upload_session_is_told_and_cannot_confirm(monkeypatch, demo_copy, accounts, change, notice):
    at = open_upload_preview(monkeypatch, demo_copy)
    if change == "removed":
        auth.remove_user("lan", accounts)
    elif change == "demoted":
        auth.add_user("lan", "viewer", PASSWORD, accounts)
    else:
        auth.add_user("lan", "analyst", "another-password", accounts)
    at.button(key="gm_confirm").click().run()
    assert not at.exception
    assert [w.value for w in at.warning if w.value.startswith(notice)]
    assert "gm_confirm" not in [b.key for b in at.button]  # the upload page is no longer this session's
    at.switch_page("pages/home.py").run()  # reading goes on
    assert not at.exception and any('data-testid="gm-ytd"' in m.value for m in at.markdown)
    del at
    gc.collect()
    assert batches(demo_copy) == 2  # the demo's two batches: nothing was loaded
