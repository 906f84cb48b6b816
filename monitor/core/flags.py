"""Status rules as data: on track / watch / lagging / no data, trend arrows, reasons.

Thresholds come from the store's status_rules table and the trend band from its
settings table, so an administrator changes them without touching code.
"""

from __future__ import annotations

from dataclasses import dataclass

from monitor.core import i18n

NO_DATA = "no_data"
STATUS_ORDER = {"lagging": 0, "watch": 1, NO_DATA: 2, "on_track": 3}  # worst first
TREND_ARROW = {"up": "↑", "flat": "→", "down": "↓"}


@dataclass(frozen=True)
class Rules:
    thresholds: tuple[tuple[str, float | None], ...]  # (status, min_gap_pp), best first
    flat_band_pp: float

    @classmethod
    def from_store(cls, store) -> Rules:
        rows = store.records("status_rules")
        settings = {r["key"]: r["value"] for r in store.records("settings")}
        thresholds = tuple(
            (r["status"], None if r["min_gap_pp"] != r["min_gap_pp"] else r["min_gap_pp"]) for r in rows
        )
        return cls(thresholds, float(settings.get("trend_flat_band_pp", 0.1)))

    def status(self, gap_pp: float | None) -> str:
        """The first rule whose threshold the gap reaches; no gap means no data."""
        if gap_pp is None:
            return NO_DATA
        gap = round(gap_pp, 6)  # 13.999999 - 14 is on the line, not below it
        for status, min_gap in self.thresholds:
            if min_gap is None or gap >= min_gap:
                return status
        return self.thresholds[-1][0]

    def trend(self, ytd_pct: float | None, prev_ytd_pct: float | None) -> str | None:
        """Year-to-date growth against the previous quarter's: up, flat or down."""
        if ytd_pct is None or prev_ytd_pct is None:
            return None
        change = ytd_pct - prev_ytd_pct
        if abs(change) < self.flat_band_pp:
            return "flat"
        return "up" if change > 0 else "down"


def _clean(x):
    return None if x is None or x != x else x


def reason(lang: str, quarter: int, ytd_pct: float | None, target_pct: float | None,
           target_kind: str, required_pct: float | None, annual_pct: float | None,
           flagged: list[str] | None = None) -> str:
    """One sentence with the numbers: '9 tháng tăng 8,20%, thấp hơn kịch bản 2,30 điểm %; ...'."""
    ytd_pct, target_pct = _clean(ytd_pct), _clean(target_pct)
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
        required_pct = _clean(required_pct)
        if required_pct is not None and annual_pct is not None and quarter < 4:
            parts.append(i18n.t("reason.required", lang, rest=i18n.rest_label(quarter, lang),
                                value=i18n.pct(required_pct, lang, 1),
                                annual=i18n.pct(annual_pct, lang, 1)))
    if flagged:
        parts.append(i18n.t("reason.flagged_within", lang, names=", ".join(flagged)))
    return i18n.t("reason.sep_clause", lang).join(parts)
