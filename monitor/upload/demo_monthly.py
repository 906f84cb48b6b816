"""Synthetic monthly indicators for Quang Ninh (unit 22), consistent with the demo's quarterly GRDP.

Written by the demo generator (demo.py) as data/demo/observations_monthly.csv with its own seed, so the quarterly
files stay byte-identical. Each month's growth on the same month last year follows the growth of the quarter's
sector that the indicator measures (IIP and exports: industry and construction KV2; retail sales: services KV3;
tourist arrivals: accommodation and food I), times a slope, plus a persistent (AR(1)) monthly noise; the levels
chain from a 2018 base with a monthly seasonal pattern. January and February 2026 continue the last quarter's
growth: they stand for "this quarter's" first months, before its GRDP exists. All synthetic, labelled so.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

SEED = 20260130
COLUMNS = ["indicator", "unit_code", "sector_code", "year", "month", "value", "vintage", "source"]
LAST = (2026, 2)  # the demo's latest month
# indicator: (sector it follows, slope, intercept pts, noise sd pts, 2018 base level of January, seasonal by month)
SERIES = {
    "IIP_INDEX": ("KV2", 1.25, -1.0, 1.2, 118.0, (0.92, 0.80, 1.00, 0.98, 1.01, 1.02, 1.00, 1.01, 1.02, 1.03,
                                                   1.05, 1.10)),
    "EXPORTS_USD": ("KV2", 1.6, 1.5, 3.0, 310.0, (0.85, 0.75, 1.00, 0.98, 1.00, 1.02, 1.02, 1.04, 1.04, 1.05,
                                                  1.08, 1.15)),
    "RETAIL_VND": ("KV3", 1.15, 4.0, 1.3, 5200.0, (1.05, 1.12, 0.95, 0.95, 0.97, 0.98, 1.00, 1.00, 0.98, 0.99,
                                                   1.00, 1.08)),
    "TOURISTS": ("I", 1.0, 2.0, 2.5, 780.0, (1.10, 1.05, 0.80, 0.95, 1.15, 1.45, 1.55, 1.30, 0.80, 0.75, 0.70,
                                             0.75)),
}


README_NOTE = """- `observations_monthly.csv` (`indicator,unit_code,sector_code,year,month,value,vintage,source`),
  2018-01 - 2026-02, SYNTHETIC, written by `monitor/upload/demo_monthly.py`: unit 22's IIP (index), exports
  (million USD), retail sales (bn VND) and tourist arrivals (thousand), values of the month, whose growth on the
  same month last year follows the quarter's growth of KV2 (IIP, exports), KV3 (retail) and section I (tourists)
  plus noise. January and February 2026 stand for this quarter's first months: the nowcast estimates 2026 Q1 from
  them.
"""


def _quarter_growth(obs: list[tuple]) -> dict[tuple[str, int, int], float]:
    """Growth of unit 22's sectors (latest vintage of each quarter) on the same quarter last year, %."""
    level: dict[tuple[str, int, int], float] = {}
    for ind, unit, sector, year, quarter, value, *_ in obs:  # rows come in release order: the last vintage wins
        if ind == "GRDP" and unit == "22":
            level[sector, int(year), int(quarter)] = float(value)
    return {(s, y, q): v / level[s, y - 1, q] * 100 - 100 for (s, y, q), v in level.items()
            if (s, y - 1, q) in level}


def _vintage(year: int) -> str:
    return "official" if year <= 2024 else "preliminary" if year == 2025 else "estimate"


def rows(obs: list[tuple]) -> list[tuple]:
    """The monthly rows, 2018-01 to LAST, one decimal."""
    rng = np.random.default_rng(SEED)
    growth = _quarter_growth(obs)
    months = [(y, m) for y in range(2018, LAST[0] + 1) for m in range(1, 13) if (y, m) <= LAST]
    out = []
    for ind, (sector, slope, intercept, sd, base, seas) in SERIES.items():
        level: dict[tuple[int, int], float] = {}
        noise = 0.0
        for y, m in months:
            q = (m - 1) // 3 + 1
            noise = 0.5 * noise + rng.normal(0, sd)
            if y == 2018:
                level[y, m] = base * seas[m - 1] * (1 + rng.normal(0, 0.01))
                continue
            g = growth.get((sector, y, q), growth.get((sector, y - 1, 4), 8.0))  # 2019, 2026: carried forward
            level[y, m] = level[y - 1, m] * (1 + (intercept + slope * g + noise) / 100)
        out += [(ind, "22", "TOTAL", y, m, f"{level[y, m]:.1f}", _vintage(y), "synthetic") for y, m in months]
    return out


def write(out_dir: Path, obs: list[tuple]) -> int:
    """Write observations_monthly.csv beside the quarterly file; return its row count."""
    found = rows(obs)
    with open(out_dir / "observations_monthly.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        w.writerows(found)
    return len(found)


def readme(text: str) -> str:
    """The demo README with the monthly file described before the owners' file."""
    return text.replace("- `owners.csv`", README_NOTE + "- `owners.csv`", 1)
