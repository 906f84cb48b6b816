"""Numbers as people type them: Vietnamese 13,5 and 1.234,5, English 13.5 and 1,234.5, read exactly or refused
with a message naming the field and the text."""

from __future__ import annotations

import pandas as pd
import pytest

from monitor.core.number_entry import NumberEntryError, convert_entry, entry_text, parse_number
from monitor.core.reference import Labels
from monitor.whatif import entries, target_views


@pytest.mark.parametrize(("text", "value"), [
    ("13,5", 13.5), ("13.5", 13.5), ("1.234,5", 1234.5), ("1 234,5", 1234.5), ("1\u00a0234,5", 1234.5),
    ("1\u202f234,5", 1234.5), ("-2,1", -2.1), ("\u22122,1", -2.1), ("+3", 3.0), ("0,5", 0.5), (" 12 ", 12.0),
    ("13,5%", 13.5), ("1.234", 1234.0), ("57.330,00", 57330.0), ("1.000.000,5", 1000000.5), ("12.34", 12.34),
    ("-0", 0.0),
])
def test_vietnamese_reads(text, value):
    assert parse_number(text, "vi") == value


@pytest.mark.parametrize(("text", "value"), [
    ("13.5", 13.5), ("1,234.5", 1234.5), ("13,5", 13.5), ("1 234.5", 1234.5), ("-2.1", -2.1), ("\u22122.1", -2.1),
    ("+3", 3.0), ("1,234", 1234.0), ("57,330.00", 57330.0), ("1,234,567.25", 1234567.25),
])
def test_english_reads(text, value):
    assert parse_number(text, "en") == value


@pytest.mark.parametrize("text", ["1.234.5", "13,5,1", "abc", "12.34,5", "1,234.5", "12 5", "NaN", "inf", "1e5",
                                  "1_000", "\u0661\u0662", "- 3", "--3", "13,5-"])
def test_vietnamese_refuses_malformed_text_naming_the_field_and_the_text(text):
    with pytest.raises(NumberEntryError) as exc:
        parse_number(text, "vi", "Công nghiệp và xây dựng, Quý III/2025")
    (problem,) = exc.value.problems
    assert problem.code == "entry.err.malformed" and problem.value == text
    assert problem.message("vi") == (f'Công nghiệp và xây dựng, Quý III/2025: "{text}" không đọc được thành số. '
                                     "Viết như 13,5 hoặc 1.234,5 (dấu phẩy trước phần thập phân).")


@pytest.mark.parametrize("text", ["1.234,5", "1.234.5", "13.5.1", "abc"])
def test_english_refuses_malformed_text(text):
    with pytest.raises(NumberEntryError) as exc:
        parse_number(text, "en", "Industry and construction, Q3 2025")
    assert exc.value.problems[0].message("en") == (
        f'Industry and construction, Q3 2025: "{text}" cannot be read as a number. Write it like 13.5 or 1,234.5 '
        "(a point before the decimals).")


def test_an_empty_required_field_is_refused_and_an_optional_one_is_none():
    with pytest.raises(NumberEntryError) as exc:
        parse_number("  ", "vi", "Tỉnh, 9 tháng")
    assert exc.value.problems[0].message("vi") == "Tỉnh, 9 tháng: chưa nhập số."
    assert parse_number("", "vi", required=False) is None
    assert parse_number(None, "en", required=False) is None


def test_one_thousand_typed_for_a_growth_rate_is_refused_saying_how_it_was_read():
    """'1.234' is 1234 in Vietnamese (as Babel reads it): as a growth in percent it is a mistyped separator."""
    with pytest.raises(NumberEntryError) as exc:
        parse_number("1.234", "vi", "Dịch vụ, Quý IV/2025", -100, 100)
    assert exc.value.problems[0].message("vi") == (
        'Dịch vụ, Quý IV/2025: "1.234" được hiểu là 1234, ngoài khoảng hợp lý từ -100 đến 100. '
        "Phần thập phân viết sau dấu phẩy, ví dụ 13,5.")
    with pytest.raises(NumberEntryError) as exc:
        parse_number("1,234.5", "en", "Services, Q4 2025", -100, 100)
    assert exc.value.problems[0].message("en") == (
        'Services, Q4 2025: "1,234.5" reads as 1234.5, outside the plausible range -100 to 100. '
        "Write decimals after a point, e.g. 13.5.")
    assert parse_number("-100", "vi", "x", -100, 100) == -100.0 and parse_number("100", "en", "x", -100, 100) == 100


