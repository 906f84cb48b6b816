"""A real streamlit server on 127.0.0.1 and Debian's Chromium, for browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from monitor.core.store import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(db: Path, timeout: float = 60.0, env: dict | None = None, port: int | None = None):
    """Start `streamlit run dashboard.py` on a free loopback port (or `port`: a restart on the same one); stop it
    afterwards. Accounts come from env["MONITOR_USERS"]; by default none (never the accounts of whoever runs the
    tests). The caches' warm-up (bridge/warm.py) is off unless env["MONITOR_WARM"] = "1": it computes every page's
    view in both languages at start and after each load, seconds of CPU the tests' own pages would wait behind on
    2 cores; tests/test_warm.py and the cluster test (cluster/run.py) run servers with it."""
    port = port or free_port()
    env = {**os.environ, "MONITOR_DB": str(db), "MONITOR_USERS": str(Path(db).with_suffix(".no-users.toml")),
           "MONITOR_WARM": "0", **(env or {})}
    ARTIFACTS.mkdir(exist_ok=True)
    log = open(ARTIFACTS / f"streamlit-{port}.log", "a")
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "serve.py"), "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                if urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start (see {log.name})")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def peek_copy(db: Path) -> Path:
    """A copy of a store (and its write-ahead log) that a running server holds read-write and so locks."""
    import shutil

    copy = Path(db).with_name("peek.duckdb")
    shutil.copy(db, copy)
    wal, copy_wal = Path(str(db) + ".wal"), Path(str(copy) + ".wal")
    copy_wal.unlink(missing_ok=True)
    if wal.exists():
        shutil.copy(wal, copy_wal)
    return copy


# --- pages, the header and the menu, as a user reaches them (tests/test_browser_layout.py, test_browser_a11y.py)

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"  # from npm: `make test-tools` (npm ci, package-lock.json)
MENU_LINKS = ["", "nganh", "dia-phuong", "don-vi-cham", "hanh-dong", "trinh-chieu", "tai-khoan"]  # in the top bar
ANALYSIS_PAGES = ["uoc-tinh", "mo-phong", "muc-tieu"]  # in the menu's "Phân tích" / "Analysis" section
VIEWER_PAGES = MENU_LINKS[:-1] + ANALYSIS_PAGES + MENU_LINKS[-1:]  # every page a viewer reaches; the account last
ANALYST_PAGES = ["nap-so-lieu", "lich-su-nap", "dau-moi", "su-kien"]  # in the menu's "Số liệu" / "Data" section


def settle(page, timeout: float = 60_000) -> None:
    """Until the run a navigation or an input started has finished, and the charts it drew are on screen."""
    page.wait_for_timeout(400)
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(timeout=timeout)
    for chart in page.locator('[data-testid="stPlotlyChart"]').all():
        chart.locator(".main-svg").first.wait_for(state="attached", timeout=timeout)
    page.wait_for_timeout(300)


def path_of(page) -> str:
    """The page's URL path without its leading slash ('' for the overview)."""
    return page.evaluate("location.pathname").strip("/")


def open_from_menu(page, path: str) -> None:
    """Click the menu entry of a page (opening the menu's section first if the page is in one) and wait for it."""
    nav = page.get_by_test_id("stTopNav")
    link = nav.locator(f'a[data-testid="stTopNavLink"][href$="/{path}"]')
    if link.count() == 0:  # in one of the menu's sections: open each until the link shows
        link = page.locator(f'a[data-testid="stTopNavDropdownLink"][href$="/{path}"]')
        for section in nav.get_by_test_id("stTopNavSection").all():
            section.click()
            try:
                link.wait_for(state="visible", timeout=2_000)
                break
            except Exception:
                page.keyboard.press("Escape")
    link.click()
    page.wait_for_function(f"() => location.pathname.replace(/^\\/|\\/$/g, '') === {path!r}", timeout=30_000)
    settle(page)


def log_in(page, name: str, password: str, lang: str = "vi") -> None:
    """As a user does it: the header's log-in link, the form, and back to the account page signed in."""
    from monitor.core.i18n import t

    page.get_by_test_id("stMain").get_by_role("link", name=t("upload.log_in", lang)).click()
    page.get_by_label(t("upload.user_name", lang), exact=True).fill(name)
    page.get_by_label(t("upload.password", lang), exact=True).fill(password)
    page.get_by_role("button", name=t("upload.log_in", lang)).click()
    page.get_by_role("button", name=t("upload.log_out", lang)).wait_for(timeout=60_000)
    settle(page)


def switch_language(page, lang: str) -> None:
    """Press VI or EN in the header and wait for the page in that language."""
    page.locator(".st-key-lang button", has_text=lang.upper()).click()
    page.locator('.st-key-lang button[aria-checked="true"]', has_text=lang.upper()).wait_for(timeout=30_000)
    settle(page)


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """axe-core's rule violations on the page as it stands, of the given impacts: each with the rule, its impact,
    its help text and the elements (selector, HTML, what to fix)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .map(v => ({rule: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => ({
            target: n.target.join(' '), html: n.html.slice(0, 160), fix: n.failureSummary}))}))""")
    return [v for v in found if v["impact"] in impacts]


LAYOUT_JS = Path(__file__).with_name("layout_checks.js")  # window.gmLayoutProblems(), window.gmMenuItems()


def _checks(page) -> None:
    if not page.evaluate("() => typeof window.gmLayoutProblems === 'function'"):
        page.add_script_tag(path=str(LAYOUT_JS))


def layout_problems(page) -> list[str]:
    """What a reader would see cut, wrapped or pushed off: clipped text in the header, menu and cards, a card
    value on two lines, sideways scrolling, a see-through top bar (tests/layout_checks.js)."""
    _checks(page)
    return page.evaluate("gmLayoutProblems()")


def menu_items(page) -> dict:
    """The entries shown in the top menu: links (with their page path) and sections, where they end, and where
    Streamlit's own menu button starts."""
    _checks(page)
    return page.evaluate("gmMenuItems()")
