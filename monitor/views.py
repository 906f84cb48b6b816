"""Display-ready pieces of a status report (labels and formatted numbers).

Pure functions, so the page only lays them out and tests can read exactly what
a leader sees.
"""

from __future__ import annotations

import html

from monitor import i18n
from monitor.theme import STATUS_STYLE, TREND_ICON


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
        reference = t["period_pct"] if t["period_pct"] is not None else t["annual_pct"]
        kind = "scenario" if t["period_pct"] is not None and quarter < 4 else "annual"
        gap = t["gap_pp"]
        cards.append({
            "scope": scope,
            "title": i18n.t("home.vs_target", lang, scope=i18n.t(f"scope.{scope}", lang),
                            value=i18n.pct(t["annual_pct"], lang, 1)),
            "reference_label": (i18n.t("home.period_target", lang, period=i18n.period_label(quarter, lang))
                                if kind == "scenario" else i18n.t("home.annual_target", lang)),
            "reference": i18n.pct(reference, lang),
            "gap": i18n.pp(gap, lang),
            "required_label": (_capital(i18n.t("home.required", lang, rest=i18n.rest_label(quarter, lang)))
                               if quarter < 4 else i18n.t("home.reached", lang)),
            "required": i18n.pct(t["required_rest_of_year_pct"], lang, 1) if quarter < 4 else "",
            "status": t["status"],
            "source": t.get("source") or "",
        })
    return {
        "as_of": i18n.t("home.as_of", lang, quarter=i18n.quarter_label(year, quarter, lang)),
        "ytd_label": i18n.t("home.ytd_growth", lang, period=i18n.period_label(quarter, lang, year)),
        "ytd": i18n.pct(report["ytd_growth_pct"], lang),
        "quarter_label": i18n.t("home.quarter_growth", lang, quarter=i18n.quarter_label(year, quarter, lang)),
        "quarter": i18n.pct(report["quarter_growth_pct"], lang),
        "cards": cards,
    }


def watch_list(report: dict, lang: str, limit: int = 5) -> list[dict]:
    """Top-level components (KV1-KV3, TAX) flagged watch or lagging, biggest drag first."""
    rows = [s for s in report["sectors"] if s["parent_code"] == "TOTAL" and s["status"] in ("watch", "lagging")]
    rows.sort(key=lambda s: (s["gap_pp"] if s["gap_pp"] is not None else 0))
    return [{"code": s["sector_code"], "name": s["name"], "status": s["status"],
             "trend": TREND_ICON[s["trend"]], "reason": s["reason"]} for s in rows[:limit]]
