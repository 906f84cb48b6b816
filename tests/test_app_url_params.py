"""URL parameters of every page: a value the page cannot use (`?slide=²`, `?unit=<script>`, `?year=-1`) falls back to
the default with a notice; never a traceback (bridge.url_choice, url_number, url_choices; the header's _choice)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from monitor.core.i18n import t
from monitor.core.store import ROOT

APP = str(ROOT / "dashboard.py")
HEADER = ("lang", "year", "quarter", "vintage")
PAGES = {  # the page and the parameters it reads from the URL (README, Screens)
    "pages/briefing.py": ("slide", "present"),
    "pages/localities.py": ("level", "group", "unit", "order"),
    "pages/sectors.py": ("sector",),
    "pages/lagging.py": ("kind", "status"),
}
VALUES = ["²", "-1", "99999999999999999999", "<script>alert(1)</script>", "", "٣", " 2", "1e3", "KV1,../x", "%00"]


pytestmark = pytest.mark.usefixtures("fresh_caches")


def open_page(monkeypatch, db, page: str, value: str):
    """The page opened from a link (AppTest runs it alone: the header's parameters are tested below)."""
    monkeypatch.setenv("MONITOR_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=90)
    for key in PAGES[page]:
        at.query_params[key] = value
    at.switch_page(page)
    return at.run()


def notices(at) -> str:
    return " ".join(e.value for e in [*at.caption, *at.warning])


@pytest.mark.parametrize("value", [pytest.param(v, marks=[] if v == "²" else pytest.mark.slow) for v in VALUES])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_a_value_the_page_cannot_use_falls_back_with_a_notice(monkeypatch, demo_db, page, value):
    at = open_page(monkeypatch, demo_db, page, value)
    assert not at.exception, [e.value for e in at.exception]
    said = notices(at)
    for key in PAGES[page]:
        if (key, value) != ("group", ""):  # group= is "every group", a value the page offers
            assert t("ops.bad_param", "vi", name=key) in said, key
    assert "<script>" not in said  # the value itself is never echoed


@pytest.mark.parametrize("value", [pytest.param(v, marks=[] if v == "²" else pytest.mark.slow) for v in VALUES])
def test_the_headers_parameters_fall_back_with_a_notice(monkeypatch, demo_db, value):
    monkeypatch.setenv("MONITOR_DB", str(demo_db))
    at = AppTest.from_file(APP, default_timeout=90)
    for key in HEADER:
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    said = notices(at)
    assert [key for key in HEADER if t("ops.bad_param", "vi", name=key) in said] == list(HEADER)
    assert (at.session_state["gm_lang"], at.session_state["gm_year"], at.session_state["gm_quarter"],
            at.session_state["gm_vintage"]) == ("vi", 2025, 4, "latest")  # the defaults: the latest quarter


def test_the_slide_from_the_url_takes_digits_only(monkeypatch, demo_db):
    at = open_page(monkeypatch, demo_db, "pages/briefing.py", "3")  # every parameter "3": slide 3 is fine
    assert not at.exception and at.session_state["slide"] == 3
    assert t("ops.bad_param", "vi", name="slide") not in notices(at)
    at = open_page(monkeypatch, demo_db, "pages/briefing.py", "٣")  # an Arabic-Indic three: a digit to Python
    assert not at.exception and at.session_state["slide"] == 1
    assert t("ops.bad_param", "vi", name="slide") in notices(at)
