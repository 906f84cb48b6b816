"""Display-ready pieces of a status report (labels and formatted numbers).

Pure functions, so the page only lays them out and tests can read exactly what
a leader sees.
"""

from __future__ import annotations

import html

import pandas as pd

from monitor.core import i18n
from monitor.core.engine import yardstick
from monitor.core.flags import STATUS_ORDER
from monitor.core.theme import STATUS_STYLE, TREND_ICON
from monitor.leader import scenario_views


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def status_badge(status: str, lang: str) -> dict:
    style = STATUS_STYLE[status]
    return {"icon": style["icon"], "color": style["color"], "word": i18n.t(f"status.{status}", lang)}


def badge_html(status: str, lang: str) -> str:
    b = status_badge(status, lang)
    return (f'<span class="gm-badge" style="border-color:{b["color"]};color:{b["color"]}">'
            f'{b["icon"]} {html.escape(b["word"])}</span>')


def headline(report: dict, lang: str) -> dict:
    """The home page headline: growth to date and, per target, gap and required growth."""
    year, quarter = report["year"], report["quarter"]
    cards = []
    for t in report["targets"]:
        scope = t["scope"]
        reference, kind = yardstick(t["period_pct"], t["annual_pct"], quarter)
        gap = t["gap_pp"]
        cards.append({
            "scope": scope,
            "title": i18n.t("home.vs_target", lang, scope=i18n.t(f"scope.{scope}", lang),
                            value=i18n.pct(t["annual_pct"], lang, 1) if t.get("annual_high_pct") is None
                            else scenario_views.target_text(t["annual_pct"], t["annual_high_pct"], lang)),
            "quarter": scenario_views.quarter_rows(t, quarter, lang),  # the quarter against its own scenario
            "reference_label": (i18n.t("home.period_target", lang, period=i18n.period_label(quarter, lang))
                                if kind == "scenario" else i18n.t("home.annual_target", lang)),
            "reference": i18n.pct(reference, lang),
            "gap": i18n.pp(gap, lang),
            "required_label": (_capital(i18n.t("home.required", lang, rest=i18n.rest_label(quarter, lang)))
                               if quarter < 4 else i18n.t("home.reached", lang)),
            "required": i18n.pct(t["required_rest_of_year_pct"], lang, 1) if quarter < 4 else "",
            "status": t["status"],
            "source": t.get("source") or "",
            # why two cards can judge one figure differently: one scope has a scenario for the period, one not
            "basis": i18n.t(f"home.basis.{kind}" if quarter < 4 else "home.basis.year", lang,
                            period=i18n.period_label(quarter, lang)),
        })
    return {
        "as_of": i18n.t("home.as_of", lang, quarter=i18n.quarter_label(year, quarter, lang)),
        "ytd_label": i18n.t("home.ytd_growth", lang, period=i18n.period_label(quarter, lang, year)),
        "ytd": i18n.pct(report["ytd_growth_pct"], lang),
        "quarter_label": i18n.t("home.quarter_growth", lang, quarter=i18n.quarter_label(year, quarter, lang)),
        "quarter": i18n.pct(report["quarter_growth_pct"], lang),
        "cards": cards,
    }


DETAIL_PAGE = {"sector": ("pages/sectors.py", "sector"), "unit": ("pages/localities.py", "unit")}


def action_items(rows: list[dict], lang: str) -> list[dict]:
    """Rows of "who must act" as the overview shows them: the name, the gap to its target, the points of the
    province's growth it costs, and the page and parameter that open its detail."""
    page, param = DETAIL_PAGE[rows[0]["kind"]] if rows else (None, None)
    def keep(text: str) -> str:  # a figure and its unit never break across lines
        return f'<span class="gm-nowrap">{html.escape(text)}</span>'

    return [{"code": r["code"], "name": r["name"], "status": r["status"], "page": page, "param": param,
             "detail_html": html.escape(i18n.t("home.act.detail", lang, gap="\0", cost="\1")).replace(
                 "\0", keep(i18n.pp(r["gap_pp"], lang))).replace(
                 "\1", keep(i18n.pp(r["shortfall_pp"], lang, signed=False)))} for r in rows]


