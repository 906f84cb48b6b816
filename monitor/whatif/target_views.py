"""Display-ready pieces of the targets screen: the grid and the change log with names, scopes, periods and the
demo source in words (codes stay as the analysts' last columns), the batches that can be undone.

Pure functions, so the page only lays them out and tests read exactly what a reader sees.
"""

from __future__ import annotations

import pandas as pd

from monitor.core import i18n
from monitor.core.reference import Labels
from monitor.leader import fit as fitting
from monitor.upload.reader import max_bytes
from monitor.upload.scenario_paths import PERIODS
from monitor.whatif.views import period_text, sector_name, source_text


def history_frame(history: pd.DataFrame, indicator: str, labels: Labels, lang: str) -> pd.DataFrame:
    """The change log as the targets page shows it: which target in words (unit, sector, scope, period),
    formatted numbers, the source in the reader's language, labelled columns."""
    col = lambda k: i18n.t(f"whatif.targets.col.{k}", lang)  # noqa: E731
    state = {"loaded": i18n.t("whatif.targets.in_force", lang), "rolled_back": i18n.t("whatif.targets.undone", lang)}
    return pd.DataFrame({
        col("batch"): history["batch_id"].astype(int),
        col("when"): history["loaded_at"].dt.strftime("%Y-%m-%d %H:%M"),
        col("who"): history["user_name"],
        **_names(history, indicator, labels, lang, col),
        col("period"): [period_header(p, lang) for p in history["period"]],
        col("old"): [i18n.number(v, lang) for v in history["old_value"]],
        col("new"): [i18n.number(v, lang) for v in history["new_value"]],
        col("source"): [source_text(v, lang) for v in history["source"]],
        col("state"): history["outcome"].map(state),
    })


def _names(frame: pd.DataFrame, indicator: str, labels: Labels, lang: str, col=lambda k: k,
           limit: int | None = None) -> dict[str, list]:
    """A target's unit, sector and scope in words (limit: a sector name longer than this many characters shows its
    short form, as the grids do to fit 1024 px)."""
    return {col("unit"): [labels.unit.get(c, c) for c in frame["unit_code"]],
            col("sector"): [sector_name(c, indicator, labels, lang, limit) for c in frame["sector_code"]],
            col("scope"): [i18n.t(f"scope.{v}.short", lang) for v in frame["scope"]]}


def revertible(batches: pd.DataFrame) -> list[int]:
    """Batches of targets that can be undone: loaded, not empty, no later change of the same targets."""
    ok = batches[(batches["outcome"] == "loaded") & (batches["row_count"] > 0) & batches["later_batch"].isna()]
    return [int(b) for b in ok["batch_id"]]


def batch_label(batches: pd.DataFrame, batch_id: int, lang: str) -> str:
    b = batches[batches["batch_id"] == batch_id].iloc[0]
    return i18n.t("whatif.targets.batch_label", lang, batch=batch_id, when=f"{b['loaded_at']:%Y-%m-%d %H:%M}",
                  who=b["user_name"], file=b["file_name"], rows=int(b["row_count"]))


GRID_WORDS = ("unit", "sector", "scope")  # the columns the targets grid shows in words, before the periods
GRID_CODES = ("codes",)  # the analysts' editor keeps the codes, last and narrow: '06652/TOTAL'
GRID_NAME_CHARS = 30  # longer sector names show their short form in the grids ('Thuế SP trừ trợ cấp SP')
GRID_FONT, GRID_SCALE = 14, 0.85  # the grid's 14 px Source Sans measures at most 0.845 of fit.py's DejaVu widths


VIEWS = {"quarter": ("Q1", "Q2", "Q3", "Q4", "Y"), "cumulative": ("Q1", "H1", "9M", "Y")}  # the grid's two views


def default_view(grid: pd.DataFrame) -> str:
    """The grid's first view: the quarters when a path of quarters exists (the province's scenario), else the
    cumulative periods."""
    quarters = [p for p in ("Q2", "Q3", "Q4") if p in grid]
    return "quarter" if quarters and grid[quarters].notna().any().any() else "cumulative"


