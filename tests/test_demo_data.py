"""The committed synthetic demo data (data/demo) is reproducible, additive and follows the published path."""

from pathlib import Path

import pandas as pd
import pytest

from monitor.upload.demo import generate

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"
DTYPES = {"unit_code": str, "sector_code": str}
KEY = ["indicator", "unit_code", "sector_code", "year", "quarter"]
RANK = {"estimate": 0, "preliminary": 1, "official": 2}
KV = ["KV1", "KV2", "KV3", "TAX"]
TOL = 0.05


@pytest.fixture(scope="module")
def obs() -> pd.DataFrame:
    return pd.read_csv(DEMO / "observations.csv", dtype=DTYPES)


@pytest.fixture(scope="module")
def targets() -> pd.DataFrame:
    return pd.read_csv(DEMO / "targets.csv", dtype=DTYPES)


@pytest.fixture(scope="module")
def latest(obs: pd.DataFrame) -> pd.DataFrame:
    ranked = obs.assign(rank=obs["vintage"].map(RANK)).sort_values("rank", kind="stable")
    return ranked.groupby(KEY).tail(1).drop(columns="rank")


@pytest.fixture(scope="module")
def communes() -> pd.DataFrame:
    return pd.read_csv(ROOT / "data" / "commune_main_district.csv", dtype=str)


def series(df: pd.DataFrame, indicator: str, unit: str, sector: str) -> pd.Series:
    """Values indexed by (year, quarter) for one indicator, unit and sector."""
    sel = df[(df["indicator"] == indicator) & (df["unit_code"] == unit) & (df["sector_code"] == sector)]
    return sel.set_index(["year", "quarter"])["value"].sort_index()


def ytd_growth(cur: pd.Series, base: pd.Series, year: int, quarter: int) -> float:
    """(Sum of quarters 1..q of year) / (same quarters of year-1) * 100 - 100."""
    now = sum(cur[(year, q)] for q in range(1, quarter + 1))
    before = sum(base[(year - 1, q)] for q in range(1, quarter + 1))
    return now / before * 100 - 100


def test_regenerating_gives_byte_identical_files(tmp_path: Path) -> None:
    counts = generate(tmp_path)
    for name in ("observations.csv", "targets.csv", "README.md"):
        assert (tmp_path / name).read_bytes() == (DEMO / name).read_bytes(), name
    # targets: the province 2 annual + Q1-Q4, 4 sector paths of 4, 54 communes, 13 former districts (2024), the
    # nation's 3 (2024; 2025 twice), the province's 2 synthetic 2026 annual targets, 4 plans of 4
    assert counts == {"observations.csv": 11396, "targets.csv": 6 + 16 + 54 + 13 + 3 + 2 + 16,
                      "observations_monthly.csv": 392}


def test_files_are_utf8_without_bom_with_unix_line_ends() -> None:
    for name in ("observations.csv", "targets.csv", "README.md"):
        raw = (DEMO / name).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
        raw.decode("utf-8")


def test_columns_are_exactly_as_specified(obs: pd.DataFrame, targets: pd.DataFrame) -> None:
    assert list(obs.columns) == ["indicator", "unit_code", "sector_code", "year", "quarter", "value", "vintage",
                                 "source"]
    assert list(targets.columns) == ["indicator", "unit_code", "sector_code", "year", "period", "value", "scope",
                                     "source", "value_high", "effective_date"]


def test_values_are_written_with_one_decimal_for_levels_and_two_for_rates() -> None:
    text = pd.read_csv(DEMO / "observations.csv", dtype=str)
    rate = text["indicator"].isin(["IIP", "RETAIL", "EXPORTS"])
    assert text.loc[rate, "value"].str.fullmatch(r"-?\d+\.\d{2}").all()
    assert text.loc[~rate, "value"].str.fullmatch(r"-?\d+\.\d").all()


def test_one_row_per_indicator_unit_sector_quarter_and_vintage(obs: pd.DataFrame) -> None:
    assert not obs.duplicated([*KEY, "vintage"]).any()
    assert obs["vintage"].isin(RANK).all()
    assert sorted(obs["year"].unique()) == list(range(2019, 2026))


