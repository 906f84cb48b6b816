"""Display-ready pieces of the what-if, shortfall and targets screens (labels, formatted numbers, HTML).

Pure functions, so the pages only lay them out and tests read exactly what a leader sees.
"""

from __future__ import annotations

import html

import pandas as pd

from monitor.core import i18n
from monitor.core.reference import Labels
from monitor.core.theme import STATUS_STYLE

STYLE = """<style>
.gm-wi-big { font-size: 3.6rem; font-weight: 800; line-height: 1.05; color: #0B1F3A; }
.gm-wi-label { font-size: 1.25rem; font-weight: 600; color: #1A1A1A; }
.gm-wi-card { border: 2px solid #B8BEC6; border-radius: 10px; padding: 0.45rem 0.8rem; margin-bottom: 0.5rem; }
.gm-wi-card b { font-size: 1.5rem; color: #0B1F3A; white-space: nowrap; }
.gm-wi-card div { font-size: 1.05rem; color: #1A1A1A; }
.gm-wi-card .gm-wi-card-title { font-size: 1.15rem; font-weight: 700; color: #0B1F3A; }
.gm-wi-table { width: 100%; border-collapse: collapse; font-size: 1.1rem; color: #1A1A1A; }
.gm-wi-table th { text-align: left; border-bottom: 2px solid #0B1F3A; padding: 0.25rem 0.4rem; }
.gm-wi-table td { border-bottom: 1px solid #E3E6EA; padding: 0.25rem 0.4rem; }
.gm-wi-table td.num, .gm-wi-table th.num { text-align: right; white-space: nowrap; width: 1%; }
.gm-wi-table th.num { white-space: normal; min-width: 7rem; }
.gm-wi-table tr.total td { font-weight: 700; border-top: 2px solid #0B1F3A; }
.gm-wi-flag { font-weight: 700; white-space: nowrap; }
.gm-wi-rowname { font-size: 1.1rem; font-weight: 600; padding-top: 0.45rem; }
</style>"""


def _flag(ok: bool | None, yes_key: str, no_key: str, lang: str) -> str:
    style = STATUS_STYLE["no_data" if ok is None else "on_track" if ok else "lagging"]
    word = "–" if ok is None else i18n.t(yes_key if ok else no_key, lang)
    return (f'<span class="gm-wi-flag" style="color:{style["color"]}">{style["icon"]} '
            f'{html.escape(word)}</span>')


def table_html(headers: list[tuple[str, bool]], rows: list[list[str]], testid: str, total: list[str] | None = None
               ) -> str:
    """headers: (label, numeric); cells are already escaped or formatted."""
    head = "".join(f'<th class="{"num" if num else ""}">{html.escape(h)}</th>' for h, num in headers)
    nums = [num for _, num in headers]
    body = "".join("<tr>" + "".join(f'<td class="{"num" if n else ""}">{c}</td>' for c, n in zip(r, nums)) + "</tr>"
                   for r in rows)
    if total:
        body += '<tr class="total">' + "".join(f'<td class="{"num" if n else ""}">{c}</td>'
                                               for c, n in zip(total, nums)) + "</tr>"
    return f'<table class="gm-wi-table" data-testid="{testid}"><tr>{head}</tr>{body}</table>'


def named(report: dict, labels: Labels) -> dict:
    """A what-if or shortfall report with the names of its sectors or localities in the reader's language
    (`names`, in the report's order)."""
    if report.get("by") == "unit":
        codes, names = [i["code"] for i in report["items"]], labels.unit
    else:
        codes, names = report.get("codes") or [i["code"] for i in report["items"]], labels.sector
    return {**report, "names": {c: names.get(c, c) for c in codes}}


def as_of_options(latest: tuple[int, int]) -> list[tuple[int, int]]:
    """As-of quarters with a quarter left to simulate, newest first: Q1-Q3 of the latest year and the one before."""
    year, quarter = latest
    return [(y, q) for y in (year, year - 1) for q in (3, 2, 1) if (y, q) <= (year, quarter)]


def headline(report: dict, lang: str) -> dict:
    """The projected annual growth and, per target, the distance and the uniform growth the rest needs."""
    year, quarter = report["year"], report["quarter"]
    cards = []
    for t in report["targets"]:
        ok = t["distance_pp"] >= 0
        required = report["required_rest_of_year_pct"].get(t["scope"])
        cards.append({
            "scope": t["scope"],
            "title": i18n.t("whatif.card_title", lang, scope=i18n.t(f"scope.{t['scope']}.short", lang),
                            value=i18n.pct(t["annual_pct"], lang, 1)),
            "flag": _flag(ok, "whatif.reached", "whatif.short", lang),
            "distance": i18n.pp(t["distance_pp"], lang),
            "required": i18n.t("whatif.required_all", lang, rest=i18n.rest_label(quarter, lang),
                               value=i18n.pct(required, lang, 1)),
        })
    return {
        "label": i18n.t("whatif.projected_label", lang, year=year),
        "projected": i18n.pct(report["projected_annual_pct"], lang),
        "cards": cards,
    }


def contributions_html(report: dict, lang: str) -> str:
    quarter = report["quarter"]
    rows = [[html.escape(f'{s["sector_code"]} · {report["names"][s["sector_code"]]}'),
             i18n.pct(s["assumed_growth_pct"], lang, 1), i18n.pp(s["contribution_pp"], lang)]
            for s in report["sectors"]]
    total = [html.escape(i18n.t("whatif.total", lang)), "",
             i18n.pp(sum(s["contribution_pp"] for s in report["sectors"]), lang)]
    headers = [(i18n.t("whatif.col.sector", lang), False),
               (i18n.t("whatif.col.assumed", lang, rest=i18n.rest_label(quarter, lang)), True),
               (i18n.t("whatif.col.contribution", lang), True)]
    return table_html(headers, rows, "gm-wi-contrib", total)


