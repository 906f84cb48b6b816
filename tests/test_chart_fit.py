"""Chart text is never clipped and never overlaps, checked on the Figure objects (no browser): every category label
fits the room under or beside the axis, a title never runs into the legend, a legend never covers the axis
labels, and no target tick or other mark crosses a value label. Widths are estimated from the characters and the
font size (monitor/leader/fit.py, calibrated on DejaVu Sans, the font Chromium draws these charts with)."""

from __future__ import annotations

import pytest

from monitor.briefing import figures, slides
from monitor.core import reference
from monitor.core.engine import AsOf
from monitor.core.store import Store
from monitor.leader import charts, drill, status, views, wording
from monitor.leader import fit as fitting
from monitor.leader.fit import PAGE, PAGE_HALF, PAGE_WIDE

Q4 = AsOf(2025, 4)
SERIES_TITLE = {"vi": "Tăng trưởng GRDP theo quý: Phường Cửa Ông", "en": "Quarterly GRDP growth: Cua Ong Ward"}


@pytest.fixture(scope="module")
def data(demo_db):
    with Store(demo_db, read_only=True) as s:
        out = {"bridge": drill.contribution_bridge(s, "GRDP", "22", Q4),
               "structure": drill.structure(s, "GRDP", "22", Q4),
               "series": drill.growth_series(s, "GRDP", "22", "TOTAL", until=Q4),
               "path": status.trajectory_inputs(s, "GRDP", "22", Q4)}
        for lang in ("vi", "en"):
            out[lang] = wording.localized(status.report(s, "GRDP", "22", Q4), reference.labels(s, lang), lang)
            out["names", lang] = reference.labels(s, lang).sector
            out["brief", lang] = slides.build(s, Q4, lang)
    return out


def page_charts(data, lang):
    """Every leader chart as a page draws it, in the narrowest column it gets at 1024 px."""
    ranked = views.ranked_units(data[lang])
    return {"waterfall": charts.contribution_waterfall(data["bridge"], lang=lang),
            "structure": charts.structure(data["structure"], data["names", lang], 2025, lang),
            "ranking": charts.unit_ranking(ranked, lang),
            "series": charts.growth_series(data["series"], SERIES_TITLE[lang], lang),
            "trajectory": charts.trajectory(**data["path"], lang=lang),
            "contributions": charts.contributions(data["bridge"], data["names", lang], lang, title="Đóng góp")}


WIDTH = {"waterfall": PAGE_HALF.width, "structure": PAGE_HALF.width, "trajectory": PAGE_WIDE.width}


def width(fig, name: str = "") -> float:
    return fig.layout.width or WIDTH.get(name, PAGE.width)


def plot_box(fig, name: str = "") -> tuple[float, float]:
    """Width and height of the plotting area, px."""
    m = fig.layout.margin
    return width(fig, name) - m.l - m.r, fig.layout.height - m.t - m.b


def title_bottom(fig) -> float:
    """How far down from the top the title's last line reaches (0 without a title)."""
    title = fig.layout.title
    if not title.text:
        return 0.0
    size = title.font.size
    rows = fitting.lines(title.text)
    top = (1 - title.y) * fig.layout.height - (0.85 * size if len(rows) > 1 else 0)
    return top + len(rows) * size * fitting.LINE


