"""The reader pages' plotly figures, cached by data version like every other result (base.cached_figure): building
one costs 30-100 ms of plotly layout work (BENCHMARKS.md finding 1), which every page run paid before. Figures
that draw annotations are keyed by the annotations' version too, so an added event shows at once."""

from __future__ import annotations

from monitor.bridge.annotations import annotations_version, chart_notes
from monitor.bridge.base import cached_figure
from monitor.bridge.leader import contribution_bridge, sector_names, series, structure, unit_report
from monitor.core import i18n
from monitor.core.engine import AsOf
from monitor.leader import charts, views


def series_figure(unit: str, sector: str, as_of: AsOf, name: str, lang: str, notes: str = "sector"):
    """A sector's (notes='sector') or a unit's (notes='unit', sector TOTAL) quarterly GRDP growth since 2019, with
    the annotations tied to it; `name` is the item as the page names it (in the title)."""
    return _series_figure(unit, sector, as_of, name, lang, notes, annotations_version())


@cached_figure(max_entries=256)
def _series_figure(unit: str, sector: str, as_of: AsOf, name: str, lang: str, notes: str, _notes_version: tuple):
    return charts.growth_series(series("GRDP", unit, sector, as_of), i18n.t("sectors.series_title", lang, name=name),
                                lang, notes=chart_notes(notes, sector if notes == "sector" else unit))


@cached_figure(max_entries=32)
def waterfall_figure(as_of: AsOf, lang: str):
    """The sectors page's bridge from last year's growth to this year's."""
    return charts.contribution_waterfall(contribution_bridge("GRDP", "22", as_of), lang=lang)


@cached_figure(max_entries=32)
def structure_figure(as_of: AsOf, lang: str):
    """The sectors page's structure at current prices."""
    return charts.structure(structure("GRDP", "22", as_of), sector_names(lang), as_of.year, lang)


def sector_figures(sector: str, as_of: AsOf, lang: str) -> dict:
    """The sectors page's three charts for a sector (the series titled with the sector's name in the report)."""
    name = next(s["name"] for s in unit_report("GRDP", "22", "commune", as_of, lang)["sectors"]
                if s["sector_code"] == sector)
    return {"series": series_figure("22", sector, as_of, name, lang), "waterfall": waterfall_figure(as_of, lang),
            "structure": structure_figure(as_of, lang)}


@cached_figure(max_entries=128)
def ranking_figure(level: str, group: str | None, order: str, as_of: AsOf, lang: str):
    """The localities page's ranking of the units of a level ('commune', 'former_district'), of one former
    district's group or all (None), in the order chosen (views.ORDERS)."""
    return charts.unit_ranking(views.ranked_units(unit_report("GRDP", "22", level, as_of, lang), group, order), lang)
