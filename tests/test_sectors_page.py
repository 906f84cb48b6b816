"""The sectors page (issue 14): what the contributions and shares are of (the publisher's bases, in words), and a
sector's commitments from the action register, as the localities page shows a unit's."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from monitor.accountability import demo as acc_demo
from monitor.core.store import ROOT, Store

pytestmark = pytest.mark.usefixtures("fresh_caches")


@pytest.fixture
def with_actions(demo_copy):
    with Store(demo_copy) as s:
        acc_demo.load(s)
    return demo_copy


def sectors_page(monkeypatch, db, sector, lang="vi"):
    monkeypatch.setenv("MONITOR_DB", str(db))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    at.session_state["sector"] = sector
    at.switch_page("pages/sectors.py").run()
    assert not at.exception, at.exception
    return at


def test_the_sectors_page_says_what_points_and_shares_are_of(monkeypatch, demo_db):
    at = sectors_page(monkeypatch, demo_db, "KV2")
    assert [c.value for c in at.caption][0] == (
        "Đóng góp tính bằng điểm phần trăm vào tăng trưởng GRDP; tỷ trọng tính trong phần tăng thêm của tổng giá trị "
        "tăng thêm (ba khu vực cộng lại bằng 100%).")
    text = "\n".join(m.value for m in at.markdown)
    assert "Đóng góp vào tăng trưởng GRDP" in text
    assert "Đóng góp (điểm % GRDP)" in at.dataframe[0].value.columns
    at = sectors_page(monkeypatch, demo_db, "KV2", "en")
    assert "Contribution to GRDP growth" in "\n".join(m.value for m in at.markdown)
    assert "Share of increase (VA)" in at.dataframe[0].value.columns


def test_the_sectors_page_lists_the_sectors_commitments(monkeypatch, with_actions):
    at = sectors_page(monkeypatch, with_actions, "B")
    text = "\n".join(m.value for m in at.markdown)
    assert 'data-testid="gm-sector-register"' in text and "Cam kết và hành động của ngành Khai khoáng" in text
    assert "Tháo gỡ thủ tục cấp phép khai thác mỏ than Hà Ráng mở rộng" in text
    assert text.count('data-testid="gm-acc-action"') == 1
    at = sectors_page(monkeypatch, with_actions, "C")
    text = "\n".join(m.value for m in at.markdown)
    assert 'data-testid="gm-acc-action"' not in text and "Hà Ráng" not in text
