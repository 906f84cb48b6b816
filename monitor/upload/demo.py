"""Deterministic synthetic demo data for Quang Ninh (province 22): observations, targets, README.

Everything is invented except the figures calibrated to published totals (see README_TEXT).
Internally levels are integer tenths and rates integer hundredths, so parents are exact sums of their
children in the written numbers and no float rounding can break additivity.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

from monitor.upload import demo_monthly  # the monthly indicators the nowcast reads (issue 17)
from monitor.upload import demo_targets as scen  # the quarterly scenario and the national targets (issue 14)
from monitor.upload.validate import VINTAGES

SEED = 20250214
DATA = Path(__file__).resolve().parents[2] / "data"
QS = [(y, q) for y in range(2019, 2026) for q in (1, 2, 3, 4)]  # 28 quarters, index t
OBS_COLUMNS = ["indicator", "unit_code", "sector_code", "year", "quarter", "value", "vintage", "source"]
TARGET_COLUMNS = ["indicator", "unit_code", "sector_code", "year", "period", "value", "scope", "source",
                  "value_high", "effective_date"]
CAL_SOURCE = "synthetic, calibrated to published Quang Ninh growth"
ANNUAL_G = {2020: 6.05, 2021: 10.28, 2022: 10.26, 2023: 10.05, 2024: 8.42}  # province TOTAL, %
YTD_2025 = (10.91, 11.03, 11.66, 11.89)  # published Q1, 6 months, 9 months, year
TOTAL_2024 = 174_300.0  # bn VND at 2010 prices, so that 2025 lands near 195,000
DEFLATOR_2025 = 1.86  # current / constant prices; puts 2025 current-price TOTAL near 365,000
SEAS = (0.90, 0.98, 1.02, 1.10)  # Q1 smallest, Q4 largest (year-end push)
# code: 2024 share %, growth offset vs TOTAL 2020-24 (pts), 2025 growth %, seasonality, relative deflator
SEC = {
    "A": (5.0, -6, -2.5, (0.85, 1.05, 0.92, 1.18), 1.05),  # trend dips; the Yagi base effect lifts 2025
    "B": (20.0, -5, 4.0, (0.95, 1.02, 0.92, 1.11), 1.20),  # coal: rainy Q3, prices high
    "C": (14.0, 6, 20.5, (0.90, 0.98, 1.03, 1.09), 0.85),
    "D": (8.0, 1, 9.0, (0.95, 1.02, 1.05, 0.98), 0.95),
    "E": (1.0, 0, 8.0, SEAS, 1.00),
    "F": (7.0, 2, 15.5, (0.75, 0.95, 1.05, 1.25), 1.05),
    "G": (7.0, 1, 13.0, SEAS, 1.00),
    "H": (6.0, 1, 13.0, (0.93, 1.00, 1.03, 1.04), 0.95),  # ports
    "I": (5.0, 2, 16.0, (0.80, 1.15, 1.20, 0.85), 1.15),  # summer tourism
    "J": (1.0, 0, 10.0, SEAS, 0.90), "K": (2.0, 1, 12.0, SEAS, 1.10),
    "L": (5.0, 0, 8.0, SEAS, 1.30), "M": (1.0, 0, 9.0, SEAS, 1.00),
    "N": (1.0, 0, 10.0, SEAS, 1.00), "O": (3.0, -2, 7.0, SEAS, 1.05),
    "P": (2.5, -2, 8.0, SEAS, 1.05), "Q": (1.5, -1, 9.0, SEAS, 1.05),
    "R": (1.0, 0, 16.0, (0.85, 1.10, 1.15, 0.90), 1.00),
    "S": (0.9, -1, 8.0, SEAS, 1.00), "T": (0.1, -3, 5.0, SEAS, 1.00),
    "TAX": (8.0, 0, 14.0, SEAS, 1.00),
}
# Level shocks (code, year, quarter): Covid 2020-21, typhoon Yagi (Sep 2024), coal output cut early 2025.
SHOCKS = {("I", 2020, 1): 0.85, ("I", 2020, 2): 0.45, ("I", 2020, 3): 0.70, ("R", 2020, 2): 0.50,
          ("H", 2020, 2): 0.85, ("G", 2020, 2): 0.90, ("C", 2020, 2): 0.94, ("TAX", 2020, 2): 0.92,
          ("N", 2020, 2): 0.85, ("I", 2021, 2): 0.75, ("I", 2021, 3): 0.50, ("R", 2021, 3): 0.60,
          ("H", 2021, 3): 0.92, ("A", 2024, 3): 0.88, ("I", 2024, 3): 0.94,
          ("B", 2025, 1): 0.92, ("E", 2025, 2): 0.90}
COAL_PRICE = {2021: 1.05, 2022: 1.18, 2023: 1.10, 2024: 1.06, 2025: 1.05}  # deflator of B
# Former district: size weight, mix KV1/KV2/KV3/TAX, 2025 growth offset (pts), 2024 target growth %
DIST = {"193": (30, (2, 38, 50, 10), 1, 10.0), "194": (6, (6, 22, 58, 14), 2, 9.5),
        "195": (20, (2, 76, 16, 6), -5, 7.0), "196": (9, (3, 70, 21, 6), -5, 7.5),
        "198": (0.8, (45, 20, 32, 3), 1, 8.0), "199": (1.5, (30, 30, 36, 4), 2, 8.5),
        "200": (1.2, (32, 30, 34, 4), 2, 8.5), "201": (3, (20, 50, 26, 4), 2, 9.0),
        "202": (0.6, (55, 15, 28, 2), 1, 8.0), "203": (3.5, (15, 20, 58, 7), 5, 11.0),
        "205": (9, (6, 68, 20, 6), 5, 10.5), "206": (8, (7, 65, 22, 6), 5, 10.5),
        "207": (0.4, (35, 8, 55, 2), 6, 9.0)}
RURAL = {"07054", "07060", "06799", "06862", "06874", "06877", "06886", "06985", "06979", "06970", "06913",
         "06895", "06922", "06946", "06931", "06841", "06856", "06838", "06724", "06733", "06757",
         "06967"}  # xã (rural communes): smaller and farm-heavy
UNIT_SHOCKS = {("06781", (2025, 1), 1): 0.80, ("07192", (2025, 3), 2): 0.85}  # mine stop; typhoon Wipha
# Flow indicators: synthetic annual totals 2019-2024, 2025 total (BUDGET_REV, TOURISTS published), shares
FLOWS = {"BUDGET_REV": ((43400, 40500, 47300, 58600, 51900, 60100, 82235), (0.22, 0.25, 0.24, 0.29)),
         "PUBLIC_INV": ((8000, 9500, 10200, 11800, 12400, 13600, 15200), (0.10, 0.20, 0.25, 0.45)),
         "FDI": ((780, 520, 1950, 1310, 3110, 1540, 1014.6), (0.25, 0.25, 0.25, 0.25)),
         "TOURISTS": ((14000, 8800, 4600, 15000, 15800, 19000, 21280), (0.21, 0.30, 0.30, 0.19))}
FLOW_SHARES = {("BUDGET_REV", 2025): (0.205, 0.245, 0.24, 0.31), ("TOURISTS", 2020): (0.42, 0.12, 0.30, 0.16),
               ("TOURISTS", 2021): (0.38, 0.30, 0.04, 0.28), ("TOURISTS", 2025): (0.22, 0.29, 0.30, 0.19)}
# Rate indicators: year-to-date % y/y at Q4 for 2019-2024; 2025 paths as releases printed them
RATES = {"IIP": ((11.5, 4.2, 9.6, 10.8, 9.1, 7.9), (14.62, 15.48, 16.05, 16.38)),
         "RETAIL": ((12.8, -3.5, -2.1, 22.4, 14.6, 13.2), (17.45, 18.10, 18.32, 18.55)),
         "EXPORTS": ((8.5, -5.2, 12.3, 15.0, 9.8, 11.2), (12.80, 14.10, 15.60, 16.50))}
SECTOR_TARGET_Y = {"KV1": 4.0, "KV2": 16.2, "KV3": 12.6, "TAX": 13.0}  # weighted about 14
# indicator: (Q1, H1, 9M, Y) cumulative plan, source of Y and of H1 (H1 - Q1 = published Q2 plan)
Q2_PLAN = "synthetic; Q2 plan published (báo chí)"
PLANS = {"BUDGET_REV": ((13200, 28112, 42600, 57330), "Dự toán 2025 (báo chí)", Q2_PLAN),
         "PUBLIC_INV": ((1750, 5250, 9625, 17500), "synthetic", "synthetic"),
         "FDI": ((200, 450, 700, 1000), "Mục tiêu 2025 (báo chí)", "synthetic"),
         "TOURISTS": ((4500, 9800, 15400, 20000), "Kế hoạch 2025 (báo chí)", Q2_PLAN)}
GRDP_TARGETS = [("Y", 14.0, "provincial", "Văn bản 2545-CV/TU (02/2025)"),
                ("Y", 12.5, "central", "Nghị quyết 25/NQ-CP (02/2025)"),
                ("Q1", 10.5, "provincial", "Kịch bản tăng trưởng quý I (báo chí)"),
                ("Q2", 12.14, "provincial", "Kịch bản tăng trưởng quý II (báo chí)")]
README_TEXT = """# Demo data (SYNTHETIC)

