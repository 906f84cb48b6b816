"""Annotations drawn on a time chart: a period as a shaded band, an event as a dashed vertical line, each with its
short title as a label along the top of the plot. Labels that would overlap go one row lower, so none covers
another at any width. Pure: figure and plain annotation rows in (monitor/annotations/notes.py in_force), the same
figure out; every shape and label is named 'annotation:<id>' so a test (and the PDF) can find it.

Time axes here are quarterly categories: a date marks the quarter it falls in, the position of which the chart
gives (`positions`: {(year, quarter): x index})."""

from __future__ import annotations

from datetime import date, datetime

BAND, LINE, TEXT = "rgba(230, 159, 0, 0.16)", "#8F6000", "#5C3D00"   # amber: 5.9:1 as text on white
ROW = 1.45           # a label row, in font sizes
MAX_ROWS = 3
CHAR_EM = 0.56       # an average character's width, in font sizes (Source Sans / DejaVu)


def _day(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return value.date() if hasattr(value, "date") else date.fromisoformat(str(value)[:10])


def quarter_of(day) -> tuple[int, int]:
    d = _day(day)
    return d.year, (d.month - 1) // 3 + 1


def title(row: dict, lang: str) -> str:
    return row.get(f"title_{lang}") or row.get("title_vi") or ""


def placed(rows: list[dict], positions: dict[tuple[int, int], float]) -> list[tuple[dict, float, float]]:
    """(row, first x, last x) for every annotation whose period meets a quarter on the axis, by its first x."""
    out = []
    for row in rows:
        first, last = quarter_of(row["start_date"]), quarter_of(row["end_date"])
        xs = [x for key, x in positions.items() if first <= key <= last]
        if xs:
            out.append((row, min(xs), max(xs)))
    return sorted(out, key=lambda p: (p[1], p[2]))


def add_marks(fig, rows: list[dict], positions: dict[tuple[int, int], float], lang: str, size: float,
              plot_px: float) -> int:
    """Draw the annotations of `rows` that fall on the axis; the number of label rows used (0: none drawn), for
    `headroom`. plot_px: the plot area's width in pixels (labels are laid out in rows by their width there); size:
    the label font size in px."""
    spots = placed(rows, positions)
    if not spots:
        return 0
    lo, hi = min(positions.values()) - 0.5, max(positions.values()) + 0.5
    per_px = (hi - lo) / max(plot_px, 1)
    ends: list[float] = []  # per label row, where its last label ends (in x units)
    for row, first, last in spots:
        name = f"annotation:{row['annotation_id']}"
        if first == last and _day(row["start_date"]) == _day(row["end_date"]):
            fig.add_shape(type="line", x0=first, x1=first, y0=0, y1=1, xref="x", yref="paper", name=name,
                          line=dict(color=LINE, width=2, dash="dash"), layer="below")
        else:
            fig.add_shape(type="rect", x0=first - 0.45, x1=last + 0.45, y0=0, y1=1, xref="x", yref="paper",
                          name=name, fillcolor=BAND, line=dict(width=0), layer="below")
        text = title(row, lang)
        width = (len(text) * CHAR_EM * size + 12) * per_px
        start = first - 0.45 if first != last else first
        anchor = "left"
        if start + width > hi:  # near the right edge: the label ends at the mark instead of starting there
            start, anchor = max(lo, (last + 0.45 if first != last else last) - width), "left"
        level = next((i for i, end in enumerate(ends) if end <= start), len(ends))
        if level >= MAX_ROWS:
            level = min(range(len(ends)), key=lambda i: ends[i])
        if level == len(ends):
            ends.append(start + width)
        else:
            ends[level] = start + width
        fig.add_annotation(x=start, y=1, xref="x", yref="paper", xanchor=anchor, yanchor="top",
                           yshift=-4 - level * ROW * size, text=text, showarrow=False, name=name,
                           font=dict(size=size, color=TEXT), bgcolor="rgba(255,255,255,0.88)", borderpad=2)
    return len(ends)


def headroom(values: list[float], label_rows: int, size: float, plot_px: float, above_px: float = 0.0) -> list:
    """A y-axis range that keeps a band at the top of the plot for `label_rows` rows of annotation labels, clear
    of the data and of anything drawn up to `above_px` above the highest value (its value label, a target's
    label): the labels never cover a line, a marker or another label."""
    values = [v for v in values if v is not None and v == v]
    if not values or not label_rows:
        return []
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    band = label_rows * ROW * size + 8 + above_px
    per_px = span / max(plot_px - band - 20, 40)
    return [low - 20 * per_px, high + band * per_px]


def quarter_dates(year: int, quarter: int) -> tuple[date, date]:
    """The first and last day of a quarter."""
    start = date(year, 3 * quarter - 2, 1)
    following = date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)
    return start, date.fromordinal(following.toordinal() - 1)


def covering(rows: list[dict], year: int, quarter: int) -> list[dict]:
    """The annotations whose period meets a quarter (the narrative cites them)."""
    start, end = quarter_dates(year, quarter)
    return [r for r in rows if _day(r["start_date"]) <= end and _day(r["end_date"]) >= start]


def general(rows: list[dict], kind: str | None = None, code: str | None = None) -> list[dict]:
    """The annotations a chart of one item shows: those tied to no unit or sector, and those tied to this one."""
    return [r for r in rows if r.get("item_kind") is None or (r.get("item_kind"), r.get("item_code")) == (kind, code)]
