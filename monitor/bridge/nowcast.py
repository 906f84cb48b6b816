"""Nowcast pieces for the pages: the estimate beside the overview's last published quarter, the nowcast page's
report, record and figures. Cached per data version (the record re-estimates the model for every past quarter)."""

from __future__ import annotations

from monitor.bridge.base import cached, cached_figure, store
from monitor.core import i18n
from monitor.core.engine import AsOf
from monitor.core.reference import PROVINCE
from monitor.nowcast import charts, sectors, service, views
from monitor.nowcast import inputs as nowcast_inputs


@cached(max_entries=8)
def nowcast_months(unit: str = PROVINCE) -> list[int]:
    """Month indexes the nowcast page offers (newest first): the last 24 months with a monthly figure."""
    last = nowcast_inputs.load(store(), unit).last_month()
    return [] if last is None else list(range(last, last - 24, -1))


def month_label(mi: int) -> str:
    year, month = nowcast_inputs.month_of(mi)
    return f"{month:02d}/{year}"


@cached(max_entries=32)
def nowcast_at(unit: str, as_of_month: int) -> dict:
    """The nowcast of the quarter holding the month, as of that month."""
    year, month = nowcast_inputs.month_of(as_of_month)
    return service.report(store(), unit, year, (month - 1) // 3 + 1, as_of_month)


@cached(max_entries=32)
def nowcast_sectors(unit: str, as_of_month: int) -> list[dict]:
    """The sectors' estimates for the quarter holding the month (industry from IIP, services from retail...)."""
    year, month = nowcast_inputs.month_of(as_of_month)
    return sectors.nowcasts(store(), unit, year, (month - 1) // 3 + 1, as_of_month)


@cached(max_entries=8)
def nowcast_record(unit: str = PROVINCE) -> dict:
    """The pseudo-real-time record over every published quarter."""
    return service.evaluation(store(), unit)


def overview_nowcast(as_of: AsOf, lang: str, unit: str = PROVINCE) -> dict | None:
    """The overview's model estimate of the next quarter (None when it is published or has no monthly figures):
    headline strings, the probability of reaching each target, the hatched bar beside the last published one."""
    found = _overview_nowcast(as_of, lang, unit)
    return None if found is None else {**found, "figure": _overview_nowcast_figure(as_of, lang, unit)}


@cached_figure(max_entries=32)
def _overview_nowcast_figure(as_of: AsOf, lang: str, unit: str):
    found = _overview_nowcast(as_of, lang, unit)
    return charts.estimate_figure(found["report"], found["last"], lang)


@cached(max_entries=32)
def _overview_nowcast(as_of: AsOf, lang: str, unit: str) -> dict | None:
    report = service.next_quarter(store(), unit, as_of.year, as_of.quarter, as_of.vintage)
    if report is None:
        return None
    nxt = (report["year"], report["quarter"])
    inputs = nowcast_inputs.load(store(), unit, as_of.vintage)
    last = inputs.growth(nowcast_inputs.quarter_index(as_of.year, as_of.quarter))
    return {"report": report, "headline": views.headline(report, lang),
            "title": i18n.t("nowcast.home.title", lang, quarter=i18n.quarter_label(*nxt, lang)),
            "probability": views.probability_lines(report, lang),
            "card_html": views.card_html(i18n.t("nowcast.home.title", lang, quarter=i18n.quarter_label(*nxt, lang)),
                                         views.headline(report, lang), views.probability_lines(report, lang)),
            "last": None if last is None else (as_of.year, as_of.quarter, last)}


@cached_figure(max_entries=32)
def nowcast_figures(unit: str, as_of_month: int, lang: str) -> dict:
    """The nowcast page: the report's words, the estimate chart, the news table, the record chart and table (built
    once per data version and shared: the page only reads it)."""
    report, record = nowcast_at(unit, as_of_month), nowcast_record(unit)
    found = nowcast_inputs.load(store(), unit)
    prev = found.growth(nowcast_inputs.quarter_index(report["year"], report["quarter"]) - 1)
    year, quarter = nowcast_inputs.quarter_of(nowcast_inputs.quarter_index(report["year"], report["quarter"]) - 1)
    names = {r["code"]: r[f"name_{lang}"] for r in store().records("monthly_indicators")}
    sector_names = {r["code"]: r[f"name_{lang}"] for r in store().records("sector_names")}
    return {"report": report, "headline": views.headline(report, lang),
            "probability": views.probability_lines(report, lang), "news": views.news_rows(report, names, lang),
            "sectors": views.sector_rows(nowcast_sectors(unit, as_of_month), sector_names, lang),
            "estimate": charts.estimate_figure(report, None if prev is None else (year, quarter, prev), lang),
            "record": record, "record_figure": charts.track_record_figure(record, lang),
            "record_rows": views.record_rows(record, lang),
            "record_summary": views.eval_text(record, lang).splitlines()[0]}


def whatif_nowcast_note(found: dict, year: int, quarter: int, lang: str) -> str:
    """The what-if page's note under the 'nowcast' default: the estimate, its range, a model estimate."""
    return views.whatif_note(found, year, quarter, lang)
