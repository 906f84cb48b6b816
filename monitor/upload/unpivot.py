"""An office table's cells as the upload's long rows: one figure per unit, sector, year and quarter.

Values are scaled to the indicator's unit (a table in "Triệu đồng" is divided by 1,000 to billion VND) in exact
decimal arithmetic, so 9 months minus 6 months gives the quarter the table's own digits give. A cumulative period
becomes the value of its last quarter by subtracting the earlier quarters: from the same table where it has them
(another cumulative column, or the quarters), else from the figures in force in the store; the preview says which.
A rate indicator's table holds year-to-date % changes: "9 tháng" is the third quarter's figure. A growth column
beside a level column is a check: growth recomputed from the levels must match it within 0.05 points.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from monitor.core.errors import Problem
from monitor.upload.periods import Period
from monitor.upload.table import Column, Layout

RATE_TOLERANCE_PP = Decimal("0.05")
SPAN_TOLERANCE = Decimal("0.001")  # a quarter column and a cumulative column of the same table agree within 0.1%


@dataclass
class Figure:
    unit: str
    sector: str
    year: int
    quarter: int
    value: Decimal
    vintage: str
    cell: tuple[int, int]   # the table cell the figure comes from (a cumulative one for a derived quarter)
    source: str


@dataclass
class Unpivoted:
    figures: list[Figure] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _Entry:
    row: int
    col: Column
    value: Decimal
    ref: str


def cell_decimal(layout: Layout, r: int, c: int) -> Decimal | None:
    number = layout.sheet.number(r, c)
    if number is None:
        return None
    text = layout.sheet.text(r, c).strip().replace(" ", "").replace("\u00a0", "").rstrip("%")
    if not (layout.sheet.numbers and c in layout.sheet.numbers[r]):
        text = text.replace(".", "").replace(",", ".") if layout.sheet.decimal == "," else text.replace(",", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        return Decimal(repr(number))


def _problem(layout: Layout, r: int, c: int, code: str, value=None, severity="error", **params) -> Problem:
    return Problem(layout.line(r, c), layout.ref(r, c), value, code, tuple(params.items()), severity)


def _entries(layout: Layout, out: Unpivoted) -> dict:
    """(unit, sector, year) -> span (first, last) -> entries, for the value and comparison columns."""
    target = layout.measure[0] if layout.measure else ""
    groups: dict = defaultdict(lambda: defaultdict(list))
    for row in (r for r in layout.rows if r.kind == "data"):
        if row.measure and row.measure[0] == "%" and layout.kind != "rate":
            continue  # a row of rates in a table of levels
        unit, sector = (layout.fixed, row.code) if layout.dimension == "sector" else (row.code, layout.fixed)
        for col in (c for c in layout.columns if c.role in ("value", "compare")):
            text = layout.sheet.text(row.row, col.col).strip()
            if (row.row, col.col) in layout.sheet.formulas:
                out.problems.append(_problem(layout, row.row, col.col, "upload.err.xlsx_formula", text))
                continue
            value = cell_decimal(layout, row.row, col.col)
            if value is None:
                if text and layout.sheet.number(row.row, col.col) is None and text.lower() not in (
                        "-", "–", "—", "x", "..", "...", "…", "n/a", "na"):
                    out.problems.append(_problem(layout, row.row, col.col, "err.not_number", text))
                continue
            measure = row.measure if row.measure and row.measure[0] != "%" else col.measure or layout.measure
            if measure and measure[0] == target:
                value = value.scaleb(measure[1])
            p = col.period
            groups[(unit, sector, p.year)][(p.first, p.last)].append(_Entry(row.row, col, value, layout.ref(
                row.row, col.col)))
    return groups


def _letter(ref: str) -> str:
    return "".join(ch for ch in ref.split("!")[-1] if ch.isalpha())


def unpivot(layout: Layout, in_force: dict) -> Unpivoted:
    """The table's figures; in_force maps (unit, sector, year, quarter) to the store's figure in force."""
    out = Unpivoted()
    groups = _entries(layout, out)
    derived: dict = defaultdict(int)
    for (unit, sector, year), spans in groups.items():
        quarters: dict[int, Decimal] = {}
        for (first, last), entries in sorted(spans.items(), key=lambda kv: (kv[0][1], kv[0][0] != kv[0][1], kv[0][0])):
            for e in (e for e in entries if e.col.role == "value"):
                if layout.kind == "rate":
                    _rate_figure(layout, out, unit, sector, year, first, last, e)
                elif first == last:
                    quarters[last] = e.value
                    out.figures.append(Figure(unit, sector, year, last, e.value, e.col.vintage, (e.row, e.col.col),
                                              e.ref))
                else:
                    _derive(layout, out, spans, quarters, in_force, (unit, sector, year), (first, last), e, derived)
    for (year, quarter, column, columns, store_q), count in sorted(derived.items()):
        code = "layout.note.derived_" + ("both" if columns and store_q else "columns" if columns else "store")
        out.notes.append(Problem(None, None, None, code, (("count", count), ("quarter", quarter), ("year", year), (
            "column", column), ("columns", columns), ("quarters", store_q)), "note"))
    _check_rates(layout, groups, in_force, out)
    return out


def _derive(layout, out, spans, quarters, in_force, key, span, e, derived) -> None:
    unit, sector, year = key
    first, last = span
    below = [m for (a, m) in spans if a == first and first <= m < last and any(
        x.col.role == "value" for x in spans[(a, m)])]
    parts, refs, columns, stored, missing = Decimal(0), [], [], [], []
    k = first
    if below:
        m = max(below)
        part = next(x for x in spans[(first, m)] if x.col.role == "value")
        parts, k = parts + part.value, m + 1
        refs.append(part.ref.split("!")[-1])
        columns.append(_letter(part.ref))
    for q in range(k, last):
        if q in quarters:
            parts += quarters[q]
            columns.append(f"Q{q}")
        elif (unit, sector, year, q) in in_force:
            parts += in_force[(unit, sector, year, q)]
            stored.append(str(q))
        else:
            missing.append(str(q))
    if last in quarters:  # the table gives the quarter too: the two must agree
        whole = parts + quarters[last]
        if not missing and whole and abs(e.value - whole) > SPAN_TOLERANCE * abs(e.value):
            out.warnings.append(_problem(layout, e.row, e.col.col, "layout.warn.span_mismatch", str(e.value),
                                         "warning", sum=float(whole), quarter=last, year=year))
        return
    if missing:
        out.problems.append(_problem(layout, e.row, e.col.col, "layout.err.cannot_derive", str(e.value),
                                     quarter=last, year=year, missing=", ".join(missing)))
        return
    value = e.value - parts
    quarters[last] = value
    source = e.ref + "".join(f" − {r}" for r in refs) + (f" − Q{','.join(stored)} in force" if stored else "")
    out.figures.append(Figure(unit, sector, year, last, value, e.col.vintage, (e.row, e.col.col), source))
    derived[(year, last, _letter(e.ref), ", ".join(columns), ", ".join(stored))] += 1


def _as_growth(col: Column, value: Decimal, column_values: list[Decimal]) -> Decimal:
    """An index (last year = 100) as growth in %: 107,55 -> 7,55."""
    index = col.rate == "index" or (col.rate == "compare" and column_values and sorted(
        abs(v) for v in column_values)[len(column_values) // 2] > 50)
    return value - 100 if index else value


def _rate_figure(layout, out, unit, sector, year, first, last, e) -> None:
    if first != 1:
        out.problems.append(_problem(layout, e.row, e.col.col, "layout.err.rate_quarter", str(e.value),
                                     quarter=last, year=year))
        return
    values = [v for r in layout.rows if r.kind == "data" if (v := cell_decimal(layout, r.row, e.col.col)) is not None]
    out.figures.append(Figure(unit, sector, year, last, _as_growth(e.col, e.value, values), e.col.vintage,
                              (e.row, e.col.col), e.ref))


def _level(spans: dict, row: int, period: Period) -> Decimal | None:
    return next((x.value for x in spans.get((period.first, period.last), []) if x.row == row), None)


def _check_rates(layout: Layout, groups: dict, in_force: dict, out: Unpivoted) -> None:
    if layout.kind == "rate":
        return
    by_col = {c.col: c for c in layout.columns}
    for rate in (c for c in layout.columns if c.role == "rate" and c.pair is not None and c.period):
        level_col = by_col[rate.pair]
        p = level_col.period
        column_values = [v for r in layout.rows if r.kind == "data"
                         if (v := cell_decimal(layout, r.row, rate.col)) is not None]
        for row in (r for r in layout.rows if r.kind == "data"):
            given = cell_decimal(layout, row.row, rate.col)
            unit, sector = (layout.fixed, row.code) if layout.dimension == "sector" else (row.code, layout.fixed)
            now = _level(groups.get((unit, sector, p.year), {}), row.row, p)
            before = _level(groups.get((unit, sector, p.year - 1), {}), row.row, p)
            if before is None and all((unit, sector, p.year - 1, q) in in_force for q in range(p.first, p.last + 1)):
                before = sum(in_force[(unit, sector, p.year - 1, q)] for q in range(p.first, p.last + 1))
            if given is None or now is None or not before:
                continue
            growth = _as_growth(rate, given, column_values)
            recomputed = now / before * 100 - 100
            if abs(recomputed - growth) > RATE_TOLERANCE_PP:
                out.warnings.append(_problem(layout, row.row, rate.col, "layout.warn.rate_mismatch",
                                             layout.sheet.text(row.row, rate.col), "warning", label=row.label,
                                             recomputed=round(float(recomputed), 2), given=float(growth),
                                             diff=round(float(abs(recomputed - growth)), 2)))