def test_unit_codes_are_text_with_leading_zeros(obs: pd.DataFrame) -> None:
    codes = set(obs["unit_code"])
    assert {"22", "193", "207", "06652", "06994", "07192"} <= codes
    assert all(len(c) in (2, 3, 5) for c in codes)


def test_province_vintages_follow_the_release_schedule(obs: pd.DataFrame) -> None:
    prov = obs[(obs["indicator"].isin(["GRDP", "GRDP_CURRENT"])) & (obs["unit_code"] == "22")]
    got = prov.groupby(["year", "quarter"])["vintage"].agg(lambda v: tuple(sorted(set(v), key=RANK.get)))
    for (year, quarter), vintages in got.items():
        if year <= 2023:
            assert vintages == ("official",)
        elif year == 2024:
            assert vintages == ("estimate", "preliminary", "official")
        else:
            assert vintages == (("estimate",) if quarter == 4 else ("estimate", "preliminary"))


def test_latest_province_total_follows_the_published_path(latest: pd.DataFrame) -> None:
    total = series(latest, "GRDP", "22", "TOTAL")
    published = {(2024, 4): 8.42, (2025, 1): 10.91, (2025, 2): 11.03, (2025, 3): 11.66, (2025, 4): 11.89,
                 (2020, 4): 6.05, (2021, 4): 10.28, (2022, 4): 10.26, (2023, 4): 10.05}
    for (year, quarter), rate in published.items():
        assert round(ytd_growth(total, total, year, quarter), 2) == rate, (year, quarter)


def test_calibrated_rows_say_so_in_their_source(latest: pd.DataFrame, obs: pd.DataFrame) -> None:
    grdp = latest[latest["indicator"] == "GRDP"]
    rows = grdp[(grdp["unit_code"] == "22") & (grdp["sector_code"] == "TOTAL")]
    calibrated = rows[rows["year"] >= 2024]
    assert (calibrated["source"] == "synthetic, calibrated to published Quang Ninh growth").all()
    assert len(calibrated) == 8
    assert (obs.drop(calibrated.index)["source"] == "synthetic").all()


def test_province_size_and_seasonality_are_plausible(latest: pd.DataFrame) -> None:
    total = series(latest, "GRDP", "22", "TOTAL")
    current = series(latest, "GRDP_CURRENT", "22", "TOTAL")
    assert 190_000 <= total[2025].sum() <= 200_000
    assert 360_000 <= current[2025].sum() <= 370_000
    assert 0.21 <= total[(2025, 1)] / total[2025].sum() <= 0.23
    for year in range(2019, 2026):
        assert total[year].idxmin() == 1 and total[year].idxmax() == 4, year
    covid = {q: total[(2020, q)] / total[(2019, q)] for q in range(1, 5)}
    assert min(covid, key=covid.get) == 2


def test_sections_add_up_to_kv_and_kv_plus_tax_to_total_in_every_vintage(obs: pd.DataFrame) -> None:
    sectors = pd.read_csv(ROOT / "data" / "sectors.csv", dtype=str, keep_default_na=False)
    prov = obs[obs["unit_code"] == "22"].pivot_table(
        index=["indicator", "year", "quarter", "vintage"], columns="sector_code", values="value", aggfunc="first"
    ).loc[["GRDP", "GRDP_CURRENT"]]
    for kv in ("KV1", "KV2", "KV3"):
        children = sectors.loc[sectors["parent_code"] == kv, "code"].tolist()
        assert ((prov[children].sum(axis=1) - prov[kv]).abs() < TOL).all(), kv
    assert ((prov[KV].sum(axis=1) - prov["TOTAL"]).abs() < TOL).all()
    assert len(prov) == 2 * 39 and prov.notna().all().all()


def test_communes_add_up_to_the_province_for_each_sector(latest: pd.DataFrame, communes: pd.DataFrame) -> None:
    grdp = latest[latest["indicator"] == "GRDP"]
    units = grdp[grdp["unit_code"].isin(communes["code"])]
    summed = units.groupby(["sector_code", "year", "quarter"])["value"].sum()
    prov = grdp[grdp["unit_code"] == "22"].set_index(["sector_code", "year", "quarter"])["value"]
    for sector in [*KV, "TOTAL"]:
        assert ((summed[sector] - prov[sector]).abs() < TOL).all(), sector
    wide = units.pivot_table(index=["unit_code", "year", "quarter"], columns="sector_code", values="value")
    assert ((wide[KV].sum(axis=1) - wide["TOTAL"]).abs() < TOL).all()


