"""Real browser: the what-if and targets pages in Debian's Chromium against a real streamlit server.

Numbers are typed as people type them (Vietnamese 13,5 and 1.234,5; English 13.5) into every numeric input of
both pages, in both languages; the figure the page then shows is checked against the core."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from browser_support import ARTIFACTS, open_from_menu, peek_copy, streamlit_server
from monitor.core import auth, i18n, reference
from monitor.core.engine import AsOf, Targets
from monitor.core.number_entry import entry_text
from monitor.core.store import Store
from monitor.whatif import projection, views

pytestmark = pytest.mark.browser
PASSWORD = "matkhau-kichban"
SIZES = ((1280, 720), (1024, 768))
MID_YEAR = AsOf(2025, 2)


def wait_idle(page) -> None:
    """Until a rerun an input may have started has finished (Streamlit marks the app root)."""
    page.wait_for_timeout(300)  # let the input's rerun request reach the server
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(timeout=30_000)


def shot(page, name: str) -> None:
    """The page as it stands at each size (the viewport: Streamlit scrolls an inner container)."""
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(500)
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}x{height}.png"))
    page.set_viewport_size({"width": 1280, "height": 720})


def whatif(db, assume: dict | None = None) -> dict:
    with Store(db, read_only=True) as s:  # the server holds the file read-only too: both may
        return projection.whatif(s, MID_YEAR, assume=assume)


def pct(value: float, lang: str) -> str:
    return i18n.pct(value, lang)


def choose_mid_year(page, lang: str = "vi"):
    page.get_by_test_id("gm-wi-projected").wait_for(timeout=60_000)
    page.locator('[data-testid="stPlotlyChart"] .main-svg .scatterlayer .trace').first.wait_for(timeout=60_000)
    option = page.get_by_role("option", name=i18n.quarter_label(2025, 2, lang))
    for _ in range(3):  # a click during a rerun can land on the element being replaced
        page.locator('.st-key-wi_as_of [data-testid="stSelectbox"]').click()  # the page's own, not the header's
        try:
            option.wait_for(timeout=5_000)
            break
        except Exception:
            page.keyboard.press("Escape")
    option.click()
    page.get_by_text(i18n.rest_label(2, lang)).first.wait_for(timeout=30_000)
    wait_idle(page)


def type_into(page, label: str, text: str) -> None:
    box = page.locator(f'input[aria-label="{label}"]')
    box.fill(text)
    box.press("Enter")
    wait_idle(page)


def test_moving_an_assumption_moves_the_projection(server, chromium, demo_db):
    page = chromium.new_page(viewport={"width": 1280, "height": 720})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "/mo-phong")
    choose_mid_year(page)
    projected = page.get_by_test_id("gm-wi-projected")
    before = projected.inner_text()
    base = whatif(demo_db)
    shown = {c: {q: float(i18n.half_up(base["defaults"][c][q], 1)) for q in (3, 4)} for c in base["defaults"]}
    assert before == pct(whatif(demo_db, shown)["projected_annual_pct"], "vi")
    kv2 = "Công nghiệp và xây dựng, Quý III/2025"                         # names where a person reads, not KV2
    assert page.locator(f'input[aria-label="{kv2}"]').input_value() == entry_text(
        base["defaults"]["KV2"][3], "vi")                                     # "12,3": the Vietnamese format
    assert page.get_by_text("Công nghiệp và xây dựng", exact=True).first.is_visible()

    type_into(page, kv2, "25")
    page.wait_for_function("b => document.querySelector('[data-testid=\"gm-wi-projected\"]').innerText !== b",
                           arg=before, timeout=30_000)
    shown["KV2"][3] = 25.0
    assert projected.inner_text() == pct(whatif(demo_db, shown)["projected_annual_pct"], "vi")
    assert page.locator('[data-testid="stException"]').count() == 0
    page.get_by_test_id("gm-wi-contrib").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "whatif-contrib-1280x720.png"))
    page.get_by_test_id("gm-wi-shortfall-sector").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "whatif-shortfall-1280x720.png"))
    assert errors == []
    page.close()


# Every box of the mid-year what-if (4 sectors x Q3, Q4), typed the way a reader of each language might type it.
TYPED = {
    "vi": ["13,5", "13.5", "\u22122,1", "+3", "0,5", "12,25", "-4", "7,0"],
    "en": ["13.5", "13,5", "\u22122.1", "+3", "0.5", "12.25", "-4", "7.0"],
}
READ = [13.5, 13.5, -2.1, 3.0, 0.5, 12.25, -4.0, 7.0]
SHOWN = {"vi": ["13,5", "13,5", "-2,1", "3", "0,5", "12,25", "-4", "7,0"],    # each box, once read: as understood
         "en": ["13.5", "13.5", "-2.1", "3", "0.5", "12.25", "-4", "7.0"]}
REFUSED = {"vi": [("13,5,1", "không đọc được thành số"), ("1.234,5", "được hiểu là 1234,5, ngoài khoảng hợp lý")],
           "en": [("13.5.1", "cannot be read as a number"), ("1,234.5", "reads as 1234.5, outside the plausible")]}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_numbers_typed_the_readers_way_give_the_projection_the_core_computes(server, chromium, demo_db, lang):
    page = chromium.new_page(viewport={"width": 1280, "height": 720})
    page.goto(server + f"/mo-phong?lang={lang}")
    choose_mid_year(page, lang)
    base = whatif(demo_db)
    names = sector_names(demo_db, lang)
    labels = [(c, q, views.input_label(c, names[c], 2025, q, lang)) for c in base["defaults"] for q in (3, 4)]
    assert page.locator('[data-testid="stMain"] [data-testid="stTextInput"] input').count() == len(labels) == 8
    for c, q, label in labels:                                          # the defaults in the reader's format
        assert page.locator(f'input[aria-label="{label}"]').input_value() == entry_text(base["defaults"][c][q], lang)
    shot(page, f"whatif-{lang}")

    assume = {}
    for (code, q, label), text, value in zip(labels, TYPED[lang], READ):
        type_into(page, label, text)
        assume.setdefault(code, {})[q] = value
    expected = pct(whatif(demo_db, assume)["projected_annual_pct"], lang)
    projected = page.get_by_test_id("gm-wi-projected")
    assert projected.inner_text() == expected
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
    assert [page.locator(f'input[aria-label="{label}"]').input_value() for _, _, label in labels] == SHOWN[lang]
    contrib = page.get_by_test_id("gm-wi-contrib").inner_text()
    assert i18n.pct(13.5, lang, 1) in contrib                          # the table shows what was read

    code, q, label = labels[0]                                          # the first sector's Q3 box
    sector = names[code]
    default = entry_text(base["defaults"][code][q], lang)
    assume[code][q] = float(i18n.half_up(base["defaults"][code][q], 1))   # a refused box takes its default
    with_default = pct(whatif(demo_db, assume)["projected_annual_pct"], lang)
    for text, says in REFUSED[lang]:
        type_into(page, label, text)
        alert = page.locator('[data-testid="stAlertContentError"]')
        alert.first.wait_for(timeout=30_000)
        message = alert.first.inner_text()
        assert f'{sector}, {i18n.quarter_label(2025, q, lang)}: "{text}"' in message and says in message
        assert i18n.t("whatif.entry.uses_default", lang, value=default) in message
        assert page.locator('[data-testid="stAlertContentWarning"]').first.inner_text() == i18n.t(
            "whatif.entry.note", lang, count=1)
        assert projected.inner_text() == with_default                  # the default, and said so: not 135
    shot(page, f"whatif-refused-{lang}")
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()


def sector_names(db, lang: str) -> dict[str, str]:
    with Store(db, read_only=True) as s:
        return reference.labels(s, lang).sector


@pytest.fixture(scope="module")
def edit_server(tmp_path_factory, demo_db):
    folder = tmp_path_factory.mktemp("edit")
    db = folder / "demo.duckdb"
    shutil.copy(demo_db, db)
    users = folder / "users.toml"
    auth.add_user("analyst1", "analyst", PASSWORD, users)
    with streamlit_server(db, env={"MONITOR_USERS": str(users)}) as url:
        yield url, db


def cell(page, col: int, row: int):
    """A cell of the targets grid, as Glide's accessible table mirrors the canvas."""
    return page.locator(f'[class*="st-key-tg_grid_"] [data-testid="glide-cell-{col}-{row}"]')