Written by `monitor/demo.py` (fixed seed, byte-identical on every run): `python -m monitor demo --out data/demo`

- `observations.csv` (`indicator,unit_code,sector_code,year,quarter,value,vintage,source`), 2019 Q1 - 2025 Q4.
  GRDP (constant 2010 prices) and GRDP_CURRENT in bn VND, value of the quarter: province 22 for every sector of
  `data/sectors.csv` in each vintage (estimate, preliminary, official); GRDP TOTAL/KV1/KV2/KV3/TAX of the 54
  communes (all quarters, back-cast) and the 13 former districts (to 2025 Q2, sums of their communes). Parts
  add up exactly at one decimal. BUDGET_REV, PUBLIC_INV (bn VND), FDI (million USD), TOURISTS (thousand) are
  values of the quarter; IIP, RETAIL, EXPORTS are year-to-date % change on the same period of last year.
{targets_csv}
- `owners.csv` (`item_kind,item_code,owner,body,leader_title,leader_name,email`), written by
  `monitor/accountability/demo.py` (`python -m monitor owners write-demo`): who answers for the province, the 13
  former districts, the 54 communes and the 25 sectors. The bodies are the province's real ones (UBND, the
  departments); the leaders' names are INVENTED and the addresses end in `demo.invalid` (they reach no one).
  Loaded by `python -m monitor owners load-demo` (`make run` does) as synthetic rows, with seven actions raised at
  the 2025 Q3 review; every screen shows such owners marked "(minh họa)" / "(demo)".
