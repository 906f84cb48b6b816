"""The benchmark code runs at the tiny scale (benchmarks are not tests: `make bench` measures).

What is checked is what the benchmark's numbers rest on: the generator writes the rows it
promises and they pass the validated loader, the three ways of computing each figure agree,
and a whole run writes every key.
"""

from __future__ import annotations

import json

import pytest

from bench import __main__ as bench_main
from bench import generate, harness, pages, queries, server
from bench import ingest as bench_ingest
from monitor.core.store import ROOT, Store


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    path = tmp_path_factory.mktemp("bench") / "tiny.duckdb"
    return path, generate.build(path, "tiny")


def test_the_tiny_store_holds_every_indicator_sector_quarter_and_vintage_of_its_units(tiny):
    _, counts = tiny
    assert counts["units_with_figures"] == {"commune": 4, "former_district": 2, "province": 1}
    # per unit, quarter and vintage: 2 level indicators x 25 sectors + 4 plan + 3 rate indicators = 57 rows;
    # 28 quarters (2019-2025) for the province and communes, 26 for the former districts (to 2025 Q2)
    assert counts["observations"] == (1 * 28 + 4 * 28 + 2 * 26) * 3 * 57 == 32_832
    assert counts["observations"] == generate.expected_rows(counts["units_with_figures"], 25,
                                                            {"level": 2, "plan": 4, "rate": 3})
    assert counts["load_batches"] == 4


def test_the_national_scale_has_34_provinces_and_3321_commune_level_units(store):
    _, chosen = generate.units_for("national", store.run("unit_names"))
    levels = chosen["level"].value_counts().to_dict()
    assert levels["province"] == 34 and levels["commune"] == 3321 and levels["country"] == 1
    assert levels["former_district"] == 13 + 788  # Quang Ninh's 13 and about 13 per 54 communes elsewhere
    assert chosen["code"].is_unique


def test_engine_raw_duckdb_and_pandas_give_the_same_figures(tiny):
    path, _ = tiny
    with Store(path, read_only=True) as store:
        tables = queries.load_tables(store)
        for case in queries.cases("tiny"):
            assert queries.compare(case, store, tables) < 1e-9, case.name
        growth = store.run("growth_by_sector", indicator="GRDP", unit="22", year=2025, quarter=2,
                           vintage="latest").set_index("sector_code")
    # the province's TOTAL grows by its profile (11% a year) plus sector mix and noise
    assert 8 < growth.loc["TOTAL", "ytd_growth_pct"] < 14


def test_the_upload_file_passes_the_validated_loader_and_every_method_loads_it(tiny, tmp_path):
    path, _ = tiny
    csv = tmp_path / "upload.csv"
    assert generate.export_csv(path, csv, 3000) == 3000
    ref = tmp_path / "ref.duckdb"
    generate.build(ref, "tiny", observations=False)
    result = bench_ingest.bench_ingest(ref, csv, tmp_path, repeat=1)
    assert result["rows"] == 3000                # every method loaded the same rows (else it raises)
    assert result["validated_loader"]["n"] == 1 and result["ratio_vs_duckdb"] > 0


def test_pages_are_discovered_from_the_dashboards_list():
    entries = pages.discover_entries()
    assert entries[0]["file"] == "home.py" and [e["file"] for e in entries] == pages.discover()
    assert all((ROOT / "pages" / e["file"]).exists() for e in entries)
    readers = pages.discover_paths()            # what the server benchmark opens: no signed-in role needed
    assert readers == [(e["file"], e["url"]) for e in entries if e["role"] is None]
    assert server.page_names(readers)[0] == "" and len(pages.discover_paths(role="analyst")) == len(entries)


def test_percentiles_and_summaries_are_exact():
    samples = [float(i) for i in range(1, 21)]
    assert harness.percentile(samples, 95) == 19.0
    assert harness.percentile(samples, 50) == 10.0
    s = harness.summary([3.0, 1.0, 2.0])
    assert (s["median_s"], s["min_s"], s["max_s"], s["n"]) == (2.0, 1.0, 3.0, 3)


def test_a_whole_run_at_tiny_scale_writes_every_key_and_the_tables(tmp_path, monkeypatch):
    # the servers without the caches' warm-up (tests/test_warm.py tests it): the run then does not wait for it, and
    # a store still held by this process's earlier AppTest runs cannot stall the run (seen once in a whole suite)
    monkeypatch.setenv("MONITOR_WARM", "0")
    out, md = tmp_path / "results.json", tmp_path / "BENCHMARKS.md"
    md.write_text("# Benchmarks\n\nHand-written findings stay.\n", encoding="utf-8")
    assert bench_main.main(["--scales", "tiny", "--work", str(tmp_path / "work"), "--out", str(out),
                            "--markdown", str(md), "--repeat", "1", "--users", "2", "--rounds", "1"]) == 0
    results = json.loads(out.read_text(encoding="utf-8"))
    tiny = results["tiny"]
    for key in ("query_ratio_vs_duckdb_max", "query_speedup_vs_pandas_min", "page_warm_s_max", "page_cold_s_max",
                "ingest_ratio_vs_duckdb", "peak_rss_mb", "concurrent20_p95_s", "browser_headline_cold_s_max",
                "browser_headline_warm_s_max", "browser_headline_under_load_s", "concurrent4_p95_s_1proc",
                "concurrent4_p95_s_2proc"):
        assert isinstance(tiny[key], float) and tiny[key] > 0, key
    assert tiny["store_backend"] == "duckdb"
    assert tiny["processes_p95_2_over_1"] == tiny["concurrent4_p95_s_2proc"] / tiny["concurrent4_p95_s_1proc"]
    assert tiny["page_errors"] == []
    assert [p["page"] for p in tiny["pages"]] == pages.discover()
    text = md.read_text(encoding="utf-8")
    assert "Hand-written findings stay." in text and "| tiny | growth_by_sector |" in text
    for key in ("browser_headline_cold_s_max", "browser_headline_warm_s_max", "browser_headline_under_load_s",
                "concurrent50_p95_s_1proc", "concurrent50_p95_s_2proc", "processes_p95_2_over_1"):
        assert f"(`{key}`) | " in text, key           # a row of the goals table, the smoke run's crowd in it
    assert "validated load within 4x of raw read_csv" in text and "| store backend (`store_backend`) | duckdb |" in text
    assert f"| tiny | (default) | {tiny['browser_cold_s']['(default)']:.2f} |" in text
    assert (tmp_path / "plot.svg").read_text(encoding="utf-8").startswith("<svg")
