"""Scenarios and targets on the leader screens, in words: the quarter against the quarter's own scenario beside the
year to date against the cumulative path (each labelled), and a target in force with its history (a range shown
low-high and judged on its low end; the document and the day it took effect).

Pure functions over the status report's numbers (leader/status.py, core/engine.py), so tests read what a reader sees.
"""

from __future__ import annotations

from monitor.core import i18n


def target_text(low: float | None, high: float | None, lang: str) -> str:
    """14 -> '14%', 12.5 -> '12,5%', a range 8.3-8.5 -> '8,3–8,5%' (as documents print them)."""
    def plain(v: float) -> str:
        digits = 0 if float(v).is_integer() else 1 if float(v * 10).is_integer() else 2
        return i18n.number(v, lang, digits)

    if low is None:
        return "–"
    return f"{plain(low)}–{plain(high)}%" if high is not None else f"{plain(low)}%"


def quarter_rows(target: dict, quarter: int, lang: str) -> list[tuple[str, str]]:
    """The overview card's rows for the quarter alone, like the year to date's: [('Kịch bản quý II', '12,14%'),
    ('Chênh lệch quý II', '−1,00 điểm %')]; none for Q1 (its scenario is the year to date's) or without one."""
    if quarter == 1 or target.get("quarter_period_pct") is None:
        return []
    name = i18n.t(f"scen.q{quarter}.lower", lang)
    return [(i18n.t("scen.quarter_scenario", lang, quarter=name), i18n.pct(target["quarter_period_pct"], lang)),
            (i18n.t("scen.quarter_gap", lang, quarter=name), i18n.pp(target.get("quarter_gap_pp"), lang))]


def sector_line(row: dict, quarter: int, lang: str) -> str:
    """The sectors page's line under its figures: the quarter against its own scenario, the year to date against
    the cumulative one, e.g. 'Quý II: 11,14% so với kịch bản quý 12,14% (−1,00 điểm %) · 6 tháng: 11,03% so với
    kịch bản 6 tháng 11,36% (−0,33 điểm %)'; the parts without a scenario are left out ('' when none)."""
    parts = []
    if quarter > 1 and row.get("quarter_target_pct") is not None:
        parts.append(i18n.t("scen.line.quarter", lang, quarter=i18n.t(f"scen.q{quarter}", lang),
                            growth=i18n.pct(row.get("quarter_growth_pct"), lang),
                            scenario=i18n.pct(row["quarter_target_pct"], lang),
                            gap=i18n.pp(row.get("quarter_gap_pp"), lang)))
    if row.get("target_kind") == "scenario" and row.get("target_pct") is not None:
        parts.append(i18n.t("scen.line.ytd", lang, period=i18n.period_label(quarter, lang),
                            growth=i18n.pct(row.get("ytd_growth_pct"), lang),
                            scenario=i18n.pct(row["target_pct"], lang), gap=i18n.pp(row.get("gap_pp"), lang)))
    return " · ".join(parts)


def target_history_line(history: list[dict], year: int, ytd_pct: float | None, lang: str) -> str | None:
    """The national target beside the national figure: the one in force at the as-of date (its document and the
    day it took effect), the figure's gap to its low end, then the ones it replaced. None without a target."""
    if not history:
        return None
    current = next((h for h in history if h["in_force"]), history[-1])
    text = i18n.t("scen.national", lang, year=year,
                  value=target_text(current["value"], current.get("value_high"), lang),
                  source=current.get("source") or "–", date=i18n.day(current.get("effective_date"), lang))
    if ytd_pct is not None:
        text += " · " + i18n.t("scen.national.gap" if current.get("value_high") is None else "scen.national.gap_low",
                               lang, gap=i18n.pp(ytd_pct - current["value"], lang),
                               low=target_text(current["value"], None, lang))
    others = [h for h in history if h is not current]
    for h in others:
        earlier = str(h["effective_date"]) < str(current["effective_date"])
        word = "scen.national.before" if earlier else "scen.national.later"
        text += " · " + i18n.t(word, lang, value=target_text(h["value"], h.get("value_high"), lang),
                               source=h.get("source") or "–", date=i18n.day(h.get("effective_date"), lang))
    return text
