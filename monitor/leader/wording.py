"""Status reports in words: names for codes and the one-sentence reason of every flagged row.

leader/status.py and leader/progress.py return numbers and codes; this module turns them into the reader's
language, for the pages (through the bridge), the briefing and `status --json`.
"""

from __future__ import annotations

from monitor.core import i18n, reference
from monitor.core.engine import PERIOD_OF_QUARTER, AsOf
from monitor.core.reference import PROVINCE, Labels
from monitor.core.store import Store
from monitor.leader import status

MAX_NAMED = 3  # laggards named in a parent's reason (by name: a leader does not read VSIC letters)


def reason(lang: str, quarter: int, ytd_pct: float | None, target_pct: float | None, target_kind: str,
           required_pct: float | None, annual_pct: float | None, flagged: list[str] | None = None) -> str:
    """One sentence with the numbers: '9 tháng tăng 8,20%, thấp hơn kịch bản 2,30 điểm %; ...'."""
    period = i18n.period_label(quarter, lang)
    if ytd_pct is None:
        parts = [i18n.t("reason.no_data", lang, period=period)]
    else:
        key = "reason.growth" if ytd_pct >= 0 else "reason.decline"
        head = i18n.t(key, lang, period=period, value=i18n.pct(abs(ytd_pct), lang))
        if target_pct is None:
            parts = [head + i18n.t("reason.sep_comma", lang) + i18n.t("reason.no_target", lang)]
        else:
            gap = float(i18n.half_up(ytd_pct - target_pct, 2))
            target_name = i18n.t(f"target.{target_kind}", lang, value=i18n.pct(target_pct, lang))
            if gap == 0:
                cmp = i18n.t("reason.equal", lang, target=target_name)
            else:
                cmp = i18n.t("reason.below" if gap < 0 else "reason.above", lang,
                             target=target_name, gap=i18n.number(abs(gap), lang))
            parts = [head + i18n.t("reason.sep_comma", lang) + cmp]
        if required_pct is not None and annual_pct is not None and quarter < 4:
            parts.append(i18n.t("reason.required", lang, rest=i18n.rest_label(quarter, lang),
                                value=i18n.pct(required_pct, lang, 1),
                                annual=i18n.pct(annual_pct, lang, 1)))
    if flagged:
        parts.append(i18n.t("reason.flagged_within", lang, names=", ".join(flagged)))
    return i18n.t("reason.sep_clause", lang).join(parts)


def plan_reason(lang: str, quarter: int, pct_of_plan: float | None, expected: float, pro_rata: bool) -> str:
    if pct_of_plan is None:
        return i18n.t("reason.no_data", lang, period=i18n.period_label(quarter, lang))
    key = "reason.plan_pro_rata" if pro_rata else "reason.plan"
    return i18n.t(key, lang, period=i18n.period_label(quarter, lang),
                  value=i18n.pct(pct_of_plan, lang, 1), expected=i18n.pct(expected, lang, 1),
                  period_code=PERIOD_OF_QUARTER[quarter])


def _row_reason(row: dict, quarter: int, lang: str, flagged: list[str] | None = None) -> str:
    return reason(lang, quarter, row["ytd_growth_pct"], row["target_pct"], row["target_kind"],
                  row["required_rest_of_year_pct"], row["annual_pct"], flagged)


def _flagged_names(codes: list[str], names: dict[str, str], lang: str) -> list[str]:
    more = [i18n.t("reason.and_more", lang, n=len(codes) - MAX_NAMED)] if len(codes) > MAX_NAMED else []
    return [names[c] for c in codes[:MAX_NAMED]] + more


def localized(report: dict, labels: Labels, lang: str) -> dict:
    """A copy of a status report with names and reasons in the reader's language (the keys `status --json`
    prints)."""
    if lang not in i18n.LANGS:
        raise ValueError(f"unknown language {lang!r}")
    quarter = report["quarter"]
    if report["kind"] != "level":
        out = {**report, "measure_unit": labels.measure_unit[report["indicator"]]}
        if report["kind"] == "plan":
            out["targets"] = [{**t, "reason": plan_reason(lang, quarter, t["pct_of_plan"], t["expected_pct_of_plan"],
                                                          t["pro_rata"])} for t in report["targets"]]
        return out
    sectors = [{**s, "name": labels.sector[s["sector_code"]],
                "reason": _row_reason(s, quarter, lang, _flagged_names(s["flagged_descendants"], labels.sector,
                                                                       lang))}
               for s in report["sectors"]]
    units = [{**u, "name": labels.unit[u["unit_code"]], "reason": _row_reason(u, quarter, lang)}
             for u in report["units"]]
    return {**report, "sectors": sectors, "units": units}


def status_in_words(store: Store, lang: str, indicator: str = "GRDP", unit: str = PROVINCE,
                    as_of: AsOf | None = None, unit_level: str = "commune") -> dict:
    """status.report with names and reasons in one language: what `status --json` prints."""
    report = status.report(store, indicator, unit, as_of, unit_level)
    return localized(report, reference.labels(store, lang, AsOf(report["year"], report["quarter"])), lang)
