"""Statistics pages' pieces: the national figure beside the province's, the releases and revisions of a quarter."""

from __future__ import annotations

from monitor.bridge.base import cached, store
from monitor.core.engine import AsOf
from monitor.statistics import national as national_figures
from monitor.statistics import revisions as revision_report


@cached(max_entries=128)
def national(indicator: str, as_of: AsOf, sector: str = "TOTAL") -> dict:
    """The country's figures for the as-of period and sector (statistics/national.py)."""
    return national_figures.beside(store(), indicator, as_of, sector)


@cached(max_entries=128)
def revisions(indicator: str, unit: str, as_of: AsOf, sector: str = "TOTAL") -> dict:
    """Every release of the as-of quarter's figure and the mean absolute revision by stage."""
    return revision_report.report(store(), indicator, unit, as_of.year, as_of.quarter, sector)