def status_text(status: str, lang: str) -> str:
    """Icon and word together ('✖ Chậm'), so a table cell reads without colour."""
    b = status_badge(status, lang)
    return f'{b["icon"]} {b["word"]}'


def _row_figures(r: dict, lang: str, contribution_key: str = "col.contribution") -> dict:
    return {
        i18n.t("col.ytd_growth", lang): i18n.pct(r["ytd_growth_pct"], lang),
        i18n.t("col.quarter_growth", lang): i18n.pct(r["quarter_growth_pct"], lang),
        i18n.t("col.target", lang): i18n.pct(r["target_pct"], lang),
        i18n.t("col.gap", lang): i18n.pp(r["gap_pp"], lang),
        i18n.t(contribution_key, lang): i18n.number(r["ytd_contribution_pp"], lang),
        i18n.t("col.status", lang): status_text(r["status"], lang),
        i18n.t("col.trend", lang): TREND_ICON[r["trend"]],
    }


def report_bases(report: dict) -> tuple[str, str]:
    """(contribution base, share base) of a status report: 'grdp' or 'value_added' (the province's default,
    'grdp' and 'value_added', when the report has no sector rows)."""
    return report.get("contribution_base") or "grdp", report.get("share_base") or "value_added"


def bases_note(report: dict, lang: str) -> str:
    """One sentence saying what the contributions and shares are of ('điểm phần trăm vào tăng trưởng GRDP')."""
    contribution, share = report_bases(report)
    return i18n.t("base.note", lang, contribution=i18n.t(f"base.contribution.{contribution}", lang),
                  share=i18n.t(f"base.share.{share}", lang))


def sector_table(report: dict, lang: str, parent: str = "TOTAL") -> pd.DataFrame:
    """The parent sector and its children, in the sector tree's order, indexed by sector code."""
    rows = [s for s in report["sectors"] if s["sector_code"] == parent or s["parent_code"] == parent]
    bases = report_bases(report)
    table = pd.DataFrame([{
        i18n.t("col.sector", lang): s["name"] if s["sector_code"] == parent else "↳ " + s["name"],
        **_row_figures(s, lang, f"col.contribution.{bases[0]}"),
        i18n.t(f"col.share.{bases[1]}", lang): i18n.pct(s["ytd_share_of_increase_pct"], lang, 1),
        i18n.t("col.reason", lang): s["reason"],
    } for s in rows], index=[s["sector_code"] for s in rows])
    return table


ORDERS = ("worst", "best", "cost")  # slowest growth first, fastest first, most points of growth cost first


def ranked_units(report: dict, district: str | None = None, order: str = "best") -> list[dict]:
    """Unit rows of a report in the chosen order (rows without a figure last), for the table and the chart."""
    rows = [u for u in report["units"] if district is None or u["main_former_district"] == district]
    if order == "cost":
        return sorted(rows, key=lambda u: -(u.get("shortfall_pp") or 0.0))
    missing = [u for u in rows if u["ytd_growth_pct"] is None]
    known = sorted((u for u in rows if u["ytd_growth_pct"] is not None), key=lambda u: u["ytd_growth_pct"],
                   reverse=order == "best")
    return known + missing


def unit_table(report: dict, lang: str, district_names: dict[str, str], district: str | None = None,
               order: str = "best") -> pd.DataFrame:
    """Units in the chosen order (fastest first by default), ranked by growth, indexed by unit code."""
    rows = ranked_units(report, district, order)
    rank = {u["unit_code"]: i + 1 for i, u in enumerate(ranked_units(report, district, "best"))}
    return pd.DataFrame([{
        i18n.t("col.rank", lang): rank[u["unit_code"]],
        i18n.t("col.unit", lang): u["name"],
        i18n.t("col.former_district", lang): district_names.get(u["main_former_district"] or "", ""),
        **_row_figures(u, lang),
        i18n.t("col.cost", lang): i18n.pp(u.get("shortfall_pp"), lang, signed=False),
        i18n.t("col.reason", lang): u["reason"],
    } for u in rows], index=[u["unit_code"] for u in rows])