def find_row(page, sector: str, scope: str) -> int:
    for row in range(40):
        if cell(page, 1, row).inner_text() == sector and cell(page, 2, row).inner_text() == scope:
            return row
    raise AssertionError(f"no row {sector} / {scope}")


def edit_cell(page, col: int, row: int, text: str) -> None:
    """Select the grid's first cell, walk to (col, row) with the arrow keys, open the editor, type, commit.
    The walk is checked on Glide's accessible table (the selected cell), and tried again when a key was lost to a
    redraw."""
    grid = page.locator('[class*="st-key-tg_grid_"] [data-testid="stDataFrame"]')
    editor = page.locator(".gdg-input")
    for _try in range(4):
        wait_idle(page)
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 20, box["y"] + 37 + 18)
        for _ in range(col):
            page.keyboard.press("ArrowRight")
        for _ in range(row):
            page.keyboard.press("ArrowDown")
        if cell(page, col, row).get_attribute("aria-selected") != "true":
            continue
        page.keyboard.press("Enter")
        try:
            editor.wait_for(timeout=5_000)
            break
        except Exception:
            page.keyboard.press("Escape")
    else:
        page.screenshot(path=str(ARTIFACTS / "targets-edit-failed.png"))
        raise AssertionError(f"could not open the editor of cell ({col}, {row})")
    editor.fill(text)
    page.wait_for_function("t => document.querySelector('.gdg-input')?.value === t", arg=text)
    editor.press("Enter")
    wait_idle(page)


