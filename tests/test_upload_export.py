"""The figures in force come out in the upload format and go back in unchanged; one edited figure is one revision
(issue 13). On the demo store: 2025 Q4 holds 327 figures in force (GRDP, GRDP_CURRENT and one row of each other
indicator), all estimates."""

from __future__ import annotations

import io

import pytest

from monitor.core.store import Store
from monitor.upload import export, ingest, reader

CASES = [("csv", "vi"), ("csv", "en"), ("xlsx", "vi"), ("xlsx", "en")]


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory, demo_db):
    """One copy of the demo store for the module: these tests only read and prepare (nothing is written)."""
    import shutil

    path = tmp_path_factory.mktemp("export") / "demo.duckdb"
    shutil.copy(demo_db, path)
    with Store(path) as s:
        yield s


def budget_row(frame):
    return frame[frame["indicator"] == "BUDGET_REV"].iloc[0]


def edited(data: bytes, fmt: str, lang: str, old: float, new: float) -> bytes:
    """The file with the BUDGET_REV figure changed, as an analyst does it in a spreadsheet."""
    if fmt == "csv":
        sep = ";" if lang == "vi" else ","
        text = data.decode("utf-8-sig")
        line = next(ln for ln in text.split("\r\n") if ln.startswith(f"BUDGET_REV{sep}"))
        old_text, new_text = export.number_text(old, lang), export.number_text(new, lang)
        return ("\ufeff" + text.replace(line, line.replace(f"{sep}{old_text}{sep}", f"{sep}{new_text}{sep}"))).encode()
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "BUDGET_REV")
    row[5].value = new
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("fmt,lang", CASES)
def test_the_figures_in_force_load_back_unchanged(demo_store, fmt, lang):
    data, count = export.export(demo_store, fmt, lang, 2025, 4)
    prepared = ingest.prepare_observations(demo_store, data, f"figures.{fmt}")
    assert count == len(prepared.rows) == 327
    assert prepared.counts == {"new": 0, "revised": 0, "unchanged": 327, "downgrade": 0}
    assert prepared.rows["value"].tolist() == export.figures(demo_store, 2025, 4)["value"].tolist()  # exact


@pytest.mark.parametrize("fmt,lang", CASES)
def test_one_edited_figure_previews_exactly_one_revision(demo_store, fmt, lang):
    data, _ = export.export(demo_store, fmt, lang, 2025, 4)
    old = float(budget_row(export.figures(demo_store, 2025, 4))["value"])
    prepared = ingest.prepare_observations(demo_store, edited(data, fmt, lang, old, old + 12.5), f"figures.{fmt}")
    assert prepared.counts == {"new": 0, "revised": 1, "unchanged": 326, "downgrade": 0}
    revised = prepared.changes[prepared.changes["change"] == "revised"].iloc[0]
    assert (revised["indicator"], revised["unit_code"], revised["old_value"], revised["new_value"]) == (
        "BUDGET_REV", "22", old, old + 12.5)


def test_one_indicator_and_one_unit_can_be_exported(demo_store):
    frame = export.figures(demo_store, 2025, 4, "GRDP", "06652")
    assert [(r.sector_code, r.value) for r in frame.itertuples()] == [
        ("TOTAL", 1681.4), ("KV1", 11.1), ("KV2", 584.9), ("KV3", 902.8), ("TAX", 182.6)]
    data, count = export.export(demo_store, "csv", "vi", 2025, 4, "GRDP", "06652")
    assert count == 5
    assert data.decode("utf-8-sig").split("\r\n")[:3] == [
        "Chỉ tiêu;Mã đơn vị;Mã ngành;Năm;Quý;Giá trị;Loại số liệu;Nguồn",
        "GRDP;06652;TOTAL;2025;4;1681,4;estimate;synthetic", "GRDP;06652;KV1;2025;4;11,1;estimate;synthetic"]
    data, _ = export.export(demo_store, "csv", "en", 2025, 4, "GRDP", "06652")
    assert data.decode("utf-8-sig").split("\r\n")[1] == "GRDP,06652,TOTAL,2025,4,1681.4,estimate,synthetic"
    assert export.file_name("xlsx", 2025, 4, "GRDP", "06652") == "figures_GRDP_06652_2025_q4.xlsx"


def test_the_excel_export_keeps_codes_as_text_in_columns_formatted_as_text(demo_store):
    from openpyxl import load_workbook

    data, _ = export.export(demo_store, "xlsx", "vi", 2025, 4, "GRDP", "06652")
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == "so_lieu"
    assert [c.value for c in sheet[1]] == ["Chỉ tiêu", "Mã đơn vị", "Mã ngành", "Năm", "Quý", "Giá trị",
                                           "Loại số liệu", "Nguồn"]
    assert [(c.value, c.data_type, c.number_format) for c in sheet[2][:3]] == [
        ("GRDP", "s", "@"), ("06652", "s", "@"), ("TOTAL", "s", "@")]
    assert [sheet.column_dimensions[c].number_format for c in "ABCF"] == ["@", "@", "@", "General"]
    assert (sheet["F2"].value, sheet["F2"].data_type) == (1681.4, "n")


def test_values_are_written_in_full_and_never_in_a_thousands_shape():
    assert [export.number_text(v, "en") for v in (53600.5, 1e-05, 1.234, 48000.0, -3.25, 1e22)] == [
        "53600.5", "0.00001", "1.2340", "48000", "-3.25", "10000000000000000000000"]
    assert [export.number_text(v, "vi") for v in (53600.5, 82.235, 7.0)] == ["53600,5", "82,2350", "7"]
    for v in (53600.5, 1e-05, 1.234, 82.235, 0.1 + 0.2):  # each reads back as the same float
        for lang in ("vi", "en"):
            sep = ";" if lang == "vi" else ","
            raw = f"value{sep}x\n{export.number_text(v, lang)}{sep}a\n7{',5' if lang == 'vi' else '.5'}{sep}b\n"
            frame, _ = reader.read_table(raw.encode())
            assert float(frame["value"].iloc[0]) == v
