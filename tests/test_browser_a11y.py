"""axe-core, an outside set of accessibility rules (from npm: package.json, package-lock.json; `make test-tools`),
run in Chromium on every page in Vietnamese and English: no serious or critical violation (colour contrast, names
of controls, ...). The account page is checked without accounts, when it shows the command that creates one, and
the analysts' pages after an analyst logs in. Every finding of any impact is written to
test-artifacts/axe-<lang>-<who>.json, so the moderate ones (heading order) can be read too."""

from __future__ import annotations

import json
import shutil

import pytest

from browser_support import (
    ANALYST_PAGES,
    ARTIFACTS,
    AXE,
    VIEWER_PAGES,
    axe_violations,
    log_in,
    open_from_menu,
    settle,
    streamlit_server,
    switch_language,
)
from monitor.core import auth

pytestmark = pytest.mark.browser
PASSWORD = "matkhau-tiep-can"
BLOCKING = ("serious", "critical")


@pytest.fixture(scope="module")
def site(demo_db, tmp_path_factory):
    """One server for the module; its accounts file is made or removed by each test, read at each request."""
    if not AXE.exists():
        pytest.fail(f"axe-core is missing ({AXE}): run `make test-tools` (npm ci)")
    folder = tmp_path_factory.mktemp("a11y-site")
    db = folder / "demo.duckdb"
    shutil.copy(demo_db, db)
    users = folder / "users.toml"
    with streamlit_server(db, env={"MONITOR_USERS": str(users)}) as url:
        yield {"url": url, "users": users}


def audit(page, lang: str, who: str, paths: list[str]) -> dict[str, list[dict]]:
    """Open each page from the menu and run axe-core on it; write every finding; return the blocking ones."""
    found, blocking = {}, {}
    for path in paths:
        open_from_menu(page, path)
        assert page.evaluate("document.documentElement.lang") == lang   # read aloud in the page's language
        found[path or "tong-quan"] = axe_violations(page, impacts=("minor", "moderate", *BLOCKING))
        blocking[path or "tong-quan"] = [v for v in found[path or "tong-quan"] if v["impact"] in BLOCKING]
    (ARTIFACTS / f"axe-{lang}-{who}.json").write_text(json.dumps(found, ensure_ascii=False, indent=1))
    return {where: [(v["rule"], v["impact"], v["nodes"]) for v in violations]
            for where, violations in blocking.items() if violations}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_serious_or_critical_violation_on_the_pages_everyone_sees(site, chromium, lang):
    site["users"].unlink(missing_ok=True)              # no accounts: the account page shows how to make one
    page = chromium.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{site['url']}/?lang={lang}")
    page.get_by_test_id("gm-ytd").wait_for(timeout=60_000)
    settle(page)
    blocking = audit(page, lang, "viewer", VIEWER_PAGES)
    assert page.locator('[data-testid="stCode"]').count() == 1          # the command, checked on the account page
    page.close()
    assert blocking == {}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_serious_or_critical_violation_on_the_analysts_pages(site, chromium, lang):
    site["users"].unlink(missing_ok=True)
    auth.add_user("lan", "analyst", PASSWORD, site["users"])
    page = chromium.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{site['url']}/")
    page.get_by_test_id("gm-ytd").wait_for(timeout=60_000)
    settle(page)
    log_in(page, "lan", PASSWORD, "vi")                  # a log-in lasts for the browser session: no page loads
    if lang != "vi":
        switch_language(page, lang)
    blocking = audit(page, lang, "analyst", ["tai-khoan", *ANALYST_PAGES])
    page.close()
    assert blocking == {}