def log_in(page, url: str) -> None:
    page.goto(url + "/tai-khoan")
    page.get_by_label("Tên đăng nhập").fill("analyst1")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Đã đăng nhập").wait_for(timeout=60_000)


def save(page, lang: str) -> None:
    """Press save and wait for this save's note (a note of the previous save may still be on the page)."""
    note = page.locator('[data-testid="stAlertContentSuccess"]')
    before = note.first.inner_text() if note.count() else ""
    page.get_by_role("button", name=i18n.t("whatif.targets.save", lang)).click()
    expect(note).to_contain_text(i18n.t("whatif.targets.saved", lang, batch="")[:12], timeout=30_000)
    expect(note).not_to_have_text(before, timeout=30_000)
    wait_idle(page)


def stored(db, indicator: str, sector: str, quarter: int) -> float:
    with Store(peek_copy(db), read_only=True) as s:  # the server holds the store read-write
        return Targets.load(s, indicator, 2025).period("22", sector, "provincial", quarter)


def choose_indicator(page, name: str) -> None:
    option = page.get_by_role("option", name=name, exact=True)
    wait_idle(page)
    for _ in range(3):  # a click during a rerun can land on the element being replaced
        page.locator('.st-key-tg_indicator [data-testid="stSelectbox"]').click()
        try:
            option.wait_for(timeout=5_000)
            break
        except Exception:
            page.keyboard.press("Escape")
    option.click()
    wait_idle(page)


