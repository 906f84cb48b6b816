"""The what-if, shortfall and targets subcommands print what the core computes."""

from __future__ import annotations

import json

import pytest

from monitor.cli import main as cli


def run_json(capsys, *argv) -> dict:
    assert cli.main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_whatif_json_has_the_keys_of_the_issue(capsys, demo_db):
    r = run_json(capsys, "whatif", "--db", str(demo_db), "--year", "2025", "--quarter", "2",
                 "--assume", "KV2=15,KV3=16", "--solve", "KV2", "--json")
    assert {"projected_annual_pct", "sectors", "targets", "solve"} <= set(r)
    assert [set(s) for s in r["sectors"]] == [{"sector_code", "assumed_growth_pct", "contribution_pp"}] * 4
    assert [set(t) for t in r["targets"]] == [{"scope", "annual_pct", "distance_pp"}] * 2
    assert [set(s) for s in r["solve"]] == [{"scope", "sector_code", "required_growth_pct"}] * 2
    kv2 = next(s for s in r["sectors"] if s["sector_code"] == "KV2")
    assert kv2["assumed_growth_pct"] == 15.0 and r["assumptions"]["KV2"] == {"3": 15.0, "4": 15.0}
    assert r["targets"][0]["distance_pp"] == pytest.approx(r["projected_annual_pct"] - 14.0, abs=1e-4)


def test_whatif_without_assumptions_leaves_no_solve_key(capsys, demo_db):
    r = run_json(capsys, "whatif", "--db", str(demo_db), "--year", "2025", "--quarter", "3", "--json")
    assert "solve" not in r and r["basis"] == "run_rate"


def test_shortfall_json_has_the_keys_of_the_issue(capsys, demo_db):
    r = run_json(capsys, "shortfall", "--db", str(demo_db), "--year", "2025", "--quarter", "2", "--by", "unit",
                 "--json")
    assert set(r["shortfall_pp"]) == {"provincial", "central"}
    assert {tuple(sorted(i)) for i in r["items"]} == {
        ("code", "extra_pp", "implied_growth_pct", "max_growth_5y_pct", "plausible")}
    assert len(r["items"]) == 54
    assert sum(i["extra_pp"] for i in r["items"]) == pytest.approx(r["shortfall_pp"]["provincial"], abs=1e-3)


def test_a_bad_assumption_exits_1_with_the_message_in_the_chosen_language(capsys, demo_db):
    assert cli.main(["whatif", "--db", str(demo_db), "--year", "2025", "--quarter", "2", "--assume", "KV9=3",
                     "--lang", "en"]) == 1
    assert "Sector KV9 is not part of this projection" in capsys.readouterr().err


def test_text_output_in_vietnamese(capsys, demo_db):
    assert cli.main(["whatif", "--db", str(demo_db), "--year", "2025", "--quarter", "2", "--solve", "KV2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Dự kiến cả năm (số liệu đến Quý II/2025): 11,04%")
    assert "KV2 cần tăng" in out
    assert [line.split()[-1] for line in out.splitlines()[1:5]] == ["sản", "dựng", "vụ", "phẩm"]   # names after
    assert "Công nghiệp và xây dựng" in out


def test_a_year_without_targets_names_the_unit_and_scope_in_words(capsys, demo_db):
    assert cli.main(["shortfall", "--db", str(demo_db), "--year", "2024", "--quarter", "2", "--lang", "en"]) == 1
    assert capsys.readouterr().err == "Quang Ninh Province has no provincial annual target for this year.\n"


def test_json_keeps_codes_with_the_names_beside_them(capsys, demo_db):
    r = run_json(capsys, "shortfall", "--db", str(demo_db), "--year", "2025", "--quarter", "2", "--json",
                 "--lang", "en")
    assert r["names"]["KV2"] == "Industry and construction"
    assert {i["code"] for i in r["items"]} == {"KV1", "KV2", "KV3", "TAX"} == set(r["names"])


def test_targets_export_history_and_revert(capsys, demo_copy, tmp_path):
    out = tmp_path / "targets.csv"
    assert cli.main(["targets-export", "--db", str(demo_copy), "--indicator", "GRDP", "--year", "2025",
                     "--out", str(out)]) == 0
    text = out.read_text("utf-8-sig").replace("2025,9M,13.2,", "2025,9M,13.4,")
    out.write_text(text, "utf-8")
    assert cli.main(["targets", "--db", str(demo_copy), str(out), "--user", "analyst1"]) == 0
    capsys.readouterr()
    history = run_json(capsys, "targets-history", "--db", str(demo_copy), "--year", "2025", "--json")
    assert history[0]["user_name"] == "analyst1"
    assert cli.main(["targets-revert", "--db", str(demo_copy), str(history[0]["batch_id"]), "--lang", "en"]) == 0
    assert f"Batch #{history[0]['batch_id']} undone." in capsys.readouterr().out
    assert cli.main(["targets-revert", "--db", str(demo_copy), str(history[0]["batch_id"])]) == 1