def test_an_amount_has_only_a_floor():
    assert parse_number("57.330", "vi", "Thu ngân sách", 0, None) == 57330.0
    with pytest.raises(NumberEntryError) as exc:
        parse_number("-5", "en", "Budget revenue", 0, None)
    assert exc.value.problems[0].message("en") == 'Budget revenue: "-5" reads as -5, below the lowest allowed 0.'


def test_inputs_show_the_readers_format_and_read_back_the_same_value():
    assert entry_text(12.34, "vi") == "12,3" and entry_text(12.34, "en") == "12.3"
    assert entry_text(57330, "vi", 2) == "57.330,00" and entry_text(57330, "en", 2) == "57,330.00"
    assert entry_text(-0.04, "vi") == "0,0" and entry_text(None, "vi") == "" and entry_text(float("nan"), "en") == ""
    for lang in ("vi", "en"):
        assert parse_number(entry_text(57330.25, lang, 2), lang) == 57330.25
        assert parse_number(entry_text(-2.05, lang), lang) == -2.1             # half up, as the tables round


def test_typed_text_follows_a_change_of_language_digit_for_digit():
    assert convert_entry("13,55", "vi", "en") == "13.55" and convert_entry("13,0", "vi", "en") == "13.0"
    assert convert_entry("1,234.5", "en", "vi") == "1.234,5"
    assert convert_entry("13,5,1", "vi", "en") == "13,5,1"                 # unreadable: kept, so its message quotes it


BASE = {"names": {"KV2": "Công nghiệp và xây dựng", "KV3": "Dịch vụ"},
        "defaults": {"KV2": {3: 12.34, 4: 13.0}, "KV3": {3: 9.96, 4: None}}}


def test_what_if_inputs_start_from_the_defaults_and_follow_the_language():
    state = {}
    defaults = entries.default_texts(BASE, [3, 4], 2025, 2, "run_rate", "vi")
    assert defaults == {"wi_KV2_3_2025_2_run_rate": "12,3", "wi_KV2_4_2025_2_run_rate": "13,0",
                        "wi_KV3_3_2025_2_run_rate": "10,0", "wi_KV3_4_2025_2_run_rate": "0,0"}
    entries.seed(state, defaults, "vi")
    state.update({"wi_KV2_3_2025_2_run_rate": "13.5", "wi_KV3_3_2025_2_run_rate": "+3",     # typed
                  "wi_KV3_4_2025_2_run_rate": "13,5,1"})
    entries.seed(state, defaults, "vi")                                    # shown as read, in the reader's format
    assert [state[k] for k in defaults] == ["13,5", "13,0", "3", "13,5,1"]
    entries.seed(state, entries.default_texts(BASE, [3, 4], 2025, 2, "run_rate", "en"), "en")
    assert [state[k] for k in defaults] == ["13.5", "13.0", "3", "13,5,1"]


def test_a_refused_assumption_takes_its_default_and_says_so_naming_sector_and_quarter():
    typed = {"KV2": {3: "13,5", 4: "13,5,1"}, "KV3": {3: "1.234", 4: "-2,1"}}
    assumptions, messages = entries.read_assumptions(typed, BASE, 2025, "vi")
    assert assumptions == {"KV2": {3: 13.5, 4: 13.0}, "KV3": {3: 10.0, 4: -2.1}}
    assert messages == [
        'Công nghiệp và xây dựng, Quý IV/2025: "13,5,1" không đọc được thành số. Viết như 13,5 hoặc 1.234,5 '
        "(dấu phẩy trước phần thập phân). Dự kiến đang dùng giá trị mặc định 13,0 cho ô này.",
        'Dịch vụ, Quý III/2025: "1.234" được hiểu là 1234, ngoài khoảng hợp lý từ -100 đến 100. Phần thập phân '
        "viết sau dấu phẩy, ví dụ 13,5. Dự kiến đang dùng giá trị mặc định 10,0 cho ô này."]
    assumptions, messages = entries.read_assumptions({"KV2": {3: "13.5", 4: "13,5"}}, BASE, 2025, "en")
    assert assumptions == {"KV2": {3: 13.5, 4: 13.5}} and messages == []