def test_an_analyst_types_targets_the_vietnamese_and_the_english_way(edit_server, chromium):
    url, db = edit_server
    page = chromium.new_page(viewport={"width": 1280, "height": 720})
    log_in(page, url)
    open_from_menu(page, "muc-tieu")  # in the menu's Phân tích section
    page.locator('[class*="st-key-tg_grid_"] [data-testid="stDataFrame"]').wait_for(timeout=60_000)
    wait_idle(page)
    total = find_row(page, "GRDP", "Tỉnh")                            # the province's path: quarters first
    assert [cell(page, c, total).inner_text() for c in (0, 3, 4, 5, 6, 7, 8)] == [
        "Tỉnh Quảng Ninh", "10,50", "12,14", "16,39", "16,39", "14,00", "22/TOTAL"]   # names first, codes last
    shot(page, "targets-vi")
    page.locator(".st-key-tg_view button", has_text=i18n.t("whatif.targets.view.cumulative", "vi")).click()
    wait_idle(page)
    kv2 = find_row(page, "Công nghiệp và xây dựng", "Tỉnh")
    expect(cell(page, 5, kv2)).to_have_text("15,16")
    assert [cell(page, c, kv2).inner_text() for c in (3, 4, 5, 6, 7)] == ["12,15", "13,15", "15,16", "16,20", "22/KV2"]
    document = page.get_by_label(i18n.t("whatif.targets.document", "vi"))
    document.fill("2545-CV/TU")
    document.press("Enter")
    wait_idle(page)

    # a malformed and an implausible entry: named, nothing saved, the button off until corrected
    edit_cell(page, 5, kv2, "13,4,1")
    alert = page.locator('[data-testid="stAlertContentError"]').first
    alert.wait_for(timeout=30_000)
    where = "Tỉnh Quảng Ninh · Công nghiệp và xây dựng · Tỉnh, 9 tháng"
    assert f'{where}: "13,4,1" không đọc được thành số' in alert.inner_text()
    assert page.get_by_role("button", name=i18n.t("whatif.targets.save", "vi")).is_disabled()
    edit_cell(page, 5, kv2, "1.234,5")
    assert f'{where}: "1.234,5" được hiểu là 1234,5, ngoài khoảng hợp lý từ -100 đến 100' in alert.inner_text()
    shot(page, "targets-refused-vi")
    assert stored(db, "GRDP", "KV2", 3) == 15.16

    edit_cell(page, 5, kv2, "15,4")                                    # Vietnamese decimal comma
    kv1 = find_row(page, "Nông, lâm nghiệp và thủy sản", "Tỉnh")
    edit_cell(page, 6, kv1, "4.5")                                     # a decimal point, from a number pad
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
    save(page, "vi")
    assert stored(db, "GRDP", "KV2", 3) == 15.4 and stored(db, "GRDP", "KV1", 4) == 4.5
    expect(cell(page, 5, kv2)).to_have_text("15,40")                    # the grid re-read from the store
    expect(cell(page, 6, kv1)).to_have_text("4,50")

    choose_indicator(page, "Thu ngân sách nhà nước trên địa bàn")   # an amount: thousands and decimals
    expect(cell(page, 6, 0)).to_have_text("57.330,00")
    edit_cell(page, 6, 0, "58.000,5")
    save(page, "vi")
    assert stored(db, "BUDGET_REV", "TOTAL", 4) == 58000.5
    expect(cell(page, 6, 0)).to_have_text("58.000,50")

    page.locator('.st-key-gm-header [data-testid="stButtonGroup"] button', has_text="EN").click()  # same session
    page.get_by_text("Targets and growth scenarios").first.wait_for(timeout=30_000)
    wait_idle(page)
    expect(page.locator(".st-key-tg_indicator input")).to_have_value("State budget revenue in the province")
    expect(page.locator('[data-testid="stAlertContentSuccess"]')).to_contain_text("Changes saved (batch #")
    expect(cell(page, 6, 0)).to_have_text("58,000.50")
    edit_cell(page, 6, 0, "58,100.25")
    save(page, "en")
    assert stored(db, "BUDGET_REV", "TOTAL", 4) == 58100.25
    choose_indicator(page, "GRDP (constant 2010 prices)")
    expect(cell(page, 2, 1)).to_have_text("Province")                 # the year-to-date view stays chosen
    kv2 = find_row(page, "Industry and construction", "Province")
    expect(cell(page, 5, kv2)).to_have_text("15.40")
    edit_cell(page, 5, kv2, "13.5.1")
    alert = page.locator('[data-testid="stAlertContentError"]').first
    alert.wait_for(timeout=30_000)
    assert ('Quang Ninh Province · Industry and construction · Province, 9 months: "13.5.1" cannot be read as a '
            'number') in alert.inner_text()
    shot(page, "targets-refused-en")
    edit_cell(page, 5, kv2, "15.6")                                    # English decimal point
    edit_cell(page, 4, kv2, "13,2")                                    # a decimal comma in English: 13.2
    save(page, "en")
    assert stored(db, "GRDP", "KV2", 3) == 15.6 and stored(db, "GRDP", "KV2", 2) == 13.2
    expect(cell(page, 4, kv2)).to_have_text("13.20")
    expect(cell(page, 5, kv2)).to_have_text("15.60")
    shot(page, "targets-en")
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()


def test_targets_page_for_a_viewer_in_english(server, chromium):
    page = chromium.new_page(viewport={"width": 1280, "height": 720})
    page.goto(server + "/muc-tieu?lang=en")
    page.get_by_text("Targets and growth scenarios").first.wait_for(timeout=60_000)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=30_000)
    wait_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    frames = page.locator('[data-testid="stDataFrame"]')
    grid, documents = frames.nth(0), frames.nth(1)
    row = [grid.locator(f'[data-testid="glide-cell-{c}-1"]').inner_text() for c in range(8)]
    assert row == ["Quang Ninh Province", "GRDP", "Province", "10.50", "12.14", "16.39", "16.39",
                   "14.00"]                                                 # the quarters' view, no codes for a reader
    row = [documents.locator(f'[data-testid="glide-cell-{c}-3"]').inner_text() for c in range(6)]
    assert row == ["Quang Ninh Province", "Industry and construction", "Province", "16.20", "",
                   "Demo data"]                                             # the documents, no 'synthetic'
    shot(page, "targets-viewer-en")
    page.close()
