"""Every bad file in tests/fixtures/upload_bad is refused with the message that names its fix, and the
store is unchanged; the awkward good files load with the right values."""

from __future__ import annotations

import pytest

from conftest import FIXTURES
from monitor.core.errors import ValidationError
from monitor.core.store import Store
from monitor.upload import ingest

BAD = FIXTURES / "upload_bad"
GOOD = FIXTURES / "upload_good"

# file -> (row, column, value, start of the English message) of one problem it must report
EXPECTED = {
    "wrong_separator.csv": (1, None, None, "The columns are separated by tab, not by ',' or ';'"),
    "wrong_encoding_utf16.csv": (None, None, None, "The file is in UTF-16"),
    "missing_column.csv": (None, "vintage", None, 'Required column "vintage" is missing.'),
    "extra_column.csv": (None, "note", None, 'Column "note" is not in the template'),
    "non_numeric.csv": (3, "value", "n/a", "Not a valid number"),
    "decimal_comma_in_point_file.csv": (4, "value", "19250,5", "This number uses a decimal comma, but the file"),
    "decimal_point_in_comma_file.csv": (4, "value", "19250.5", "This number uses a decimal point, but the file"),
    "duplicate_key.csv": (4, "indicator", None, "Same key as row 2"),
    "unknown_indicator.csv": (2, "indicator", "GDPR", "Unknown indicator code (known: BUDGET_REV"),
    "unknown_unit.csv": (2, "unit_code", "06999", "Unknown unit code."),
    "unknown_sector.csv": (2, "sector_code", "KV4", "Unknown sector code"),
    "former_district_after_2025q2.csv": (2, "unit_code", "193", "Unit 193 is no longer valid in Q3 2025 (ended "
                                         "2025-06-30); use its successor units: 06652, 06658"),
    "quarter_5.csv": (2, "quarter", "5", "Quarter must be 1 to 4."),
    "future_quarter.csv": (2, "year", "2029", "Q1 2029 has not started yet"),
    "year_out_of_range.csv": (2, "year", "2031", "Year must be between 2010 and 2030."),
    "negative_level.csv": (2, "value", "-53600", "A level cannot be negative."),
    "total_not_matching.csv": (6, "value", "60000.0", "The TOTAL row (60,000) does not match the sum of its "
                               "components (53,600); off by 10.67%"),
    "empty.csv": (None, None, None, "The file is empty or has only a header row"),
    "header_only.csv": (None, None, None, "The file is empty or has only a header row"),
    "binary_named_csv.csv": (None, None, None, "This is not a CSV text file (binary content)"),
    "xlsx_renamed_csv.csv": (None, None, None, "This is an Excel workbook with a .csv name. Rename it to .xlsx"),
    "formula_text.csv": (3, "value", "=SUM(F2:F5)", "The cell starts with a formula character"),
    "huge_number.csv": (2, "value", "53600000000000000", "Value too large"),
    "nan_and_infinity.csv": (3, "value", "inf", "Not a finite value (NaN or infinity)."),
    "mixed_line_endings.csv": (4, "value", "x", "Not a valid number"),
    "truncated_last_line.csv": (6, "value", "", "Empty cell; this column needs a value."),
    "truncated_in_quotes.csv": (3, None, None, "The file ends inside a quoted cell; it looks cut off. The quote opens "
                                "in the row starting on line 3."),
    "bad_vintage.csv": (2, "vintage", "final", "Vintage must be estimate, preliminary or official."),
    "empty_required_cell.csv": (2, "unit_code", "", "Empty cell; this column needs a value."),
    "fractional_quarter.csv": (2, "quarter", "2.5", "Not a whole number."),
    "more_cells_than_header.csv": (2, None, "estimate", "The row has more cells than the header (7 columns)"),
    "damaged.xlsx": (None, None, None, "The Excel file cannot be opened"),
    "negative_in_excel.xlsx": (2, "value", "-5", "A level cannot be negative."),
    "formula_in_excel.xlsx": (2, "value", "=F3*2", "The cell holds a formula, not a figure (its result may be stale). "
                              "Copy the table and paste it as values (Paste Special > Values)"),
    # the reader, hardened (issue 13)
    "ambiguous_decimal.csv": (2, "value", "2.590", "This number reads two ways: the file's other numbers use a decimal "
                              "point (e.g. 53600.5), which makes it a decimal, but with a dot between thousands it is "
                              "2590."),
    "array_formula.xlsx": (2, "value", "{=SUM(F3:F6*1)}", "The cell holds a formula, not a figure"),
    "cell_past_column_limit.xlsx": (None, None, None, "The sheet has a filled cell at XFD2, past the limit of 512 "
                                    "columns."),
    "data_on_second_sheet.xlsx": (None, None, None, 'Sheet "Ghi chú" (the one the workbook opens on) holds no table of '
                                  'figures; they seem to be on sheet "Số liệu". Open the workbook on that sheet and '
                                  'save it, or name it: --sheet "Số liệu".'),
    "duplicate_column_alias.csv": (1, "Giá trị", "Giá trị", 'Columns "value" (F) and "Giá trị" (H) are the same '
                                   'column. Keep one of them and delete the other.'),
    "duplicate_column_twice.csv": (1, "value", "value", 'Columns "value" (E) and "value" (G) are the same column.'),
    "expands_to_60_mb.xlsx": (None, None, None, "The workbook unpacks to 60 MB, above the 50 MB limit"),
    "long_cell.csv": (3, "source", None, "The cell holds 200,000 characters, above the limit of 4,000"),
    "lost_letters_header.csv": (1, "Ch? tiêu", "Ch? tiêu", "This text has lost its Vietnamese letters"),
    "lost_letters_mojibake.csv": (6, "vintage", "Æ¯á»›c tÃ\xadnh", "This text has lost its Vietnamese letters"),
    "nul_after_4kb.csv": (141, None, None, "Line 141 holds a NUL byte"),
    "quoted_newline.csv": (5, "value", "n/a", "Not a valid number"),       # the file line, after a 2-line cell
    "stray_byte.csv": (5, None, None, "Line 5 holds a byte (0xE9) that is not UTF-8"),
    "title_rows.csv": (5, None, None, "The header looks like row 5; the rows above it look like a title."),
    "title_rows.xlsx": (4, None, None, "The header looks like row 4"),
    "too_many_shared_strings.xlsx": (None, None, None, "The workbook holds 300,001 different texts, above the limit of "
                                     "300,000."),
}

