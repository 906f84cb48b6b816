"""What the upload and history pages show, as plain tables with the reader's formats.

Pure functions (no streamlit): pages call them and render the result.
"""

from __future__ import annotations

import calendar
import json

import pandas as pd

from monitor.core import i18n
from monitor.core.errors import Problem
from monitor.core.export import neutral_frame
from monitor.core.i18n import t
from monitor.core.store import as_records
from monitor.upload.reader import max_bytes

# symbols every Debian font has (no emoji font on the meeting-room machines)
CHANGE_ICONS = {"new": "✚", "revised": "✎", "unchanged": "=", "downgrade": "⚠"}


def uploader_css(lang: str) -> str:
    """Streamlit's file picker speaks English ("Upload", "200MB per file"): its button reads in the reader's
    language, and its size line (the server's limit, not ours) gives way to the label, which states ours."""
    button = json.dumps(t("upload.pick_button", lang), ensure_ascii=False)
    return ("<style>"
            '[data-testid="stFileUploaderDropzoneInstructions"] { display: none; }'
            '[data-testid="stFileUploaderDropzone"] button * { font-size: 0 !important; }'
            '[data-testid="stFileUploaderDropzone"] button [data-testid="stIconMaterial"]'
            ' { font-size: 1.25rem !important; }'
            f'[data-testid="stFileUploaderDropzone"] button::after {{ content: {button}; font-size: 1rem;'
            ' white-space: nowrap; }'
            # a chosen file's chip keeps its own remove button (an icon only)
            '[data-testid="stFileChipDeleteBtn"] button::after { content: none; }'
            "</style>")


def choose_label(lang: str) -> str:
    """The file picker's label, stating our size limit."""
    return t("upload.choose", lang, limit=i18n.number(max_bytes() / 2**20, lang, 0))


def template_downloads(lang: str) -> list[tuple[str, str, str, str, str]]:
    """(label, template kind, its language, file name, MIME type) of the upload page's four downloads."""
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return [(t("upload.download.csv.vi", lang), "csv", "vi", "mau_so_lieu.csv", "text/csv"),
            (t("upload.download.csv.en", lang), "csv", "en", "observations_template.csv", "text/csv"),
            (t("upload.download.xlsx", lang), "xlsx", lang, f"template_{lang}.xlsx", xlsx),
            (t("upload.download.codes", lang), "codes", lang, f"codes_{lang}.csv", "text/csv")]


def _cols(lang: str, *keys: str) -> list[str]:
    return [t(f"upload.col.{k}", lang) for k in keys]


def problems_table(problems: list[Problem], lang: str) -> pd.DataFrame:
    """One row per problem: file line, column, the cell as written, what is wrong and how to fix it."""
    rows = [("–" if p.row is None else str(p.row), i18n.column_label(p.column, lang),
             "" if p.value is None else str(p.value), p.message(lang)) for p in problems]
    return pd.DataFrame(rows, columns=_cols(lang, "row", "column", "value", "message"))


def problems_csv(table: pd.DataFrame) -> bytes:
    """The problems table as the page's download: a cell as written in the file (=HYPERLINK(...)) is text, never
    a formula (core/export.py)."""
    return neutral_frame(table).to_csv(index=False).encode("utf-8-sig")


def counts(prepared, lang: str) -> list[tuple[str, str]]:
    """(label, figure) for new, revised, unchanged and kept-as-history rows."""
    return [(f"{CHANGE_ICONS[k]} {t(f'upload.change.{k}', lang)}", i18n.number(prepared.counts.get(k, 0), lang, 0))
            for k in ("new", "revised", "unchanged", "downgrade")]


def changes_table(prepared, lang: str, limit: int = 500) -> pd.DataFrame:
    """The rows that change something (new, revised, kept as history), old -> new value."""
    ch = prepared.changes[prepared.changes["change"] != "unchanged"].head(limit)
    targets, monthly = "period" in ch.columns, "month" in ch.columns
    rows = []
    for r in ch.itertuples():
        if targets:
            when = f"{r.period} {r.year} · {t(f'scope.{r.scope}.short', lang)}"
            old = "–" if pd.isna(r.old_value) else i18n.number(r.old_value, lang, 2)
            new = i18n.number(r.new_value, lang, 2)
        else:
            when = (t("monthly.label", lang, month=r.month, year=r.year, name=calendar.month_abbr[r.month])
                    if monthly else i18n.quarter_label(r.year, r.quarter, lang))
            old = "–" if pd.isna(r.old_value) else (f"{i18n.number(r.old_value, lang, 1)} "
                                                    f"({t(f'upload.vintage.short.{r.old_vintage}', lang)})")
            new = f"{i18n.number(r.new_value, lang, 1)} ({t(f'upload.vintage.short.{r.vintage}', lang)})"
        rows.append((prepared.where(r.row), r.indicator, r.unit_code, r.sector_code, when,
                     f"{CHANGE_ICONS[r.change]} {t(f'upload.change.{r.change}', lang)}", old, new))
    when_column = "month" if monthly else "quarter"
    return pd.DataFrame(rows, columns=_cols(lang, "row", "indicator", "unit", "sector", when_column, "change",
                                            "old", "new"))


