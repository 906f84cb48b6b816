"""The monthly grain: IIP, merchandise trade and CPI month by month, beside the quarterly figures.

Stored in observations_monthly (one value per indicator, unit, sector, year, month, vintage and batch), so that no
quarterly query reads or scans them; queried here only. The indicators are declared in data/monthly_indicators.csv
(names, measure units) and refreshed in the store whenever monthly figures are loaded.
"""

from __future__ import annotations

import pandas as pd

from monitor.core.store import ROOT, Store

INDICATORS = ROOT / "data" / "monthly_indicators.csv"


def indicators_frame() -> pd.DataFrame:
    return pd.read_csv(INDICATORS, dtype=str).astype({"sort_order": int})


def series(store: Store, indicator: str, unit: str = "VN", sector: str = "TOTAL", vintage: str = "latest",
           since: int = 1900) -> pd.DataFrame:
    """One row per month: year, month, value, vintage, batch_id and the change on the same month last year (%)."""
    return store.run("monthly_series", indicator=indicator, unit=unit, sector=sector, vintage=vintage, since=since)


def indicators(store: Store) -> list[dict]:
    """The monthly indicators known to the store, in display order."""
    return store.records("monthly_indicators")
