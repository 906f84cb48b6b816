"""Writing from the dashboard: reads in other sessions go on beside a write and never see half of it."""

from __future__ import annotations

import gc
import threading

import pytest

from monitor.core.engine import Targets
from monitor.whatif import targets as targets_edit

HEADER = b"indicator,unit_code,sector_code,year,period,value,scope,source\n"


@pytest.fixture
def bridge(monkeypatch, demo_copy, tmp_path):
    import streamlit as st

    from monitor import bridge
    from monitor.core import auth

    monkeypatch.setenv("MONITOR_DB", str(demo_copy))
    users = tmp_path / "users.toml"  # with an analyst account the app holds the store read-write
    auth.add_user("lan", "analyst", "matkhau-ghi", users)
    monkeypatch.setenv("MONITOR_USERS", str(users))
    st.cache_resource.clear()
    st.cache_data.clear()
    st.session_state["gm_user"] = auth.account("lan")  # every write re-reads the signed-in account
    yield bridge
    st.session_state.pop("gm_user", None)
    st.cache_resource.clear()
    st.cache_data.clear()
    gc.collect()  # closes the app's read-write connection before later tests open the file


def test_reads_running_beside_writes_never_see_a_closed_connection(bridge):
    errors, stop = [], threading.Event()

    def read():
        while not stop.is_set():
            try:
                bridge.store().records("data_version")
                bridge.store().scalar("demo_loaded")
            except Exception as exc:  # noqa: BLE001 - any failure is the finding
                errors.append(repr(exc))

    readers = [threading.Thread(target=read) for _ in range(3)]
    for r in readers:
        r.start()
    batches = []
    try:
        for value in (4.1, 4.2, 4.3):
            raw = HEADER + f"GRDP,22,KV1,2025,Y,{value},provincial,test\n".encode()
            batches.append(bridge.write(lambda s, raw=raw: targets_edit.commit(
                s, targets_edit.prepare(s, raw, "t.csv"), "tester")))
    finally:
        stop.set()
        for r in readers:
            r.join()
    assert errors == []
    assert batches == sorted(batches) and len(set(batches)) == 3
    assert Targets.load(bridge.store(), "GRDP", 2025).annual("22", "KV1", "provincial") == 4.3
    assert bridge.data_version()[1] == batches[-1]


def test_a_failed_write_leaves_the_store_readable(bridge):
    def boom(store):
        raise RuntimeError("no")

    with pytest.raises(RuntimeError):
        bridge.write(boom)
    assert bridge.store().records("data_version")[0]["last_batch"] == 2