def lagging(report: dict, lang: str | None = None) -> list[dict]:
    """Every sector and locality flagged watch or lagging, worst first (status, then gap), with raw figures for
    the page, slide 5 and the exports alike. The province's own total is the headline, not a unit that lags."""
    found, parents = [], {s["parent_code"] for s in report["sectors"]}
    for kind, rows, key in (("sector", report["sectors"], "sector_code"), ("unit", report["units"], "unit_code")):
        for r in rows:
            if r["status"] in ("watch", "lagging") and r[key] != "TOTAL":
                found.append({"kind": kind, "code": r[key], "name": r["name"], "status": r["status"],
                              "leaf": r[key] not in parents,
                              "trend": r["trend"], "ytd_growth_pct": r["ytd_growth_pct"],
                              "target_pct": r["target_pct"], "gap_pp": r["gap_pp"],
                              "shortfall_pp": r.get("shortfall_pp"),
                              "required_rest_of_year_pct": r["required_rest_of_year_pct"], "reason": r["reason"]})
    found.sort(key=lambda r: (STATUS_ORDER[r["status"]], r["gap_pp"]))
    return found


def lagging_counts(rows: list[dict]) -> dict[str, int]:
    """How many rows of a lagging list are lagging and on watch, by kind: the one count every page, slide and
    export shows."""
    return {"lagging": sum(r["status"] == "lagging" for r in rows), "watch": sum(r["status"] == "watch" for r in rows),
            "sector": sum(r["kind"] == "sector" for r in rows), "unit": sum(r["kind"] == "unit" for r in rows),
            "total": len(rows)}


def costliest(rows: list[dict], kind: str, limit: int = 3) -> list[dict]:
    """The flagged rows of a kind that cost the province the most points of growth against their targets; for
    sectors the VSIC sections (the leaves of the tree), so a parent and its child are never counted twice."""
    mine = [r for r in rows if r["kind"] == kind and r["leaf"] and r.get("shortfall_pp")]
    return sorted(mine, key=lambda r: -r["shortfall_pp"])[:limit]


def who_must_act(report: dict, limit: int = 3) -> dict[str, list[dict]]:
    """The overview's "who must act": the flagged sections and localities costing the province the most points."""
    rows = lagging(report)
    return {kind: costliest(rows, kind, limit) for kind in ("sector", "unit")}


def lagging_table(rows: list[dict], lang: str) -> pd.DataFrame:
    """The lagging list as a leader reads it (formatted numbers, status in words)."""
    return pd.DataFrame([{
        i18n.t("col.kind", lang): i18n.t(f"kind.{r['kind']}", lang),
        i18n.t("col.name", lang): r["name"],
        i18n.t("col.status", lang): status_text(r["status"], lang),
        i18n.t("col.trend", lang): TREND_ICON[r["trend"]],
        i18n.t("col.ytd_growth", lang): i18n.pct(r["ytd_growth_pct"], lang),
        i18n.t("col.gap", lang): i18n.pp(r["gap_pp"], lang),
        i18n.t("col.cost", lang): i18n.pp(r["shortfall_pp"], lang, signed=False),
        i18n.t("col.reason", lang): r["reason"],
    } for r in rows], columns=[i18n.t(f"col.{c}", lang) for c in
                               ("kind", "name", "status", "trend", "ytd_growth", "gap", "cost", "reason")])


