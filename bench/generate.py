"""Deterministic benchmark stores at three scales, written straight into DuckDB.

- tiny: province 22 with 2 former districts and 4 communes (the smoke test);
- province: Quang Ninh as it is: 1 province, 13 former districts, 54 current units;
- national: the country, 34 provinces, their former districts (synthetic codes
  `PPDnn`, about 13 per 54 communes as in Quang Ninh) and the 3,321 commune-level
  units of `vietnam-provinces` (official codes).

Every unit gets the same depth: every indicator of data/indicators.csv (level
indicators for the full sector tree, plan and rate indicators for TOTAL), 2019-2025
by quarter, three vintages each in its own batch (the upper bound: every vintage of
every quarter kept); former districts end in 2025 Q2. Values are synthetic.
`python -m bench.generate --scale national --db /tmp/national.duckdb` prints the row counts.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pandas as pd

from bench import bind_all, run, sql
from monitor.core import reference
from monitor.core.store import Store
from monitor.core.store import sql as monitor_sql

SCALES = ("tiny", "province", "national")
FIRST_YEAR, LAST_YEAR = 2019, 2025
LAST_T = (LAST_YEAR - FIRST_YEAR + 1) * 4 - 1
DISTRICT_LAST_T = (LAST_YEAR - FIRST_YEAR) * 4 + 1  # 2025 Q2: the district level ends on 30 June 2025
VINTAGES = [("estimate", 1, 0.996), ("preliminary", 2, 0.998), ("official", 3, 1.0)]
DISTRICTS_PER_COMMUNE = 13 / 54  # Quang Ninh's ratio, used for the synthetic former districts
TINY_DISTRICTS = ("193", "195")


def _code_seed(code: str) -> int:
    """A stable integer per unit code (no hash(): it changes between processes)."""
    return sum((i + 1) * ord(c) for i, c in enumerate(code)) * 7 + len(code)


def _profile(code: str, level: str) -> dict:
    seed = _code_seed(code)
    weight = {"country": 3000.0, "province": 100.0 * (1 + seed % 5), "former_district": 8.0 * (1 + seed % 4),
              "commune": 2.0 * (1 + seed % 6)}[level]
    growth = 11.0 if code == reference.PROVINCE else 5.0 + (seed * 37 % 90) / 10
    return {"code": code, "weight": weight, "growth": growth, "seed": seed,
            "last_t": DISTRICT_LAST_T if level == "former_district" else LAST_T}


def _national_units(known: pd.DataFrame) -> pd.DataFrame:
    """Every commune-level unit of the country and synthetic former districts for the other provinces."""
    import vietnam_provinces as vp

    rows = []
    wards: dict[str, list] = {}
    for ward in vp.Ward.iter_all():
        wards.setdefault(f"{int(ward.province_code):02d}", []).append(ward)
    for province, items in sorted(wards.items()):
        if province == reference.PROVINCE:
            continue  # Quang Ninh's units come from the store's own reference tables
        items.sort(key=lambda w: int(w.code))
        n_districts = max(1, round(len(items) * DISTRICTS_PER_COMMUNE))
        districts = [f"{province}D{i:02d}" for i in range(1, n_districts + 1)]
        for i, code in enumerate(districts, 1):
            rows.append({"code": code, "name_vi": f"Huyện tổng hợp {province}-{i:02d}",
                         "name_en": f"Synthetic district {province}-{i:02d}", "level": "former_district",
                         "division_type": "huyện", "parent_code": province, "main_former_district": None,
                         "valid_from": reference.FIRST_DATE, "valid_to": "2025-06-30"})
        for i, ward in enumerate(items):
            kind = ward.division_type.value
            rows.append({"code": f"{int(ward.code):05d}", "name_vi": ward.name,
                         "name_en": reference.ascii_name(ward.name), "level": "commune", "division_type": kind,
                         "parent_code": province, "main_former_district": districts[i % n_districts],
                         "valid_from": reference.REFORM_DATE, "valid_to": None})
    frame = pd.DataFrame(rows)
    for col in ("valid_from", "valid_to"):
        frame[col] = pd.to_datetime(frame[col]).dt.date
    return frame[~frame["code"].isin(set(known["code"]))].reset_index(drop=True)


def units_for(scale: str, known: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(units to add to the store, the units that get figures with their level)."""
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}")
    new = pd.DataFrame(columns=known.columns)
    qn = known[(known["parent_code"] == reference.PROVINCE) | (known["code"] == reference.PROVINCE)]
    # units that ended before the reform (Hoành Bồ, to 2019) get no figures: the benchmark's years run to 2025
    valid_to = pd.to_datetime(qn["valid_to"])
    qn = qn[valid_to.isna() | (valid_to >= pd.Timestamp(reference.REFORM_DATE) - pd.Timedelta(days=1))]
    if scale == "tiny":
        communes = qn[(qn["level"] == "commune") & qn["main_former_district"].isin(TINY_DISTRICTS)]
        communes = communes.sort_values("code").groupby("main_former_district").head(2)
        chosen = pd.concat([qn[qn["code"].isin((reference.PROVINCE, *TINY_DISTRICTS))], communes])
    elif scale == "province":
        chosen = qn
    else:
        new = _national_units(known)
        top = known[known["level"].isin(("country", "province"))]
        chosen = pd.concat([top, qn[qn["code"] != reference.PROVINCE], new])
    chosen = chosen.drop_duplicates("code")[["code", "level"]].reset_index(drop=True)
    return new, chosen


