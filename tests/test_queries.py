"""Every named query in queries/ runs against the small fixture store."""

from __future__ import annotations

import pandas as pd
import pytest

from monitor.core.store import QUERIES, sql

PARAMS = {
    "growth_by_sector": dict(indicator="GRDP", unit="22", year=2025, quarter=2, vintage="latest"),
    "growth_by_unit": dict(indicator="GRDP", parent="22", level="commune", sector="TOTAL", year=2025,
                           quarter=2, vintage="latest"),
    "targets_for_year": dict(indicator="GRDP", year=2025),
    "latest_quarter": dict(indicator="GRDP", unit="22"),
    "indicator_info": dict(indicator="GRDP"),
    "cumulative_values": dict(indicator="GRDP", unit="22", year=2025, quarter=2, vintage="latest"),
    "ytd_path": dict(indicator="GRDP", unit="22", year=2025, vintage="latest"),
    "batch_by_sha256": dict(sha256="0" * 64),
    "growth_series": dict(indicator="GRDP", unit="22", sector="TOTAL", vintage="latest", since=2019),
    "structure_current_prices": dict(indicator="GRDP", unit="22", year=2025, quarter=2, vintage="latest"),
    "rollback_changes": dict(batch_id=1),
    "rollback_target_changes": dict(batch_id=2),
    "quarter_levels_by_sector": dict(indicator="GRDP", unit="22", year=2025, vintage="latest"),
    "quarter_levels_by_unit": dict(indicator="GRDP", parent="22", level="commune", sector="TOTAL", year=2025,
                                   vintage="latest"),
    "targets_export": dict(indicator="GRDP", year=2025),
    "target_history": dict(indicator="GRDP", year=2025),
}
WRITES = {"schema", "insert_batch", "insert_observations", "insert_targets", "seed_units", "seed_sectors",
          "seed_indicators", "compare_with_store", "staged_growth_jumps", "staged_missing_components",
          "staged_ytd_change", "mark_batch_rolled_back", "insert_batch_rollback", "compare_targets_with_store"}
# writes, and queries over a registered upload frame, are exercised by the ingest, upload, history and targets tests
NAMES = sorted(p.stem for p in QUERIES.glob("*.sql"))


def test_every_query_file_starts_with_a_header_comment():
    for name in NAMES:
        assert sql(name).lstrip().startswith("--"), name


@pytest.mark.parametrize("name", [n for n in NAMES if n not in WRITES])
def test_query_runs_against_the_fixture_store(small_store, name):
    frame = small_store.run(name, **PARAMS.get(name, {}))
    assert isinstance(frame, pd.DataFrame)
    assert len(frame.columns) > 0


def test_write_queries_are_exercised_elsewhere():
    assert WRITES <= set(NAMES)


def test_growth_by_unit_returns_the_communes_with_their_main_district(small_store):
    rows = small_store.run("growth_by_unit", **PARAMS["growth_by_unit"])
    assert rows["unit_code"].tolist() == ["06652", "06658"]
    assert rows["main_former_district"].tolist() == ["193", "193"]


def test_vintage_first_and_latest_differ_only_where_a_quarter_was_revised(small_store):
    latest = small_store.run("growth_by_sector", **PARAMS["growth_by_sector"]).set_index("sector_code")
    first = small_store.run("growth_by_sector", **{**PARAMS["growth_by_sector"], "vintage": "first"})
    first = first.set_index("sector_code")
    assert latest.loc["TOTAL", "quarter_level"] == 111 and first.loc["TOTAL", "quarter_level"] == 109
    assert latest.loc["C", "quarter_level"] == first.loc["C", "quarter_level"] == 27


def test_demo_flag_follows_the_batches(small_store):
    assert small_store.scalar("demo_loaded") is False
