"""The briefing and its exports: slides in order from the engine, a 16:9 deck python-pptx can open, a PDF
that renders (pdftoppm) with the same numbers, PNG chart images, and the command line. One set of exports
is built per module: kaleido's first image starts a browser."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import zipfile

import pytest
from pptx import Presentation
from pptx.util import Inches

from monitor.briefing import figures, render, slides
from monitor.briefing.slides import on_timer, step
from monitor.cli import main as cli
from monitor.core import i18n
from monitor.core.engine import AsOf
from monitor.core.store import ROOT, Store

AS_OF = AsOf(2025, 2)
TITLES_VI = ["Tăng trưởng GRDP so với mục tiêu", "Diễn biến tăng trưởng cộng dồn", "Đóng góp của các khu vực (điểm %)",
             "Địa phương so với mục tiêu", "Ngành, địa phương chậm và lý do", "Các chỉ tiêu khác"]
CHART_SLIDES = ["trajectory", "contributions", "localities"]
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def brief(demo_db):
    with Store(demo_db, read_only=True) as s:
        yield slides.build(s, AS_OF, "vi")


@pytest.fixture(scope="module")
def exports(brief):
    made = {fmt: slides.export(brief, fmt) for fmt in ("pptx", "pdf", "png")}
    yield made
    render.stop()


@pytest.fixture(scope="module")
def status_json(demo_db):
    """What `python -m monitor status --json` prints for the same quarter."""
    out = io.StringIO()
    old, sys.stdout = sys.stdout, out
    try:
        assert cli.main(["status", "--db", str(demo_db), "--year", "2025", "--quarter", "2", "--json"]) == 0
    finally:
        sys.stdout = old
    return json.loads(out.getvalue())


def headline_numbers(status: dict) -> list[str]:
    """The headline figures in Vietnamese format, computed here from the JSON (not from the briefing)."""
    provincial, central = status["targets"]
    return [i18n.pct(status["ytd_growth_pct"], "vi"), i18n.pct(provincial["period_pct"], "vi"),
            i18n.pp(provincial["gap_pp"], "vi"), i18n.pct(provincial["required_rest_of_year_pct"], "vi", 1),
            i18n.pp(central["gap_pp"], "vi"), i18n.pct(central["required_rest_of_year_pct"], "vi", 1)]


def test_the_headline_numbers_are_those_of_status_json(status_json):
    assert headline_numbers(status_json) == ["11,03%", "12,14%", "−1,11 điểm %", "16,7%", "−1,47 điểm %", "13,8%"]


def test_six_slides_in_order_with_the_engines_figures(brief):
    assert [s["key"] for s in brief["slides"]] == list(slides.SLIDES)
    assert [s["title"] for s in brief["slides"]] == TITLES_VI
    assert [s["number"] for s in brief["slides"]] == [1, 2, 3, 4, 5, 6]
    assert [s["headline"]["value"] for s in brief["slides"]] == ["11,03%", "11,03%", "+5,25 điểm %", "21/54", "46",
                                                                 "3/4"]
    assert [s["key"] for s in brief["slides"] if s["chart"] is not None] == CHART_SLIDES
    assert brief["demo"] is True and brief["title"] == "Tình hình tăng trưởng kinh tế 6 tháng đầu năm 2025"


def test_the_ranking_slide_shows_the_five_fastest_and_five_slowest(brief):
    chart = brief["slides"][3]["chart"]
    names = list(chart.data[0].y)[::-1]                         # drawn bottom-up, best on top
    assert len(names) == 10 and names[0] == "Đặc khu Vân Đồn" and names[-1] == "Phường Cửa Ông"
    assert chart.layout.width == figures.CHART_SIZE[0] and chart.layout.title.text is None


def test_the_deck_opens_with_python_pptx_16_9_with_slides_in_order(exports, status_json, brief):
    deck = Presentation(io.BytesIO(exports["pptx"]))
    assert (deck.slide_width, deck.slide_height) == (Inches(13.333), Inches(7.5))
    assert round(deck.slide_width / deck.slide_height, 3) == round(16 / 9, 3)
    slides = list(deck.slides)
    assert [next(sh.text_frame.text for sh in s.shapes if sh.name == "title") for s in slides] == TITLES_VI
    first = "\n".join(sh.text_frame.text for sh in slides[0].shapes if sh.has_text_frame)
    for number in headline_numbers(status_json):
        assert number in first, number
    for s, data in zip(slides, brief["slides"]):
        pictures = [sh for sh in s.shapes if sh.shape_type == 13]
        assert len(pictures) == (1 if data["key"] in CHART_SLIDES else 0), data["key"]
        texts = {sh.name: sh.text_frame.text for sh in s.shapes if sh.has_text_frame}
        assert texts["narrative"] == data["narrative"]
        assert texts["demo-label"] == "DỮ LIỆU MINH HỌA – không phải số liệu chính thức"
        assert s.notes_slide.notes_text_frame.text.startswith(data["narrative"])
    assert texts["headline"] == "3/4"


def test_the_pdf_renders_with_pdftoppm_and_holds_the_same_numbers(exports, status_json, tmp_path):
    if not shutil.which("pdftoppm"):
        pytest.fail("pdftoppm missing: install poppler-utils (make chromium installs it)")
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(exports["pdf"])
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert 1 <= len(pages) <= 2
    assert all(p.read_bytes().startswith(PNG) and p.stat().st_size > 10_000 for p in pages)
    shutil.copy(pages[0], render_artifact("brief-page-1.png"))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    for number in headline_numbers(status_json):
        assert number in text, number
    assert "6 tháng cuối năm cần tăng khoảng 16,7%" in " ".join(text.split())
    for page in text.split("\f")[:len(pages)]:                  # the demo label on every printed page
        assert "DỮ LIỆU MINH HỌA" in page


def test_png_images_of_every_chart_with_the_demo_label(exports, brief):
    with zipfile.ZipFile(io.BytesIO(exports["png"])) as z:
        assert z.namelist() == ["02-trajectory.png", "03-contributions.png", "04-localities.png"]
        assert all(z.read(n).startswith(PNG) for n in z.namelist())
        render_artifact("chart-03-contributions.png").write_bytes(z.read("03-contributions.png"))
    for fig in figures.image_figures(brief).values():
        assert fig.layout.annotations[-1].text == "DỮ LIỆU MINH HỌA – không phải số liệu chính thức"
    on_slides = [a.text for s in brief["slides"] if s["chart"] for a in s["chart"].layout.annotations]
    assert brief["demo_label"] not in on_slides                  # the slide's own footer carries it there


def test_the_command_line_writes_the_deck_in_english(demo_db, tmp_path):
    out = tmp_path / "briefing.pptx"
    done = subprocess.run([sys.executable, "-m", "monitor", "briefing", "--db", str(demo_db), "--year", "2025",
                           "--quarter", "4", "--format", "pptx", "--lang", "en", "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=240)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Wrote {out} (pptx, ")
    deck = Presentation(str(out))
    first = "\n".join(sh.text_frame.text for sh in deck.slides[0].shapes if sh.has_text_frame)
    assert "11.89%" in first and "GRDP growth against the targets" in first and "DEMO DATA" in first


def test_the_command_line_refuses_a_quarter_without_figures(demo_db, capsys):
    assert cli.main(["briefing", "--db", str(demo_db), "--year", "2026", "--quarter", "1", "--format", "pdf"]) == 1
    assert "Không có số liệu GRDP cho Quý I/2026." in capsys.readouterr().err


def test_auto_advance_moves_on_after_the_interval_and_wraps():
    assert [step(1, 6, -1), step(6, 6, 1), step(3, 6, 1)] == [6, 1, 4]
    assert on_timer(2, 6, None, 100.0, 20) == (2, 100.0)             # switched on: the interval starts now
    assert on_timer(2, 6, (2, 100.0), 110.0, 20) == (2, 100.0)       # not yet
    assert on_timer(2, 6, (2, 100.0), 120.0, 20) == (3, 120.0)       # the timer fired: next slide
    assert on_timer(6, 6, (6, 100.0), 120.0, 20) == (1, 120.0)       # round to the first
    assert on_timer(4, 6, (3, 100.0), 130.0, 20) == (4, 130.0)       # moved by hand: a fresh interval


def render_artifact(name: str):
    folder = ROOT / "test-artifacts"
    folder.mkdir(exist_ok=True)
    return folder / name
