"""Words for the statistics area's reports: the import summary, the revision table and its text form."""

from __future__ import annotations

import pandas as pd

from monitor.core import i18n


def published(value, lang: str) -> str:
    """A release date as the reader writes dates: 24/10/2024 or 2024-10-24."""
    if value is None or value != value:
        return "–"
    stamp = pd.Timestamp(value)
    return stamp.strftime("%d/%m/%Y") if lang == "vi" else stamp.strftime("%Y-%m-%d")


def vintage_name(vintage: str | None, lang: str) -> str:
    return i18n.t(f"statistics.vintage.{vintage}", lang) if vintage else "–"


def stage_name(stage: str, lang: str) -> str:
    """'estimate->preliminary' -> 'Ước tính → Sơ bộ'; 'official->official' is a later revision."""
    old, new = stage.split("->")
    if old == new:
        return i18n.t("statistics.stage.again", lang, vintage=vintage_name(new, lang))
    return f"{vintage_name(old, lang)} → {vintage_name(new, lang)}"


def import_summary(s: dict, lang: str) -> str:
    key = "statistics.cli.dry_run" if s["batch_id"] is None else "statistics.cli.loaded"
    return i18n.t(key, lang, file=s["file"], batch=s["batch_id"], quarterly=s["quarterly_rows"],
                  monthly=s["monthly_rows"], series=s["series_mapped"], skipped=s["series_skipped"],
                  prepared=published(s["prepared"], lang), message=s["message_id"] or "–",
                  new=s["new"], revised=s["revised"], unchanged=s["unchanged"], kept=s["downgrade"])


def revisions_table(report: dict, lang: str) -> pd.DataFrame:
    """One row per release of the quarter, in the reader's language (the sectors page's table)."""
    h = {k: i18n.t(f"statistics.col.{k}", lang) for k in (
        "vintage", "published", "file", "quarter_growth", "ytd_growth", "revision", "from_first")}
    return pd.DataFrame([{
        h["vintage"]: vintage_name(r["vintage"], lang),
        h["published"]: published(r["published"], lang),
        h["file"]: r["file_name"],
        h["quarter_growth"]: i18n.pct(r["quarter_growth_pct"], lang),
        h["ytd_growth"]: i18n.pct(r["ytd_growth_pct"], lang),
        h["revision"]: i18n.pp(r["quarter_growth_revision_pp"], lang),
        h["from_first"]: i18n.pp(r["quarter_growth_revision_from_first_pp"], lang),
    } for r in report["releases"]], columns=list(h.values()))


def mean_revision_table(report: dict, lang: str) -> pd.DataFrame:
    h = {k: i18n.t(f"statistics.col.{k}", lang) for k in ("stage", "quarters", "mean_quarter", "mean_ytd")}
    return pd.DataFrame([{
        h["stage"]: stage_name(m["stage"], lang),
        h["quarters"]: m["quarters"],
        h["mean_quarter"]: i18n.pp(m["mean_abs_quarter_growth_revision_pp"], lang, signed=False),
        h["mean_ytd"]: i18n.pp(m["mean_abs_ytd_growth_revision_pp"], lang, signed=False),
    } for m in report["mean_absolute_revision"]], columns=list(h.values()))


def revisions_caption(report: dict, lang: str) -> str:
    """'Quý II/2024: 3 lần công bố; điều chỉnh từ lần đầu +0,32 điểm %.' or that there is one release only."""
    period = i18n.quarter_label(report["year"], report["quarter"], lang)
    rows = report["releases"]
    if not rows:
        return i18n.t("statistics.rev.none", lang, period=period)
    if len(rows) == 1:
        return i18n.t("statistics.rev.one", lang, period=period, vintage=vintage_name(rows[0]["vintage"], lang))
    return i18n.t("statistics.rev.many", lang, period=period, count=len(rows),
                  total=i18n.pp(rows[-1]["quarter_growth_revision_from_first_pp"], lang))


def revisions_text(report: dict, lang: str) -> str:
    lines = [f"{report['indicator']} {report['unit_code']} {report['sector_code']}: "
             + revisions_caption(report, lang)]
    table = revisions_table(report, lang)
    if not table.empty:
        lines.append(table.to_string(index=False))
    means = mean_revision_table(report, lang)
    if not means.empty:
        lines += [i18n.t("statistics.rev.mean_title", lang), means.to_string(index=False)]
    return "\n".join(lines)
