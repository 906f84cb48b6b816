"""Monthly figures in: a file with a Month (Tháng) column loads into observations_monthly as one batch, with
Vietnamese headers and decimal commas read right; a bad row is named by line and column and nothing is written."""

from __future__ import annotations

import pytest

from monitor.core.errors import ValidationError
from monitor.upload import monthly_upload

VI_FILE = ("Chỉ tiêu;Mã đơn vị;Mã ngành;Năm;Tháng;Giá trị;Loại số liệu\n"
           "IIP_INDEX;22;TOTAL;2026;3;1.234,5;Ước tính\n"
           "RETAIL_VND;22;TOTAL;2026;3;13,5;sơ bộ\n").encode()


def monthly_rows(store):
    return store.con.execute("SELECT indicator, unit_code, year, month, value, vintage FROM observations_monthly "
                             "ORDER BY indicator").fetchall()


def test_a_vietnamese_monthly_file_loads_with_decimal_commas(store, tmp_path):
    path = tmp_path / "thang.csv"
    path.write_bytes(VI_FILE)
    assert monthly_upload.sniff(path)
    batch, load = monthly_upload.load_file(store, path, "lan")
    assert load.read_as.decimal == "," and load.counts["new"] == 2
    assert monthly_rows(store) == [("IIP_INDEX", "22", 2026, 3, 1234.5, "estimate"),
                                   ("RETAIL_VND", "22", 2026, 3, 13.5, "preliminary")]


def test_a_bad_row_is_named_and_nothing_is_written(store, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(VI_FILE.replace(b";3;13,5", b";13;13,5").replace(b"IIP_INDEX", b"IIP_XX"))
    with pytest.raises(ValidationError) as exc:
        monthly_upload.load_file(store, path, "lan")
    found = {(p.row, p.column, p.value) for p in exc.value.problems}
    assert found == {(2, "indicator", "IIP_XX"), (3, "month", "13")}
    assert "Tháng phải là số nguyên từ 1 đến 12." in [p.message("vi") for p in exc.value.problems]
    assert monthly_rows(store) == []


def test_a_quarterly_file_is_not_taken_for_a_monthly_one(tmp_path):
    path = tmp_path / "quy.csv"
    path.write_text("indicator,unit_code,sector_code,year,quarter,value,vintage\nGRDP,22,TOTAL,2025,1,1,estimate\n")
    assert not monthly_upload.sniff(path)


def test_ingest_on_the_command_line_loads_a_monthly_file(store, tmp_path, run_cli):
    path = tmp_path / "thang.csv"
    path.write_bytes(VI_FILE)
    db = store.path
    store.close()
    code, out, err = run_cli("ingest", path, db=db)
    assert code == 0, err
    assert "2 giá trị theo tháng" in out


def test_an_excel_table_with_title_rows_is_taken_for_monthly_and_names_its_sheet_rows(store, tmp_path):
    from tests.fixtures.make_office_corpus import xlsx

    def book(month: str) -> bytes:  # a title, the unit's name, a blank row, then the table; notes on a second sheet
        return xlsx([("Tháng 3", [["CHỈ TIÊU KINH TẾ THÁNG"], ["Tỉnh Quảng Ninh"], [],
                                  ["Chỉ tiêu", "Mã đơn vị", "Mã ngành", "Năm", "Tháng", "Giá trị", "Loại số liệu"],
                                  ["IIP_INDEX", "22", "TOTAL", 2026, 3, 112.4, "Ước tính"],
                                  ["TOURISTS", "22", "TOTAL", 2026, month, 1520.3, "Ước tính"]]),
                     ("Ghi chú", [["Nguồn: Cục Thống kê"]])])

    path = tmp_path / "thang3.xlsx"
    path.write_bytes(book("13"))
    assert monthly_upload.sniff(path)
    with pytest.raises(ValidationError) as exc:
        monthly_upload.load_file(store, path, "lan")
    assert [(p.row, p.column, p.value) for p in exc.value.problems] == [(6, "month", "13")]
    path.write_bytes(book("3"))
    batch, load = monthly_upload.load_file(store, path, "lan")
    assert load.counts["new"] == 2 and ("TOURISTS", "22", 2026, 3, 1520.3, "estimate") in monthly_rows(store)
