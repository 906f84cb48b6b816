"""Annotations in words for the page: the list in force, the record of changes (old and new side by side, one row
per field that changed), the problems of a refused entry or file, the playlists with their wall links."""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import quote

import pandas as pd

from monitor.annotations import notes
from monitor.core import i18n


def _day(value) -> str:
    if value is None or value != value:
        return ""
    if isinstance(value, (date, datetime)) or hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


def when(row: dict, prefix: str = "") -> str:
    start, end = _day(row[f"{prefix}start_date"]), _day(row[f"{prefix}end_date"])
    return start if start == end or not end else f"{start} – {end}"


def item(row: dict, lang: str, prefix: str = "") -> str:
    kind = row.get(f"{prefix}item_kind")
    return f"{i18n.t(f'ann.page.kind_{kind}', lang)}: {row[f'{prefix}item_code']}" if kind else i18n.t(
        "ann.page.kind_none", lang)


def table(rows: list[dict], lang: str) -> pd.DataFrame:
    """The annotations in force, oldest first: id, when, title, applies to, source."""
    return pd.DataFrame([{
        i18n.column_label("id", lang): r["annotation_id"],
        i18n.t("ann.col.when", lang): when(r),
        i18n.column_label(f"title_{lang}", lang): r[f"title_{lang}"],
        i18n.t("ann.col.item", lang): item(r, lang),
        i18n.t("ann.col.source", lang): r["source"] or "",
    } for r in rows])


def label(row: dict, lang: str) -> str:
    return f"#{row['annotation_id']} · {when(row)} · {row[f'title_{lang}']}"


def history_table(rows: list[dict], lang: str) -> pd.DataFrame:
    """Every change, newest first, one row per field it set or changed (an add lists every field it filled)."""
    out = []
    for r in rows:
        for field in notes.FIELDS:
            old, new = r[f"old_{field}"], r[f"new_{field}"]
            old, new = (_day(old), _day(new)) if field.endswith("_date") else (old or "", new or "")
            if old == new and r["change"] != "remove" or r["change"] == "add" and not new:
                continue
            out.append({i18n.column_label("id", lang): r["annotation_id"],
                        i18n.t("ann.hist.change", lang): i18n.t(f"ann.change.{r['change']}", lang),
                        i18n.t("ann.hist.by", lang): r["changed_by"],
                        i18n.t("ann.hist.at", lang): r["changed_at"].strftime("%d/%m/%Y %H:%M"),
                        i18n.t("ann.hist.field", lang): i18n.column_label(field, lang),
                        i18n.t("ann.hist.old", lang): str(old), i18n.t("ann.hist.new", lang): str(new)})
            if r["change"] == "remove":
                break  # a removal: one line says so
    return pd.DataFrame(out)


def problem_lines(problems, lang: str) -> list[str]:
    """'Dòng 3 · Từ ngày · '31/02/2024': Ngày phải viết dạng dd/mm/yyyy...' for each problem."""
    return [" · ".join(filter(None, (i18n.t("ann.page.line", lang, row=p.row) if p.row else None,
                                     i18n.column_label(p.column, lang) if p.column else None,
                                     repr(p.value) if p.value else None, p.message(lang)))) for p in problems]


def playlist_table(rows: list[dict], lang: str, base: str = "/man-hinh") -> pd.DataFrame:
    """The playlists with the link that opens each on the wall."""
    return pd.DataFrame([{
        i18n.column_label("name", lang): r["name"], i18n.column_label("items", lang): r["items"],
        i18n.column_label("interval_s", lang): r["interval_s"],
        i18n.t("ann.page.wall_link", lang): f"{base}?playlist={quote(r['name'])}&lang={lang}",
    } for r in rows])
