"""Revisions: every release of a quarter's figure, as published, and how much releases move figures.

A release is a vintage of a quarter's figure from one batch (queries/revisions.sql): estimate -> preliminary ->
official, and later revisions of the same vintage from later batches, in precedence order (vintage_rank, then
batch). Its growth is computed as published: with the figures in force when its batch was loaded. A release's
revision is its growth minus the previous release's, in percentage points; the mean absolute revision of a stage
(estimate -> preliminary, preliminary -> official, official -> official for a later revision) averages those over
every quarter of the series. Numbers and codes only: statistics/views.py writes the words.
"""

from __future__ import annotations

from monitor.core.store import Store

FIGURES = ("quarter_growth_pct", "ytd_growth_pct")


def _diff(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b


def releases(store: Store, indicator: str, unit: str, sector: str = "TOTAL", year: int | None = None,
             quarter: int | None = None) -> list[dict]:
    """Every release of the series (or of one year and quarter) with its revision on the release before and on
    the first release of the same quarter."""
    rows = store.records("revisions", indicator=indicator, unit=unit, sector=sector, year=year, quarter=quarter)
    out, first, before = [], {}, {}
    for r in rows:
        period = (r["year"], r["quarter"])
        prev = before.get(period)
        start = first.setdefault(period, r)
        out.append({
            "year": r["year"], "quarter": r["quarter"], "vintage": r["vintage"], "batch_id": r["batch_id"],
            "file_name": r["file_name"], "published": r["published"], "synthetic": bool(r["synthetic"]),
            "quarter_level": r["quarter_level"],
            "quarter_growth_pct": r["quarter_growth_pct"], "ytd_growth_pct": r["ytd_growth_pct"],
            "stage": None if prev is None else f"{prev['vintage']}->{r['vintage']}",
            **{f"{f.removesuffix('_pct')}_revision_pp": None if prev is None else _diff(r[f], prev[f])
               for f in FIGURES},
            "quarter_growth_revision_from_first_pp": None if prev is None else _diff(
                r["quarter_growth_pct"], start["quarter_growth_pct"]),
        })
        before[period] = r
    return out


def mean_absolute_revisions(rows: list[dict]) -> list[dict]:
    """Per release stage ('estimate->preliminary', ...): the mean absolute revision of quarter growth and of
    year-to-date growth, in points, and the number of quarters it averages."""
    stages: dict[str, dict[str, list[float]]] = {}
    for r in rows:
        if r["stage"] is None:
            continue
        found = stages.setdefault(r["stage"], {f: [] for f in FIGURES})
        for f in FIGURES:
            value = r[f"{f.removesuffix('_pct')}_revision_pp"]
            if value is not None:
                found[f].append(abs(value))
    order = {"estimate": 1, "preliminary": 2, "official": 3}
    return [{
        "stage": stage,
        "quarters": len(found["quarter_growth_pct"]),
        "mean_abs_quarter_growth_revision_pp": (sum(found["quarter_growth_pct"]) / len(found["quarter_growth_pct"])
                                                if found["quarter_growth_pct"] else None),
        "mean_abs_ytd_growth_revision_pp": (sum(found["ytd_growth_pct"]) / len(found["ytd_growth_pct"])
                                            if found["ytd_growth_pct"] else None),
    } for stage, found in sorted(stages.items(), key=lambda kv: tuple(order[v] for v in kv[0].split("->")))]


def report(store: Store, indicator: str, unit: str, year: int, quarter: int, sector: str = "TOTAL") -> dict:
    """The releases of one quarter, and the mean absolute revision by stage over the whole series."""
    every = releases(store, indicator, unit, sector)
    return {
        "indicator": indicator, "unit_code": unit, "sector_code": sector, "year": year, "quarter": quarter,
        "releases": [r for r in every if (r["year"], r["quarter"]) == (year, quarter)],
        "mean_absolute_revision": mean_absolute_revisions(every),
    }
