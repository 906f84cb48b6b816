"""What a table's title and the analyst settle for the whole table: the indicator, the unit of measure, the vintage
of each value column, each column's year, the unit (or sector) the table is about, and which columns are for
comparison only.

Precedence, most specific first: a column's own header; then what the analyst said (command line or page); then the
title; then the correction saved for the layout. A column of an earlier year without a vintage of its own (last
year's quarter beside this year's) is for comparison: used to check growth, not loaded.
"""

from __future__ import annotations

from monitor.core.errors import Problem
from monitor.upload.names import Matcher, measure_of
from monitor.upload.periods import Period, norm, vintage_of
from monitor.upload.table import Hints, Layout

PROVINCE = "22"


def _problem(layout: Layout, col: int | None, code: str, value=None, **params) -> Problem:
    row = layout.header_rows[-1]
    return Problem(layout.line(row, col or 0) if col is not None else None,
                   layout.ref(row, col) if col is not None else None, value, code, tuple(params.items()))


def _title_unit(layout: Layout, matcher: Matcher) -> str | None:
    """A province or commune named in the title with its prefix ('TỈNH QUẢNG NINH', 'Phường Hà Tu')."""
    text = f" {norm(' '.join(layout.title))} "
    found = [(len(norm(r.name_vi)), code) for code, r in matcher.unit_rows.items()
             if r.level in ("province", "commune") and f" {norm(r.name_vi)} " in text]
    return max(found)[1] if found else None


def _indicator(layout: Layout, matcher: Matcher, hints: Hints) -> None:
    saved = hints.saved
    for how, value in (("option", hints.indicator), ("title", matcher.indicator(" ".join(layout.title))),
                       ("saved", saved.get("indicator"))):
        if value:
            layout.indicator, layout.how["indicator"] = value, how
            break
    if layout.indicator is None:
        layout.problems.append(_problem(layout, None, "layout.err.no_indicator"))
        return
    kinds = dict(zip(matcher.indicators["code"], matcher.indicators["kind"]))
    layout.kind = kinds.get(layout.indicator, "level")


def _measure(layout: Layout, matcher: Matcher, hints: Hints) -> None:
    texts = [*layout.title, *(c.header for c in layout.columns if c.role in ("label", "unknown"))]
    found = next((m for t in texts if (m := measure_of(t))), None)
    saved = hints.saved.get("measure")
    if found:
        layout.measure, layout.how["measure"] = tuple(found), "title"
    elif saved:
        layout.measure, layout.how["measure"] = tuple(saved), "saved"
    if layout.indicator is None:
        return
    target = matcher.measure_unit(layout.indicator)
    if layout.measure is None:
        layout.measure, layout.how["measure"] = (target, 0), "assumed"
    for col in [None, *layout.columns]:
        m = layout.measure if col is None else col.measure
        if col is not None and col.role not in ("value", "compare"):
            continue
        if m and m[0] != target and not (m[0] == "%" and layout.kind == "rate"):
            layout.problems.append(_problem(layout, None if col is None else col.col, "layout.err.measure_mismatch",
                                            col.header if col else None, indicator=layout.indicator,
                                            found=m[0], expected=target))


def _years(layout: Layout) -> None:
    values = [c for c in layout.columns if c.role in ("value", "rate") and c.period]
    for col in values:
        if col.period.relative and layout.title_period is None:
            layout.problems.append(_problem(layout, col.col, "layout.err.no_title_period", col.header))
            col.role = "ignore"
            continue
        col.period = col.period.resolve(layout.title_period)
    years = {c.period.year for c in values if c.role != "ignore" and c.period.year}
    for col in values:
        if col.role != "ignore" and col.period.year is None:
            if len(years) == 1:
                col.period = Period(next(iter(years)), col.period.first, col.period.last)
            else:
                layout.problems.append(_problem(layout, col.col, "layout.err.no_year", col.header))
                col.role = "ignore"


def _vintages(layout: Layout, hints: Hints) -> None:
    title = next((v for t in layout.title if (v := vintage_of(t))), None)
    fallback = [(hints.vintage, "option"), (title, "title"), (hints.saved.get("vintage"), "saved")]
    latest = max((c.period.year for c in layout.columns if c.role == "value" and c.period), default=None)
    for col in layout.columns:
        if col.role != "value":
            continue
        if col.vintage is None and latest and col.period.year < latest:
            col.role, col.how = "compare", "earlier_year"
            continue
        if col.vintage is None:
            col.vintage, col.how = next(((v, how) for v, how in fallback if v), (None, col.how))
        if col.vintage is None:
            layout.problems.append(_problem(layout, col.col, "layout.err.no_vintage", col.header))


def _rate_values(layout: Layout) -> None:
    """A rate indicator's table: its % columns are the figures."""
    if layout.kind != "rate":
        return
    for col in layout.columns:
        if col.role == "rate" and col.period:
            col.role = "value"


def settle(layout: Layout, matcher: Matcher, hints: Hints) -> None:
    _indicator(layout, matcher, hints)
    _rate_values(layout)
    _measure(layout, matcher, hints)
    _years(layout)
    _vintages(layout, hints)
    saved = hints.saved.get("fixed")
    if layout.dimension == "sector":
        unit = hints.unit or saved or _title_unit(layout, matcher)
        layout.fixed, layout.how["fixed"] = (unit, "option" if hints.unit else "saved" if saved else "title") if unit \
            else (PROVINCE, "assumed")
    else:
        layout.fixed, layout.how["fixed"] = (saved, "saved") if saved else ("TOTAL", "assumed")
    if not layout.value_columns():
        layout.problems.append(_problem(layout, None, "layout.err.no_values"))
