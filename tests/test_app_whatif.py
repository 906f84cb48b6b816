"""The what-if and targets pages under AppTest: they show what the core computes."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from monitor.core import auth
from monitor.core.engine import AsOf, Targets
from monitor.core.i18n import half_up
from monitor.core.number_entry import parse_number
from monitor.core.store import ROOT, Store
from monitor.whatif import projection, shortfall
from monitor.whatif import targets as targets_edit

APP = str(ROOT / "dashboard.py")


pytestmark = pytest.mark.usefixtures("fresh_caches")  # conftest: no cache outlives a test


def html_text(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def open_page(monkeypatch, db, page, lang=None, edit=False, tmp_path=None):
    """The app as a viewer, or (edit=True) signed in as the analyst "analyst1" through the account page."""
    monkeypatch.setenv("MONITOR_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    if lang:
        at.query_params["lang"] = lang
    if edit:
        users = db.with_name("users.toml")
        auth.add_user("analyst1", "analyst", "matkhau-kichban", users)
        monkeypatch.setenv("MONITOR_USERS", str(users))
    at.run()
    if edit:
        at.switch_page("pages/account.py").run()
        at.text_input(key="gm_login_name").set_value("analyst1")
        at.text_input(key="gm_login_password").set_value("matkhau-kichban")
        at.button[0].click().run()
    at.switch_page(f"pages/{page}").run()
    assert not at.exception
    return at


def vi_pct(value: float) -> str:
    return f"{value:.2f}".replace(".", ",") + "%"


def test_whatif_mid_year_shows_the_projection_the_required_growth_and_the_shortfall(monkeypatch, demo_db):
    at = open_page(monkeypatch, demo_db, "whatif.py")
    at.selectbox(key="wi_as_of").set_value((2025, 2)).run()
    assert not at.exception
    inputs = {n.label: n.value for n in at.text_input}
    assert len(inputs) == 8 and "Công nghiệp và xây dựng, Quý III/2025" in inputs     # 4 sectors x 2 quarters
    assert all("," in v and "." not in v for v in inputs.values())   # the defaults in the Vietnamese format: 12,3
    assume = typed_assumptions(at, "vi")
    with Store(demo_db, read_only=True) as s:
        expected = projection.whatif(s, AsOf(2025, 2), assume=assume)
        sf = shortfall.shortfall(s, AsOf(2025, 2), assume=assume)
    page = html_text(at)
    assert f'data-testid="gm-wi-projected">{vi_pct(expected["projected_annual_pct"])}<' in page
    assert "6 tháng cuối năm cần 16,7%" in page                  # 14% needs about 17% in the second half
    assert "Vượt kỷ lục 5 năm" in page and 'data-testid="gm-wi-shortfall-unit"' in page
    kv2 = next(i for i in sf["items"] if i["code"] == "KV2")
    assert f'{kv2["implied_growth_pct"]:.1f}'.replace(".", ",") + "%" in page
    assert "Công nghiệp và xây dựng: 6 tháng cuối năm cần tăng" in page
    assert_no_codes(at, expected["codes"] + ["06778", "06652"])
    assert "Phường Hà Tu" in page and "Thuế sản phẩm trừ trợ cấp sản phẩm" in page
    record = f'{expected["record_5y_pct"]["KV2"]:.1f}'.replace(".", ",")
    assert f"(cao nhất 2020–2024: {record}%)" in page and record == f'{kv2["max_growth_5y_pct"]:.1f}'.replace(".", ",")


def assert_no_codes(at, codes: list[str]) -> None:
    """No sector or unit code where a person reads: the page's text and tables, the boxes' labels, the options."""
    text = html_text(at).replace('data-testid="gm-wi-', "")
    read = [text, *(n.label for n in at.text_input), *(o for b in at.selectbox for o in b.options),
            *(t.label for t in at.toggle)]
    for code in codes:
        # a VSIC letter ("A") is a word in English: for those, no label, option or cell starts with the letter
        word = rf"(?<![\w-]){re.escape(code)}(?![\w-])" if len(code) > 1 else rf"(^|>){code}( |·|,|<|$)"
        assert not any(re.search(word, r) for r in read), code
    assert not any("VSIC" in r for r in read)


def typed_assumptions(at, lang) -> dict:
    """What the boxes hold, read as the page reads them: {sector: {quarter: growth}} (the code and the quarter
    from each box's key, wi_<code>_<quarter>_...)."""
    assume = {}
    for n in at.text_input:
        _, code, q, *_ = n.key.split("_")
        assume.setdefault(code, {})[int(q)] = parse_number(n.value, lang)
    return assume


def projected(demo_db, assume, as_of=AsOf(2025, 2)) -> float:
    with Store(demo_db, read_only=True) as s:
        return projection.whatif(s, as_of, assume=assume)["projected_annual_pct"]


def test_changing_an_assumption_changes_the_projection(monkeypatch, demo_db):
    at = open_page(monkeypatch, demo_db, "whatif.py")
    at.selectbox(key="wi_as_of").set_value((2025, 2)).run()
    before = html_text(at)
    at.text_input(key="wi_KV2_3_2025_2_run_rate").set_value("25").run()
    after = html_text(at)
    assume = typed_assumptions(at, "vi")
    assert assume["KV2"][3] == 25.0
    assert before != after
    assert f'data-testid="gm-wi-projected">{vi_pct(projected(demo_db, assume))}<' in after


@pytest.mark.parametrize(("lang", "typed", "value"), [("vi", "13,5", 13.5), ("vi", "13.5", 13.5),
                                                      ("en", "13.5", 13.5), ("en", "13,5", 13.5)])
def test_a_decimal_typed_either_way_is_read_as_that_decimal(monkeypatch, demo_db, lang, typed, value):
    """Issue 12: "13,5" typed by a Vietnamese reader became 135 and a projection of 24,14% "Đạt"."""
    at = open_page(monkeypatch, demo_db, "whatif.py", lang=lang)
    at.selectbox(key="wi_as_of").set_value((2025, 2)).run()
    at.text_input(key="wi_KV2_3_2025_2_run_rate").set_value(typed).run()
    assert not at.exception and not at.error
    assert at.text_input(key="wi_KV2_3_2025_2_run_rate").value == ("13,5" if lang == "vi" else "13.5")  # as read
    assume = typed_assumptions(at, lang)
    assert assume["KV2"][3] == value
    shown = vi_pct(projected(demo_db, assume)) if lang == "vi" else f"{projected(demo_db, assume):.2f}%"
    assert f'data-testid="gm-wi-projected">{shown}<' in html_text(at)


def test_a_malformed_assumption_is_refused_with_a_message_and_the_default_kept(monkeypatch, demo_db):
    at = open_page(monkeypatch, demo_db, "whatif.py")
    at.selectbox(key="wi_as_of").set_value((2025, 2)).run()
    default = at.text_input(key="wi_KV2_3_2025_2_run_rate").value
    before = typed_assumptions(at, "vi")
    shown_before = html_text(at).split('data-testid="gm-wi-projected">')[1].split("<")[0]
    at.text_input(key="wi_KV2_3_2025_2_run_rate").set_value("13,5,1").run()
    assert not at.exception
    assert at.error[0].value == (f'- Công nghiệp và xây dựng, Quý III/2025: "13,5,1" không đọc được thành số. '
                                 f"Viết như 13,5 hoặc 1.234,5 (dấu phẩy trước phần thập phân). Dự kiến đang dùng "
                                 f"giá trị mặc định {default} cho ô này.")
    assert at.warning[0].value == "Dự kiến dùng giá trị mặc định cho 1 ô (xem thông báo trên)."
    page = html_text(at)
    assert f'data-testid="gm-wi-projected">{shown_before}<' in page                # unchanged, and said so
    assert shown_before == vi_pct(projected(demo_db, before))
    at.text_input(key="wi_KV2_3_2025_2_run_rate").set_value("1.234").run()     # 1234 %: a mistyped separator
    assert "được hiểu là 1234, ngoài khoảng hợp lý từ -100 đến 100" in at.error[0].value


def test_typed_numbers_follow_a_change_of_language(monkeypatch, demo_db):
    at = open_page(monkeypatch, demo_db, "whatif.py")
    at.selectbox(key="wi_as_of").set_value((2025, 2)).run()
    at.text_input(key="wi_KV2_3_2025_2_run_rate").set_value("13,5").run()
    at.segmented_control(key="lang").set_value("en").run()
    assert not at.exception
    assert at.text_input(key="wi_KV2_3_2025_2_run_rate").value == "13.5"
    assert all("," not in n.value for n in at.text_input)
    assume = typed_assumptions(at, "en")
    assert assume["KV2"][3] == 13.5
    assert f'data-testid="gm-wi-projected">{projected(demo_db, assume):.2f}%<' in html_text(at)


def test_whatif_in_english_with_the_last_year_defaults(monkeypatch, demo_db):
    at = open_page(monkeypatch, demo_db, "whatif.py", lang="en")
    at.segmented_control(key="wi_basis").set_value("last_year").run()
    assert not at.exception
    with Store(demo_db, read_only=True) as s:
        base = projection.whatif(s, AsOf(2025, 3), basis="last_year")
    kv2 = at.text_input(key="wi_KV2_4_2025_3_last_year")
    assert kv2.value == f'{half_up(base["defaults"]["KV2"][4], 1)}'         # 12.3, the English format
    page = html_text(at)
    assert "Projected for 2025" in page and "Province target 14.0%" in page


def test_targets_page_is_read_only_without_the_edit_right(monkeypatch, demo_db):
    at = open_page(monkeypatch, demo_db, "targets.py")
    assert "Chỉ xem" in at.caption[0].value
    assert len(at.dataframe) == 3                     # the targets, their documents and the history, no editor
    assert [b.label for b in at.button] == []
    targets, documents, history = (d.value for d in at.dataframe)
    # the province's scenario is of quarters: the grid opens on them (codes only for analysts)
    assert list(targets.columns) == ["unit", "sector", "scope", "Q1", "Q2", "Q3", "Q4", "Y"]
    assert targets.iloc[1].tolist() == ["Tỉnh Quảng Ninh", "GRDP", "Tỉnh", "10,50", "12,14", "16,39", "16,39",
                                        "14,00"]
    assert documents.iloc[1].tolist() == ["Tỉnh Quảng Ninh", "GRDP", "Tỉnh", "14,00", "",
                                          "Văn bản 2545-CV/TU (02/2025)"]
    assert documents.iloc[3][["Ngành", "Cả năm", "Văn bản nguồn"]].tolist() == ["Công nghiệp và xây dựng", "16,20",
                                                                              "Số liệu minh họa"]
    assert list(history.columns) == ["Lần ghi", "Thời điểm", "Người sửa", "Đơn vị", "Ngành", "Cấp giao", "Kỳ",
                                     "Giá trị cũ", "Giá trị mới", "Văn bản nguồn", "Trạng thái"]
    assert history.iloc[0][["Đơn vị", "Kỳ", "Văn bản nguồn"]].tolist() == ["Phường Hà Tu", "Cả năm",
                                                                            "Số liệu minh họa"]


def test_targets_page_undoes_a_change_and_records_who(monkeypatch, demo_copy):
    with Store(demo_copy) as s:
        plan = targets_edit.prepare(s, b"indicator,unit_code,sector_code,year,period,value,scope,source\n"
                                       b"GRDP,22,KV2,2025,Y,17,provincial,2545-CV/TU\n", "kv2.csv")
        batch = targets_edit.commit(s, plan, "analyst1")
    at = open_page(monkeypatch, demo_copy, "targets.py", lang="en", edit=True)
    assert "Edit the numbers in the table" in at.caption[0].value
    grid = at.dataframe[0].value                                 # the analysts' editor: names first, codes last
    assert list(grid.columns) == ["unit", "sector", "scope", "Q1", "Q2", "Q3", "Q4", "Y", "codes"]   # quarters
    assert grid.iloc[3].tolist() == ["Quang Ninh Province", "Industry and construction", "Province", "12.15", "", "",
                                     "", "17.00", "22/KV2"]
    at.segmented_control(key="tg_view").set_value("cumulative").run()                # KV2's path is cumulative
    assert at.dataframe[0].value.iloc[3].tolist() == ["Quang Ninh Province", "Industry and construction", "Province",
                                                      "12.15", "13.15", "15.16", "17.00", "22/KV2"]
    at.selectbox(key="tg_revert").set_value(batch).run()
    at.button(key="tg_revert_go").click().run()
    assert not at.exception
    assert at.success[0].value == f"Batch #{batch} undone."
    with Store(demo_copy) as s:  # the app in this process holds the store read-write: open one alike
        assert Targets.load(s, "GRDP", 2025).annual("22", "KV2", "provincial") == 16.2
        assert targets_edit.batches(s).iloc[0]["user_name"] == "analyst1"


def test_targets_page_imports_a_file_after_a_preview(monkeypatch, demo_copy):
    at = open_page(monkeypatch, demo_copy, "targets.py", edit=True)
    text = ("indicator,unit_code,sector_code,year,period,value,scope,source\n"
            "GRDP,22,KV2,2025,9M,15.3,provincial,2545-CV/TU\n")
    picker = at.file_uploader(key="tg_upload")
    assert picker.label.startswith("Tệp CSV (tối đa 50 MB) với các cột: indicator,")   # our limit, not 200MB
    assert 'content: "Chọn tệp"' in html_text(at)                 # the picker's button in the reader's language
    picker.set_value(("t.csv", text.encode(), "text/csv")).run()
    assert at.info[0].value == "t.csv: 0 mục tiêu mới, 1 thay đổi, 0 giữ nguyên."
    at.button(key="tg_load").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Đã nạp tệp")
    with Store(demo_copy) as s:  # the app in this process holds the store read-write: open one alike
        assert Targets.load(s, "GRDP", 2025).period("22", "KV2", "provincial", 3) == 15.3


def test_whatif_by_vsic_section_offers_every_section_and_solves_for_one(monkeypatch, demo_db):
    at = open_page(monkeypatch, demo_db, "whatif.py", lang="en")
    at.toggle(key="wi_sections").set_value(True).run()
    assert not at.exception
    assert len(at.text_input) == 21                                # 20 sections and TAX, one quarter left
    assert at.toggle(key="wi_sections").label == "Detail by industry"
    at.selectbox(key="wi_solve_sections").set_value("B").run()
    with Store(demo_db, read_only=True) as s:
        r = projection.whatif(s, AsOf(2025, 3), solve_for=["B"], level="sections", assume=typed_assumptions(at, "en"))
    need = next(x for x in r["solve"] if x["scope"] == "provincial")["required_growth_pct"]
    assert f"Mining and quarrying: Q4 would need {need:.1f}%" in html_text(at)
    # long section names give way to the catalog's short ones, whole on hover
    assert "Wholesale and retail trade, Q4 2025" in [n.label for n in at.text_input]
    assert '<span title="Wholesale and retail trade; repair of motor vehicles">Wholesale and retail trade</span>' \
        in html_text(at)
    assert_no_codes(at, r["codes"])
    assert "Contribution of each industry" in html_text(at) and at.tabs[0].label == "By industry"


def test_a_year_without_targets_explains_that_nothing_can_be_allocated(monkeypatch, demo_db):
    at = open_page(monkeypatch, demo_db, "whatif.py", lang="en")
    at.selectbox(key="wi_as_of").set_value((2024, 2)).run()
    assert not at.exception
    assert [i.value for i in at.info] == ["Quang Ninh Province has no provincial annual target for this year."] * 2
    assert 'data-testid="gm-wi-projected">' in html_text(at)
