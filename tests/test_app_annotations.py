"""Annotations and the wall under AppTest (issue 16): an analyst adds, changes and removes an annotation on the page,
each change in the history with its old and new value; a bad date is refused with its problem and nothing written;
the overview's trajectory draws the new annotation; the wall page shows its playlist's screens in turn with the
as-of quarter and the data version, and no header."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from monitor.core import auth
from monitor.core.store import ROOT

APP = str(ROOT / "dashboard.py")
PASSWORD = "matkhau-su-kien"

pytestmark = pytest.mark.usefixtures("fresh_caches")


@pytest.fixture
def db(demo_copy, tmp_path, monkeypatch):
    users = tmp_path / "users.toml"
    monkeypatch.setenv("MONITOR_USERS", str(users))
    auth.add_user("lan", "analyst", PASSWORD, users)
    monkeypatch.setenv("MONITOR_DB", str(demo_copy))
    return demo_copy


def signed_in() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("pages/account.py").run()
    at.text_input(key="gm_login_name").set_value("lan")
    at.text_input(key="gm_login_password").set_value(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    at.switch_page("pages/annotations.py").run()
    assert not at.exception
    return at


def submit(at, label: str, index: int = 0) -> None:
    [b for b in at.button if b.label == label][index].click().run()
    assert not at.exception, at.exception


def history_rows(at) -> list[tuple]:
    frame = at.dataframe[-1].value
    return [tuple(r) for r in frame[["Thay đổi", "Người sửa", "Trường", "Giá trị cũ", "Giá trị mới"]].values]


def test_an_analyst_adds_changes_and_removes_an_annotation_on_the_page(db):
    at = signed_in()
    assert at.subheader[0].value == "Sự kiện đang hiện trên biểu đồ"
    at.text_input(key="add-start").set_value("31/02/2024")
    at.text_input(key="add-tvi").set_value("Bão Yagi")
    at.text_input(key="add-ten").set_value("Typhoon Yagi")
    submit(at, "Lưu")
    assert at.error[0].value == "- Từ ngày · '31/02/2024' · Ngày phải viết dạng dd/mm/yyyy, ví dụ 07/09/2024."
    assert at.dataframe[-1].value.empty                        # refused: nothing written, no change on record
    at.text_input(key="add-start").set_value("07/09/2024")
    submit(at, "Lưu")
    assert at.success[0].value == "Đã thêm sự kiện số 1."
    assert list(at.dataframe[0].value["Tiêu đề"]) == ["Bão Yagi"]
    at.text_input(key="edit-1-end").set_value("09/09/2024")
    submit(at, "Lưu", 1)
    assert at.success[0].value == "Đã lưu thay đổi của sự kiện số 1."
    assert list(at.dataframe[0].value["Thời gian"]) == ["07/09/2024 – 09/09/2024"]
    assert history_rows(at)[0] == ("Sửa", "lan", "Đến ngày", "07/09/2024", "09/09/2024")
    assert ("Thêm", "lan", "Tiêu đề", "", "Bão Yagi") in history_rows(at)
    submit(at, "Gỡ khỏi biểu đồ")
    assert at.success[0].value == "Đã gỡ sự kiện số 1; lịch sử vẫn giữ."
    assert at.info[0].value == "Chưa có sự kiện nào."
    assert history_rows(at)[0][:2] == ("Gỡ", "lan")
    assert [r[0] for r in history_rows(at)].count("Sửa") == 1   # one field changed by the edit


def test_the_overview_draws_an_annotation_added_on_the_page(db):
    at = signed_in()
    at.text_input(key="add-start").set_value("01/07/2025")
    at.text_input(key="add-tvi").set_value("Sắp xếp đơn vị hành chính")
    at.text_input(key="add-ten").set_value("Local units reorganised")
    submit(at, "Lưu")
    assert at.success[0].value == "Đã thêm sự kiện số 1."
    at.switch_page("pages/home.py").run()
    assert not at.exception
    layouts = [json.loads(c.proto.spec)["layout"] for c in at.get("plotly_chart")]
    trajectory = next(x for x in layouts if "Kịch bản" in json.dumps(x, ensure_ascii=False)
                      or any(a.get("name") for a in x.get("annotations", [])))
    labels = [a["text"] for a in trajectory["annotations"] if a.get("name") == "annotation:1"]
    assert labels == ["Sắp xếp đơn vị hành chính"]
    assert [s["type"] for s in trajectory["shapes"] if s.get("name") == "annotation:1"] == ["line"]


def test_the_wall_shows_the_playlist_in_turn_without_a_header(db):
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["playlist"] = "mac-dinh"
    at.run()
    at.switch_page("pages/wall.py").run()
    assert not at.exception
    html = "\n".join(h.value for h in at.get("html"))
    assert 'data-screen="overview"' in html and "Số liệu đến Quý IV/2025 · Số liệu mới nhất" in html
    assert "Phiên bản dữ liệu 2" in html and 'data-testid="gm-demo-label"' not in html  # no header
    assert at.selectbox.len == 0 and at.button.len == 0
    at.run()  # the next turn
    html = "\n".join(h.value for h in at.get("html"))
    assert 'data-screen="trajectory"' in html and "1/" not in html.split("gm-wall-count")[1][:10]


def test_the_wall_holds_a_quarter_named_in_its_address_and_refuses_one_without_figures(db):
    def wall(year: str, quarter: str) -> AppTest:  # opened from a link (/man-hinh?playlist=...&year=...)
        at = AppTest.from_file(str(ROOT / "pages" / "wall.py"), default_timeout=90)
        at.query_params.update(playlist="mac-dinh", year=year, quarter=quarter)
        at.run()
        assert not at.exception
        return at

    html = "\n".join(h.value for h in wall("2025", "2").get("html"))
    assert "Số liệu đến Quý II/2025" in html and "11,03%" in html  # the 6 months' growth, as the overview shows it
    at = wall("2031", "1")                                           # no figures for it: the latest, with a notice
    assert "Số liệu đến Quý IV/2025" in "\n".join(h.value for h in at.get("html"))
    notice = "Giá trị 'year' trong đường liên kết không hợp lệ ở đây nên trang hiển thị giá trị mặc định."
    assert [c.value for c in at.caption] == [notice]


def test_an_analyst_saves_a_playlist_on_the_page_and_a_bad_one_is_refused(db):
    at = signed_in()
    at.text_input(key="gm-pl-name").set_value("phong-hop")
    at.text_input(key="gm-pl-items").set_value("overview,localities:3")
    at.number_input(key="gm-pl-seconds").set_value(15)
    submit(at, "Lưu danh sách phát")
    assert at.success[0].value == "Đã lưu danh sách phát phong-hop."
    table = next(d.value for d in at.dataframe if "Tên" in d.value.columns)
    assert [tuple(r) for r in table.values] == [
        ("mac-dinh", "overview,trajectory,sectors,localities:5,actions", 20, "/man-hinh?playlist=mac-dinh&lang=vi"),
        ("phong-hop", "overview,localities:3", 15, "/man-hinh?playlist=phong-hop&lang=vi")]
    at.text_input(key="gm-pl-name").set_value("Phòng họp")
    submit(at, "Lưu danh sách phát")
    assert at.error[0].value.startswith("- Tên · 'Phòng họp' · Tên chỉ gồm chữ thường không dấu")
