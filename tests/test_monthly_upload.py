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
