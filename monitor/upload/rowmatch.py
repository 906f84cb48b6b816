"""The rows of an office table: which column names them, and which sector or unit each row is.

Rows are matched by code (a code column, or a label that is a code: "KV2", "06652", "6652" with its zero restored)
or by name (names.Matcher). A table is of sectors or of units, whichever most rows name. In a table of units a
former district above its communes is a group row: context for the names under it ("Tiên Yên" under "Huyện Tiên
Yên" is the commune Xã Tiên Yên), not a figure to load. A name that stays ambiguous is settled by the table's
periods (communes from 2025 Q3, former districts before) or left for the analyst to choose.
"""

from __future__ import annotations

from monitor.core.errors import Problem
from monitor.upload.names import WHOLE_PROVINCE, Match, Matcher, clean_label, measure_of
from monitor.upload.table import Layout, Row

REFORM = (2025, 3)  # the first quarter of the communes without districts
LABEL_ROLES = ("label", "unknown", "code")


def _matches(matcher: Matcher, label: str, code_text: str):
    code = matcher.code(code_text) if code_text else None
    if code is None and label and len(label) <= 6 and " " not in label.strip():
        code = matcher.code(label)
    return code, (matcher.sector(label) if label else None), (matcher.units(label) if label else [])


def _pick_columns(layout: Layout, matcher: Matcher, first_data: int) -> tuple[int, int | None, int | None]:
    sheet = layout.sheet
    first_value = min((c.col for c in layout.columns if c.role in ("value", "rate")), default=sheet.width)
    left = [c for c in layout.columns if c.col < first_value]
    body = range(first_data, len(sheet.rows))

    def share(col: int, test) -> float:
        cells = [sheet.text(r, col) for r in body if sheet.text(r, col).strip()]
        return sum(bool(test(t)) for t in cells) / len(cells) if cells else 0.0

    code_col = next((c.col for c in left if c.role == "code"), None)
    if code_col is None:
        code_col = next((c.col for c in left if c.role not in ("ordinal", "measure")
                         and share(c.col, lambda t: (m := matcher.code(t)) and m.how == "code") >= 0.6), None)
    measure_col = next((c.col for c in left if c.role == "measure" or share(c.col, measure_of) >= 0.5), None)
    for c in left:
        if c.col == measure_col:
            c.role = "measure"
    scored = [(share(c.col, lambda t: matcher.sector(t) or matcher.units(t)), c.role == "label", -c.col, c.col)
              for c in left if c.role in LABEL_ROLES and c.col not in (code_col, measure_col)]
    label_col = max(scored)[-1] if scored else (code_col if code_col is not None else 0)
    for c in left:
        if c.col == label_col:
            c.role = "label"
        elif c.col == code_col:
            c.role = "code"
    return label_col, code_col, measure_col


def _prefer_by_period(layout: Layout, found: list[Match]) -> list[Match]:
    spans = [c.period.resolve(layout.title_period) for c in layout.columns if c.role == "value" and c.period]
    keys = [(p.year, p.last) for p in spans if p.year]
    if keys and min(keys) >= REFORM:
        return [m for m in found if m.level == "commune"] or found
    if keys and max(keys) < REFORM:
        return [m for m in found if m.level != "commune"] or found
    return found


def match_rows(layout: Layout, matcher: Matcher, saved: dict, first_data: int) -> None:
    sheet = layout.sheet
    label_col, code_col, measure_col = _pick_columns(layout, matcher, first_data)
    numeric_cols = [c.col for c in layout.columns if c.role in ("value", "rate")]
    fixes = saved.get("rows", {})
    seen = []
    for r in range(first_data, len(sheet.rows)):
        if not any(sheet.text(r, c).strip() for c in range(len(sheet.rows[r]))) or sheet.numbering_row(r):
            continue
        label = sheet.text(r, label_col).strip()
        code_text = sheet.text(r, code_col).strip() if code_col is not None else ""
        numbers = any(sheet.number(r, c) is not None for c in numeric_cols)
        measure = measure_of(sheet.text(r, measure_col)) if measure_col is not None else None
        row = Row(r, label or code_text, measure=measure, written=code_text or label)
        seen.append((row, numbers, _matches(matcher, label, code_text), fixes.get(clean_label(label or code_text))))
    votes = {"sector": 0, "unit": 0}
    for row, _, (code, sector, units), _ in seen:
        if clean_label(row.label) in WHOLE_PROVINCE:
            continue
        if code:
            votes[code.dim] += 1
        elif sector or units:
            votes["sector" if sector else "unit"] += 1
    layout.dimension = "unit" if votes["unit"] > votes["sector"] else "sector"
    context = ""
    for i, (row, numbers, (code, sector, units), fix) in enumerate(seen):
        if fix is not None:
            row.kind, row.code, row.how = ("ignore", None, "saved") if fix == "-" else (
                ("group", None, "saved") if fix == "group" else ("data", fix, "saved"))
            context = context if row.kind != "group" else ""
        elif code and code.dim == layout.dimension:
            row.code, row.how = code.code, code.how
        elif layout.dimension == "sector":
            row.code, row.how = (sector.code, sector.how) if sector else (None, "")
        else:
            later = [u for _, _, (_, _, us), _ in seen[i + 1:i + 2] for u in us]
            districts = [u for u in units if u.level == "former_district"]
            # a former district followed by its communes heads them (not a second time: "Tiên Yên" under
            # "Huyện Tiên Yên" is the commune)
            group = next((d for d in districts if d.code != context and any(u.district == d.code for u in later)),
                         None)
            if group:
                row.kind, row.how, context = "group", "name", group.code
                row.code = group.code
                continue
            found = [u for u in units if u.district == context] if context else []
            how = "context"
            if len(found) != 1:
                found, how = _prefer_by_period(layout, units), "period" if len(units) > 1 else "name"
            if len(found) == 1:
                row.code, row.how = found[0].code, found[0].how if how == "name" else how
            elif len(found) > 1:
                row.kind, row.candidates = "ambiguous", tuple(m.code for m in found)
        row.group = context if row.kind == "data" else row.group
        if row.kind == "data" and row.code is None:
            percent = row.measure and row.measure[0] == "%"  # a row of rates beside the levels: not a figure
            row.kind, row.how = ("ignore", "percent") if percent else ("unmatched" if numbers else "note", "")
    layout.rows = [row for row, *_ in seen]
    for row in layout.rows:
        if row.kind in ("unmatched", "ambiguous"):
            layout.problems.append(Problem(
                layout.line(row.row, label_col), layout.ref(row.row, label_col), row.label,
                f"layout.err.{row.kind}_row.{layout.dimension}", (("label", row.label),
                                                                   ("codes", ", ".join(row.candidates)))))