SNAPSHOT = ["SELECT * FROM observations ORDER BY ALL", "SELECT * FROM load_batches ORDER BY ALL",
            "SELECT * FROM targets ORDER BY ALL"]


def snapshot(store: Store) -> list:
    return [store.con.sql(q).fetchall() for q in SNAPSHOT]


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory, demo_db):
    import shutil

    path = tmp_path_factory.mktemp("corpus") / "demo.duckdb"
    shutil.copy(demo_db, path)
    with Store(path) as s:
        yield s


def test_the_corpus_has_at_least_25_bad_files_and_each_has_an_expected_message():
    files = sorted(p.name for p in BAD.iterdir())
    assert len(files) >= 25
    assert files == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_is_refused_with_its_message_and_changes_nothing(demo_store, name):
    before = snapshot(demo_store)
    with pytest.raises(ValidationError) as caught:
        ingest.load_observations(demo_store, BAD / name, "test")
    row, column, value, message = EXPECTED[name]
    found = [p for p in caught.value.problems if p.row == row and p.column == column]
    assert found, [p.as_dict("en") for p in caught.value.problems]
    assert found[0].message("en").startswith(message), found[0].message("en")
    if value is not None:
        assert found[0].value == value
    assert all(p.message("vi") and p.message("vi") != p.message("en") for p in caught.value.problems)
    assert snapshot(demo_store) == before


def test_every_problem_is_reported_not_only_the_first(demo_store):
    with pytest.raises(ValidationError) as caught:
        ingest.load_observations(demo_store, FIXTURES / "bad_types.csv", "test")
    assert [(p.row, p.column) for p in caught.value.problems] == [
        (2, "quarter"), (3, "year"), (4, "value"), (5, "value"), (6, "value"), (7, "value"), (7, "vintage"),
        (8, "year")]