def indicator_cards(reports: list[dict], names: dict[str, str], lang: str) -> list[dict]:
    """One card per plan or rate indicator: the figure, its yardstick, status and trend. A figure without a
    target shows as itself (status no_target), never as missing."""
    cards = []
    for r in reports:
        main = r["targets"][0] if r["targets"] else None
        if r["kind"] == "plan" and main is None:  # a level with no plan: the cumulative value in its unit
            value, label, detail = i18n.number(r["ytd_value"], lang, 0), r["measure_unit"], ""
        elif r["kind"] == "plan":
            value = i18n.pct(main["pct_of_plan"], lang, 1)
            detail = i18n.t("grid.plan_detail", lang, value=i18n.number(r["ytd_value"], lang, 0),
                            unit=r["measure_unit"], expected=i18n.pct(main["expected_pct_of_plan"], lang, 1))
            label = i18n.t("grid.of_plan", lang)
        else:
            value = i18n.pct(r["ytd_growth_pct"], lang, 1)
            target = yardstick(main["period_pct"], main["annual_pct"], r["quarter"])[0] if main else None
            detail = i18n.t("grid.rate_detail", lang, target=i18n.pct(target, lang, 1)) if main else ""
            label = i18n.t("grid.yoy", lang)
        cards.append({"indicator": r["indicator"], "name": names.get(r["indicator"], r["indicator"]),
                      "value": value, "label": label, "detail": detail, "status": r["status"],
                      "trend": TREND_ICON[r.get("trend")]})
    return cards


def national_source(found: dict, lang: str) -> str:
    """Where a national figure comes from, and whether it is real: the office's SDMX message and its prepared date,
    or the uploaded file; synthetic figures say so."""
    if found.get("prepared") is not None:
        date = pd.Timestamp(found["prepared"])
        text = i18n.t("national.source.sdmx", lang, file=found["file_name"], message=found["message_id"] or "–",
                      date=date.strftime("%d/%m/%Y") if lang == "vi" else date.strftime("%Y-%m-%d"))
    else:
        text = i18n.t("national.source.file", lang, file=found.get("file_name") or "–")
    return text + " · " + i18n.t("national.synthetic" if found.get("synthetic") else "national.real", lang)


def national_line(found: dict | None, lang: str, sector_name: str | None = None) -> str | None:
    """The national figure for the page's period, one line: 'Cả nước 9 tháng năm 2024: 6,82% (quý III: 7,40%) ·
    ước tính · ...'. For a sector, its growth, its points on the base the national office uses (of the growth of
    total value added) and its share of the value-added increase. None when the store has no
    national series at all; when it has none for the period, how far it goes."""
    if found is None:
        return None
    period = i18n.period_label(found["quarter"], lang, found["year"])
    if found["ytd_growth_pct"] is None:
        last = found.get("latest")
        if last is None:
            return None
        return i18n.t("national.none", lang, period=period,
                      latest=i18n.period_label(last["quarter"], lang, last["year"]))
    figures = i18n.t("national.figures", lang, ytd=i18n.pct(found["ytd_growth_pct"], lang),
                     quarter=i18n.pct(found["quarter_growth_pct"], lang))
    if sector_name and found.get("contribution_base") and found.get("ytd_contribution_pp") is not None:
        figures += i18n.t(f"national.points.{found['contribution_base']}", lang,  # on the national office's base
                          points=i18n.number(found["ytd_contribution_pp"], lang))
    if found.get("ytd_share_of_increase_pct") is not None:
        figures += i18n.t("national.share.grdp" if found.get("share_base") == "grdp" else "national.share", lang,
                          share=i18n.pct(found["ytd_share_of_increase_pct"], lang))
    vintage = i18n.t(f"national.vintage.{found['vintage']}", lang) if found.get("vintage") else ""
    head = i18n.t("national.head_sector" if sector_name else "national.head", lang, period=period,
                  name=sector_name or "")
    return " · ".join(p for p in (f"{head}: {figures}", vintage, national_source(found, lang)) if p)
