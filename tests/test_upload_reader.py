"""The reader, hardened (issue 13): sheets, hidden rows, percent cells, limits before reading, line numbers, and
the grid and layout that layout recognition builds on. The refusals themselves are in the corpus
(tests/test_upload_corpus.py); here, what the corpus cannot show."""

from __future__ import annotations

import time

import pytest

from conftest import FIXTURES
from monitor.core.errors import ValidationError
from monitor.core.store import Store
from monitor.upload import ingest, reader, workbook
from tests.fixtures.make_upload_corpus import HEAD, ROWS, cp1258, patched, typed, xlsx

GOOD = FIXTURES / "upload_good"
SHEET = "xl/worksheets/sheet1.xml"


def refusal(raw: bytes, name: str, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        reader.read_table(raw, file_name=name, **kwargs)
    return caught.value.problems[0].message("en")


def test_percent_cells_of_a_rate_indicator_are_stored_as_shown(demo_copy):
    with Store(demo_copy) as s:
        batch, prepared = ingest.load_observations(s, GOOD / "percent_cells.xlsx", "test")
        rows = s.con.execute("SELECT quarter, value FROM observations WHERE batch_id = $b ORDER BY quarter",
                             {"b": batch}).fetchall()
    assert rows == [(2, 7.25), (3, 7.5)]           # 7,5% typed as a percent cell, 7.25 as a plain number
    assert prepared.info.describe("vi") == ('Đã đọc: sổ Excel (.xlsx), trang tính "Sheet"; 1 ô định dạng phần trăm '
                                            'được đọc như hiển thị (7,5% là 7,5)')


def test_every_good_file_is_checked():
    from test_upload_corpus import GOOD_VALUES

    assert sorted(p.name for p in GOOD.iterdir()) == sorted([*GOOD_VALUES, "percent_cells.xlsx"])


def test_a_declared_range_of_17_billion_cells_reads_only_the_real_ones_at_once():
    start = time.monotonic()
    frame, _ = reader.read_table((GOOD / "declares_a1_xfd1048576.xlsx").read_bytes(), file_name="x.xlsx")
    assert time.monotonic() - start < 3
    assert frame.shape == (5, 7)


def test_a_row_of_a_million_cells_stops_at_the_column_limit_without_building_them():
    cells = b'<c t="inlineStr"><is><t>x</t></is></c>' * 1_000_000  # no cell references: counted one by one
    raw = patched(xlsx([HEAD.split(","), typed(ROWS[0])]), SHEET, b"</row></sheetData>",
                  b'</row><row r="3">' + cells + b"</row></sheetData>")
    start = time.monotonic()
    assert refusal(raw, "wide.xlsx") == ("The sheet has a filled cell at SS3, past the limit of 512 columns. Delete "
                                         "the columns past the table (select them, Delete) and save again.")
    assert time.monotonic() - start < 5


def test_a_csv_header_of_a_million_columns_is_refused_before_it_is_split():
    raw = (",".join(["value"] * 1_000_000) + "\n1\n").encode()
    assert refusal(raw, "wide.csv").startswith("Line 1 has 1,000,000 cells, above the limit of 512 columns.")


def test_the_cell_and_time_limits_stop_the_read_with_a_message(monkeypatch):
    raw = (GOOD / "excel_vietnamese_headers.xlsx").read_bytes()
    monkeypatch.setattr(workbook, "MAX_CELLS", 20)
    assert refusal(raw, "x.xlsx").startswith("The sheet holds more than 20 filled cells")
    monkeypatch.setattr(workbook, "MAX_CELLS", 2_000_000)
    monkeypatch.setattr(workbook, "MAX_SECONDS", 0)
    assert refusal(raw, "x.xlsx").startswith("Reading the workbook took longer than 0 s and was stopped.")


def test_the_unpacked_size_limit_follows_the_upload_limit(monkeypatch):
    raw = patched(xlsx([HEAD.split(","), typed(ROWS[0])]), "", b"", b"", {"xl/media/pad.bin": b"0" * 2_000_000})
    reader.read_table(raw, file_name="x.xlsx")  # 2 MB unpacked: under 50 MB
    monkeypatch.setenv("MONITOR_MAX_UPLOAD_MB", "1")
    assert refusal(raw, "x.xlsx").startswith("The workbook unpacks to 1.90 MB, above the 1 MB limit")


def test_a_sheet_is_read_by_name_and_a_hidden_one_never():
    raw = (GOOD / "hidden_first_sheet.xlsx").read_bytes()
    assert refusal(raw, "x.xlsx", sheet="Cũ") == (
        'Sheet "Cũ" is hidden; hidden sheets are never read (they often hold stale figures). Unhide it in Excel if '
        'it holds the figures, or name a visible sheet: "Số liệu".')
    assert refusal(raw, "x.xlsx", sheet="Data") == ('The workbook has no sheet named "Data" (its sheets: "Cũ", '
                                                    '"Số liệu").')
    frame, info = reader.read_table(raw, file_name="x.xlsx", sheet="so lieu")  # case and accents do not matter
    assert info.sheet == "Số liệu" and frame["value"].tolist() == ["2590", "27350", "19250", "4410", "53600"]
    wrong = (FIXTURES / "upload_bad" / "data_on_second_sheet.xlsx").read_bytes()
    with reader.reading_sheet("Số liệu"):  # what --sheet does around a load
        frame, info = reader.read_table(wrong, file_name="x.xlsx")
    assert info.sheet == "Số liệu" and len(frame) == 5


def test_the_grid_keeps_file_lines_and_which_cells_were_excel_numbers():
    raw = (HEAD + '\nGRDP,22,KV1,2025,4,2590,estimate\n\n"GRDP",22,KV2,2025,4,27350,"two\nlines"\n'
           "GRDP,22,KV3,2025,4,19250,estimate\n").encode()
    grid = reader.read_grid(raw, "x.csv")
    assert grid.lines == [1, 2, 4, 6] and grid.numbers == []
    assert (grid.info.encoding, grid.info.separator) == ("utf-8", ",")
    book = reader.read_grid((GOOD / "numbers_beside_text_decimals.xlsx").read_bytes(), "x.xlsx")
    assert book.lines == [1, 2, 3, 4, 5, 6]
    assert book.rows[2][5] == "27.350,25" and 5 not in book.numbers[2]      # typed as text
    assert book.rows[1][5] == "2590.5" and book.numbers[1] == {3, 4, 5}     # year, quarter, value as numbers


def test_the_layout_says_what_was_recognised():
    _, info = reader.read_table((GOOD / "hidden_rows.xlsx").read_bytes(), file_name="x.xlsx")
    assert reader.layout(info) == {
        "sheet": "Sheet", "sheets": ["Sheet"], "header_row": 1,
        "columns": [{"header": h, "column": h} for h in HEAD.split(",")],
        "hidden_rows_skipped": [3, 6], "percent_cells": 0}
    _, info = reader.read_table((GOOD / "windows1258_vietnamese_headers.csv").read_bytes())
    assert reader.layout(info)["columns"][:2] == [{"header": "Chỉ tiêu", "column": "indicator"},
                                                  {"header": "Mã đơn vị", "column": "unit_code"}]
    assert reader.layout(info)["sheet"] is None


def test_a_windows_1258_file_is_not_taken_for_utf8_with_a_stray_byte():
    assert reader.decode(cp1258("Ước tính;Hạ Long")) == ("Ước tính;Hạ Long", "cp1258")
    with pytest.raises(ValidationError) as caught:
        reader.decode("a\nƯớc tính\nx".encode() + b"\xe9y\n")  # UTF-8, and one Latin-1 byte on line 3
    assert caught.value.problems[0].message("en").startswith("Line 3 holds a byte (0xE9) that is not UTF-8")


def test_numbers_we_write_never_read_as_thousands():
    assert [reader.unambiguous(v) for v in ("1.234", "82,235", "7.55", "48000", "1.2345")] == [
        "1.2340", "82,2350", "7.55", "48000", "1.2345"]
