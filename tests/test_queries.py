"""Every named query in queries/ runs against the small fixture store and returns exactly the rows worked out by
hand from tests/fixtures/small_observations.csv (batch 1) and small_targets.csv (batch 2).

The fixture in force ('latest': official > preliminary > estimate), province 22, GRDP:

    sector  2024 Q1..Q4 (official)  2025 Q1 (estimate)  2025 Q2 (preliminary; 'first': the estimate)
    TOTAL   90  102  114  144       100.5               111    (first 109)
    KV1     10   12   12   16        10.5                12.3  (first 12)
    KV2     40   45   50   65        46                  50    (first 49)
    B       20   22   25   33        21                  23    (no estimate)
    C       20   23   25   32        25                  27    (no estimate)
    KV3     30   35   40   45        33                  38.5  (first 38)
    TAX     10   10   12   18        11                  10.2  (first 10)

so at 2025 Q2 the year to date is 100.5 + 111 = 211.5 against 90 + 102 = 192 a year before, and growth is
L_t / L_{t-1} * 100 - 100: 211.5 / 192 -> +10.15625 %. Communes 06652 (30 34 38 48 | 33 37) and 06658
(20 22 26 30 | 21 22), former district 193 (50 56 64 78 | 54 59), all official then preliminary.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import math

import pandas as pd
import pytest

from conftest import FIXTURES, new_store
from monitor.core.store import QUERIES, ROOT, sql
from monitor.upload import ingest

# Quang Ninh's communes (data/commune_main_district.csv): what unit_members answers for 22, and the member list
# growth_by_unit is bound with (monitor/leader/status.py resolves it the same way)
with open(ROOT / "data" / "commune_main_district.csv", encoding="utf-8") as _f:
    QN_COMMUNES = sorted(r["code"] for r in csv.DictReader(_f))
PARAMS = {
    "growth_by_sector": dict(indicator="GRDP", unit="22", year=2025, quarter=2, vintage="latest"),
    "growth_by_unit": dict(indicator="GRDP", parent="22", members=QN_COMMUNES, sector="TOTAL", year=2025,
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
    "observations_export": dict(year=2025, quarter=2, indicator=None, unit=None),
    "target_history": dict(indicator="GRDP", year=2025),
    "scenario_weights": dict(indicator="GRDP", year=2025, vintage="latest", unit=None, sector=None),
    "layout_saved": dict(signature="no-such-layout"),
}
WRITES = {"schema", "insert_batch", "insert_observations", "insert_targets", "seed_units", "seed_sectors",
          "seed_indicators", "compare_with_store", "staged_growth_jumps", "staged_missing_components",
          "staged_ytd_change", "mark_batch_rolled_back", "insert_batch_rollback", "compare_targets_with_store",
          "save_layout", "staged_shape_context", "staged_parent_sums", "in_force_quarters_for_units"}
# writes, and queries over a registered upload frame, are exercised by the ingest, upload, history and targets tests
NAMES = sorted(p.stem for p in QUERIES.glob("*.sql"))
OBS, TGT = FIXTURES / "small_observations.csv", FIXTURES / "small_targets.csv"


class AnyTimestamp:
    """Stands for a load time (current_timestamp): any datetime matches."""

    def __eq__(self, other):
        return isinstance(other, datetime.datetime)

    def __repr__(self):
        return "<a timestamp>"


TS = AnyTimestamp()
DAY_1 = pd.Timestamp("2019-01-01")  # the units' first validity (reference.FIRST_DATE)
JAN_1 = pd.Timestamp("2025-01-01")  # a target without an effective date is in force from 1 January of its year


def norm(value):
    """One cell, comparable: missing -> None, floats rounded to 6 decimals, numpy scalars -> Python."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float | int) and not isinstance(value, bool) and math.isnan(float(value)):
        return None
    if hasattr(value, "item") and not isinstance(value, pd.Timestamp):
        value = value.item()
    return round(value, 6) if isinstance(value, float) else value


def rows(frame: pd.DataFrame) -> list[tuple]:
    return [tuple(norm(v) for v in r) for r in frame.itertuples(index=False, name=None)]


def expect(frame: pd.DataFrame, columns: list[str], expected: list[tuple]) -> None:
    assert list(frame.columns) == columns
    assert rows(frame) == [tuple(norm(v) for v in r) for r in expected]


