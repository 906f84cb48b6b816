"""The per-cell checks in SQL over DuckDB's read_csv, or over a workbook's frame of text (issue 18): the same
problems, lines, values and typed rows as the frame rules, for every file of the corpus and for cells written every
awkward way; the file's own line numbers after blank lines, whitespace lines and quoted cells; and a bad cell deep in
a big file named by its line."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from conftest import FIXTURES
from monitor.core.errors import ValidationError
from monitor.core.store import Store
from monitor.upload import cellrules, csvtable, ingest, shape, validate

HEAD = "indicator,unit_code,sector_code,year,quarter,value,vintage"
PARTS = ["GRDP,22,KV1,2025,1,2590.5,estimate", "GRDP,22,KV2,2025,1,27350.25,estimate",
         "GRDP,22,KV3,2025,1,19250,estimate", "GRDP,22,TAX,2025,1,4410,estimate"]
TOTAL = "GRDP,22,TOTAL,2025,1,53600.75,estimate"


def outcome(store: Store, raw: bytes, name: str):
    """What preparing the file gives: its problems, or its typed rows, notes and how it was read."""
    try:
        prepared = ingest.prepare_observations(store, raw, name)
    except ValidationError as exc:
        return [(p.row, p.column, p.value, p.code, p.params, p.severity) for p in exc.problems]
    rows = prepared.rows.astype(object).where(prepared.rows.notna(), None)
    return (list(rows.index), rows.values.tolist(), [(p.row, p.code, p.params) for p in prepared.notes],
            prepared.info.describe("en"))


def both_ways(store: Store, raw: bytes, name: str, monkeypatch) -> tuple:
    """(the outcome with the checks in SQL, the outcome with the frame rules: Python's csv reader and pandera)."""
    in_sql = outcome(store, raw, name)
    with monkeypatch.context() as m:
        m.setattr(cellrules, "check_file", lambda *a: None)
        m.setattr(cellrules, "check_frame", validate.check_columns)
        in_frames = outcome(store, raw, name)
    return in_sql, in_frames


def through_sql(raw: bytes) -> bool:
    """Whether the SQL checks judge the file (a refusal of its header included), not the frame rules."""
    try:
        return cellrules.check_file(raw, "x.csv", validate.OBSERVATION_COLUMNS, {"22"}) is not None
    except ValidationError:
        return True


AWKWARD = {  # file -> whether DuckDB's read_csv reads it (else the exact reader does, with the same rules)
    "odd_numbers.csv": ([HEAD, "GRDP,22,KV1,2025,1.0,1e3,estimate", "GRDP,22,KV2,2025,2.5,inf,estimate",
                         "GRDP,22,KV3,2025,1,-nan,estimate", "GRDP,22,TAX,2025,1,1_000,estimate",
                         "GRDP,22,TOTAL,2025,1,+5,estimate", "GRDP,22,KV1,2025,2,=SUM(A1),estimate",
                         "GRDP,22,KV2,2025,2,@x,estimate", "GRDP,22,KV3,2025,2,NaN,estimate",
                         "GRDP,22,TAX,2025,2,1e400,estimate", "GRDP,22,TOTAL,2025,2,,estimate",
                         "GRDP,22,KV1,20x5,3,5,estimate", "GRDP,22,KV2,,3,5,estimate", "GRDP,22,KV3,2031,0,5,final",
                         "GRDP,22,TAX,2025,3,-0,estimate", "GRDP,22,KV1,2025,3,.5,estimate",
                         "GRDP,22,KV2,2025,3,5.,estimate", "GRDP,22,TOTAL,2025,3,12345678901234567890,estimate"],
                        True),
    "spaces_and_blank_lines.csv": ([HEAD, "", "  GRDP , 22 ,KV1, 2025 ,1, 2590.5 ,estimate  ", "   ", ",,,,,,",
                                    "\tGRDP,22,KV2,2025,1,27350.25,\u00a0estimate", "", PARTS[2], PARTS[3], TOTAL,
                                    "GRDP,22,KV1,2025,2,x,estimate"], True),
    "vietnamese_vintages_and_lost_zero.csv": ([HEAD, "GRDP,6652,KV1,2024,1,5,Ước tính",
                                               "GRDP,6652,KV2,2024,1,5,chính thức", "GRDP,06652,KV3,2024,1,5,so bo",
                                               "GRDP,22,KV1,2024,1,-5,Sơ bộ"], True),
    "comma_file.csv": ([HEAD.replace(",", ";"), *(r.replace(",", ";").replace(".", ",") for r in PARTS),
                        "GRDP;22;TOTAL;2025;1;53.600,75;estimate", "GRDP;22;TOTAL;2025;2;7.5;estimate",
                        "GRDP;22;KV1;2025;2;1.234;estimate"], True),
    "ambiguous.csv": ([HEAD, "GRDP,22,KV1,2025,1,48.000,estimate", "GRDP,22,KV2,2025,1,7.5,estimate",
                       'GRDP,22,KV3,2025,1,"1,234.5",estimate', "GRDP,22,TAX,2025,1,\"82,235\",estimate"], True),
    "quoted_cells.csv": ([HEAD + ",source", *(f'"{r.split(",", 1)[0]}",{r.split(",", 1)[1]},"Niên giám, 2025"'
                                              for r in PARTS), TOTAL + ',"a ""quoted"" note"',
                          'GRDP,22,KV1,2025,2,"n/a",estimate,'], True),
    "quote_after_space.csv": ([HEAD, 'GRDP,22,KV1,2025,1, "5",estimate', *PARTS[1:]], False),
    "quoted_line_break.csv": ([HEAD + ",source", 'GRDP,22,KV1,2025,1,5,estimate,"two\nlines"',
                               "GRDP,22,KV2,2025,1,x,estimate,"], False),
    "extra_cells.csv": ([HEAD, PARTS[0] + ",surplus", *PARTS[1:]], False),
    "trailing_separators.csv": ([HEAD + ",,", *(r + ",," for r in PARTS), TOTAL + ","], True),
    "blank_lines_above_header.csv": (["", "  ", HEAD, *PARTS, "GRDP,22,TOTAL,2025,1,53600.0,estimate"], True),
    "title_rows.csv": (["Báo cáo GRDP quý I", "", HEAD, *PARTS], True),
    "duplicate_and_future.csv": ([HEAD, PARTS[0], PARTS[0], "GRDP,22,KV1,2029,1,5,estimate",
                                  "GRDP,193,KV1,2025,3,5,estimate", "GRDPX,22,KV9,2025,1,5,estimate"], True),
    "mojibake_cell.csv": ([HEAD, "GRDP,22,KV1,2025,1,5,Æ¯á»›c tÃ\xadnh"], False),
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_db):
    import shutil

    path = tmp_path_factory.mktemp("sqlchecks") / "demo.duckdb"
    shutil.copy(demo_db, path)
    with Store(path) as s:
        yield s


@pytest.mark.parametrize("name", sorted(AWKWARD))
@pytest.mark.parametrize("ending", ["\n", "\r\n"])
def test_awkward_cells_give_the_same_problems_and_rows_in_sql_as_in_frames(demo, monkeypatch, name, ending):
    lines, sql_reads_it = AWKWARD[name]
    raw = ending.join(lines).encode("utf-8") + ending.encode()
    assert through_sql(raw) == sql_reads_it
    in_sql, in_frames = both_ways(demo, raw, name, monkeypatch)
    assert in_sql == in_frames


@pytest.mark.parametrize("path", sorted([*(FIXTURES / "upload_bad").iterdir(), *(FIXTURES / "upload_good").iterdir(),
                                         *FIXTURES.glob("bad_*.csv"), FIXTURES / "small_observations.csv"]),
                         ids=lambda p: p.name)
def test_every_file_of_the_corpus_gives_the_same_outcome_in_sql_as_in_frames(demo, monkeypatch, path):
    """CSV files read by read_csv, workbooks and awkward CSV files by the exact reader, then checked in SQL."""
    in_sql, in_frames = both_ways(demo, path.read_bytes(), path.name, monkeypatch)
    assert in_sql == in_frames


def test_lines_count_blank_lines_whitespace_lines_and_the_header_below_them(demo):
    raw = "\n".join(["", HEAD, "", PARTS[0], "   ", PARTS[1], ",,,,,,", "", PARTS[2],
                     PARTS[3], "GRDP,22,TOTAL,2025,1,x,estimate"])
    assert through_sql(raw.encode())
    with pytest.raises(ValidationError) as caught:
        ingest.prepare_observations(demo, raw.encode(), "x.csv")
    assert [(p.row, p.column, p.value) for p in caught.value.problems] == [(11, "value", "x")]


def test_decimal_comma_cells_are_read_in_sql_and_a_point_among_them_named_by_line(demo):
    good = ";".join(HEAD.split(",")) + "\n" + "\n".join(
        r.replace(",", ";").replace(".", ",") for r in [*PARTS, TOTAL]).replace("27350,25", "27.350,25") + "\n"
    assert through_sql(good.encode())
    prepared = ingest.prepare_observations(demo, good.encode(), "x.csv")
    assert prepared.rows["value"].tolist() == [2590.5, 27350.25, 19250.0, 4410.0, 53600.75]
    assert prepared.info.describe("en") == "Read as: UTF-8, separator ';', decimal comma"
    with pytest.raises(ValidationError) as caught:
        ingest.prepare_observations(demo, (good + "GRDP;22;KV1;2025;2;19250.5;estimate\n").encode(), "x.csv")
    problem = caught.value.problems[0]
    assert (problem.row, problem.column, problem.value) == (7, "value", "19250.5")
    assert problem.message("en").startswith("This number uses a decimal point, but the file")


def test_a_bad_cell_on_line_900001_of_a_big_file_is_named_by_its_line():
    rows = [HEAD] + [f"GRDP,22,KV1,{2011 + i % 15},{1 + i % 4},{i}.5,estimate" for i in range(1_000_000)]
    rows[900_000] = "GRDP,22,KV1,2020,1,12O4.5,estimate"  # a letter O typed for a zero
    raw = ("\n".join(rows) + "\n").encode()
    table = csvtable.read(raw, "big.csv", validate.OBSERVATION_COLUMNS)
    assert table is not None
    try:
        found = cellrules.check(table, validate.OBSERVATION_COLUMNS, {"22"})
    finally:
        table.con.close()
    _, typed, _, problems, _ = found
    assert len(typed) == 1_000_000
    assert [(p.row, p.column, p.value, p.message("en")) for p in problems] == [
        (900_001, "value", "12O4.5", "Not a valid number (use a decimal point, e.g. 123456.7).")]
    assert problems[0].message("vi") != problems[0].message("en")


def test_the_shape_prefilter_keeps_every_row_the_rules_warn_about():
    rng = random.Random(18)

    def figure():
        return rng.choice([None, 0.0, rng.uniform(-60, 200), rng.uniform(1, 5000), rng.uniform(-10, 10)])

    records = []
    for i in range(20_000):
        quarter = rng.randint(1, 4)
        value = rng.choice([rng.uniform(-60, 200), rng.uniform(0, 10000), 0.0])
        last_q = figure()
        records.append({"row": i, "indicator": "GRDP", "unit_code": "22", "sector_code": "KV1", "year": 2025,
                        "quarter": quarter, "value": value, "kind": "level", "last_quarter": last_q,
                        "last_cumulative": rng.choice([None, (last_q or 0) * rng.uniform(1, 4), figure()]),
                        "stored_before": figure(), "stored_quarter": figure(),
                        "stored_previous": rng.choice([None, value / rng.uniform(1, 3), figure()])})
    # cumulative values made on purpose, so every kind of warning occurs
    for r in records[:3000]:
        r["quarter"], r["stored_before"], r["stored_quarter"] = 3, 1000.0, 500.0
        r["value"] = rng.choice([1500.0, 1505.0, 1510.0, 1530.0])
    context = pd.DataFrame(records)
    kept = shape._maybe(context)
    judged = [shape._judge(r) for r in records]
    assert sum(p is not None for p in judged) > 1000
    assert all(kept[i] for i, p in enumerate(judged) if p is not None)
    assert {p.code for p in judged if p} >= {"upload.shape.cumulative_stored", "upload.shape.rate_for_level",
                                            "upload.shape.index_for_level"}
