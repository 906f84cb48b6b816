"""Catalogs and Vietnamese number formats."""

from __future__ import annotations

import re
import string

from monitor.core import i18n


def test_both_catalogs_have_the_same_keys_and_placeholders():
    vi, en = i18n.catalog("vi"), i18n.catalog("en")
    assert set(vi) == set(en)
    fields = lambda text: sorted(f for _, f, _, _ in string.Formatter().parse(text) if f)  # noqa: E731
    for key in vi:
        if key in ("quarter.label", "monthly.label"):  # "Quý {roman}/{year}" against "Q{q} {year}"; "Tháng 3/2027"
            # against "Mar 2027"
            continue
        assert fields(vi[key]) == fields(en[key]), key


def test_each_area_keeps_its_strings_in_both_languages():
    import json

    for vi_path in i18n._CATALOGS.glob("*.vi.json"):
        en_path = vi_path.with_name(vi_path.name.replace(".vi.json", ".en.json"))
        assert en_path.exists(), en_path.name
        assert set(json.loads(vi_path.read_text("utf-8"))) == set(json.loads(en_path.read_text("utf-8"))), vi_path


def test_every_catalog_key_used_in_code_exists():
    from monitor.core.store import ROOT

    used = set()
    for path in [*ROOT.joinpath("monitor").glob("*.py"), *ROOT.joinpath("pages").glob("*.py"),
                 ROOT / "dashboard.py"]:
        used |= set(re.findall(r'\bt\(\s*"([a-z_0-9.]+)"', path.read_text(encoding="utf-8")))
    assert used and used <= set(i18n.catalog("vi"))


def test_vietnamese_number_formats():
    assert i18n.pct(11.89, "vi") == "11,89%"
    assert i18n.pct(11.89, "en") == "11.89%"
    assert i18n.number(368445.2, "vi", 0) == "368.445"
    assert i18n.number(82235, "en", 0) == "82,235"
    assert i18n.pp(-2.11, "vi") == "−2,11 điểm %"
    assert i18n.pp(0.41, "en") == "+0.41 pp"
    assert i18n.pct(None, "vi") == "–"


def test_rounding_is_half_up_like_statistics_tables():
    assert i18n.number(2.625, "vi") == "2,63"
    assert i18n.number(16.85, "en", 1) == "16.9"


def test_quarter_and_period_labels():
    assert i18n.quarter_label(2025, 1, "vi") == "Quý I/2025"
    assert i18n.quarter_label(2025, 4, "en") == "Q4 2025"
    assert i18n.period_label(3, "vi") == "9 tháng"
    assert i18n.period_label(2, "vi", 2025) == "6 tháng đầu năm 2025"
    assert i18n.rest_label(3, "vi") == "quý IV"
