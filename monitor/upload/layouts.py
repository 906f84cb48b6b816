"""Recognising a statistics office's table: where its header is, which columns hold which periods, what its title
says (indicator, unit of measure, vintage, period), and which rows are sectors or units (names.py, rowmatch.py).

A table has periods across its columns and sectors or units down its rows, or the other way round (then it is
read transposed). The header is the first row naming periods, with the rows just above and below it that carry
more header text (merged cells flattened by grid.py): each column's header is their texts joined. Rows above the
header are the title. A correction saved for the layout (layout_memory.py) overrides what was recognised.
"""

from __future__ import annotations

from monitor.upload import periods, rowmatch, title_rules
from monitor.upload.grid import Sheet
from monitor.upload.names import Matcher, measure_of
from monitor.upload.table import Column, Hints, Layout

HEADER_SEARCH_ROWS = 40
MAX_HEADER_CELL = 45  # a period heading a column is short; a title naming the period is not
RATE_KINDS = ("growth", "index", "compare")


def _heads_period(text: str) -> bool:
    """A short heading naming a period in words ('Quý III/2025', '9 tháng'); a bare 2025 is a figure's cell."""
    return len(text) <= MAX_HEADER_CELL and any(ch.isalpha() for ch in text) and periods.parse(text).period is not None


def _header_row(sheet: Sheet) -> int | None:
    for r in range(min(HEADER_SEARCH_ROWS, len(sheet.rows))):
        cells = sheet.texts(r)
        if len({t for _, t in cells}) >= 2 and any(_heads_period(t) for _, t in cells):
            return r
    return None


def _header_block(sheet: Sheet, r0: int, first_value: int) -> list[int]:
    rows = [r0]
    r = r0 - 1
    while r >= 0 and len({t for _, t in sheet.texts(r)}) >= 2 and not any(
            isinstance(v, float) for v in sheet.rows[r]):
        rows.insert(0, r)
        r -= 1
    r = r0 + 1
    while r < len(sheet.rows):
        right = [(c, t) for c, t in sheet.texts(r) if c >= first_value]
        numeric = any(sheet.number(r, c) is not None for c, _ in right)
        if sheet.numbering_row(r) or (right and not numeric):
            rows.append(r)
            r += 1
        else:
            break
    return rows


def _joined(sheet: Sheet, rows: list[int], c: int) -> str:
    parts: list[str] = []
    for r in rows:
        t = sheet.text(r, c).strip()
        if t and not sheet.numbering_row(r) and (not parts or parts[-1] != t):
            parts.append(t)
    return " ".join(parts)


def _columns(sheet: Sheet, rows: list[int], saved: dict) -> list[Column]:
    found = []
    for c in range(sheet.width):
        text = _joined(sheet, rows, c)
        fix = saved.get("columns", {}).get(periods.norm(text))
        h = periods.parse(fix["period"] if fix and fix.get("period") else text)
        col = Column(c, text, "unknown", h.period, (fix or {}).get("vintage") or h.vintage,
                     measure=measure_of(text), how="saved" if fix else "header")
        if fix and fix.get("role"):
            col.role = fix["role"]
            col.rate = h.kind if h.kind in RATE_KINDS else ("compare" if fix["role"] == "rate" else None)
        elif h.kind in ("measure", "ordinal", "code", "ignore"):
            col.role = h.kind
        elif h.kind in RATE_KINDS:
            col.role, col.rate = "rate", h.kind
        elif h.period:
            col.role = "value"
        elif periods.label_header(text):
            col.role = "label"
        found.append(col)
    return found


def _pair_rates(columns: list[Column]) -> None:
    values = [c for c in columns if c.role in ("value", "compare")]
    for rate in (c for c in columns if c.role == "rate"):
        left = [v for v in values if v.col < rate.col]
        same = [v for v in left if rate.period and v.period and v.period.key() == rate.period.key()]
        pick = (same or ([] if rate.period else left))[-1:] or [None]
        rate.pair = pick[0].col if pick[0] else None
        if rate.period is None and pick[0]:
            rate.period = pick[0].period


def transpose(sheet: Sheet, at: int) -> Sheet:
    """The sheet with its rows from `at` down turned into columns (a table with sectors across)."""
    body = sheet.rows[at:]
    width = max((len(r) for r in body), default=0)
    turned = [[(body[j][i] if i < len(body[j]) else "") for j in range(len(body))] for i in range(width)]
    numbers = sheet.numbers[at:] if sheet.numbers else []
    turned_numbers = [{j for j in range(len(body)) if i in numbers[j]} for i in range(width)] if numbers else []
    return Sheet(sheet.name, sheet.rows[:at] + turned, sheet.lines, sheet.kind,
                 (sheet.numbers[:at] + turned_numbers) if numbers else [],
                 {(at + c, r - at) if r >= at else (r, c) for r, c in sheet.formulas}, sheet.decimal, sheet.info,
                 list(sheet.problems))


def _names_across(sheet: Sheet, matcher: Matcher) -> int | None:
    """The first row naming two or more sectors or units across, with periods down a column beneath it."""
    for r in range(min(HEADER_SEARCH_ROWS, len(sheet.rows))):
        named = [t for _, t in sheet.texts(r) if matcher.code(t) or matcher.sector(t) or matcher.units(t)]
        below = [sheet.text(k, c) for k in range(r + 1, min(r + 30, len(sheet.rows))) for c in range(3)]
        if len(named) >= 2 and sum(bool(periods.parse(t).period) for t in below) >= 2:
            return r
    return None


def recognise(sheet: Sheet, matcher: Matcher, hints: Hints) -> Layout | None:
    """The layout of one sheet, or None when it holds no table with periods; periods across first, then the
    same sheet transposed, whichever matches more rows."""
    best = _recognise(sheet, None, matcher, hints)
    if best is None or sum(r.kind == "data" for r in best.rows) < 2:
        at = _names_across(sheet, matcher)
        turned = _recognise(transpose(sheet, at), at, matcher, hints) if at is not None else None
        if turned and (best is None or sum(r.kind == "data" for r in turned.rows) > sum(
                r.kind == "data" for r in best.rows)):
            best = turned
    return best


def _recognise(sheet: Sheet, at: int | None, matcher: Matcher, hints: Hints) -> Layout | None:
    saved = hints.saved
    line = saved.get("header_row")  # the sheet row the analyst chose
    r0 = sheet.lines.index(line) if line in sheet.lines and at is None else _header_row(sheet)
    if r0 is None:
        return None
    first = min((c for c, t in sheet.texts(r0) if _heads_period(t)), default=1)
    block = _header_block(sheet, r0, first)
    columns = _columns(sheet, block, saved)
    if not any(c.role in ("value", "rate") for c in columns):
        return None
    title = [" ".join(t for _, t in sheet.texts(r)) for r in range(block[0]) if sheet.texts(r)]
    layout = Layout(sheet, at, title, block, columns, title_period=periods.title_period(title))
    rowmatch.match_rows(layout, matcher, saved, first_data=block[-1] + 1)
    title_rules.settle(layout, matcher, hints)
    _pair_rates(layout.columns)
    return layout