def test_districts_equal_the_sum_of_their_communes(latest: pd.DataFrame, communes: pd.DataFrame) -> None:
    grdp = latest[latest["indicator"] == "GRDP"]
    main = dict(zip(communes["code"], communes["main_former_district"]))
    units = grdp[grdp["unit_code"].isin(main)].assign(district=lambda d: d["unit_code"].map(main))
    units = units[(units["year"] < 2025) | (units["quarter"] <= 2)]
    summed = units.groupby(["district", "sector_code", "year", "quarter"])["value"].sum()
    districts = grdp[grdp["unit_code"].str.len() == 3].set_index(["unit_code", "sector_code", "year", "quarter"])
    assert len(districts) == 13 * 5 * 26
    assert ((districts["value"] - summed.reindex(districts.index)).abs() < TOL).all()


def test_former_districts_are_absent_after_2025_q2(obs: pd.DataFrame) -> None:
    districts = obs[obs["unit_code"].str.len() == 3]
    assert districts[(districts["year"] == 2025) & (districts["quarter"] >= 3)].empty
    assert set(districts["unit_code"]) == set(
        pd.read_csv(ROOT / "data" / "former_districts.csv", dtype=str)["code"])


def test_every_commune_has_28_quarters_of_each_component(obs: pd.DataFrame, communes: pd.DataFrame) -> None:
    units = obs[obs["unit_code"].str.len() == 5]
    assert set(units["unit_code"]) == set(communes["code"])
    counts = units.groupby(["unit_code", "sector_code"]).size()
    assert len(counts) == 54 * 5 and (counts == 28).all()


def test_communes_differ_in_2025_growth(latest: pd.DataFrame, communes: pd.DataFrame) -> None:
    grdp = latest[(latest["indicator"] == "GRDP") & (latest["sector_code"] == "TOTAL")]
    ytd, shrinks = [], False
    for code in communes["code"]:
        s = series(grdp, "GRDP", code, "TOTAL")
        ytd.append(ytd_growth(s, s, 2025, 4))
        shrinks |= any(s[(2025, q)] < s[(2024, q)] for q in range(1, 5))
    ytd = pd.Series(ytd)
    assert 10 <= (ytd < 9).sum() <= 18 and (ytd > 14).sum() >= 10 and shrinks


def test_first_published_2025_path_differs_from_the_latest(obs: pd.DataFrame, latest: pd.DataFrame) -> None:
    # first publication of each 2025 quarter (estimate) against the latest figures of 2024
    estimate = series(obs[obs["vintage"] == "estimate"], "GRDP", "22", "TOTAL")
    final = series(latest, "GRDP", "22", "TOTAL")
    for quarter in range(1, 5):
        gap = abs(ytd_growth(estimate, final, 2025, quarter) - ytd_growth(final, final, 2025, quarter))
        assert 0.05 <= gap <= 0.6, quarter


def test_budget_revenue_and_tourist_totals_match_2025_results(latest: pd.DataFrame) -> None:
    budget = series(latest, "BUDGET_REV", "22", "TOTAL")
    tourists = series(latest, "TOURISTS", "22", "TOTAL")
    assert round(budget[2025].sum(), 1) == 82235.0
    assert round(tourists[2025].sum(), 1) == 21280.0
    assert 19_000 <= budget[(2025, 2)] <= 21_000
    assert series(latest, "RETAIL", "22", "TOTAL")[(2025, 2)] == 18.10