def test_a_file_past_the_size_limit_is_refused_before_it_is_read(demo_store, monkeypatch, tmp_path):
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * (3 * 1024 * 1024 // 2))  # 1.5 MB
    monkeypatch.setenv("MONITOR_MAX_UPLOAD_MB", "1")
    with pytest.raises(ValidationError) as caught:
        ingest.load_observations(demo_store, big, "test")
    assert caught.value.problems[0].message("en") == (
        "The file is 1.50 MB, above the 1 MB limit. Split it (for example one file per quarter) or ask an "
        "administrator to raise MONITOR_MAX_UPLOAD_MB.")
    monkeypatch.delenv("MONITOR_MAX_UPLOAD_MB")  # the default: 50 MB
    with pytest.raises(ValidationError) as caught:
        ingest.prepare_observations(demo_store, b"x" * (50 * 1024 * 1024 + 1), "big.csv")
    assert caught.value.problems[0].message("vi").startswith("Tệp có dung lượng 50 MB, vượt giới hạn 50 MB")


GOOD_VALUES = {  # file -> what it says it was read as, and the values stored for KV1, KV2, KV3, TAX, TOTAL
    "utf8_bom.csv": ("Read as: UTF-8 (BOM), separator ',', decimal point",
                     [2590.0, 27350.0, 19250.0, 4410.0, 53600.0], "estimate"),
    "windows1258_vietnamese_headers.csv": ("Read as: Windows-1258, separator ',', decimal point",
                                           [2590.0, 27350.0, 19250.0, 4410.0, 53600.0], "estimate"),
    "semicolon_decimal_comma.csv": ("Read as: UTF-8, separator ';', decimal comma",
                                    [2590.5, 27350.25, 19250.0, 4410.0, 53601.75], "estimate"),
    "excel_vietnamese_headers.xlsx": ('Read as: Excel workbook (.xlsx), sheet "Sheet"',
                                      [2590.0, 27350.0, 19250.0, 4410.0, 53600.0], "preliminary"),
    "excel_numbers_typed_as_text.xlsx": ('Read as: Excel workbook (.xlsx), sheet "Sheet"',   # "27.350,0" as text
                                         [2590.0, 27350.0, 19250.0, 4410.0, 53600.0], "official"),
    "hidden_first_sheet.xlsx": ('Read as: Excel workbook (.xlsx), sheet "Số liệu"',  # not the hidden "Cũ" (all 1.0)
                                [2590.0, 27350.0, 19250.0, 4410.0, 53600.0], "estimate"),
    "hidden_rows.xlsx": ('Read as: Excel workbook (.xlsx), sheet "Sheet"; 2 hidden row(s) skipped (rows 3, 6)',
                         [2590.0, 27350.0, 19250.0, 4410.0, 53600.0], "estimate"),
    "declares_a1_xfd1048576.xlsx": ('Read as: Excel workbook (.xlsx), sheet "Sheet"',
                                    [2590.0, 27350.0, 19250.0, 4410.0, 53600.0], "estimate"),
    "numbers_beside_text_decimals.xlsx": ('Read as: Excel workbook (.xlsx), sheet "Sheet"',  # 2590.5 a number cell
                                          [2590.5, 27350.25, 19250.0, 4410.0, 53600.75], "estimate"),
}


@pytest.mark.parametrize("name", sorted(GOOD_VALUES))
def test_awkward_good_files_load_with_the_right_values(store, name):
    described, values, vintage = GOOD_VALUES[name]
    with store as s:  # no figures: the files revise KV1-KV3 without the sections the demo holds beneath them
        batch, prepared = ingest.load_observations(s, GOOD / name, "test")
        assert prepared.info.describe("en") == described
        rows = s.con.execute("SELECT sector_code, value, vintage FROM observations WHERE batch_id = $b "
                             "ORDER BY sector_code", {"b": batch}).fetchall()
    assert rows == sorted(zip(["KV1", "KV2", "KV3", "TAX", "TOTAL"], values, [vintage] * 5))


def test_windows_1258_text_is_read_as_nfc():
    from monitor.upload import reader

    frame, info = reader.read_table((GOOD / "windows1258_vietnamese_headers.csv").read_bytes())
    assert info.encoding == "cp1258"
    assert list(frame.columns) == ["chi_tieu", "ma_don_vi", "ma_nganh", "nam", "quy", "gia_tri", "loai_so_lieu"]
    assert frame["loai_so_lieu"].iloc[0] == "Ước tính" and len(frame["loai_so_lieu"].iloc[0]) == 8
