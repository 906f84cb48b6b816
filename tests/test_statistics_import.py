"""`import-sdmx`: the statistics office's SDMX-ML files load through the upload's path as one batch.

The expected rows are read from the XML itself with a plain XML parse (xml.etree), independently of the importer
and of sdmx1, for a sample of series and periods; the mapping is data/nsdp/mapping.csv."""

from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET

import pytest

from conftest import new_store
from monitor.cli.main import main
from monitor.core.errors import ValidationError
from monitor.core.store import ROOT, Store
from monitor.statistics import importer, monthly
from monitor.upload import history

NSDP = ROOT / "data" / "nsdp"
VINTAGE_ORDER = {"estimate": 1, "preliminary": 2, "official": 3}


def xml_series(name: str) -> dict[tuple[str, str], dict[str, float]]:
    """(INDICATOR, FREQ) -> {TIME_PERIOD: OBS_VALUE}, straight from the file."""
    found = {}
    for element in ET.parse(NSDP / name).getroot().iter():
        if element.tag.split("}")[-1] == "Series":
            found[(element.get("INDICATOR"), element.get("FREQ"))] = {
                o.get("TIME_PERIOD"): float(o.get("OBS_VALUE")) for o in element}
    return found


def stored(store: Store, indicator: str, sector: str, year: int, quarter: int) -> list[tuple]:
    return store.con.execute(
        "SELECT value, vintage, source FROM observations WHERE indicator = ? AND unit_code = 'VN' "
        "AND sector_code = ? AND year = ? AND quarter = ?", [indicator, sector, year, quarter]).fetchall()


@pytest.fixture(scope="module")
def gdp_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("nsdp") / "gdp.duckdb"
    with new_store(path) as s:
        batch, release = importer.load(s, NSDP / "GDPVNM.xml", user="test")
    with Store(path, read_only=True) as s:
        yield s, batch, release


# (series code in the file, store indicator, store sector, period)
SAMPLE = [
    ("NGDP_R_PA_XDC", "GRDP", "TOTAL", "2024-Q3"),
    ("NGDP_R_PA_XDC", "GRDP", "TOTAL", "2010-Q1"),
    ("NGDPVA_R_ISIC4_C_XDC", "GRDP", "C", "2019-Q4"),
    ("VNM_NGDPVA_R_ISIC4_BTF_XDC", "GRDP", "KV2", "2023-Q2"),
    ("VNM_NGDPVA_R_ISIC4_GTT_XDC", "GRDP", "KV3", "2021-Q3"),
    ("NGDPVA_R_ISIC4_A_XDC", "GRDP", "KV1", "2020-Q2"),
    ("NGDPVA_R_ISIC4_A_XDC", "GRDP", "A", "2020-Q2"),
    ("NGDPTXS_R_XDC", "GRDP", "TAX", "2015-Q1"),
    ("NGDPVA_R_ISIC4_I_XDC", "GRDP", "I", "2024-Q1"),
    ("NGDP_PA_XDC", "GRDP_CURRENT", "TOTAL", "2022-Q4"),
    ("NGDPVA_ISIC4_B_XDC", "GRDP_CURRENT", "B", "2023-Q4"),
]


@pytest.mark.parametrize("series, indicator, sector, period", SAMPLE)
def test_import_stores_the_files_constant_price_levels_unchanged(gdp_store, series, indicator, sector, period):
    store, batch, _ = gdp_store
    expected = xml_series("GDPVNM.xml")[(series, "Q")][period]      # UNIT_MULT 9: billion VND, as the store's
    year, quarter = int(period[:4]), int(period[-1])
    rows = stored(store, indicator, sector, year, quarter)
    assert len(rows) == 1
    assert rows[0][0] == expected                                      # exactly, not to a tolerance
    assert rows[0][2] == "SDMX GDPVNM.xml IREF392914, prepared 2024-10-24"


def test_every_quarterly_observation_of_a_mapped_series_is_one_row(gdp_store):
    store, batch, release = gdp_store
    series = xml_series("GDPVNM.xml")
    targets = [line.split(",") for line in (NSDP / "mapping.csv").read_text().splitlines()[1:]]
    expected = sum(len(series[(t[1], "Q")]) for t in targets if t[2] == "Q")
    assert expected == 2 * 25 * 59                                      # 2 price bases x 25 sectors x 2010Q1-2024Q3
    count = store.con.execute("SELECT count(*) FROM observations WHERE unit_code = 'VN' AND batch_id = ?",
                              [batch]).fetchall()[0][0]
    assert count == expected == len(release.mapped.quarterly)
    assert release.mapped.series_used == 48 and len(release.mapped.skipped) == 145   # annual, 1994 base, A01...