- `annotations.csv`: NOT synthetic, three real dated events with their sources (chart annotations; `init --demo`).

Everything is SYNTHETIC except what is calibrated to published figures (see the `source` column):
- province GRDP year-to-date growth, latest vintage: 2020-2024 annual rates (2024 8.42%) and 2025 Q1 10.91%,
  6 months 11.03%, 9 months 11.66%, year 11.89%; targets 14% (2545-CV/TU), 12.5% (25/NQ-CP); scenarios Q1 10.5%
  and Q2 12.14% (each the quarter alone);
- budget revenue: 2025 total 82,235 bn VND, plan 57,330, Q2 plan 14,912;
- tourist arrivals: 2025 total 21.28 million, plan 20 million, Q2 plan 5.3 million;
- the FDI goal of about 1 bn USD, RETAIL 6 months 18.1% and EXPORTS about 16.5% in 2025.
Sector and locality splits, vintages, quarterly patterns and all other values are invented.
"""


def _alloc(total: int, w: np.ndarray) -> np.ndarray:
    """Split an integer total by weights with largest remainders, so the parts sum exactly."""
    x = total * w / w.sum()
    out = np.floor(x).astype(np.int64)
    out[np.argsort(out - x, kind="stable")[: total - int(out.sum())]] += 1
    return out


def _split(total: int, raw: np.ndarray) -> np.ndarray:
    """Scale sections A..T plus TAX (last) to the total; TAX absorbs the rounding."""
    out = np.rint(raw * total / raw.sum()).astype(np.int64)
    out[-1] = total - out[:-1].sum()
    return out


def _vintages(y: int, q: int) -> tuple[str, ...]:
    """Releases of a quarter, oldest first: final to 2023, three releases for 2024, 2025 not yet final."""
    return VINTAGES[2:] if y <= 2023 else VINTAGES if y == 2024 else VINTAGES[: 1 if q == 4 else 2]


def _province(rng: np.random.Generator, codes: list[str]) -> tuple[np.ndarray, list[dict]]:
    """Latest constant-price parts (28 x 21, tenths) and per quarter {vintage: (constant, current)}."""
    w, off, g25, seas, rel = (np.array([SEC[c][i] for c in codes], float) for i in range(5))
    trend = {2024: w, 2025: w * (1 + g25 / 100)}
    annual = {2024: TOTAL_2024}
    for y in range(2023, 2018, -1):
        trend[y] = trend[y + 1] / (1 + (ANNUAL_G[y + 1] + off) / 100)
        annual[y] = annual[y + 1] / (1 + ANNUAL_G[y + 1] / 100)
    raw = np.array([trend[y] * seas[:, q - 1] * [SHOCKS.get((c, y, q), 1.0) for c in codes] for y, q in QS])
    raw *= np.exp(rng.normal(0, 0.012, raw.shape))
    # TOTAL: annual levels follow published rates, quarters follow the raw seasonal pattern
    yearly = raw.sum(1).reshape(7, 4)
    total = [round(annual[y] * yearly[y - 2019, q - 1] / yearly[y - 2019].sum() * 10) for y, q in QS[:24]]
    prev, cum = total[20:24], 0
    for q in range(4):  # solve 2025 sequentially so each cumulative rate is exact
        total.append(round((1 + YTD_2025[q] / 100) * sum(prev[: q + 1]) - cum))
        cum += total[-1]
    latest = np.array([_split(total[t], raw[t]) for t in range(len(QS))])
    rel /= rel @ w / w.sum()  # relative deflators average 1 on the 2024 structure
    out = []
    for t, (y, q) in enumerate(QS):
        defl = DEFLATOR_2025 / 1.035 ** (2025 - y) * (1 + 0.035 * (q - 2.5) / 4) * rel
        defl[codes.index("B")] *= COAL_PRICE.get(y, 1.0)
        defl *= np.exp(rng.normal(0, 0.004, len(codes)))
        by_v = {}
        for v in _vintages(y, q):
            if v == _vintages(y, q)[-1]:
                const = latest[t]
            else:  # earlier releases a few tenths of a percent lower, revised up later
                factor = 1 - rng.uniform(0.002, 0.0045) if v == "estimate" else 1 - rng.uniform(0.0005, 0.002)
                parts = latest[t] * (1 + rng.normal(0, 0.004, len(codes)))
                const = _split(round(total[t] * factor), parts)
            by_v[v] = (const, np.rint(const * defl).astype(np.int64))
        out.append(by_v)
    return latest, out


def _tree(parts: np.ndarray, codes: list[str], parent: dict[str, str]) -> dict[str, int]:
    """Sections + TAX -> every sector code; parents are integer sums of their children."""
    vals = dict(zip(codes, (int(x) for x in parts)))
    for c in codes:
        if parent[c] != "TOTAL":
            vals[parent[c]] = vals.get(parent[c], 0) + vals[c]
    vals["TOTAL"] = sum(vals[k] for k in ("KV1", "KV2", "KV3", "TAX"))
    return vals


def _communes(rng: np.random.Generator, codes: list[str], dist: list[str], prov: np.ndarray) -> np.ndarray:
    """Allocate province KV1, KV2, KV3, TAX (28 x 4, tenths) to communes: (communes x 28 x 4)."""
    n, d = len(codes), np.array(dist)
    rural = np.array([c in RURAL for c in codes])
    wc = rng.gamma(3.0, size=n) * np.where(rural, 0.35, 1.0)
    for k in sorted(set(dist)):
        wc[d == k] /= wc[d == k].sum()
    mix = np.array([DIST[k][1] for k in dist], float)
    mix[rural] *= [2.5, 0.7, 0.8, 0.6]
    base = (np.array([DIST[k][0] for k in dist]) * wc)[:, None] * mix * np.exp(rng.normal(0, 0.2, (n, 4)))
    drift = rng.normal(0, 0.015, (n, 6))  # relative yearly growth 2020..2025
    drift[:, 5] = np.array([DIST[k][2] for k in dist]) / 100 + rng.normal(0, 0.025, n)
    level = np.hstack([np.ones((n, 1)), np.cumprod(1 + drift, axis=1)]).repeat(4, axis=1)
    raw = base[:, None, :] * level[:, :, None] * np.exp(rng.normal(0, 0.015, (n, len(QS), 4)))
    for (c, yq, k), f in UNIT_SHOCKS.items():
        raw[codes.index(c), QS.index(yq), k] *= f
    return np.stack([np.stack([_alloc(prov[t, k], raw[:, t, k]) for k in range(4)], 1) for t in range(len(QS))], 1)


def _write(path: Path, header: list[str], rows: list[tuple]) -> int:
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([header, *rows])
    return len(rows)


def _grdp_rows(rng: np.random.Generator, sectors: pd.DataFrame, cm: pd.DataFrame) -> list[tuple]:
    """Province GRDP and GRDP_CURRENT for every sector and vintage; communes and former districts."""
    parent = dict(zip(sectors["code"], sectors["parent_code"]))
    codes = [c for c in sectors["code"] if c in SEC and c != "TAX"] + ["TAX"]
    latest, prov = _province(rng, codes)
    rows = []
    for t, (y, q) in enumerate(QS):
        for v, (const, cur) in prov[t].items():
            for ind, parts in (("GRDP", const), ("GRDP_CURRENT", cur)):
                for s, val in _tree(parts, codes, parent).items():
                    cal = ind == "GRDP" and s == "TOTAL" and y >= 2024 and v == _vintages(y, q)[-1]
                    rows.append((ind, "22", s, y, q, val, v, CAL_SOURCE if cal else "synthetic"))
    kv = ["KV1", "KV2", "KV3", "TAX"]
    prov_kv = np.array([[_tree(p, codes, parent)[k] for k in kv] for p in latest])
    dist = cm["main_former_district"]
    units = _communes(rng, cm["code"].tolist(), dist.tolist(), prov_kv)
    by_district = {d: units[(dist == d).to_numpy()].sum(0) for d in sorted(set(dist))}
    for unit, arr in [*zip(cm["code"], units), *by_district.items()]:
        # communes are back-cast over all quarters; districts end with their abolition on 30 June 2025
        for t, (y, q) in enumerate(QS if len(unit) == 5 else QS[: QS.index((2025, 2)) + 1]):
            vals = dict(zip(kv, (int(x) for x in arr[t])), TOTAL=int(arr[t].sum()))
            rows += [("GRDP", unit, s, y, q, vals[s], _vintages(y, q)[-1], "synthetic") for s in vals]
    return rows


def _other_rows(rng: np.random.Generator) -> list[tuple]:
    """Flow indicators (value of the quarter, tenths) and rate indicators (YTD %, hundredths)."""
    rows = []
    for ind, (annual, shares) in FLOWS.items():
        for i, y in enumerate(range(2019, 2026)):
            noise = np.exp(rng.normal(0, 0.3 if ind == "FDI" else 0.06, 4))  # FDI registrations are lumpy
            sh = np.array(FLOW_SHARES.get((ind, y)) or np.array(shares) * noise)
            for q, val in enumerate(_alloc(round(annual[i] * 10), sh), 1):
                rows.append((ind, "22", "TOTAL", y, q, int(val), _vintages(y, q)[-1], "synthetic"))
    for ind, (hist, path25) in RATES.items():
        for i, y in enumerate(range(2019, 2026)):
            a = -5.0 if y == 2020 else rng.normal(0, 2)  # 2020: Covid drags the early months
            path = path25 if y == 2025 else [hist[i] + (a + rng.normal(0, 0.3)) * f for f in (1, .6, .3, 0)]
            rows += [(ind, "22", "TOTAL", y, q, round(p * 100), _vintages(y, q)[-1], "synthetic")
                     for q, p in enumerate(path, 1)]
    return rows


def _targets(rng: np.random.Generator, cm: pd.DataFrame, levels_2024: dict[int, float]) -> list[tuple]:
    """GRDP growth targets (province, sectors, units, the nation) and cumulative 2025 plans."""
    quarters, path = scen.quarter_scenarios(levels_2024)
    g = [("GRDP", "22", "TOTAL", 2025, *r) for r in GRDP_TARGETS]
    g += [("GRDP", "22", "TOTAL", 2025, p, quarters[p], "provincial", "synthetic") for p in ("Q3", "Q4")]
    for s, y_target in SECTOR_TARGET_Y.items():  # sector paths ramp up like the province's cumulative path
        g += [("GRDP", "22", s, 2025, p, round(y_target * path[p] / 14.0, 2), "provincial", "synthetic")
              for p in scen.CUMULATIVE]
    for c, d in zip(cm["code"], cm["main_former_district"]):
        val = float(np.clip(12.5 + DIST[d][2] * 0.4 + rng.normal(0, 1.0), 10, 16))
        g.append(("GRDP", c, "TOTAL", 2025, "Y", round(val, 1), "provincial", "synthetic"))
    g += [("GRDP", d, "TOTAL", 2024, "Y", v[3], "provincial", "synthetic") for d, v in DIST.items()]
    rows = [(*r[:5], f"{r[5]:.2f}", *r[6:], "", "") for r in g]
    rows += [("GRDP", unit, "TOTAL", y, "Y", *r) for unit, y, *r in scen.OTHER_TARGETS]
    for ind, (plan, y_source, h1_source) in PLANS.items():
        for p, v in zip(scen.CUMULATIVE, plan):
            source = y_source if p == "Y" else h1_source if p == "H1" else "synthetic"
            rows.append((ind, "22", "TOTAL", 2025, p, f"{v:.1f}", "provincial", source, "", ""))
    return rows


def generate(out_dir: Path) -> dict[str, int]:
    """Write observations.csv, targets.csv and README.md into out_dir; return CSV row counts."""
    rng = np.random.default_rng(SEED)
    read = {"dtype": str, "keep_default_na": False}
    sectors = pd.read_csv(DATA / "sectors.csv", **read)
    indicators = pd.read_csv(DATA / "indicators.csv", **read)
    cm = pd.read_csv(DATA / "commune_main_district.csv", **read)
    rows = _grdp_rows(rng, sectors, cm) + _other_rows(rng)
    kind = dict(zip(indicators["code"], indicators["kind"]))
    order = dict(zip(indicators["code"], indicators["sort_order"].astype(int)))
    sorder = dict(zip(sectors["code"], sectors["sort_order"].astype(int)))
    # province, then districts, then communes; vintages in release order
    rows.sort(key=lambda r: (order[r[0]], len(r[1]), r[1], sorder[r[2]], r[3], r[4], VINTAGES.index(r[6])))
    obs = [(*r[:5], f"{r[5] / 100:.2f}" if kind[r[0]] == "rate" else f"{r[5] / 10:.1f}", *r[6:]) for r in rows]
    out_dir.mkdir(parents=True, exist_ok=True)
    levels = scen.levels_2024(rows, {q: _vintages(2024, q)[-1] for q in (1, 2, 3, 4)})
    counts = {"observations.csv": _write(out_dir / "observations.csv", OBS_COLUMNS, obs),
              "targets.csv": _write(out_dir / "targets.csv", TARGET_COLUMNS, _targets(rng, cm, levels))}
    counts["observations_monthly.csv"] = demo_monthly.write(out_dir, obs)
    readme = README_TEXT.replace("{targets_csv}", scen.readme(levels))
    readme = demo_monthly.readme(readme)
    (out_dir / "README.md").write_text(readme, encoding="utf-8", newline="\n")
    return counts
