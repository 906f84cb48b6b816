"""Status rules as data: on track / watch / lagging, no data, no target, and the trend.

Thresholds come from the store's status_rules table and the trend band from its
settings table, so an administrator changes them without touching code.
"""

from __future__ import annotations

from dataclasses import dataclass

NO_DATA = "no_data"      # the figure is missing
NO_TARGET = "no_target"  # a figure, but no target to judge it against (a rate tracked without a plan)
STATUS_ORDER = {"lagging": 0, "watch": 1, NO_DATA: 2, NO_TARGET: 3, "on_track": 4}  # worst first


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

    def judge(self, value: float | None, gap_pp: float | None) -> str:
        """The status of a figure: no data without it, no target when it has nothing to be judged against,
        else the status of its gap."""
        if value is None:
            return NO_DATA
        return NO_TARGET if gap_pp is None else self.status(gap_pp)

    def trend(self, ytd_pct: float | None, prev_ytd_pct: float | None) -> str | None:
        """Year-to-date growth against the previous quarter's: up, flat or down."""
        if ytd_pct is None or prev_ytd_pct is None:
            return None
        change = ytd_pct - prev_ytd_pct
        if abs(change) < self.flat_band_pp:
            return "flat"
        return "up" if change > 0 else "down"