def default_solve(report: dict) -> str:
    """The sector the solve box starts on: the one that adds most to growth."""
    return max(report["sectors"], key=lambda s: s["contribution_pp"])["sector_code"]


def solve_lines(report: dict, lang: str) -> list[str]:
    """'KV2 would need 20,9% in the second half for the province's 14%' per target."""
    rest = i18n.rest_label(report["quarter"], lang)
    annual = {t["scope"]: t["annual_pct"] for t in report["targets"]}
    first, last = report["record_years"]
    return [i18n.t("whatif.solve_line", lang, code=s["sector_code"], name=report["names"][s["sector_code"]],
                   value=i18n.pct(s["required_growth_pct"], lang, 1), rest=rest,
                   scope=i18n.t(f"scope.{s['scope']}.short", lang), target=i18n.pct(annual[s["scope"]], lang, 1),
                   record=i18n.pct(report["record_5y_pct"].get(s["sector_code"]), lang, 1), first=first, last=last)
            for s in report.get("solve", [])]


def shortfall_summary(sf: dict, lang: str) -> str:
    gap = sf["shortfall_pp"][sf["scope"]]
    if gap <= 0:
        return i18n.t("whatif.sf.none", lang, scope=i18n.t(f"scope.{sf['scope']}.short", lang))
    return i18n.t("whatif.sf.summary", lang, value=i18n.pp(gap, lang, signed=False),
                  scope=i18n.t(f"scope.{sf['scope']}.short", lang),
                  projected=i18n.pct(sf["projected_annual_pct"], lang), first=sf["record_years"][0],
                  last=sf["record_years"][1])


def shortfall_html(sf: dict, lang: str) -> str:
    rest = i18n.rest_label(sf["quarter"], lang)
    rows = [[html.escape(f'{i["code"]} · {sf["names"].get(i["code"], "")}'), i18n.pp(i["extra_pp"], lang),
             i18n.pct(i["implied_growth_pct"], lang, 1), i18n.pct(i["max_growth_5y_pct"], lang, 1),
             _flag(i["plausible"], "whatif.sf.plausible", "whatif.sf.beyond", lang)] for i in sf["items"]]
    headers = [(i18n.t("whatif.col.sector" if sf["by"] == "sector" else "whatif.col.unit", lang), False),
               (i18n.t("whatif.col.extra", lang), True),
               (i18n.t("whatif.col.implied", lang, rest=rest), True),
               (i18n.t("whatif.col.record", lang, first=sf["record_years"][0], last=sf["record_years"][1]), True),
               (i18n.t("whatif.col.plausible", lang), False)]
    total = [html.escape(i18n.t("whatif.total", lang)),
             i18n.pp(sum(i["extra_pp"] or 0 for i in sf["items"]), lang), "", "", ""]
    return table_html(headers, rows, f"gm-wi-shortfall-{sf['by']}", total)


def history_frame(history: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The change log as the targets page shows it: formatted numbers, labelled columns."""
    col = lambda k: i18n.t(f"whatif.targets.col.{k}", lang)  # noqa: E731
    state = {"loaded": i18n.t("whatif.targets.in_force", lang), "rolled_back": i18n.t("whatif.targets.undone", lang)}
    return pd.DataFrame({
        col("batch"): history["batch_id"].astype(int),
        col("when"): history["loaded_at"].dt.strftime("%Y-%m-%d %H:%M"),
        col("who"): history["user_name"],
        col("target"): history["unit_code"] + " / " + history["sector_code"] + " / "
        + history["scope"].map(lambda s: i18n.t(f"scope.{s}.short", lang)) + " / " + history["period"],
        col("old"): [i18n.number(v, lang) for v in history["old_value"]],
        col("new"): [i18n.number(v, lang) for v in history["new_value"]],
        col("source"): history["source"].fillna(""),
        col("state"): history["outcome"].map(state),
    })


def revertible(batches: pd.DataFrame) -> list[int]:
    """Batches of targets that can be undone: loaded, not empty, no later change of the same targets."""
    ok = batches[(batches["outcome"] == "loaded") & (batches["row_count"] > 0) & batches["later_batch"].isna()]
    return [int(b) for b in ok["batch_id"]]


def batch_label(batches: pd.DataFrame, batch_id: int, lang: str) -> str:
    b = batches[batches["batch_id"] == batch_id].iloc[0]
    return i18n.t("whatif.targets.batch_label", lang, batch=batch_id, when=f"{b['loaded_at']:%Y-%m-%d %H:%M}",
                  who=b["user_name"], file=b["file_name"], rows=int(b["row_count"]))


def grid_labels(grid: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The targets grid with the scope in words (provincial -> Tỉnh) for the screen."""
    return grid.assign(scope=grid["scope"].map(lambda s: i18n.t(f"scope.{s}.short", lang)))


def grid_text(grid: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The read-only targets table: numbers in the reader's format, a dash where a period has no target."""
    out = grid_labels(grid, lang)
    for period in ("Q1", "H1", "9M", "Y"):
        out[period] = [i18n.number(v, lang) for v in out[period]]
    return out.assign(source=out["source"].fillna(""))