LABELS = Labels(sector={"TOTAL": "Tổng sản phẩm (GRDP)", "KV2": "Công nghiệp và xây dựng"}, unit={"22": "Quảng Ninh"},
                indicator={}, measure_unit={})
GRID = pd.DataFrame({"unit_code": ["22", "22"], "sector_code": ["TOTAL", "KV2"], "scope": ["provincial"] * 2,
                     "Q1": [10.5, 12.145], "H1": [11.36, float("nan")], "9M": [13.1, 13.0], "Y": [14.0, 16.2],
                     "source": ["2545-CV/TU", None]})


def test_the_targets_grid_shows_the_readers_format_and_reads_typed_targets():
    labelled = target_views.grid_labels(GRID, "GRDP", LABELS, "vi", codes=True,
                                        periods=target_views.VIEWS["cumulative"])
    shown = entries.grid_entries(labelled, "vi")  # as the page
    assert shown[["Q1", "H1", "9M", "Y"]].values.tolist() == [["10,50", "11,36", "13,10", "14,00"],
                                                             ["12,15", "", "13,00", "16,20"]]
    assert shown[["unit", "sector", "scope", "codes"]].values.tolist() == [
        ["Quảng Ninh", "Tổng sản phẩm (GRDP)", "Tỉnh", "22/TOTAL"],
        ["Quảng Ninh", "Công nghiệp và xây dựng", "Tỉnh", "22/KV2"]]
    edited = shown.copy()
    edited.loc[0, "9M"] = "13,4"
    edited.loc[1, "Y"] = "16.5"
    numbers, messages = entries.read_grid(edited, GRID, "GRDP", LABELS, "vi")
    assert messages == []
    assert numbers[["Q1", "9M", "Y"]].values.tolist() == [[10.5, 13.4, 14.0], [12.145, 13.0, 16.5]]
    assert numbers["H1"].isna().tolist() == [False, True]                   # an untouched empty cell stays empty


def test_the_targets_grid_refuses_a_bad_cell_naming_unit_sector_scope_and_period():
    edited = entries.grid_entries(GRID, "en")
    edited.loc[1, "9M"] = "13.4.1"
    edited.loc[0, "Y"] = "1,400"
    numbers, messages = entries.read_grid(edited, GRID, "GRDP", LABELS, "en")
    assert messages == [
        'Quảng Ninh · Tổng sản phẩm (GRDP) · Province, Year (target): "1,400" reads as 1400, outside the plausible '
        "range -100 to 100. Write decimals after a point, e.g. 13.5.",
        'Quảng Ninh · Công nghiệp và xây dựng · Province, 9 months: "13.4.1" cannot be read as a number. Write it '
        "like 13.5 or 1,234.5 (a point before the decimals)."]
    assert numbers.equals(GRID)                                             # nothing refused is taken


def test_a_budget_target_reads_thousands_and_refuses_a_negative_amount():
    grid = GRID.iloc[:1].assign(Y=57330.0)
    edited = entries.grid_entries(grid, "vi").assign(Y="58.000,5")
    numbers, messages = entries.read_grid(edited, grid, "BUDGET_REV", LABELS, "vi")
    assert messages == [] and numbers.loc[0, "Y"] == 58000.5
    numbers, messages = entries.read_grid(edited.assign(Y="-1"), grid, "BUDGET_REV", LABELS, "vi")
    assert messages == ['Quảng Ninh · Tổng số · Tỉnh, Cả năm (mục tiêu): "-1" được hiểu là -1, nhỏ hơn mức thấp '
                        "nhất 0."]
