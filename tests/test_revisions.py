"""Revisions on a hand-computed fixture: one quarter published three times (estimate, preliminary, official),
the next twice, each release in its own file, and a rolled-back batch that must not count.

2023: Q1..Q4 = 100, 110, 120, 130 (official). 2024 Q1: estimate 106 (6.00%), preliminary 106.5 (6.50%, +0.50),
official 106.2 (6.20%, -0.30; +0.20 on the first). 2024 Q2: estimate 115.5 (5.00%; to date (106.5 + 115.5) / 210
= 5.7143%), preliminary 116.6 (6.00%, +1.00; to date (106.2 + 116.6) / 210 = 6.0952%).
Mean absolute revision: estimate -> preliminary (0.50 + 1.00) / 2 = 0.75 over 2 quarters; preliminary ->
official 0.30 over 1."""

from __future__ import annotations

import pytest

from monitor.statistics import revisions, views
from monitor.upload import history, ingest

HEADER = "indicator,unit_code,sector_code,year,quarter,value,vintage\n"
FILES = [
    "".join(f"GRDP,22,TOTAL,2023,{q},{v},official\n" for q, v in ((1, 100), (2, 110), (3, 120), (4, 130))),
    "GRDP,22,TOTAL,2024,1,106,estimate\n",
    "GRDP,22,TOTAL,2024,1,106.5,preliminary\nGRDP,22,TOTAL,2024,2,115.5,estimate\n",
    "GRDP,22,TOTAL,2024,1,106.2,official\nGRDP,22,TOTAL,2024,2,116.6,preliminary\n",
    "GRDP,22,TOTAL,2024,1,200,official\n",                       # loaded, then rolled back
]


@pytest.fixture
def revised(store, tmp_path):
    for n, body in enumerate(FILES, start=1):
        path = tmp_path / f"release_{n}.csv"
        path.write_text(HEADER + body, encoding="utf-8")
        ingest.load_observations(store, path, "test")
    history.rollback(store, 5, "test", "typo")
    return store


def test_every_vintage_of_a_quarter_as_published_with_its_revision(revised):
    found = revisions.report(revised, "GRDP", "22", 2024, 1)
    rows = [(r["vintage"], r["batch_id"], r["file_name"], round(r["quarter_growth_pct"], 4),
             None if r["quarter_growth_revision_pp"] is None else round(r["quarter_growth_revision_pp"], 4),
             None if r["quarter_growth_revision_from_first_pp"] is None
             else round(r["quarter_growth_revision_from_first_pp"], 4)) for r in found["releases"]]
    assert rows == [("estimate", 2, "release_2.csv", 6.0, None, None),
                    ("preliminary", 3, "release_3.csv", 6.5, 0.5, 0.5),
                    ("official", 4, "release_4.csv", 6.2, -0.3, 0.2)]
    assert [r["stage"] for r in found["releases"]] == [None, "estimate->preliminary", "preliminary->official"]


def test_year_to_date_growth_as_it_stood_when_each_release_was_loaded(revised):
    rows = revisions.report(revised, "GRDP", "22", 2024, 2)["releases"]
    assert [(r["vintage"], round(r["quarter_growth_pct"], 4), round(r["ytd_growth_pct"], 4)) for r in rows] == [
        ("estimate", 5.0, round(222 / 210 * 100 - 100, 4)),
        ("preliminary", 6.0, round(222.8 / 210 * 100 - 100, 4))]
    assert round(rows[1]["ytd_growth_revision_pp"], 4) == round(222.8 / 210 * 100 - 222 / 210 * 100, 4)


def test_mean_absolute_revision_by_release_stage(revised):
    means = revisions.report(revised, "GRDP", "22", 2024, 2)["mean_absolute_revision"]
    assert [(m["stage"], m["quarters"], round(m["mean_abs_quarter_growth_revision_pp"], 4)) for m in means] == [
        ("estimate->preliminary", 2, 0.75), ("preliminary->official", 1, 0.3)]


def test_a_quarter_published_once_and_a_later_revision_of_the_same_vintage(revised, tmp_path):
    assert [r["vintage"] for r in revisions.report(revised, "GRDP", "22", 2023, 1)["releases"]] == ["official"]
    path = tmp_path / "annual_revision.csv"
    path.write_text(HEADER + "GRDP,22,TOTAL,2024,1,106.4,official\n", encoding="utf-8")
    ingest.load_observations(revised, path, "test")
    rows = revisions.report(revised, "GRDP", "22", 2024, 1)["releases"]
    assert [(r["stage"], round(r["quarter_growth_revision_pp"] or 0, 4)) for r in rows][-1] == (
        "official->official", 0.2)


def test_the_revision_table_in_both_languages(revised):
    found = revisions.report(revised, "GRDP", "22", 2024, 1)
    vi = views.revisions_table(found, "vi")
    assert list(vi["Loại số liệu"]) == ["Ước tính", "Sơ bộ", "Chính thức"]
    assert list(vi["Tăng trưởng quý"]) == ["6,00%", "6,50%", "6,20%"]
    assert list(vi["Điều chỉnh so với lần trước"]) == ["–", "+0,50 điểm %", "−0,30 điểm %"]
    assert views.revisions_caption(found, "vi") == "Quý I/2024: 3 lần công bố; tổng điều chỉnh so với lần đầu " \
                                                   "+0,20 điểm %."
    en = views.mean_revision_table(found, "en")
    assert en.to_dict("records")[0] == {"Stage": "Estimate → Preliminary", "Quarters": 2,
                                        "Mean absolute revision (quarter)": "0.75 pp",
                                        "Mean absolute revision (year to date)": "0.44 pp"}


def test_revisions_command_prints_the_report_as_json(revised, capsys):
    import json

    from monitor.cli.main import main

    path = revised.path
    revised.close()
    assert main(["revisions", "--year", "2024", "--quarter", "2", "--db", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [r["vintage"] for r in out["releases"]] == ["estimate", "preliminary"]
    assert out["mean_absolute_revision"][0]["mean_abs_quarter_growth_revision_pp"] == 0.75
