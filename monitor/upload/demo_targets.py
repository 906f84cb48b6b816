"""The demo's scenario and national targets (issue 14), for monitor/upload/demo.py.

The province's GRDP scenario is quarterly: Q1 10.5% and Q2 12.14% (each that quarter alone) as published; Q3 and Q4
are SYNTHETIC, one rate for both so that the year reaches 14% with 2024's quarters as weights. The nation's targets
are REAL, with their documents and the days they took effect.
"""

from __future__ import annotations

from monitor.core.scenarios import cumulative_from_quarters

QUARTER_SCENARIO = {"Q1": 10.5, "Q2": 12.14}
CUMULATIVE = ("Q1", "H1", "9M", "Y")
ANNUAL = 14.0
# (year, value, scope, document, top of the range, effective date)
NATIONAL_TARGETS = [(2024, "6.00", "central", "Nghị quyết 01/NQ-CP ngày 05/01/2024", "6.50", "2024-01-05"),
                    (2025, "8.00", "central", "Nghị quyết 25/NQ-CP ngày 05/02/2025", "", "2025-02-08"),
                    (2025, "8.30", "central", "Nghị quyết 226/NQ-CP ngày 05/08/2025", "8.50", "2025-08-05")]
# SYNTHETIC: 2025's annual targets carried to 2026, so that the overview's model estimate of 2026's first quarter
# (issue 17) has a year to be judged against; no 2026 target of the province is in the demo's sources
NEXT_YEAR = [(2026, "14.00", "provincial", "Minh họa (giả lập): mục tiêu 2025 dùng tạm cho 2026", "", ""),
             (2026, "12.50", "central", "Minh họa (giả lập): mục tiêu 2025 dùng tạm cho 2026", "", "")]
OTHER_TARGETS = [("VN", *t) for t in NATIONAL_TARGETS] + [("22", *t) for t in NEXT_YEAR]  # annual GRDP targets
README = (
    "- `targets.csv`"
    """ (`indicator,unit_code,sector_code,year,period,value,scope,source,value_high,effective_date`): period
  Q2/Q3/Q4 a quarter alone, H1/9M/Y cumulative to its end (Q1 both); scope provincial or central; GRDP values are
  growth %, plan indicators the plan value; value_high the top of a range, effective_date the day a target took
  effect (empty: 1 January). The province's GRDP scenario is quarterly: Q1 10.5% and Q2 12.14% as published, Q3 and
  Q4 SYNTHETIC ({q3}% each, computed so that 2024's quarters grown at Q1-Q4 make the year 14%: the cumulative path
  is then Q1 10.5%, 6 months {h1}%, 9 months {m9}%, year 14%). The sectors' paths are synthetic and cumulative
  (the province's cumulative path scaled to each sector's annual target). REAL: the national GDP targets of unit
  VN, 6-6.5% for 2024 (Nghị quyết 01/NQ-CP, 5 January 2024) and for 2025 8% (Nghị quyết 25/NQ-CP, in force from
  8 February 2025), raised to 8.3-8.5% by Nghị quyết 226/NQ-CP (in force from 5 August 2025). SYNTHETIC: the
  province's 2026 GRDP targets (14% provincial, 12.5% central) are 2025's carried over, so that the model estimate
  of 2026's first quarter has a year to be judged against; they are not published 2026 targets."""
)


def levels_2024(rows: list[tuple], last_vintage: dict[int, str]) -> dict[int, float]:
    """The province's 2024 GRDP by quarter in its last release (the weights the store will use), in bn VND; rows in
    demo.py's internal form (levels in integer tenths)."""
    return {r[4]: r[5] / 10 for r in rows
            if r[:4] == ("GRDP", "22", "TOTAL", 2024) and r[6] == last_vintage[r[4]]}


def quarter_scenarios(levels: dict[int, float]) -> tuple[dict[str, float], dict[str, float]]:
    """The province's quarter scenarios (Q3 = Q4 = the one rate that makes the year 14%, rounded to 2 decimals) and
    the cumulative path they give with 2024's quarters as weights."""
    q12 = sum(levels[q] * (1 + QUARTER_SCENARIO[f"Q{q}"] / 100) for q in (1, 2))
    rest = ((1 + ANNUAL / 100) * sum(levels.values()) - q12) / (levels[3] + levels[4]) * 100 - 100
    quarters = {**QUARTER_SCENARIO, "Q3": round(rest, 2), "Q4": round(rest, 2)}
    path = cumulative_from_quarters(levels, {q: quarters[f"Q{q}"] for q in (1, 2, 3, 4)})
    return quarters, {p: path[q] for q, p in enumerate(CUMULATIVE, 1)}


def readme(levels: dict[int, float]) -> str:
    quarters, path = quarter_scenarios(levels)
    return README.format(q3=f"{quarters['Q3']:.2f}", h1=f"{path['H1']:.2f}", m9=f"{path['9M']:.2f}")