def _batch(store: Store, kind: str, name: str, rows: int) -> int:
    query = monitor_sql("insert_batch")
    return int(store.con.execute(query, bind_all(
        query, kind=kind, file_name=name, sha256=f"bench-{name}", row_count=rows, user_name="bench",
        synthetic=True)).fetchall()[0][0])


def build(path: str | Path, scale: str, observations: bool = True) -> dict:
    """Create the store at path (replacing it) and return its row counts.

    observations=False gives a store with the scale's reference tables only (the loader's target).
    """
    path = Path(path)
    for stale in (path, path.with_name(path.name + ".wal")):
        stale.unlink(missing_ok=True)
    with Store(path, create=True) as store:
        reference.seed(store)
        known = store.run("unit_names").drop(columns=["successor_code"])  # the units table's own columns
        new, chosen = units_for(scale, known)
        cur = store.con.cursor()
        cur.register("bench_new_units", new.astype(object).where(new.notna(), None))
        cur.execute(sql("insert_units"))
        cur.unregister("bench_new_units")
        if observations:
            profiles = pd.DataFrame([_profile(r.code, r.level) for r in chosen.itertuples()])
            vintages = pd.DataFrame([{"vintage": v, "vrank": r, "factor": f,
                                      "batch_id": _batch(store, "observations", f"{scale}-{v}", 0)}
                                     for v, r, f in VINTAGES])
            cur.register("bench_units", profiles)
            cur.register("bench_vintages", vintages)
            cur.execute(sql("generate_observations"), {"first_year": FIRST_YEAR, "last_year": LAST_YEAR})
            cur.execute(sql("generate_targets"), {"batch_id": _batch(store, "targets", f"{scale}-targets", 0),
                                                  "last_year": LAST_YEAR})
            cur.execute("CHECKPOINT")
        cur.close()
        counts = {r["table"]: int(r["rows"]) for r in run(store.con, "row_counts").to_dict("records")}
        levels = run(store.con, "units_by_level")
        counts["units_with_figures"] = dict(zip(levels["level"], levels["units"].astype(int).tolist()))
    counts["file_mb"] = round(path.stat().st_size / 2**20, 1)
    return counts


def export_csv(db: str | Path, out: str | Path, rows: int) -> int:
    """Write the first `rows` level observations of commune-level units as an upload file."""
    with Store(db, read_only=True) as store:
        frame = run(store.con, "export_level_rows", rows=rows)
    frame.to_csv(out, index=False, lineterminator="\n")
    return len(frame)


def expected_rows(units_by_level: dict[str, int], n_sectors: int, kinds: dict[str, int]) -> int:
    """Rows the generator writes: per unit, quarter and vintage one row per sector of each level indicator
    and one per plan or rate indicator (a check of the generator, and the formula in BENCHMARKS.md)."""
    per_cell = kinds.get("level", 0) * n_sectors + kinds.get("plan", 0) + kinds.get("rate", 0)
    quarters = {level: (DISTRICT_LAST_T if level == "former_district" else LAST_T) + 1 for level in units_by_level}
    return sum(n * quarters[level] * len(VINTAGES) * per_cell for level, n in units_by_level.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=SCALES, default="province")
    parser.add_argument("--db", required=True)
    parser.add_argument("--reference-only", action="store_true", help="units and sectors, no figures")
    args = parser.parse_args(argv)
    counts = build(args.db, args.scale, observations=not args.reference_only)
    print(json.dumps({"scale": args.scale, "db": args.db, **counts}, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
