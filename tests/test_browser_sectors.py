"""Real browser on the sectors page (issue 14) in Vietnamese and English at a projector's 1024x768 and 1280x720:
the cards say what the points are of, the note names both bases, the drill-down reaches the divisions A01-A03
where they are published, and the sector's commitments show; nothing is cut, no serious accessibility fault.
Screenshots in test-artifacts/sectors-*.png."""

from __future__ import annotations

import shutil

import pytest

from browser_support import ARTIFACTS, axe_violations, layout_problems, settle, streamlit_server
from monitor.accountability import demo as acc_demo
from monitor.core.store import Store
from monitor.upload import ingest

pytestmark = pytest.mark.browser

NOTE = {"vi": "Đóng góp tính bằng điểm phần trăm vào tăng trưởng GRDP",
        "en": "Contributions are in percentage points of GRDP growth"}
CARD = {"vi": "Đóng góp vào tăng trưởng GRDP", "en": "Contribution to GRDP growth"}
DIVISION = {"vi": "Khai thác và nuôi trồng thủy sản", "en": "Fishing and aquaculture"}
COMMITMENT = "Tháo gỡ thủ tục cấp phép khai thác mỏ than Hà Ráng mở rộng"


@pytest.fixture(scope="module")
def divisions_server(demo_db, tmp_path_factory):
    """The demo store with the owners' actions and divisions A01-A03 of the province (A split 60/10/30)."""
    folder = tmp_path_factory.mktemp("sectors_browser")
    path = folder / "demo.duckdb"
    shutil.copy(demo_db, path)
    with Store(path) as s:
        acc_demo.load(s)
        rows = []
        for year, quarter, value, vintage in s.con.sql(
                "SELECT year, quarter, value, vintage FROM obs_in_force('latest') WHERE indicator = 'GRDP' AND "
                "unit_code = '22' AND sector_code = 'A' AND year IN (2024, 2025) ORDER BY 1, 2").fetchall():
            a01, a02 = round(value * 0.6, 2), round(value * 0.1, 2)
            rows += [f"GRDP,22,{c},{year},{quarter},{v},{vintage}"
                     for c, v in (("A01", a01), ("A02", a02), ("A03", round(value - a01 - a02, 2)))]
        csv = folder / "divisions.csv"
        csv.write_text("indicator,unit_code,sector_code,year,quarter,value,vintage\n" + "\n".join(rows) + "\n")
        ingest.load_observations(s, csv, "test")
    with streamlit_server(path) as url:
        yield url


@pytest.mark.parametrize("size", [(1024, 768), (1280, 720)], ids=["1024x768", "1280x720"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_sectors_page_reads_on_a_projector(divisions_server, chromium, lang, size):
    page = chromium.new_page(viewport={"width": size[0], "height": size[1]})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{divisions_server}/nganh?sector=A&lang={lang}")
    page.get_by_test_id("gm-sector-register").wait_for(timeout=60_000)
    settle(page)
    assert page.get_by_text(CARD[lang]).first.is_visible()
    assert page.get_by_text(NOTE[lang]).first.is_visible()
    assert layout_problems(page) == []
    assert axe_violations(page) == []
    page.screenshot(path=str(ARTIFACTS / f"sectors-A-{lang}-{size[0]}x{size[1]}.png"))
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"sectors-A-divisions-{lang}-{size[0]}x{size[1]}.png"))
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 16, box["y"] + 35 + 35 * 3 + 17)   # the fourth row: A, A01, A02, A03
    page.get_by_test_id("gm-sector-path").filter(has_text=DIVISION[lang]).wait_for(timeout=30_000)
    assert "sector=A03" in page.evaluate("location.href")
    page.goto(f"{divisions_server}/nganh?sector=B&lang={lang}")
    page.get_by_text(COMMITMENT).wait_for(timeout=60_000)
    settle(page)
    page.get_by_test_id("gm-sector-register").scroll_into_view_if_needed()
    assert page.get_by_text(COMMITMENT).is_visible()
    page.screenshot(path=str(ARTIFACTS / f"sectors-B-commitments-{lang}-{size[0]}x{size[1]}.png"))
    assert errors == []
    page.close()
