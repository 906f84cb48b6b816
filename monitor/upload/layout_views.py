"""What the upload page shows of an office table, and the analyst's correction of it, as plain tables and choices
in the reader's language (no streamlit: the page renders them). spec() turns the edited tables back into the
correction layout_memory saves under the layout's signature. Also the preview's tables and the offer to include
corrected parents, so the page stays a thin list of widgets."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from monitor.core import i18n
from monitor.core.errors import Problem
from monitor.core.i18n import t
from monitor.upload import consistency
from monitor.upload import views as upload_view
from monitor.upload.names import clean_label
from monitor.upload.periods import Period, norm
from monitor.upload.validate import VINTAGES

ROLES = ("value", "compare", "rate", "ignore", "label", "code", "measure", "ordinal")
SHOWN_ROLES = ROLES + ("unknown",)


@dataclass
class Form:
    labels: object
    heading: str
    summary: str
    needs_help: bool
    columns: pd.DataFrame
    rows: pd.DataFrame
    choices: dict = field(default_factory=dict)   # table column -> the options of its selectbox
    locked: dict = field(default_factory=dict)    # "columns" / "rows" -> the table columns not to edit
    picks: dict = field(default_factory=dict)     # key -> (label, options, current option)


def period_text(p: Period | None, lang: str) -> str:
    """'Quý III/2025', '9 tháng năm 2025': a period as the page shows it, and as the analyst may type it back."""
    if p is None or p.year is None:
        return ""
    if p.first == p.last:
        return i18n.quarter_label(p.year, p.last, lang)
    return i18n.period_label(p.last, lang, p.year) if p.first == 1 else p.key()


def _measure(lay, labels, lang: str) -> str:
    """'tỷ đồng', or 'tỷ đồng (the table's numbers divided by 1,000)' for a table in triệu đồng."""
    unit = labels.measure_unit.get(lay.indicator, "–") if lay.indicator else "–"
    power = lay.measure[1] if lay.measure else 0
    if not power:
        return unit
    factor = i18n.number(10 ** abs(power), lang, 0)
    return t("layout.measure.divided" if power < 0 else "layout.measure.multiplied", lang, unit=unit, factor=factor)


def _c(key: str, lang: str) -> str:
    return t(f"layout.col.{key}", lang)


def _code_options(office, labels, lang: str) -> tuple[list[str], dict]:
    names = labels.sector if office.layout.dimension == "sector" else labels.unit
    options = {t("layout.row.ignore", lang): "-", t("layout.row.group", lang): "group",
               t("layout.row.unmatched", lang): None}
    options.update({f"{code} · {name}": code for code, name in names.items()})
    return list(options), options


