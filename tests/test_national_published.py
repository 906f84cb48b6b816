"""The engine on the office's real levels (data/nsdp/GDPVNM.xml, prepared 24 Oct 2024, 2010 Q1 - 2024 Q3)
reproduces the published national figures it covers to 0.02 points, each with its source below.

Convention: growth on the same period of the year before from constant 2010 price levels; a sector's share of the
increase in value added (KV1 + KV2 + KV3 = 100, product taxes excluded), the national office's headline
convention (domain.md section 2). Published figures the file cannot reproduce say why."""

from __future__ import annotations

import pytest

from conftest import new_store
from monitor.core.engine import AsOf
from monitor.core.store import ROOT, Store
from monitor.leader import status
from monitor.statistics import importer, national

TOLERANCE = 0.02


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    path = tmp_path_factory.mktemp("real") / "vn.duckdb"
    with new_store(path) as s:
        importer.load(s, ROOT / "data" / "nsdp" / "GDPVNM.xml", user="test")
    with Store(path, read_only=True) as s:
        yield s


def figures(store, year, quarter) -> dict:
    rows = status.sector_growth(store, "GRDP", "VN", AsOf(year, quarter))
    return {r.sector_code: (r.ytd_growth_pct, r.ytd_share_of_increase_pct, r.quarter_growth_pct)
            for r in rows.itertuples()}


def test_year_2023_growth_and_shares_as_first_published(real):
    """Source: domain.md section 2, public check figures, row 'Year 2023' (national statistics office, press
    release on the socio-economic situation of Q4 and 2023, 29 Dec 2023): GDP 5.05; sector I 3.83 / 8.84;
    sector II 3.74 / 28.87; sector III 6.82 / 62.29. The file's later quarterly revisions left the year whole."""
    got = figures(real, 2023, 4)
    assert got["TOTAL"][0] == pytest.approx(5.05, abs=TOLERANCE)
    for code, growth, share in (("KV1", 3.83, 8.84), ("KV2", 3.74, 28.87), ("KV3", 6.82, 62.29)):
        assert got[code][0] == pytest.approx(growth, abs=TOLERANCE), code
        assert got[code][1] == pytest.approx(share, abs=TOLERANCE), code
    assert sum(got[k][1] for k in ("KV1", "KV2", "KV3")) == pytest.approx(100, abs=1e-9)


def test_nine_months_2024_cumulative_not_the_mean_of_quarters(real):
    """Source: domain.md section 2, 'Year-to-date (cumulative) growth': 9 months of 2024, 6.816% cumulative
    against 6.791% for the simple mean of the quarterly rates (office release of 6 Oct 2024)."""
    got = figures(real, 2024, 3)["TOTAL"][0]
    assert got == pytest.approx(6.816, abs=TOLERANCE)
    quarters = [figures(real, 2024, q)["TOTAL"][2] for q in (1, 2, 3)]
    assert sum(quarters) / 3 == pytest.approx(6.791, abs=TOLERANCE)
    assert abs(got - sum(quarters) / 3) > 0.02                     # the two differ: the cumulative one is right


def test_q2_2024_is_the_preliminary_vintage_of_the_revision_chain(real):
    """Source: domain.md section 2, 'Revisions (vintages)': national Q2 2024 6.93 (estimate) -> 7.09
    (preliminary) -> 7.25 (official). The October 2024 file carries the preliminary figure, stored as such."""
    assert figures(real, 2024, 2)["TOTAL"][2] == pytest.approx(7.09, abs=TOLERANCE)
    assert real.scalar("period_vintage", indicator="GRDP", unit="VN", sector="TOTAL", year=2024, quarter=2,
                       vintage="latest") == "preliminary"


@pytest.mark.parametrize("quarter, first, in_file", [(1, 3.32, 3.41), (2, 3.72, 3.84), (3, 4.24, 4.40)])
def test_2023_first_vintages_before_the_year_are_revised_in_the_file(real, quarter, first, in_file):
    """Source of the first vintages: domain.md section 2, rows 'Q1 2023', '6 months 2023', '9 months 2023'
    (3.32, 3.72, 4.24). The file holds 2023's quarters as revised in later releases, so it gives 3.41, 3.84 and
    4.40: a revision, not an arithmetic difference; the first vintage is reproduced only from that release's
    levels (tests/fixtures/make_national_check.py)."""
    got = figures(real, 2023, quarter)["TOTAL"][0]
    assert got == pytest.approx(in_file, abs=0.005)
    assert got - first > 0.05


def test_2025_figures_are_beyond_the_file(real):
    """2025 Q1 6.93 and 6 months 7.52 (domain.md section 2) cannot be checked on this file: it ends at 2024 Q3.
    The national line then says how far the national series goes."""
    found = national.beside(real, "GRDP", AsOf(2025, 1))
    assert found["ytd_growth_pct"] is None and found["latest"] == {"year": 2024, "quarter": 3}