def read_csv(path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


SECTORS = {r["code"]: r for r in read_csv(ROOT / "data" / "sectors.csv")}
INDICATORS = read_csv(ROOT / "data" / "indicators.csv")


def sha_of(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# the figures in force, per sector of province 22: 2024 Q1-Q4 then 2025 Q1-Q2 (see the table above)
LEVELS_22 = {
    "TOTAL": [90, 102, 114, 144, 100.5, 111],
    "KV1": [10, 12, 12, 16, 10.5, 12.3],
    "KV2": [40, 45, 50, 65, 46, 50],
    "B": [20, 22, 25, 33, 21, 23],
    "C": [20, 23, 25, 32, 25, 27],
    "KV3": [30, 35, 40, 45, 33, 38.5],
    "TAX": [10, 10, 12, 18, 11, 10.2],
}
QUARTERS = [(2024, 1), (2024, 2), (2024, 3), (2024, 4), (2025, 1), (2025, 2)]
# names as the vietnam-provinces package gives them (copied from a run, not hand-derivable)
COMMUNES = {"06652": ("Phường Hà Tu", "Ha Tu Ward", [30, 34, 38, 48, 33, 37]),
            "06658": ("Phường Cao Xanh", "Cao Xanh Ward", [20, 22, 26, 30, 21, 22])}


def sector_row(code, parent, component, sort):
    """growth_by_sector at 2025 Q2 for one sector, from its six quarters; contributions over last year's TOTAL
    (102 for Q2, 192 for H1), shares over the value-added increase of KV1-KV3: (12.3-12)+(50-45)+(38.5-35)=8.8
    for Q2 and 0.8+11+6.5=18.3 for H1 (TOTAL and TAX have none)."""
    q1p, q2p, q3p, q4p, q1, q2 = LEVELS_22[code]
    annual = q1p + q2p + q3p + q4p
    share = component in ("KV1", "KV2", "KV3")
    return (code, parent, component, sort, q2, q2p, q1 + q2, q1p + q2p, annual, annual - (q1p + q2p),
            q2 / q2p * 100 - 100, (q1 + q2) / (q1p + q2p) * 100 - 100, q1 / q1p * 100 - 100,
            (q2 - q2p) / 102 * 100, (q1 + q2 - q1p - q2p) / 192 * 100,
            (q2 - q2p) / 8.8 * 100 if share else None, (q1 + q2 - q1p - q2p) / 18.3 * 100 if share else None,
            "grdp", "value_added")  # the province's convention (data/conventions.csv '*,*')


def unit_row(code, parent_quarter_prev=102, parent_ytd_prev=192):
    name_vi, name_en, (q1p, q2p, q3p, q4p, q1, q2) = COMMUNES[code]
    annual = q1p + q2p + q3p + q4p
    return (code, name_vi, name_en, "193", q2, q2p, q1 + q2, q1p + q2p, annual, annual - (q1p + q2p),
            q2 / q2p * 100 - 100, (q1 + q2) / (q1p + q2p) * 100 - 100, q1 / q1p * 100 - 100,
            (q2 - q2p) / parent_quarter_prev * 100, (q1 + q2 - q1p - q2p) / parent_ytd_prev * 100)


def in_force_batch_1() -> list[tuple]:
    """rollback_changes(1): every key of the observations file at its highest vintage; nothing is left after."""
    rank = {"estimate": 1, "preliminary": 2, "official": 3}
    best: dict[tuple, dict] = {}
    for r in read_csv(OBS):
        key = (r["indicator"], r["unit_code"], int(r["year"]), int(r["quarter"]), r["sector_code"])
        if key not in best or rank[r["vintage"]] > rank[best[key]["vintage"]]:
            best[key] = r
    return [(k[0], k[1], k[4], k[2], k[3], float(r["value"]), r["vintage"], None, None)
            for k, r in sorted(best.items())]


TARGET_ROWS = [  # small_targets.csv: (unit, sector, period, scope, value, source), all year 2025, batch 2
    ("22", "TOTAL", "Y", "provincial", 14, "2545-CV/TU"),
    ("22", "TOTAL", "Q1", "provincial", 10.5, "scenario"),
    ("22", "TOTAL", "H1", "provincial", 11.37, "scenario"),
    ("22", "TOTAL", "9M", "provincial", 13, "scenario"),
    ("22", "TOTAL", "Y", "central", 12.5, "25/NQ-CP"),
    ("22", "KV2", "Q1", "provincial", 10.5, "sector scenario"),
    ("22", "KV2", "H1", "provincial", 13, "sector scenario"),
    ("22", "KV2", "9M", "provincial", 13, "sector scenario"),
    ("22", "KV2", "Y", "provincial", 15, "sector target"),
    ("06652", "TOTAL", "Y", "provincial", 12, "unit target"),
]

BATCH_COLUMNS = ["batch_id", "kind", "file_name", "sha256", "row_count", "user_name", "loaded_at", "outcome",
                 "synthetic", "rows_new", "rows_revised", "rows_unchanged", "rows_kept", "warnings_confirmed",
                 "rolled_back_by", "rolled_back_at", "rollback_reason"]


# name -> (columns, rows) on the fixture store with PARAMS[name]
EXPECTED = {
    "batch_by_sha256": (["batch_id", "file_name", "loaded_at"], []),
    "batch_list": (BATCH_COLUMNS, [
        # 10 targets, all new; the observations file has 65 data rows, all new. rows_kept (NULL for a targets
        # batch) and warnings_confirmed (0) copied from a run: the loader's bookkeeping, not the fixture's
        (2, "targets", "small_targets.csv", sha_of(TGT), 10, "test", TS, "loaded", False, 10, 0, 0, None, 0,
         None, None, None),
        (1, "observations", "small_observations.csv", sha_of(OBS), 65, "test", TS, "loaded", False, 65, 0, 0, 0,
         0, None, None, None),
    ]),
    "cumulative_values": (
        ["quarter_value", "ytd_value", "ytd_value_prev", "prev_quarter_ytd_value", "prev_quarter_value"],
        [(111, 100.5 + 111, 90 + 102, 100.5, 100.5)]),
    "data_version": (["last_batch", "rolled_back"], [(2, 0)]),
    "demo_loaded": (["demo_loaded"], [(False,)]),
    "growth_by_sector": (
        ["sector_code", "parent_code", "component", "sort_order", "quarter_level", "quarter_level_prev",
         "ytd_level", "ytd_level_prev", "annual_level_prev", "rest_level_prev", "quarter_growth_pct",
         "ytd_growth_pct", "prev_ytd_growth_pct", "quarter_contribution_pp", "ytd_contribution_pp",
         "quarter_share_of_increase_pct", "ytd_share_of_increase_pct", "contribution_base", "share_base"],
        [sector_row("TOTAL", None, None, 0), sector_row("KV1", "TOTAL", "KV1", 10),
         sector_row("KV2", "TOTAL", "KV2", 20), sector_row("B", "KV2", "KV2", 21), sector_row("C", "KV2", "KV2", 22),
         sector_row("KV3", "TOTAL", "KV3", 30), sector_row("TAX", "TOTAL", "TAX", 50)]),
    "growth_by_unit": (
        ["unit_code", "name_vi", "name_en", "main_former_district", "quarter_level", "quarter_level_prev",
         "ytd_level", "ytd_level_prev", "annual_level_prev", "rest_level_prev", "quarter_growth_pct",
         "ytd_growth_pct", "prev_ytd_growth_pct", "quarter_contribution_pp", "ytd_contribution_pp"],
        [unit_row("06652"), unit_row("06658")]),
    "growth_series": (
        ["year", "quarter", "quarter_level", "quarter_growth_pct", "ytd_growth_pct"],
        [(2024, 1, 90, None, None), (2024, 2, 102, None, None), (2024, 3, 114, None, None),
         (2024, 4, 144, None, None),                                        # no 2023 to compare with
         (2025, 1, 100.5, 100.5 / 90 * 100 - 100, 100.5 / 90 * 100 - 100),  # +11.6667 %
         (2025, 2, 111, 111 / 102 * 100 - 100, 211.5 / 192 * 100 - 100)]),  # +8.8235 %, +10.15625 %
    "indicator_info": (
        ["code", "name_vi", "name_en", "kind", "measure_unit_vi", "measure_unit_en"],
        [("GRDP", "Tổng sản phẩm trên địa bàn (giá so sánh 2010)", "GRDP (constant 2010 prices)", "level",
          "tỷ đồng", "bn VND")]),
    "indicators_all": (
        ["code", "name_vi", "name_en", "kind", "measure_unit_vi", "measure_unit_en", "sort_order"],
        [(r["code"], r["name_vi"], r["name_en"], r["kind"], r["measure_unit_vi"], r["measure_unit_en"],
          int(r["sort_order"])) for r in sorted(INDICATORS, key=lambda r: int(r["sort_order"]))]),
    "latest_quarter": (["year", "quarter"], [(2025, 2)]),
    "quarter_levels_by_sector": (
        ["code", "parent_code", "sort_order", "name_vi", "name_en", "year", "quarter", "value"],
        [(code, SECTORS[code]["parent_code"] or None, int(SECTORS[code]["sort_order"]), SECTORS[code]["name_vi"],
          SECTORS[code]["name_en"], year, quarter, value)
         for code in ("TOTAL", "KV1", "KV2", "B", "C", "KV3", "TAX")        # sort_order 0, 10, 20, 21, 22, 30, 50
         for (year, quarter), value in zip(QUARTERS, LEVELS_22[code], strict=True)]),
    "quarter_levels_by_unit": (
        ["code", "name_vi", "name_en", "year", "quarter", "value"],
        [(code, name_vi, name_en, year, quarter, value)
         for code, (name_vi, name_en, values) in COMMUNES.items()
         for (year, quarter), value in zip(QUARTERS, values, strict=True)]),
    "rollback_changes": (
        ["indicator", "unit_code", "sector_code", "year", "quarter", "value_now", "vintage_now", "value_after",
         "vintage_after"],
        in_force_batch_1()),
    "rollback_target_changes": (
        ["indicator", "unit_code", "sector_code", "year", "period", "scope", "effective_date", "value_now",
         "value_after"],
        [(*r[:6], JAN_1, *r[6:]) for r in [("GRDP", "06652", "TOTAL", 2025, "Y", "provincial", 12, None),
         ("GRDP", "22", "KV2", 2025, "9M", "provincial", 13, None),         # periods sort as text: 9M H1 Q1 Y
         ("GRDP", "22", "TOTAL", 2025, "9M", "provincial", 13, None),
         ("GRDP", "22", "KV2", 2025, "H1", "provincial", 13, None),
         ("GRDP", "22", "TOTAL", 2025, "H1", "provincial", 11.37, None),
         ("GRDP", "22", "KV2", 2025, "Q1", "provincial", 10.5, None),
         ("GRDP", "22", "TOTAL", 2025, "Q1", "provincial", 10.5, None),
         ("GRDP", "22", "TOTAL", 2025, "Y", "central", 12.5, None),
         ("GRDP", "22", "KV2", 2025, "Y", "provincial", 15, None),
         ("GRDP", "22", "TOTAL", 2025, "Y", "provincial", 14, None)]]),
    "scenario_weights": (  # the fixture's 2024 quarters of every unit and sector with a 2025 target
        ["unit_code", "sector_code", "quarter", "value"],
        [("06652", "TOTAL", 1, 30), ("06652", "TOTAL", 2, 34), ("06652", "TOTAL", 3, 38), ("06652", "TOTAL", 4, 48),
         ("22", "KV2", 1, 40), ("22", "KV2", 2, 45), ("22", "KV2", 3, 50), ("22", "KV2", 4, 65),
         ("22", "TOTAL", 1, 90), ("22", "TOTAL", 2, 102), ("22", "TOTAL", 3, 114), ("22", "TOTAL", 4, 144)]),
    "sector_names": (
        ["code", "name_vi", "name_en", "parent_code", "sort_order"],
        [(r["code"], r["name_vi"], r["name_en"], r["parent_code"] or None, int(r["sort_order"]))
         for r in sorted(SECTORS.values(), key=lambda r: int(r["sort_order"]))]),
    # schema.sql's one setting (the store's schema version lives in schema_version, not here)
    "settings": (["key", "value"], [("trend_flat_band_pp", "0.1")]),
    "status_rules": (["status", "rank", "min_gap_pp"], [("on_track", 1, 0.0), ("watch", 2, -1.0),
                                                         ("lagging", 3, None)]),
    "structure_current_prices": (
        # H1 levels of the four components: 22.8 + 96 + 71.5 + 21.2 = 211.5 (2025), 22 + 85 + 65 + 20 = 192 (2024)
        ["sector_code", "ytd_level", "ytd_level_prev", "share_pct", "share_prev_pct"],
        [("KV1", 22.8, 22, 22.8 / 211.5 * 100, 22 / 192 * 100),
         ("KV2", 96, 85, 96 / 211.5 * 100, 85 / 192 * 100),
         ("KV3", 71.5, 65, 71.5 / 211.5 * 100, 65 / 192 * 100),
         ("TAX", 21.2, 20, 21.2 / 211.5 * 100, 20 / 192 * 100)]),
    "target_batches": (["batch_id", "loaded_at", "user_name", "file_name", "row_count", "outcome", "later_batch"],
                       [(2, TS, "test", "small_targets.csv", 10, "loaded", None)]),
    "target_history": (
        ["batch_id", "loaded_at", "user_name", "file_name", "outcome", "unit_code", "sector_code", "scope",
         "period", "effective_date", "old_value", "new_value", "new_value_high", "source"],
        [(2, TS, "test", "small_targets.csv", "loaded", unit, sector, scope, period, JAN_1, None, value, None, source)
         for unit, sector, period, scope, value, source in sorted(TARGET_ROWS, key=lambda r: (*r[:2], r[3], r[2]))]),
    "targets_export": (
        ["indicator", "unit_code", "sector_code", "year", "period", "value", "scope", "source", "value_high",
         "effective_date"],
        [(*r, None, JAN_1) for r in [
         ("GRDP", "22", "KV2", 2025, "Q1", 10.5, "provincial", "sector scenario"),  # the province first,
         ("GRDP", "22", "KV2", 2025, "H1", 13, "provincial", "sector scenario"),    # periods in calendar order
         ("GRDP", "22", "KV2", 2025, "9M", 13, "provincial", "sector scenario"),
         ("GRDP", "22", "KV2", 2025, "Y", 15, "provincial", "sector target"),
         ("GRDP", "22", "TOTAL", 2025, "Y", 12.5, "central", "25/NQ-CP"),
         ("GRDP", "22", "TOTAL", 2025, "Q1", 10.5, "provincial", "scenario"),
         ("GRDP", "22", "TOTAL", 2025, "H1", 11.37, "provincial", "scenario"),
         ("GRDP", "22", "TOTAL", 2025, "9M", 13, "provincial", "scenario"),
         ("GRDP", "22", "TOTAL", 2025, "Y", 14, "provincial", "2545-CV/TU"),
         ("GRDP", "06652", "TOTAL", 2025, "Y", 12, "provincial", "unit target")]]),
    "targets_for_year": (
        ["unit_code", "sector_code", "period", "scope", "value", "value_high", "source", "effective_date"],
        [(*r[:5], None, r[5], JAN_1) for r in [("06652", "TOTAL", "Y", "provincial", 12, "unit target"),
         ("22", "KV2", "9M", "provincial", 13, "sector scenario"),
         ("22", "KV2", "H1", "provincial", 13, "sector scenario"),
         ("22", "KV2", "Q1", "provincial", 10.5, "sector scenario"),
         ("22", "KV2", "Y", "provincial", 15, "sector target"),
         ("22", "TOTAL", "Y", "central", 12.5, "25/NQ-CP"),
         ("22", "TOTAL", "9M", "provincial", 13, "scenario"),
         ("22", "TOTAL", "H1", "provincial", 11.37, "scenario"),
         ("22", "TOTAL", "Q1", "provincial", 10.5, "scenario"),
         ("22", "TOTAL", "Y", "provincial", 14, "2545-CV/TU")]]),
    "observations_export": (  # in force: the preliminary Q2 over the estimate; the province first, tree order
        ["indicator", "unit_code", "sector_code", "year", "quarter", "value", "vintage", "source"],
        [("GRDP", "22", s, 2025, 2, v, "preliminary", None) for s, v in (
            ("TOTAL", 111), ("KV1", 12.3), ("KV2", 50), ("B", 23), ("C", 27), ("KV3", 38.5), ("TAX", 10.2))]
        + [("GRDP", u, "TOTAL", 2025, 2, v, "preliminary", None) for u, v in (("06652", 37), ("06658", 22),
                                                                               ("193", 59))]),
    "layout_saved": (["spec", "file_name", "saved_by", "saved_at"], []),  # saved by tests/test_office_tables.py
    "ytd_path": (["year", "quarter", "ytd_growth_pct"],   # 2024 has no 2023 to compare with
                 [(2025, 1, 100.5 / 90 * 100 - 100), (2025, 2, 211.5 / 192 * 100 - 100)]),
}


# Accountability (issue 15): its writes run in tests/test_accountability*.py; on the fixture store only its rules.
WRITES |= {"insert_owner_change", "insert_action", "insert_checkin", "bind_officer", "unbind_officer",
           "save_notified_item", "insert_notification"}
WRITES |= {"record_restore"}  # a restore's record in the restored store: tests/test_backup.py
PARAMS.update({"owner_history": dict(item_kind=None, item_code=None), "action_checkins": dict(action_id=1),
               "officer_owners_of": dict(user_name="hatu")})
EXPECTED.update({
    "owners_in_force": (["item_kind", "item_code", "owner", "body", "leader_title", "leader_name", "email",
                         "synthetic", "changed_by", "changed_at"], []),
    "owner_history": (["change_id", "item_kind", "item_code", "owner", "body", "leader_title", "leader_name", "email",
                       "synthetic", "file_name", "changed_by", "changed_at"], []),
    "action_register": (["action_id", "item_kind", "item_code", "owner", "text", "deadline", "expected_effect_pp",
                         "expected_effect", "raised_year", "raised_quarter", "gap_pp", "synthetic", "created_by",
                         "created_at", "completed_on", "checkins", "last_checked_on", "last_note"], []),
    "action_checkins": (["checkin_id", "action_id", "checked_on", "note", "done", "status", "user_name",
                         "recorded_at"], []),
    "action_status_rules": (["status", "done", "min_days_past", "rank"], [
        ("escalated", False, 31, 1), ("overdue", False, 1, 2), ("due", False, -7, 3), ("not_due", False, None, 4),
        ("done_late", True, 1, 5), ("done_on_time", True, None, 6)]),
    "officer_owners_of": (["owner"], []),
    "officer_bindings": (["user_name", "owner", "granted_by", "granted_at"], []),
    "notified_items": (["item_kind", "item_code", "year", "quarter", "status", "gap_pp"], []),
    "notification_log": (["message_id", "event", "owner", "recipient", "item_kind", "item_code", "action_id", "year",
                          "quarter", "subject", "outcome", "error", "sent_at"], []),
    "notification_rules": (["event", "min_change_pp"], [("widened", 0.5)]),
    "register_version": (["owners", "actions", "checkins", "bindings"], [(0, 0, 0, 0)]),
})


# Statistics (issue 14): the SDMX import's writes and its comparison over a registered frame run in
# tests/test_statistics_import.py; on the fixture store, the reads. 2025 Q2 was published as an estimate (109) and
# a preliminary figure (111) against 102 a year before; to date against 90 + 102, with 2025 Q1 at 100.5.
WRITES |= {"insert_observations_monthly", "insert_sdmx_file", "seed_monthly_indicators", "compare_monthly_with_store"}
PARAMS.update({
    "period_vintage": dict(indicator="GRDP", unit="22", sector="TOTAL", year=2025, quarter=2, vintage="latest"),
    "figure_source": dict(indicator="GRDP", unit="22", sector="TOTAL", year=2025, quarter=2, vintage="latest"),
    "revisions": dict(indicator="GRDP", unit="22", sector="TOTAL", year=2025, quarter=2),
    "monthly_series": dict(indicator="IIP_INDEX", unit="VN", sector="TOTAL", vintage="latest", since=1900),
})
EXPECTED.update({
    "period_vintage": (["vintage"], [("estimate",)]),              # Q1 is still an estimate, Q2 preliminary
    "figure_source": (["vintage", "batch_id", "file_name", "synthetic", "loaded_at", "source", "message_id",
                       "prepared"], [("preliminary", 1, "small_observations.csv", False, TS, None, None, None)]),
    "revisions": (["year", "quarter", "vintage", "batch_id", "file_name", "published", "synthetic", "quarter_level",
                   "quarter_level_prev", "quarter_growth_pct", "ytd_growth_pct"], [
        (2025, 2, "estimate", 1, "small_observations.csv", TS, False, 109.0, 102.0, round(109 / 102 * 100 - 100, 6),
         round(209.5 / 192 * 100 - 100, 6)),
        (2025, 2, "preliminary", 1, "small_observations.csv", TS, False, 111.0, 102.0,
         round(111 / 102 * 100 - 100, 6), round(211.5 / 192 * 100 - 100, 6))]),
    "monthly_series": (["year", "month", "value", "vintage", "batch_id", "yoy_pct"], []),
    "monthly_indicators": (["code", "name_vi", "name_en", "measure_unit_vi", "measure_unit_en", "sort_order"], []),
})


# Publisher conventions and unit history (issue 14, version 10): the seeds run in every store's set-up
# (reference.seed); on the fixture store, Đông Triều's name at the end of 2024 Q3 and of 2024 Q4, Hoành Bồ by its
# only name (the conventions themselves are read by growth_by_sector: tests/test_conventions.py).
WRITES |= {"seed_publisher_conventions", "seed_unit_successors"}
PARAMS.update({"unit_names_at": dict(day=datetime.date(2024, 9, 30))})


def test_unit_names_at_a_day_gives_the_name_valid_then(fixture_store):
    def names(day):
        frame = fixture_store.run("unit_names_at", day=day).set_index("code")
        assert list(frame.columns) == ["name_vi", "name_en"] and frame.index.is_unique
        return frame
    assert tuple(names(datetime.date(2024, 9, 30)).loc["205"]) == ("Thị xã Đông Triều", "Dong Trieu Town")
    assert tuple(names(datetime.date(2024, 12, 31)).loc["205"]) == ("Thành phố Đông Triều", "Dong Trieu City")
    assert tuple(names(datetime.date(2019, 12, 31)).loc["204"]) == ("Huyện Hoành Bồ", "Hoanh Bo District")
    assert tuple(names(datetime.date(2025, 12, 31)).loc["204"]) == ("Huyện Hoành Bồ", "Hoanh Bo District")
    assert len(names(datetime.date(2024, 9, 30))) == len(fixture_store.run("unit_names"))


def test_every_query_file_starts_with_a_header_comment():
    for name in NAMES:
        assert sql(name).lstrip().startswith("--"), name


def test_every_read_query_has_its_expected_rows():
    assert set(NAMES) - WRITES == set(EXPECTED) | {"unit_names", "unit_names_at"}


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory, backend):
    """conftest's small_store built once for the read-only tests of this module (one store per test is about
    0.5 s of set-up each)."""
    s = new_store(backend.location(tmp_path_factory.mktemp("queries"), "small.duckdb"))
    ingest.load_observations(s, OBS, "test")
    ingest.load_targets(s, TGT, "test")
    yield s
    s.close()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_query_returns_the_expected_rows_on_the_fixture_store(fixture_store, name):
    columns, expected = EXPECTED[name]
    expect(fixture_store.run(name, **PARAMS.get(name, {})), columns, expected)


def test_the_hand_worked_figures_agree_with_the_table_above():
    """A few of the numbers above, worked out once more by hand."""
    assert round(211.5 / 192 * 100 - 100, 5) == 10.15625        # H1 2025 growth of the province
    assert round(111 / 102 * 100 - 100, 4) == 8.8235             # Q2 2025 growth
    assert round(sector_row("KV2", "TOTAL", "KV2", 20)[14], 4) == round(11 / 192 * 100, 4) == 5.7292
    assert sum(sector_row(c, "TOTAL", c, 0)[14] for c in ("KV1", "KV2", "KV3", "TAX")) == pytest.approx(
        211.5 / 192 * 100 - 100)                                  # the components' points add up to the growth
    assert sum(sector_row(c, "TOTAL", c, 0)[16] for c in ("KV1", "KV2", "KV3")) == pytest.approx(100)
    assert len(in_force_batch_1()) == 3 * 6 + 7 * 6                # 3 local units and 7 sectors, six quarters


def test_batch_by_sha256_finds_the_loaded_file(fixture_store):
    expect(fixture_store.run("batch_by_sha256", sha256=sha_of(OBS)), ["batch_id", "file_name", "loaded_at"],
           [(1, "small_observations.csv", TS)])


def test_unit_names_lists_the_country_provinces_former_districts_and_communes(fixture_store):
    frame = fixture_store.run("unit_names")
    assert list(frame.columns) == ["code", "name_vi", "name_en", "level", "parent_code", "main_former_district",
                                   "valid_from", "valid_to", "successor_code"]
    got = {r[0]: r for r in rows(frame)}
    assert list(got) == sorted(got)                                   # one row per code, by code
    provinces = ["01", "04", "08", "11", "12", "14", "15", "19", "20", "22", "24", "25", "31", "33", "37", "38",
                 "40", "42", "44", "46", "48", "51", "52", "56", "66", "68", "75", "79", "80", "82", "86", "91",
                 "92", "96"]            # the 34 provinces from 1 July 2025 (vietnam-provinces; copied from a run)
    districts = read_csv(ROOT / "data" / "former_districts.csv")
    communes = read_csv(ROOT / "data" / "commune_main_district.csv")
    assert sorted(got) == sorted(["VN", *provinces, *(d["code"] for d in districts), *(c["code"] for c in communes),
                                  "204"])             # Hoành Bồ, a district until 2019 (data/unit_history.csv)
    assert (len(provinces), len(districts), len(communes)) == (34, 13, 54)
    assert got["VN"] == ("VN", "Cả nước", "Viet Nam", "country", None, None, DAY_1, None, None)
    assert got["22"] == ("22", "Tỉnh Quảng Ninh", "Quang Ninh Province", "province", "VN", None, DAY_1, None, None)
    assert got["01"] == ("01", "Thành phố Hà Nội", "Ha Noi City", "province", "VN", None, DAY_1, None, None)
    for p in provinces:
        assert got[p][3:] == ("province", "VN", None, DAY_1, None, None)
    for d in districts:
        assert got[d["code"]] == (d["code"], d["name_vi"], d["name_en"], "former_district", "22", None,
                                  pd.Timestamp(d["valid_from"]), pd.Timestamp(d["valid_to"]), None)
    assert got["204"] == ("204", "Huyện Hoành Bồ", "Hoanh Bo District", "former_district", "22", None, DAY_1,
                          pd.Timestamp("2019-12-31"), "193")       # merged into Hạ Long city on 1 Jan 2020
    assert got["205"][1:3] == ("Thành phố Đông Triều", "Dong Trieu City")  # its newest name (from 1 Nov 2024)
    assert got["193"][1:3] == ("Thành phố Hạ Long", "Ha Long City")
    for c in communes:
        assert got[c["code"]][3:] == ("commune", "22", c["main_former_district"], pd.Timestamp("2025-07-01"), None,
                                      None)
    for code, (name_vi, name_en, _) in COMMUNES.items():
        assert got[code][1:3] == (name_vi, name_en)
    assert got["06994"][1:3] == ("Đặc khu Vân Đồn", "Van Don Special Zone")


@pytest.fixture
def revised_store(small_store, tmp_path):
    """The fixture store and two more batches: 3 revises two figures of 2025 Q2 to official (KV1 12.3 -> 12.4, so
    TOTAL 111 -> 12.4 + 50 + 38.5 + 10.2 = 111.1, still the sum of its parts) and adds a first figure for 06652 in
    2025 Q3; 4 changes the provincial year target and adds one for 06658."""
    obs = tmp_path / "revision.csv"
    obs.write_text("indicator,unit_code,sector_code,year,quarter,value,vintage\n"
                   "GRDP,22,TOTAL,2025,2,111.1,official\n"
                   "GRDP,22,KV1,2025,2,12.4,official\n"
                   "GRDP,06652,TOTAL,2025,3,40,estimate\n")
    tgt = tmp_path / "targets_revision.csv"
    tgt.write_text("indicator,unit_code,sector_code,year,period,value,scope,source\n"
                   "GRDP,22,TOTAL,2025,Y,14.5,provincial,revised\n"
                   "GRDP,06658,TOTAL,2025,Y,11,provincial,unit target\n")
    ingest.load_observations(small_store, obs, "rev")
    ingest.load_targets(small_store, tgt, "rev")
    return small_store


def test_rollback_changes_gives_the_figures_before_the_batch(revised_store):
    expect(revised_store.run("rollback_changes", batch_id=3),
           ["indicator", "unit_code", "sector_code", "year", "quarter", "value_now", "vintage_now", "value_after",
            "vintage_after"],
           [("GRDP", "06652", "TOTAL", 2025, 3, 40, "estimate", None, None),       # new: nothing after
            ("GRDP", "22", "KV1", 2025, 2, 12.4, "official", 12.3, "preliminary"),
            ("GRDP", "22", "TOTAL", 2025, 2, 111.1, "official", 111, "preliminary")])
    # batch 1 now holds only the figures batch 3 did not replace: 60 - 2
    assert len(revised_store.run("rollback_changes", batch_id=1)) == 58


def test_revised_targets_have_an_old_value_a_later_batch_and_a_rollback(revised_store):
    expect(revised_store.run("rollback_target_changes", batch_id=4),
           ["indicator", "unit_code", "sector_code", "year", "period", "scope", "effective_date", "value_now",
            "value_after"],
           [("GRDP", "06658", "TOTAL", 2025, "Y", "provincial", JAN_1, 11, None),
            ("GRDP", "22", "TOTAL", 2025, "Y", "provincial", JAN_1, 14.5, 14)])
    expect(revised_store.run("target_batches"),
           ["batch_id", "loaded_at", "user_name", "file_name", "row_count", "outcome", "later_batch"],
           [(4, TS, "rev", "targets_revision.csv", 2, "loaded", None),
            (2, TS, "test", "small_targets.csv", 10, "loaded", 4)])         # 4 wrote one of 2's keys
    history = revised_store.run("target_history", indicator="GRDP", year=2025)
    assert rows(history)[:2] == [
        (4, TS, "rev", "targets_revision.csv", "loaded", "06658", "TOTAL", "provincial", "Y", JAN_1, None, 11.0,
         None, "unit target"),
        (4, TS, "rev", "targets_revision.csv", "loaded", "22", "TOTAL", "provincial", "Y", JAN_1, 14.0, 14.5, None,
         "revised")]
    assert len(history) == 2 + 10
    expect(revised_store.run("targets_for_year", indicator="GRDP", year=2025).query("unit_code != '22'"),
           ["unit_code", "sector_code", "period", "scope", "value", "value_high", "source", "effective_date"],
           [("06652", "TOTAL", "Y", "provincial", 12, None, "unit target", JAN_1),
            ("06658", "TOTAL", "Y", "provincial", 11, None, "unit target", JAN_1)])


def test_revised_figures_change_latest_but_not_first(revised_store):
    latest = revised_store.run("cumulative_values", **PARAMS["cumulative_values"])
    first = revised_store.run("cumulative_values", **{**PARAMS["cumulative_values"], "vintage": "first"})
    expect(latest, list(latest.columns), [(111.1, 100.5 + 111.1, 192, 100.5, 100.5)])
    expect(first, list(first.columns), [(109, 100.5 + 109, 192, 100.5, 100.5)])
    expect(revised_store.run("latest_quarter", indicator="GRDP", unit="06652"), ["year", "quarter"], [(2025, 3)])
    expect(revised_store.run("data_version"), ["last_batch", "rolled_back"], [(4, 0)])


def test_write_queries_are_exercised_elsewhere():
    assert WRITES <= set(NAMES)


def test_growth_by_unit_returns_the_communes_with_their_main_district(fixture_store):
    rows = fixture_store.run("growth_by_unit", **PARAMS["growth_by_unit"])
    assert rows["unit_code"].tolist() == ["06652", "06658"]
    assert rows["main_former_district"].tolist() == ["193", "193"]


PARAMS["unit_members"] = dict(parent="22", level="commune")
EXPECTED["unit_members"] = (["code"], [(code,) for code in QN_COMMUNES])


def test_unit_members_of_a_level_and_growth_by_unit_over_them(fixture_store):
    assert len(QN_COMMUNES) == 54
    districts = [d["code"] for d in read_csv(ROOT / "data" / "former_districts.csv")] + ["204"]  # and Hoành Bồ
    assert fixture_store.run("unit_members", parent="22", level="former_district")["code"].tolist() == sorted(
        districts)
    assert fixture_store.run("unit_members", parent="22", level="province").empty
    # no member: no row (an empty list binds on both backends); only the parent's figures are read
    assert fixture_store.run("growth_by_unit", **{**PARAMS["growth_by_unit"], "members": []}).empty
    one = fixture_store.run("growth_by_unit", **{**PARAMS["growth_by_unit"], "members": ["06658"]})
    assert one["unit_code"].tolist() == ["06658"] and one["ytd_contribution_pp"].iloc[0] == pytest.approx(
        (21 + 22 - 20 - 22) / 192 * 100)   # its increase over the province's H1 2024 level, in points


def test_vintage_first_and_latest_differ_only_where_a_quarter_was_revised(fixture_store):
    latest = fixture_store.run("growth_by_sector", **PARAMS["growth_by_sector"]).set_index("sector_code")
    first = fixture_store.run("growth_by_sector", **{**PARAMS["growth_by_sector"], "vintage": "first"})
    first = first.set_index("sector_code")
    assert latest.loc["TOTAL", "quarter_level"] == 111 and first.loc["TOTAL", "quarter_level"] == 109
    assert latest.loc["C", "quarter_level"] == first.loc["C", "quarter_level"] == 27


def test_demo_flag_follows_the_batches(fixture_store):
    assert fixture_store.scalar("demo_loaded") is False


# Annotations and the wall (issue 16, version 8): the writes run in tests/test_annotations.py; on the fixture store
# no annotation yet, the default playlist, and the data version a pack's cover names (the targets file, batch 2).
WRITES |= {"insert_annotation_change", "save_playlist", "remove_playlist"}
PARAMS.update({"annotations_in_force": dict(start=None, end=None)})
EXPECTED.update({
    "annotations_in_force": (["annotation_id", "start_date", "end_date", "title_vi", "title_en", "text_vi", "text_en",
                              "item_kind", "item_code", "source", "changed_by", "changed_at"], []),
    "annotation_history": (["change_id", "annotation_id", "change", "changed_by", "changed_at", "file_name",
                            *(f"{age}_{f}" for f in ("start_date", "end_date", "title_vi", "title_en", "text_vi",
                                                     "text_en", "item_kind", "item_code", "source")
                              for age in ("old", "new"))], []),
    "annotations_version": (["last_change"], [(0,)]),
    "playlists": (["name", "items", "interval_s", "saved_by", "saved_at"],
                  [("mac-dinh", "overview,trajectory,sectors,localities:5,actions", 20, "system", TS)]),
    "pack_provenance": (["batch_id", "file_name", "loaded_at", "rolled_back"], [(2, "small_targets.csv", TS, 0)]),
})


# The nowcast's inputs (issue 17): the province's quarterly GRDP levels in force (2025 Q2: the preliminary 111
# over the estimate 109, as growth_by_sector reads it) and the monthly figures, of which the fixture holds none.
PARAMS.update({"nowcast_quarter_levels": dict(unit="22", sector="TOTAL", vintage="latest"),
               "nowcast_monthly_inputs": dict(unit="22", vintage="latest")})
EXPECTED.update({
    "nowcast_quarter_levels": (["year", "quarter", "value"],
                               [(2024, 1, 90.0), (2024, 2, 102.0), (2024, 3, 114.0), (2024, 4, 144.0),
                                (2025, 1, 100.5), (2025, 2, 111.0)]),
    "nowcast_monthly_inputs": (["indicator", "year", "month", "value"], []),
})
