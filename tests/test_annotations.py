"""Annotations (issue 16): added, changed and removed through the core and the command line with every change
recorded (who, when, old and new); a file in the upload's conventions loads whole or is refused with line, column
and problem and nothing changed; drawn on every time chart whose axis spans them and on no other; cited in the
narrative; playlists saved and refused."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pytest

from monitor.annotations import files, notes, playlists
from monitor.briefing import narrative, slides
from monitor.core import auth, marks
from monitor.core.engine import AsOf
from monitor.core.errors import ValidationError
from monitor.core.store import ROOT, Store
from monitor.leader import charts, drill, status
from monitor.whatif import charts as whatif_charts
from tests.fixtures.make_upload_corpus import cp1258

ANALYST, VIEWER = auth.User("lan", "analyst"), auth.User("minh", "viewer")
YAGI = dict(start_date="07/09/2024", title_vi="Bão Yagi", title_en="Typhoon Yagi", source="VietNamNet 07/09/2024")
DEMO_FILE = ROOT / "data" / "demo" / "annotations.csv"


@pytest.fixture
def db(demo_copy):
    with Store(demo_copy) as s:
        yield s


def names(fig) -> list[str]:
    """The annotation marks of a figure, as its JSON holds them (shapes and labels)."""
    found = fig.to_plotly_json()["layout"]
    return sorted(x["name"] for part in ("shapes", "annotations") for x in found.get(part, [])
                  if str(x.get("name", "")).startswith("annotation:"))


def test_an_annotation_is_added_changed_and_removed_with_every_change_on_record(db):
    first = notes.add(db, ANALYST, **YAGI)
    assert [(r["annotation_id"], pd.Timestamp(r["start_date"]).date(), r["title_en"]) for r in notes.in_force(db)] == [
        (first, date(2024, 9, 7), "Typhoon Yagi")]
    assert notes.edit(db, ANALYST, first, end_date="10/09/2024", title_vi="Bão số 3 (Yagi)") is True
    assert notes.edit(db, ANALYST, first, title_vi="Bão số 3 (Yagi)") is False  # nothing differs: nothing written
    notes.remove(db, auth.User("quan", "admin"), first)
    assert notes.in_force(db) == []
    history = notes.history(db)
    assert [(h["change"], h["changed_by"]) for h in history] == [("remove", "quan"), ("edit", "lan"), ("add", "lan")]
    edit = history[1]
    assert (edit["old_title_vi"], edit["new_title_vi"]) == ("Bão Yagi", "Bão số 3 (Yagi)")
    assert (pd.Timestamp(edit["old_end_date"]).date(), pd.Timestamp(edit["new_end_date"]).date()) == (
        date(2024, 9, 7), date(2024, 9, 10))
    assert history[2]["old_title_vi"] is None and history[2]["new_title_vi"] == "Bão Yagi"


def test_a_viewer_may_not_add_and_a_bad_entry_names_every_problem(db):
    with pytest.raises(notes.AnnotationForbiddenError):
        notes.add(db, VIEWER, **YAGI)
    with pytest.raises(ValidationError) as caught:
        notes.add(db, ANALYST, start_date="31/02/2024", end_date="01/01/2024", title_vi="", title_en="x" * 61,
                  item_kind="unit", item_code="99999")
    assert sorted((p.column, p.code) for p in caught.value.problems) == [
        ("item_code", "ann.err.unknown_unit"),
        ("start_date", "ann.err.bad_date"), ("title_en", "ann.err.title_long"), ("title_vi", "ann.err.required")]
    assert notes.in_force(db) == [] and notes.history(db) == []


def test_the_demo_file_loads_its_three_dated_events_and_loads_again_unchanged(db):
    raw = DEMO_FILE.read_bytes()
    assert files.load(db, ANALYST, raw, "annotations.csv") == {"new": 3, "changed": 0, "unchanged": 0}
    assert files.load(db, ANALYST, raw, "annotations.csv") == {"new": 0, "changed": 0, "unchanged": 3}
    rows = notes.in_force(db)
    assert [(pd.Timestamp(r["start_date"]).date(), pd.Timestamp(r["end_date"]).date(), r["title_en"])
            for r in rows] == [
        (date(2024, 9, 7), date(2024, 9, 7), "Typhoon Yagi"),
        (date(2025, 2, 1), date(2025, 2, 28), "2025 target raised to 14%"),
        (date(2025, 7, 1), date(2025, 7, 1), "Local units reorganised")]
    assert all(r["source"] for r in rows)
    again = files.export_csv(db, "vi")  # the export reads back unchanged
    assert files.load(db, ANALYST, again, "export.csv") == {"new": 0, "changed": 0, "unchanged": 3}


def test_a_windows_1258_file_with_semicolons_loads_and_edits_by_id(db):
    notes.add(db, ANALYST, **YAGI)
    text = ("Mã sự kiện;Từ ngày;Đến ngày;Tiêu đề;Tiêu đề (EN);Loại;Mã\n"
            "1;06/09/2024;10/09/2024;Bão Yagi;Typhoon Yagi;;\n"
            ";01/07/2025;;Sắp xếp đơn vị hành chính;Local units reorganised;sector;KV2\n")
    counts = files.load(db, ANALYST, cp1258(text), "su-kien.csv")  # as Excel on Windows writes Vietnamese
    assert counts == {"new": 1, "changed": 1, "unchanged": 0}
    rows = notes.in_force(db)
    assert [(r["annotation_id"], pd.Timestamp(r["start_date"]).date(), r["item_kind"], r["item_code"])
            for r in rows] == [(1, date(2024, 9, 6), None, None), (2, date(2025, 7, 1), "sector", "KV2")]


def test_a_bad_file_is_refused_with_line_column_and_problem_and_nothing_changes(db):
    notes.add(db, ANALYST, **YAGI)
    before = notes.history(db)
    text = ("Từ ngày;Đến ngày;Tiêu đề;Tiêu đề (EN);Loại;Mã\n"
            "01/07/2025;;Sắp xếp;Reorganised;;\n"           # a good row: not loaded either
            "2025-13-01;;Tháng sai;Bad month;;\n"
            "10/09/2024;07/09/2024;Ngược;Backwards;;\n"
            "07/09/2024;;;No title;nganh;ZZ\n")
    with pytest.raises(ValidationError) as caught:
        files.load(db, ANALYST, text.encode("utf-8"), "bad.csv")
    found = sorted((p.row, p.column, p.code) for p in caught.value.problems)
    assert found == [(3, "start_date", "ann.err.bad_date"), (4, "end_date", "ann.err.end_before_start"),
                     (5, "item_code", "ann.err.unknown_sector"), (5, "title_vi", "ann.err.required")]
    message = next(p for p in caught.value.problems if p.row == 4).message("vi")
    assert message == "Ngày kết thúc trước ngày bắt đầu (10/09/2024)."
    assert notes.history(db) == before  # all or nothing


def test_a_file_without_a_required_column_is_refused(db):
    with pytest.raises(ValidationError) as caught:
        files.load(db, ANALYST, "Từ ngày;Tiêu đề\n07/09/2024;Bão Yagi\n".encode(), "x.csv")
    assert [(p.row, p.column, p.code) for p in caught.value.problems] == [(1, "title_en", "ann.err.missing_column")]


def test_marks_fall_in_the_quarter_of_their_date_and_labels_that_would_overlap_take_another_row():
    rows = [{"annotation_id": 1, "start_date": date(2024, 9, 7), "end_date": date(2024, 9, 7), "title_vi": "Bão Yagi",
             "title_en": "Typhoon Yagi"},
            {"annotation_id": 2, "start_date": date(2024, 8, 1), "end_date": date(2025, 1, 31), "title_vi": "Giai đoạn",
             "title_en": "A period"}]
    positions = {(2024, q): q - 1 for q in (1, 2, 3, 4)}
    assert marks.placed(rows, positions) == [(rows[0], 2, 2), (rows[1], 2, 3)]
    fig = go.Figure()
    assert marks.add_marks(fig, rows, positions, "en", 15, 600) == 2  # label rows
    shapes, labels = fig.layout.shapes, fig.layout.annotations
    assert [(s.type, s.x0, s.x1) for s in shapes] == [("line", 2, 2), ("rect", 1.55, 3.45)]
    assert [a.yshift for a in labels] == [-4, -4 - 1.45 * 15]  # the second starts inside the first: one row lower
    assert marks.covering(rows, 2024, 3) == rows and marks.covering(rows, 2025, 1) == [rows[1]]
    assert marks.covering(rows, 2025, 2) == []


def test_every_time_chart_spanning_an_annotation_draws_it_and_no_other(db):
    files.load(db, ANALYST, DEMO_FILE.read_bytes(), "annotations.csv")
    rows = notes.in_force(db)
    yagi, target, reorg = (f"annotation:{r['annotation_id']}" for r in rows)
    path25 = status.trajectory_inputs(db, "GRDP", "22", AsOf(2025, 4))
    assert names(charts.trajectory(**path25, notes=rows)) == sorted([target, target, reorg, reorg])
    path24 = status.trajectory_inputs(db, "GRDP", "22", AsOf(2024, 4))
    assert names(charts.trajectory(**path24, notes=rows)) == [yagi, yagi]
    series = drill.growth_series(db, "GRDP", "22", "KV2", "latest", until=AsOf(2025, 4))
    assert names(charts.growth_series(series, "KV2", notes=rows)) == sorted([yagi, yagi, target, target, reorg, reorg])
    early = drill.growth_series(db, "GRDP", "22", "KV2", "latest", until=AsOf(2024, 2))
    assert names(charts.growth_series(early, "KV2", notes=rows)) == []  # ends before September 2024
    projected = whatif_charts.projected_trajectory(**path25, projected=[{"quarter": 4, "ytd_growth_pct": 11.89}],
                                                   notes=rows)
    assert names(projected) == sorted([target, target, reorg, reorg])
    deck = slides.build(db, AsOf(2024, 3), "vi")
    trajectory = next(s for s in deck["slides"] if s["key"] == "trajectory")
    assert names(trajectory["chart"]) == [yagi, yagi]
    assert trajectory["narrative"].endswith("Quý III/2024 chịu ảnh hưởng của bão Yagi.")


def test_an_annotation_tied_to_a_sector_shows_on_that_sector_only():
    rows = [{"annotation_id": 7, "start_date": date(2024, 9, 7), "end_date": date(2024, 9, 7), "title_vi": "Cảng",
             "title_en": "Port", "item_kind": "sector", "item_code": "H"},
            {"annotation_id": 8, "start_date": date(2024, 9, 7), "end_date": date(2024, 9, 7), "title_vi": "Tỉnh",
             "title_en": "Province", "item_kind": None, "item_code": None}]
    assert [r["annotation_id"] for r in marks.general(rows, "sector", "H")] == [7, 8]
    assert [r["annotation_id"] for r in marks.general(rows, "sector", "C")] == [8]
    assert [r["annotation_id"] for r in marks.general(rows)] == [8]


def test_the_narrative_cites_the_annotations_of_the_quarter_and_of_its_base():
    rows = [{"annotation_id": 1, "start_date": date(2024, 9, 7), "end_date": date(2024, 9, 7), "title_vi": "Bão Yagi",
             "title_en": "Typhoon Yagi"}]
    assert narrative.annotated(rows, 2024, 3, "vi") == "Quý III/2024 chịu ảnh hưởng của bão Yagi."
    assert narrative.annotated(rows, 2025, 3, "vi") == "Cùng kỳ năm trước (Quý III/2024) chịu ảnh hưởng của bão Yagi."
    assert narrative.annotated(rows, 2024, 3, "en") == "Annotated in Q3 2024: Typhoon Yagi."
    assert narrative.annotated(rows, 2024, 2, "vi") == ""


def test_playlists_are_saved_checked_and_removed_but_the_default_stays(db):
    assert playlists.parse("overview, localities:3,actions,sectors,sectors:4") == [
        ("overview", None), ("localities", 3), ("actions", None), ("sectors", None), ("sectors", 4)]
    saved = playlists.save(db, ANALYST, "phong-hop", "overview,trajectory,localities:3", 8)
    assert (saved["name"], saved["items"], saved["interval_s"]) == ("phong-hop", "overview,trajectory,localities:3", 8)
    assert [p["name"] for p in playlists.listed(db)] == ["mac-dinh", "phong-hop"]
    with pytest.raises(ValidationError) as caught:
        playlists.save(db, ANALYST, "Phòng họp", "overview,map,trajectory:2", 1)
    assert sorted((p.column, p.code) for p in caught.value.problems) == [
        ("interval_s", "ann.err.bad_interval"), ("items", "ann.err.bad_count"), ("items", "ann.err.bad_item"),
        ("name", "ann.err.bad_playlist_name")]
    assert playlists.remove(db, ANALYST, "mac-dinh") is False and playlists.remove(db, ANALYST, "phong-hop") is True
    assert playlists.find(db, "phong-hop")["name"] == "mac-dinh"  # an unknown name falls back to the default
    with pytest.raises(notes.AnnotationForbiddenError):
        playlists.save(db, VIEWER, "x", "overview", 20)


def test_the_command_line_adds_lists_edits_removes_exports_and_loads(run_cli, demo_copy, tmp_path):
    r = run_cli("annotations", "add", "--start", "07/09/2024", "--title-vi", "Bão Yagi", "--title-en", "Typhoon Yagi",
                "--source", "VietNamNet", db=demo_copy)
    assert (r.returncode, r.stdout.strip()) == (0, "Đã thêm sự kiện số 1.")
    r = run_cli("annotations", "edit", "1", "--end", "09/09/2024", "--sector", "H", db=demo_copy)
    assert (r.returncode, r.stdout.strip()) == (0, "Đã sửa sự kiện số 1.")
    r = run_cli("annotations", "list", db=demo_copy)
    assert r.stdout.splitlines() == ["1\t07/09/2024–09/09/2024\tsector:H\tBão Yagi\tVietNamNet"]
    r = run_cli("annotations", "list", "--history", "--json", db=demo_copy)
    import json
    history = json.loads(r.stdout)
    assert [(h["change"], h["old_item_code"], h["new_item_code"]) for h in history] == [("edit", None, "H"),
                                                                                        ("add", None, None)]
    out = tmp_path / "su-kien.csv"
    assert run_cli("annotations", "export", "--out", out, db=demo_copy).returncode == 0
    assert out.read_bytes().decode("utf-8-sig").splitlines()[1] == (
        "1;07/09/2024;09/09/2024;Bão Yagi;Typhoon Yagi;;;sector;H;VietNamNet")
    r = run_cli("annotations", "remove", "1", db=demo_copy)
    assert (r.returncode, run_cli("annotations", "list", db=demo_copy).stdout) == (0, "")
    bad = tmp_path / "bad.csv"
    bad.write_text("Từ ngày;Tiêu đề;Tiêu đề (EN)\n32/01/2025;A;B\n", encoding="utf-8")
    r = run_cli("annotations", "load", bad, db=demo_copy)
    assert r.returncode == 1 and "32/01/2025" in r.stderr and "dd/mm/yyyy" in r.stderr and "Từ ngày" in r.stderr
    r = run_cli("annotations", "load", DEMO_FILE, "--lang", "en", db=demo_copy)
    assert (r.returncode, r.stdout.strip()) == (0, "Loaded annotations.csv: 3 new annotations, 0 changed, 0 unchanged.")
    r = run_cli("annotations", "add", "--start", "01/01/2025", "--title-vi", "a", "--title-en", "b", "--as", "nobody",
                db=demo_copy)
    assert r.returncode == 2  # no such account


def test_the_command_line_saves_lists_and_removes_playlists(run_cli, demo_copy):
    r = run_cli("playlists", "save", "phong-hop", "--items", "overview,localities:3", "--interval", "10", db=demo_copy)
    assert (r.returncode, r.stdout.strip()) == (
        0, "Đã lưu danh sách phát phong-hop: overview,localities:3, 10 giây mỗi màn hình.")
    r = run_cli("playlists", "list", db=demo_copy)
    assert r.stdout.splitlines() == ["mac-dinh\t20 s\toverview,trajectory,sectors,localities:5,actions",
                                  "phong-hop\t10 s\toverview,localities:3"]
    r = run_cli("playlists", "save", "x", "--items", "map", db=demo_copy)
    assert r.returncode == 1 and "map" in r.stderr
    assert run_cli("playlists", "remove", "phong-hop", db=demo_copy).returncode == 0
    assert run_cli("playlists", "remove", "mac-dinh", db=demo_copy).returncode == 1


@pytest.mark.slow
def test_the_quarterly_pack_carries_its_provenance_on_the_cover(run_cli, demo_copy, tmp_path):
    """briefing --pack: one zip holding the deck, the PDF brief and the chart images; the deck's first slide and
    the PDF's first page name the as-of quarter, the vintage, the data version (the last batch, its file and time)
    and the time produced."""
    import io
    import subprocess
    import zipfile

    from pptx import Presentation

    out = tmp_path / "pack.zip"
    r = run_cli("briefing", "--pack", "--year", "2025", "--quarter", "3", "--out", out, db=demo_copy)
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        assert names == ["bao-cao-tang-truong-2025-Q3.pptx", "bao-cao-tang-truong-2025-Q3.pdf",
                         "bao-cao-tang-truong-2025-Q3-bieu-do.zip"]
        deck, brief, images = (z.read(n) for n in names)
    with zipfile.ZipFile(io.BytesIO(images)) as z:
        assert z.namelist() == ["02-trajectory.png", "03-contributions.png", "04-localities.png"]
    with Store(demo_copy, read_only=True) as s:
        last = s.records("pack_provenance")[0]
    version = (f"lô {last['batch_id']} ({last['file_name']}, nạp lúc {last['loaded_at']:%d/%m/%Y %H:%M} UTC)")
    cover = [sh.text_frame.text for sh in Presentation(io.BytesIO(deck)).slides[0].shapes if sh.has_text_frame]
    assert cover[:8] == ["Bộ tài liệu họp giao ban quý", "Tình hình tăng trưởng kinh tế 9 tháng năm 2025",
                         "Kỳ số liệu", "Quý III/2025", "Loại số liệu", "Số liệu mới nhất", "Phiên bản dữ liệu",
                         version]
    assert cover[8] == "Thời điểm tạo" and cover[9].endswith(" UTC")
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(brief)
    first_page = subprocess.run(["pdftotext", "-l", "1", "-layout", str(pdf), "-"], capture_output=True,
                                text=True, check=True).stdout
    flat = " ".join(first_page.split())
    for text in ("Bộ tài liệu họp giao ban quý", "Kỳ số liệu Quý III/2025", "Loại số liệu Số liệu mới nhất",
                 f"lô {last['batch_id']} ({last['file_name']}", "Thời điểm tạo"):
        assert text in flat, text


def test_the_walls_sectors_item_takes_a_count_of_the_sections_costing_the_most_points(demo_db):
    from monitor.briefing import wall
    from monitor.core import reference
    from monitor.leader import views, wording

    with Store(demo_db, read_only=True) as s:
        as_of = AsOf(2025, 4, "latest")
        every = wall.screens(s, "sectors", as_of, "vi", [])
        top = wall.screens(s, "sectors:2", as_of, "vi", [])
        flagged = views.lagging(wording.localized(status.report(s, "GRDP", "22", as_of), reference.labels(s, "vi"),
                                                  "vi"), "vi")
    sections = sorted((r for r in flagged if r["kind"] == "sector" and r["leaf"] and r.get("shortfall_pp")),
                      key=lambda r: -r["shortfall_pp"])
    assert len(every) == sum(r["kind"] == "sector" for r in flagged) > 2
    assert [x["key"] for x in top] == [f"sector:{r['code']}" for r in sections[:2]]


def test_an_excel_file_with_title_rows_and_a_second_sheet_loads_and_names_its_sheet_rows(db):
    from tests.fixtures.make_office_corpus import xlsx

    def book(second_date: str) -> bytes:  # as an office keeps it: a title, a subtitle, a blank row, then the table
        return xlsx([("Sự kiện", [["DANH SÁCH SỰ KIỆN GHI TRÊN BIỂU ĐỒ"], ["(Kèm theo báo cáo quý IV/2025)"], [],
                                  ["Từ ngày", "Đến ngày", "Tiêu đề", "Tiêu đề (EN)", "Nguồn"],
                                  ["15/03/2025", "", "Khánh thành cảng", "Port opened", "Báo Quảng Ninh"],
                                  [second_date, "", "Hội nghị xúc tiến đầu tư", "Investment conference", ""]]),
                     ("Ghi chú", [["Người lập: Phòng Tổng hợp"]])])

    with pytest.raises(ValidationError) as caught:
        files.load(db, ANALYST, book("31/02/2025"), "su-kien.xlsx")
    assert [(p.row, p.column, p.value) for p in caught.value.problems] == [(6, "start_date", "31/02/2025")]
    assert notes.in_force(db) == []                                  # refused whole
    assert files.load(db, ANALYST, book("20/06/2025"), "su-kien.xlsx")["new"] == 2
    assert [r["title_en"] for r in notes.in_force(db)] == ["Port opened", "Investment conference"]
