"""Display-ready pieces of the what-if and shortfall screens, and the words shared with the targets screen
(names for codes, periods, scopes, the demo source, problems with their codes named).

Pure functions, so the pages only lay them out and tests read exactly what a leader sees.
"""

from __future__ import annotations

import dataclasses
import html

from monitor.core import i18n
from monitor.core.errors import Problem
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
.gm-wi-rowname { font-size: 1.05rem; font-weight: 600; line-height: 1.25; padding-bottom: 0.25rem; }
</style>"""

LABEL_CHARS = 40  # a sector name longer than this shows the catalog's short name (sector.short.G), in full on hover
DEMO_SOURCE = "synthetic"  # how the demo files mark a source; the screen says "Số liệu minh họa" / "Demo data"
TARGET_PATH = ("indicator", "unit", "sector", "year", "scope")  # a path's key, as upload/scenario_paths joins it
# (then its effective date, when not 1 January)


def sector_label(code: str, name: str | None, lang: str, limit: int | None = None) -> str:
    """A sector as a person reads it: its name, or the catalog's short name when the name is too long for a row
    ('Bán buôn, bán lẻ' for section G); the code only when the sector has no name at all."""
    if name and len(name) <= (limit or LABEL_CHARS):
        return name
    return i18n.catalog(lang).get(f"sector.short.{code}") or name or code


def sector_name(code: str, indicator: str, labels: Labels, lang: str, limit: int | None = None) -> str:
    """The sector column of a target: the sector's name; the whole of an indicator other than GRDP is 'Tổng số'
    (budget revenue's TOTAL is not 'Tổng sản phẩm trên địa bàn')."""
    if code == "TOTAL" and indicator != "GRDP":
        return i18n.t("whatif.targets.sector_total", lang)
    return sector_label(code, labels.sector.get(code), lang, limit)


def source_text(source, lang: str) -> str:
    """A target's source document as shown: the demo files' 'synthetic…' in the reader's language."""
    if not isinstance(source, str) or not source:
        return ""
    return i18n.t("whatif.targets.source_demo", lang) if source.lower().startswith(DEMO_SOURCE) else source


def period_text(period: str, lang: str) -> str:
    """Q1, Q2, Q3, Q4, H1, 9M, Y -> 'Quý I', 'Quý II', ..., '6 tháng', '9 tháng', 'Cả năm' (the targets grid's
    column names)."""
    return i18n.t(f"whatif.targets.period.{period}", lang)


def path_text(path: str, labels: Labels, lang: str) -> str:
    """'GRDP/22/KV1/2026/provincial' -> 'GRDP · Tỉnh Quảng Ninh · Nông, lâm nghiệp và thủy sản · 2026 · Tỉnh'."""
    split = str(path).split("/")
    parts = dict(zip(TARGET_PATH, split))
    if set(parts) != set(TARGET_PATH) or len(split) > len(TARGET_PATH) + 1:
        return str(path)
    indicator = parts["indicator"]
    since = [i18n.t("whatif.targets.since", lang, date=i18n.day(split[-1], lang))] if len(split) > 5 else []
    return " · ".join([labels.indicator.get(indicator, indicator), labels.unit.get(parts["unit"], parts["unit"]),
                       sector_name(parts["sector"], indicator, labels, lang), parts["year"],
                       i18n.t(f"scope.{parts['scope']}.short", lang), *since])


def problem_text(problem: Problem, labels: Labels, lang: str) -> str:
    """A what-if or targets problem with its codes named: a unit, a target path, a period, a scope, an indicator
    (sector codes a person typed, as in 'KV9', stay as typed)."""
    named_as = {"unit": lambda v: labels.unit.get(v, v), "path": lambda v: path_text(v, labels, lang),
                "period": lambda v: period_text(v, lang),
                "periods": lambda v: ", ".join(period_text(x.strip(), lang) for x in v.split(",")),
                "scope": lambda v: i18n.t(f"scope.{v}", lang),
                "indicator": lambda v: labels.indicator.get(v, v)}
    params = tuple((k, named_as[k](v) if k in named_as and isinstance(v, str) else v) for k, v in problem.params)
    return dataclasses.replace(problem, params=params).message(lang)


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


def name_cell(code: str, name: str | None, lang: str, unit: bool = False) -> str:
    """A table's first cell: the sector's (or locality's) name, the full name on hover when it is shortened."""
    label = (name or code) if unit else sector_label(code, name, lang)
    hover = f' title="{html.escape(name)}"' if name and name != label else ""
    return f"<span{hover}>{html.escape(label)}</span>"


def input_label(code: str, name: str, year: int, quarter: int, lang: str) -> str:
    """What a screen reader says for one assumption box: 'Công nghiệp và xây dựng, Quý III/2025'."""
    return f"{sector_label(code, name, lang)}, {i18n.quarter_label(year, quarter, lang)}"


def for_level(key: str, level: str, lang: str) -> str:
    """A what-if heading or label for the level shown: 'khu vực' over KV1-KV3 and TAX, 'ngành' over the sections."""
    return i18n.t(f"{key}.sections" if level == "sections" else key, lang)


def sector_header(report: dict, lang: str) -> str:
    """'Khu vực' over KV1-KV3 and TAX, 'Ngành' over the VSIC sections."""
    return for_level("whatif.col.sector", report.get("level", "components"), lang)


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
    rows = [[name_cell(s["sector_code"], report["names"][s["sector_code"]], lang),
             i18n.pct(s["assumed_growth_pct"], lang, 1), i18n.pp(s["contribution_pp"], lang)]
            for s in report["sectors"]]
    total = [html.escape(i18n.t("whatif.total", lang)), "",
             i18n.pp(sum(s["contribution_pp"] for s in report["sectors"]), lang)]
    headers = [(sector_header(report, lang), False),
               (i18n.t("whatif.col.assumed", lang, rest=i18n.rest_label(quarter, lang)), True),
               (i18n.t("whatif.col.contribution", lang), True)]
    return table_html(headers, rows, "gm-wi-contrib", total)


def default_solve(report: dict) -> str:
    """The sector the solve box starts on: the one that adds most to growth."""
    return max(report["sectors"], key=lambda s: s["contribution_pp"])["sector_code"]


def solve_lines(report: dict, lang: str) -> list[str]:
    """'Industry and construction: the second half would need 20.9% for the Province target 14.0%' per target."""
    rest = i18n.rest_label(report["quarter"], lang)
    annual = {t["scope"]: t["annual_pct"] for t in report["targets"]}
    first, last = report["record_years"]
    return [i18n.t("whatif.solve_line", lang, name=sector_label(s["sector_code"], report["names"][s["sector_code"]],
                                                                lang),
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
    rows = [[name_cell(i["code"], sf["names"].get(i["code"]), lang, sf["by"] == "unit"), i18n.pp(i["extra_pp"], lang),
             i18n.pct(i["implied_growth_pct"], lang, 1), i18n.pct(i["max_growth_5y_pct"], lang, 1),
             _flag(i["plausible"], "whatif.sf.plausible", "whatif.sf.beyond", lang)] for i in sf["items"]]
    headers = [(sector_header(sf, lang) if sf["by"] == "sector" else i18n.t("whatif.col.unit", lang), False),
               (i18n.t("whatif.col.extra", lang), True),
               (i18n.t("whatif.col.implied", lang, rest=rest), True),
               (i18n.t("whatif.col.record", lang, first=sf["record_years"][0], last=sf["record_years"][1]), True),
               (i18n.t("whatif.col.plausible", lang), False)]
    total = [html.escape(i18n.t("whatif.total", lang)),
             i18n.pp(sum(i["extra_pp"] or 0 for i in sf["items"]), lang), "", "", ""]
    return table_html(headers, rows, f"gm-wi-shortfall-{sf['by']}", total)