def test_vintages_follow_the_release_calendar_of_the_files_latest_quarter(gdp_store):
    store, _, _ = gdp_store
    vintage = {(y, q): stored(store, "GRDP", "TOTAL", y, q)[0][1] for y, q in
               ((2024, 3), (2024, 2), (2024, 1), (2023, 1), (2022, 4), (2010, 1))}
    assert vintage == {(2024, 3): "estimate", (2024, 2): "preliminary", (2024, 1): "preliminary",
                       (2023, 1): "preliminary", (2022, 4): "official", (2010, 1): "official"}


def test_the_batch_is_real_recorded_in_the_history_with_the_messages_prepared_date(gdp_store):
    store, batch, _ = gdp_store
    row = store.con.execute("SELECT file_name, synthetic, row_count, rows_new FROM load_batches WHERE batch_id = ?",
                            [batch]).fetchall()[0]
    assert row == ("GDPVNM.xml", False, 2950, 2950)
    described = store.con.execute("SELECT message_id, CAST(prepared AS VARCHAR), structure FROM sdmx_files").fetchall()
    assert described == [("IREF392914", "2024-10-24 03:08:13", "IMF:ECOFIN_DSD(1.0)")]
    assert store.scalar("demo_loaded") is False                       # real figures never raise the demo label


def test_the_national_sectors_add_up_as_the_office_aggregates(gdp_store):
    """At constant 2010 prices TOTAL = KV1 + KV2 + KV3 + TAX, KV1 = A, KV2 = B..F, KV3 = G..T."""
    store, _, _ = gdp_store
    levels = dict(store.con.execute("SELECT sector_code, value FROM observations WHERE unit_code = 'VN' "
                                    "AND indicator = 'GRDP' AND year = 2024 AND quarter = 2").fetchall())
    assert math.isclose(levels["TOTAL"], sum(levels[k] for k in ("KV1", "KV2", "KV3", "TAX")), rel_tol=1e-12)
    assert levels["KV1"] == levels["A"]
    assert math.isclose(levels["KV2"], sum(levels[c] for c in "BCDEF"), rel_tol=1e-12)
    assert math.isclose(levels["KV3"], sum(levels[c] for c in "GHIJKLMNOPQRST"), rel_tol=1e-12)


def test_monthly_series_round_trip_at_the_monthly_grain(store):
    batch, release = importer.load(store, NSDP / "IIPVNM.xml", user="test")
    assert len(release.mapped.quarterly) == 0 and len(release.mapped.monthly) == 5 * 94
    expected = xml_series("IIPVNM.xml")
    for sector, code in (("TOTAL", "AIP_ISIC4_IX"), ("C", "AIP_ISIC4_C_IX")):
        frame = monthly.series(store, "IIP_INDEX", "VN", sector)
        got = {f"{r.year}-{r.month:02d}": r.value for r in frame.itertuples()}
        assert got == expected[(code, "M")]                           # every month, every value, exactly
    frame = monthly.series(store, "IIP_INDEX", "VN", "TOTAL", since=2024)
    last = frame.iloc[-1]
    assert (last.year, last.month, last.vintage) == (2024, 10, "estimate")
    base = expected[("AIP_ISIC4_IX", "M")]
    assert last.yoy_pct == pytest.approx(base["2024-10"] / base["2023-10"] * 100 - 100)
    # the quarterly table never sees them, and a rollback hides them like any batch's rows
    assert store.con.execute("SELECT count(*) FROM observations").fetchall()[0][0] == 0
    history.rollback(store, batch, "test")
    assert monthly.series(store, "IIP_INDEX", "VN", "TOTAL").empty


def test_trade_in_million_usd_and_cpi_keep_their_values(store):
    importer.load(store, NSDP / "METVNM.xml", user="test")
    importer.load(store, NSDP / "CPIVNM.xml", user="test")
    exports = {f"{r.year}-{r.month:02d}": r.value for r in monthly.series(store, "EXPORTS_USD").itertuples()}
    assert exports["2015-06"] == xml_series("METVNM.xml")[("TXG_FOB_USD", "M")]["2015-06"]   # UNIT_MULT 6 = million
    cpi = monthly.series(store, "CPI_INDEX").set_index(["year", "month"])["value"]
    assert cpi[(2022, 3)] == xml_series("CPIVNM.xml")[("PCPI_IX", "M")]["2022-03"]
    assert [r["code"] for r in monthly.indicators(store)] == ["IIP_INDEX", "EXPORTS_USD", "IMPORTS_USD", "CPI_INDEX",
                                                              "RETAIL_VND", "TOURISTS"]  # the last two: the province