def ytd_table(prepared, lang: str) -> pd.DataFrame:
    """How the year-to-date growth of each touched TOTAL moves: before, after, change in points."""
    if prepared.ytd_changes is None:
        return pd.DataFrame(columns=_cols(lang, "indicator", "unit", "period", "before", "after", "change_pp"))
    rows = [(r["indicator"], r["unit_code"], i18n.period_label(int(r["quarter"]), lang, int(r["year"])),
             i18n.pct(r["before_pct"], lang), i18n.pct(r["after_pct"], lang), i18n.pp(r["change_pp"], lang))
            for r in as_records(prepared.ytd_changes)]
    return pd.DataFrame(rows, columns=_cols(lang, "indicator", "unit", "period", "before", "after", "change_pp"))


ROW_COLUMNS = ["indicator", "unit_code", "sector_code", "year", "quarter", "value", "vintage", "source"]


def dry_run(file_name: str, lang: str, info=None, prepared=None, problems: list[Problem] = (),
            layout: dict | None = None) -> dict:
    """What a load would do, as plain data (`ingest --dry-run --json`): how the file was read and what was
    recognised in it, the rows with the canonical columns (each with its file line and what it changes), the
    counts, the warnings and confirmations, and the problems that stop it."""
    rows = []
    if prepared is not None:
        change = {int(r["row"]): r for r in as_records(prepared.changes)} if prepared.changes is not None else {}
        for line, record in zip(prepared.rows.index, as_records(prepared.rows)):
            found = change.get(int(line), {})
            rows.append({"row": int(line), **{c: record.get(c) for c in ROW_COLUMNS}, "change": found.get("change"),
                         "old_value": found.get("old_value"), "old_vintage": found.get("old_vintage")})
    warnings = [] if prepared is None else prepared.warnings + prepared.downgrades
    return {
        "file": file_name,
        "read_as": None if info is None else info.describe(lang),
        "layout": layout,
        "counts": {} if prepared is None else dict(prepared.counts),
        "rows": rows,
        "warnings": [p.as_dict(lang) for p in warnings],
        "problems": [p.as_dict(lang) for p in problems],
    }


def batches_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    rows = []
    for r in frame.itertuples():
        state = ("✔ " if r.outcome == "loaded" else "↺ ") + t(f"upload.outcome.{r.outcome}", lang)
        if r.outcome == "rolled_back" and isinstance(r.rolled_back_by, str):
            state += f" ({r.rolled_back_by}, {str(r.rolled_back_at)[:16]})"
        made = " / ".join("–" if pd.isna(v) else i18n.number(v, lang, 0)
                          for v in (r.rows_new, r.rows_revised, r.rows_unchanged))
        rows.append((str(r.batch_id), str(r.loaded_at)[:16], r.user_name, r.file_name, t(f"upload.kind.{r.kind}", lang),
                     i18n.number(r.row_count, lang, 0), made, state, r.sha256[:12]))
    return pd.DataFrame(rows, columns=_cols(lang, "batch", "when", "user", "file", "kind", "rows", "made",
                                            "state", "sha256"))


def rollback_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Figures (or targets) a rollback moves: shown now and after; a target row names its period and scope."""
    def shown(value, vintage) -> str:
        if pd.isna(value):
            return "–"
        text = i18n.number(value, lang, 1 if vintage else 2)
        return f"{text} ({t(f'upload.vintage.short.{vintage}', lang)})" if vintage else text

    rows = []
    for r in frame.itertuples():
        targets = hasattr(r, "period")
        when = (f"{r.period} {r.year} · {t(f'scope.{r.scope}.short', lang)}" if targets
                else i18n.quarter_label(r.year, r.quarter, lang))
        rows.append((r.indicator, r.unit_code, r.sector_code, when,
                     shown(r.value_now, None if targets else r.vintage_now),
                     shown(r.value_after, None if targets else r.vintage_after)))
    return pd.DataFrame(rows, columns=_cols(lang, "indicator", "unit", "sector", "quarter", "now", "after_rollback"))