def form(office, labels, lang: str) -> Form:
    lay = office.layout
    vintages = [t("layout.vintage.title", lang)] + [t(f"upload.vintage.short.{v}", lang) for v in VINTAGES]
    roles = [t(f"layout.role.{r}", lang) for r in ROLES]
    columns = pd.DataFrame([(lay.heading(c.col), c.header, t(f"layout.role.{c.role}", lang),
                             period_text(c.period, lang), t(f"upload.vintage.short.{c.vintage}", lang)
                             if c.vintage else vintages[0] if c.role == "value" else "–")
                            for c in lay.columns if c.header],
                           columns=[_c(k, lang) for k in ("cell", "header", "role", "period", "vintage")])
    code_options, codes = _code_options(office, labels, lang)
    back = {v: k for k, v in codes.items() if v}
    rows = pd.DataFrame([(str(lay.line(r.row)), r.label, back.get("group") if r.kind == "group" else back.get(
        "-") if r.kind in ("ignore", "note") else back.get(r.code, code_options[2]),
        t(f"layout.how.{r.how or r.kind}", lang)) for r in lay.rows],
        columns=[_c(k, lang) for k in ("row", "label", "code", "how")])
    indicators = [f"{k} · {v}" for k, v in labels.indicator.items()]
    fixed_names = labels.unit if lay.dimension == "sector" else labels.sector
    fixed = [f"{k} · {v}" for k, v in fixed_names.items()]
    current = next((o for o in indicators if o.split(" · ")[0] == lay.indicator), t("layout.row.unmatched", lang))
    saved = office.saved
    summary = t("layout.summary", lang, sheet=lay.sheet.name, header=lay.line(lay.header_rows[-1]),
                rows=t(f"layout.rows_are.{lay.dimension}", lang), count=sum(r.kind == "data" for r in lay.rows),
                columns=len(lay.value_columns()), measure=_measure(lay, labels, lang))
    if saved:
        summary += " " + t("layout.saved_by", lang, user=saved["saved_by"], when=saved["saved_at"])
    return Form(
        labels, t("layout.heading", lang), summary, bool(office.problems),
        columns, rows,
        choices={_c("role", lang): roles, _c("vintage", lang): ["–", *vintages], _c("code", lang): code_options},
        locked={"columns": [_c(k, lang) for k in ("cell", "header")],
                "rows": [_c(k, lang) for k in ("row", "label", "how")]},
        picks={"indicator": (t("layout.pick.indicator", lang), [t("layout.row.unmatched", lang), *indicators],
                             current),
               "fixed": (t(f"layout.pick.fixed.{lay.dimension}", lang), fixed,
                         next((o for o in fixed if o.split(" · ")[0] == lay.fixed), fixed[0])),
               "vintage": (t("layout.pick.vintage", lang), vintages, next(
                   (o for v, o in zip(VINTAGES, vintages[1:]) if v == (saved or {}).get("spec", {}).get("vintage")),
                   vintages[0])),
               "header_row": (t("layout.pick.header_row", lang), [str(n) for n in lay.sheet.lines[:40]],
                              str(lay.line(lay.header_rows[-1])))})


def spec(office, original: Form, columns: pd.DataFrame, rows: pd.DataFrame, picks: dict, lang: str) -> dict:
    """The correction to save: what the analyst changed, over what was saved before for this layout."""
    lay = office.layout
    saved = dict(office.saved["spec"]) if office.saved else {}
    roles = {t(f"layout.role.{r}", lang): r for r in ROLES}
    vintages = {t(f"upload.vintage.short.{v}", lang): v for v in VINTAGES}
    fixed_cols = dict(saved.get("columns", {}))
    heads = [c for c in lay.columns if c.header]
    for col, new, old in zip(heads, columns.itertuples(index=False), original.columns.itertuples(index=False)):
        if tuple(new) != tuple(old):
            fixed_cols[norm(col.header)] = {"role": roles.get(new[2], col.role), "period": new[3] or None,
                                            "vintage": vintages.get(new[4])}
    _, codes = _code_options(office, original.labels, lang)
    fixed_rows = dict(saved.get("rows", {}))
    for row, new, old in zip(lay.rows, rows.itertuples(index=False), original.rows.itertuples(index=False)):
        if new[2] != old[2] and codes.get(new[2]) is not None:
            fixed_rows[clean_label(row.label)] = codes[new[2]]
    out = {**saved, "columns": fixed_cols, "rows": fixed_rows}
    for key in ("indicator", "fixed", "header_row", "vintage"):
        chosen = picks.get(key, original.picks[key][2])
        if chosen != original.picks[key][2]:
            out[key] = int(chosen) if key == "header_row" else vintages.get(chosen) if key == "vintage" else (
                chosen.split(" · ")[0])
    return out


def notes(items: list[Problem], lang: str) -> str:
    """What was done to the file (quarters worked out, codes restored, parents added), as a markdown list."""
    return "\n".join(f"- {p.message(lang)}" + (f" ({p.column})" if p.column and "!" in str(p.column) else "")
                     for p in items)


def preview_tables(prepared, lang: str) -> list[tuple[str, pd.DataFrame]]:
    """(heading, table) of the preview: how year-to-date growth moves, then the figures the file adds or changes."""
    found = []
    if prepared.ytd_changes is not None and len(prepared.ytd_changes):
        found.append((t("upload.ytd_heading", lang), upload_view.ytd_table(prepared, lang)))
    changes = upload_view.changes_table(prepared, lang)
    if len(changes):
        found.append((t("upload.changes_heading", lang), changes))
    return found


def offer_parents(problems: list[Problem]) -> bool:
    """Whether the refusal is only parents the file left behind: the page offers to include them corrected."""
    return consistency.offer(problems)