def grid_labels(grid: pd.DataFrame, indicator: str, labels: Labels, lang: str, codes: bool = False,
                periods: tuple[str, ...] = PERIODS) -> pd.DataFrame:
    """The targets grid as people read it: unit, sector and scope in words, then the periods of one view (the
    quarters, or the cumulative periods: all seven and a source were wider than the page at 1024 px; the documents
    are in documents_frame). Rows keep the grid's order, so an edited row is read back against the same row of
    `grid`; codes=True adds the codes as the last two columns."""
    words = _names(grid, indicator, labels, lang, limit=GRID_NAME_CHARS)
    out = pd.DataFrame({**words, **{p: grid[p] for p in periods if p in grid}}, index=grid.index)
    return out.assign(codes=[f"{u}/{c}" for u, c in zip(grid["unit_code"], grid["sector_code"])]) if codes else out


def documents_frame(grid: pd.DataFrame, indicator: str, labels: Labels, lang: str) -> pd.DataFrame:
    """One row per annual target and revision: unit, sector, scope in words, the target (a range low-high), the day
    it took effect (blank for 1 January, the default) and the document, in the reader's language."""
    col = lambda k: i18n.t(f"whatif.targets.col.{k}", lang)  # noqa: E731
    highs = grid["value_high"] if "value_high" in grid else [None] * len(grid)
    dates = grid["effective_date"] if "effective_date" in grid else [None] * len(grid)
    return pd.DataFrame({
        **_names(grid, indicator, labels, lang, col, GRID_NAME_CHARS),
        col("annual"): [target_range(v, h, lang) for v, h in zip(grid["Y"], highs)],
        col("effective_date"): [i18n.day(d, lang) if d and str(d)[5:10] != "01-01" else "" for d in dates],
        col("source"): [source_text(v, lang) for v in grid["source"]],
    })


def documents_widths(documents: pd.DataFrame) -> dict[str, int]:
    """Pixel widths of the documents table's columns, each as wide as its longest text (the table's own sizing cut
    'Nông, lâm nghiệp và thủy sản')."""
    return grid_widths(documents, {c: c for c in documents.columns}, editable=False)


def target_range(low, high, lang: str) -> str:
    """'14,00', a range '8,30–8,50', '–' without an annual target."""
    if low is None or low != low:
        return "–"
    return i18n.number(low, lang) + ("" if high is None or high != high else "–" + i18n.number(high, lang))


def grid_columns(lang: str, codes: bool = False, periods: tuple[str, ...] = PERIODS) -> dict[str, str]:
    """The grid's column headers (the words, the codes for analysts; then the periods of its view, the last one
    'Cả năm' as on every other screen)."""
    words = {c: i18n.t(f"whatif.targets.col.{c}", lang) for c in (*GRID_WORDS, *(GRID_CODES if codes else ()))}
    return {**words, **{p: period_header(p, lang) for p in periods}}


def period_header(period: str, lang: str) -> str:
    """A period as the grid heads it and the history names it: 'Quý I', '6 tháng', '9 tháng', 'Cả năm'."""
    return i18n.period_label(4, lang) if period == "Y" else period_text(period, lang)


def grid_widths(table: pd.DataFrame, headers: dict[str, str], editable: bool) -> dict[str, int]:
    """Pixel widths of the grid's columns, each as wide as its longest text or header (an editable period's header
    also holds a pencil), so names show whole and the columns fit 1024 px where they can ('Agriculture, forestry
    and fishery' was cut by the grid's own sizing). Widths from monitor/leader/fit.py, scaled to the grid's font."""
    def px(text: str) -> float:
        return fitting.text_px(str(text), GRID_FONT) * GRID_SCALE

    widths = {}
    for col, header in headers.items():
        pencil = 22 if editable and col in PERIODS else 0
        widest = max([px(header) + pencil, *(px(v) for v in table[col] if isinstance(v, str))])
        widths[col] = round(widest) + 18  # 8 px of padding each side
    return widths


def grid_text(shown: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The read-only targets table (grid_labels' frame): numbers in the reader's format, a dash where a period has
    no target."""
    return shown.assign(**{p: [i18n.number(v, lang) for v in shown[p]] for p in PERIODS if p in shown})


def import_label(lang: str) -> str:
    """The targets file picker's label: the size limit (the upload rules' own, not Streamlit's '200MB per file')
    and the file's columns, which an analyst writes as they are."""
    return i18n.t("whatif.targets.import_help", lang, limit=i18n.number(max_bytes() / 2**20, lang, 0))