def legend_band(fig, name: str = "") -> tuple[float, float]:
    """Top and bottom of a horizontal legend, px from the top of the figure."""
    legend = fig.layout.legend
    names = [t.name for t in fig.data if t.showlegend is not False]
    high = fitting.legend_px(names, plot_box(fig, name)[0], legend.font.size or 16)
    plot_h = plot_box(fig, name)[1]
    anchor = fig.layout.margin.t + (1 - legend.y) * plot_h
    return (anchor - high, anchor) if legend.yanchor == "bottom" else (anchor, anchor + high)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_title_fits_the_chart_and_ends_above_its_legend(data, lang):
    for name, fig in page_charts(data, lang).items():
        title = fig.layout.title
        for line in fitting.lines(title.text or ""):
            assert fitting.text_px(line, title.font.size) <= width(fig, name) - 12, (name, line)
        assert title_bottom(fig) >= 0 and title_bottom(fig) <= fig.layout.margin.t, name
        if fig.layout.showlegend and fig.layout.legend.yanchor == "bottom":
            top, bottom = legend_band(fig, name)
            assert top >= title_bottom(fig) - 1, (name, top, title_bottom(fig))        # no title over a legend
            assert bottom <= fig.layout.margin.t + 1, name


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_waterfall_labels_are_short_names_wrapped_to_the_room_of_a_category(data, lang):
    fig = charts.contribution_waterfall(data["bridge"], lang=lang)
    trace = fig.data[0]
    room = plot_box(fig, "waterfall")[0] / len(trace.x)
    size = fig.layout.xaxis.tickfont.size
    assert fig.layout.xaxis.tickangle == 0                      # never turned and cut ("Nông ng", "Công ng")
    assert list(fig.layout.xaxis.tickvals) == list(trace.x)
    for label in fig.layout.xaxis.ticktext:
        for line in fitting.lines(label):
            assert fitting.text_px(line, size) <= room - 2, (label, room)
    rows = max(len(fitting.lines(t)) for t in fig.layout.xaxis.ticktext)
    assert fig.layout.margin.b >= rows * size * fitting.LINE, "the wrapped labels fit the bottom margin"
    if lang == "vi":
        assert list(fig.layout.xaxis.ticktext) == ["2024", "Nông<br>nghiệp", "Công<br>nghiệp,<br>XD", "Dịch vụ",
                                                    "Thuế<br>SP", "2025"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_structure_legend_lies_below_the_axis_labels_inside_the_chart(data, lang):
    fig = charts.structure(data["structure"], data["names", lang], 2025, lang)
    legend = fig.layout.legend
    assert legend.orientation == "h" and legend.yanchor == "top" and legend.y < 0
    plot_w, plot_h = plot_box(fig, "structure")
    below_axis = -legend.y * plot_h
    assert below_axis >= fig.layout.xaxis.tickfont.size * fitting.LINE + 6      # clear of "0% ... 100%"
    names = [t.name for t in fig.data]
    assert below_axis + fitting.legend_px(names, plot_w, legend.font.size) <= fig.layout.margin.b
    assert all(len(n) <= charts.LEGEND_CHARS for n in names)                  # short names, not 34 characters
    if lang == "vi":
        assert names == ["Nông nghiệp", "Công nghiệp, XD", "Dịch vụ", "Thuế SP"]


def label_spans(fig, bar: int = 0, axis: str = "x") -> list[tuple[str, float, float]]:
    """(category, start, end) of each value label, in data units: the annotations on a bar chart, or the bars'
    own text drawn outside."""
    lo, hi = fig.layout[f"{axis}axis"].range
    per_px = (hi - lo) / plot_box(fig)[0]
    out = [(a.y, a.x + a.xshift * per_px, a.x + (a.xshift + fitting.text_px(a.text, a.font.size)) * per_px)
           for a in fig.layout.annotations if a.xref in (None, "x") and a.yref in (None, "y")]
    trace = fig.data[bar]
    if not out and trace.textposition == "outside":             # the old way: text at the bar's end
        out = [(y, x, x + fitting.text_px(t, trace.textfont.size or 16) * per_px)
               for y, x, t in zip(trace.y, trace.x, trace.text)]
    return out


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_target_tick_strikes_through_a_value_label_on_the_ranking(data, lang):
    fig = charts.unit_ranking(views.ranked_units(data[lang]), lang)
    bars, ticks = fig.data
    target = dict(zip(ticks.y, ticks.x))
    growth = dict(zip(bars.y, bars.x))
    spans = label_spans(fig)
    assert len(spans) == len(bars.y) == 54
    for name, start, end in spans:
        assert start >= max(growth[name], 0), name               # right of its bar (and of zero)
        assert not start <= target[name] <= end, (name, start, target[name], end)
        assert end <= fig.layout.xaxis.range[1], name            # inside the chart, not cut at its edge
    assert {a.text for a in fig.layout.annotations} >= {"✔ 23,33%" if lang == "vi" else "✔ 23.33%"}
    names_px = max(fitting.text_px(n, fig.layout.yaxis.tickfont.size) for n in bars.y)
    assert fig.layout.margin.l >= names_px                      # the longest name fits the margin


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_contribution_bars_keep_their_labels_and_names_inside_the_chart(data, lang):
    fig = charts.contributions(data["bridge"], data["names", lang], lang, fit=figures.SLIDE)
    names_px = max(fitting.text_px(n, fig.layout.yaxis.tickfont.size) for n in fig.data[0].y)
    assert fig.layout.margin.l >= names_px
    lo, hi = fig.layout.xaxis.range
    per_px = (hi - lo) / plot_box(fig)[0]
    for trace in fig.data:
        for x, text in zip(trace.x, trace.text):
            reach = fitting.text_px(text, trace.textfont.size) * per_px
            assert (x + reach <= hi) if x >= 0 else (x - reach >= lo), (trace.name, x, text)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_slides_charts_fit_their_image(data, lang):
    brief = data["brief", lang]
    made = {s["key"]: s["chart"] for s in brief["slides"] if s["chart"] is not None}
    assert set(made) == {"trajectory", "contributions", "localities"}
    for key, fig in made.items():
        assert (fig.layout.width, fig.layout.height) == figures.CHART_SIZE, key
        assert not fig.layout.title.text, key                      # the slide carries the title
        for axis in (fig.layout[name] for name in ("xaxis", "xaxis2") if name in fig.layout):
            if axis.visible is not False and axis.tickfont.size:   # an axis keeps room for its labels
                assert fig.layout.margin.b >= axis.tickfont.size * fitting.LINE + 4, key
    localities = made["localities"]
    counts, bars = localities.data[0], localities.data[1]
    status_px = max(fitting.text_px(w, localities.layout.yaxis.tickfont.size) for w in counts.y)
    assert localities.layout.margin.l >= status_px
    left, right = localities.layout.xaxis.domain, localities.layout.xaxis2.domain
    inner = figures.CHART_SIZE[0] - localities.layout.margin.l - localities.layout.margin.r
    names_px = max(fitting.text_px(n, localities.layout.yaxis2.tickfont.size) for n in bars.y)
    assert (right[0] - left[1]) * inner >= names_px + 10        # the ranking's names fit between the panels
    captions = [a for a in localities.layout.annotations if a.yref == "paper"]
    assert len(captions) == 2
    first_end = (captions[0].x * inner) + max(fitting.text_px(line, captions[0].font.size)
                                               for line in fitting.lines(captions[0].text))
    assert first_end <= captions[1].x * inner                   # the two captions never run into each other