def test_targets_hold_the_published_values(targets: pd.DataFrame) -> None:
    t = targets.set_index(["indicator", "unit_code", "sector_code", "year", "period", "scope"])["value"]
    assert t[("GRDP", "22", "TOTAL", 2025, "Y", "provincial")] == 14.0
    assert t[("GRDP", "22", "TOTAL", 2025, "Y", "central")] == 12.5
    assert t[("GRDP", "22", "TOTAL", 2025, "Q1", "provincial")] == 10.5
    assert t[("GRDP", "22", "TOTAL", 2025, "Q2", "provincial")] == 12.14     # the second quarter alone (báo chí)
    assert ("GRDP", "22", "TOTAL", 2025, "H1", "provincial") not in t.index  # no cumulative 6 months stored
    # the nation's targets as set and revised: 2024 6-6.5%, 2025 8% then 8.3-8.5% (Nghị quyết 226/NQ-CP, 5/8/2025)
    vn = targets[targets["unit_code"] == "VN"]
    vn = vn[["year", "value", "value_high", "effective_date"]].astype(object)
    assert vn.where(vn.notna(), None).values.tolist() == [
        [2024, 6.0, 6.5, "2024-01-05"], [2025, 8.0, None, "2025-02-08"], [2025, 8.3, 8.5, "2025-08-05"]]
    assert t[("BUDGET_REV", "22", "TOTAL", 2025, "Y", "provincial")] == 57330.0
    assert t[("TOURISTS", "22", "TOTAL", 2025, "Y", "provincial")] == 20000.0
    budget_q2 = t[("BUDGET_REV", "22", "TOTAL", 2025, "H1", "provincial")] - t[
        ("BUDGET_REV", "22", "TOTAL", 2025, "Q1", "provincial")]
    assert budget_q2 == 14912.0
    sector_paths = targets[(targets["unit_code"] == "22") & targets["sector_code"].isin(KV)]
    assert sorted(sector_paths.groupby("sector_code")["period"].agg(tuple).map(sorted).map(tuple).unique()) == [
        ("9M", "H1", "Q1", "Y")]


def test_unit_targets_cover_every_commune_and_former_district(targets: pd.DataFrame,
                                                              communes: pd.DataFrame) -> None:
    units = targets[targets["unit_code"].str.len() == 5]
    assert sorted(units["unit_code"]) == sorted(communes["code"])
    assert (units["period"] == "Y").all() and units["value"].between(10, 16).all()
    districts = targets[targets["unit_code"].str.len() == 3]
    assert len(districts) == 13 and (districts["year"] == 2024).all()


def test_sector_targets_weighted_by_2024_structure_give_about_14(targets: pd.DataFrame,
                                                                latest: pd.DataFrame) -> None:
    prov = latest[(latest["indicator"] == "GRDP") & (latest["unit_code"] == "22") & (latest["year"] == 2024)]
    weights = prov.groupby("sector_code")["value"].sum()[KV]
    year = targets[(targets["unit_code"] == "22") & (targets["period"] == "Y")].set_index("sector_code")["value"]
    assert 13.8 <= (year[KV] * weights).sum() / weights.sum() <= 14.2


def test_the_province_scenario_is_quarterly_and_reaches_14_with_2024_as_weights(latest: pd.DataFrame,
                                                                                targets: pd.DataFrame) -> None:
    """Q1 10.5% and Q2 12.14% are each a quarter alone (published); Q3 = Q4 is the one synthetic rate that makes the
    year 14% with 2024's quarters (latest release) as weights, rounded to two decimals."""
    t = targets[(targets["unit_code"] == "22") & (targets["sector_code"] == "TOTAL") & (targets["indicator"] == "GRDP")
                & (targets["scope"] == "provincial") & (targets["year"] == 2025)].set_index("period")["value"]
    level = series(latest, "GRDP", "22", "TOTAL")
    l1, l2, l3, l4 = (level[(2024, q)] for q in (1, 2, 3, 4))
    assert (l1, l2, l3, l4) == (39299.7, 43579.1, 43867.1, 47554.1)
    # (1.14 * 174300.0 - 39299.7 * 1.105 - 43579.1 * 1.1214) / (43867.1 + 47554.1) - 1
    #   = (198702.0 - 43426.1685 - 48869.6027) / 91421.2 - 1 = 106406.2288 / 91421.2 - 1 = 16.391%
    assert round((1.14 * (l1 + l2 + l3 + l4) - l1 * 1.105 - l2 * 1.1214) / (l3 + l4) * 100 - 100, 2) == 16.39
    assert t[["Q1", "Q2", "Q3", "Q4", "Y"]].tolist() == [10.5, 12.14, 16.39, 16.39, 14.0]