def test_a_file_whose_sections_do_not_add_up_is_refused_whole(store, tmp_path):
    raw = (NSDP / "GDPVNM.xml").read_text(encoding="utf-8")
    series = raw.index('INDICATOR="NGDPVA_R_ISIC4_C_XDC" COUNTERPART_AREA="_Z" FREQ="Q"')
    start = raw.index('TIME_PERIOD="2024-Q2" OBS_VALUE="', series) + len('TIME_PERIOD="2024-Q2" OBS_VALUE="')
    end = raw.index('"', start)
    bad = tmp_path / "GDPVNM.xml"
    bad.write_text(raw[:start] + str(float(raw[start:end]) * 1.2) + raw[end:], encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        importer.load(store, bad)
    assert any("GRDP VN KV2 2024-Q2" in (p.value or "") for p in err.value.problems)
    assert store.con.execute("SELECT count(*) FROM load_batches").fetchall()[0][0] == 0     # nothing written


def test_a_mapping_with_unknown_codes_is_refused_with_every_bad_row(store, tmp_path):
    mapping = tmp_path / "mapping.csv"
    mapping.write_text("ref_area,series,freq,indicator,unit_code,sector_code,unit_mult\n"
                       "VN,NGDP_R_PA_XDC,Q,GDP_VN,VN,TOTAL,9\nVN,AIP_ISIC4_IX,M,IIP_INDEX,VN,XX,0\n"
                       "VN,NGDP_R_PA_XDC,A,GRDP,VN,TOTAL,9\n", encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        importer.load(store, NSDP / "GDPVNM.xml", mapping)
    assert [(p.row, p.column, p.value) for p in err.value.problems] == [
        (2, "indicator", "GDP_VN"), (3, "sector_code", "XX"), (4, "freq", "A"), (4, "indicator", "GRDP")]
    assert store.con.execute("SELECT count(*) FROM load_batches").fetchall()[0][0] == 0


def test_a_file_that_is_not_sdmx_is_refused(store, tmp_path):
    path = tmp_path / "not.xml"
    path.write_text("<html><body>no</body></html>", encoding="utf-8")
    with pytest.raises(ValidationError):
        importer.load(store, path)
    path.write_text("not xml at all <", encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        importer.load(store, path)
    assert err.value.problems[0].code == "statistics.err.not_xml"


def test_import_sdmx_command_dry_run_then_load_then_again(tmp_path, capsys):
    db = str(tmp_path / "m.duckdb")
    assert main(["init", "--db", db]) == 0
    capsys.readouterr()
    assert main(["import-sdmx", str(NSDP / "IIPVNM.xml"), "--db", db, "--dry-run", "--json"]) == 0
    dry = json.loads(capsys.readouterr().out)
    assert (dry["batch_id"], dry["monthly_rows"], dry["new"], dry["would_load"]) == (None, 470, 470, True)
    assert dry["prepared"] == "2024-11-13T06:48:52+00:00" and dry["vintages"]["monthly"]["estimate"] == 5
    assert main(["import-sdmx", str(NSDP / "IIPVNM.xml"), "--db", db, "--lang", "en"]) == 0
    assert "Loaded IIPVNM.xml (message IREF805356, prepared 2024-11-13) as batch 1: 0 quarterly and 470 monthly" \
        in capsys.readouterr().out
    # the same file again: a warning, every row unchanged, still one batch of its own
    assert main(["import-sdmx", str(NSDP / "IIPVNM.xml"), "--db", db, "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert (again["batch_id"], again["unchanged"], again["new"]) == (2, 470, 0)
    assert again["warnings"][0]["value"] == "IIPVNM.xml"
    assert main(["import-sdmx", str(NSDP / "IIPVNM.xml"), "--db", db, "--strict"]) == 1      # warnings refused
    assert main(["monthly", "--indicator", "IIP_INDEX", "--sector", "E", "--since", "2024", "--db", db]) == 0
    months = json.loads(capsys.readouterr().out)["months"]
    assert [m["month"] for m in months] == list(range(1, 11))
