"""What people type on the what-if and targets screens, read with core.number_entry (Vietnamese 13,5 and 1.234,5;
English 13.5 and 1,234.5), checked against a plausible range, and the messages that name the cell refused.

Pure functions over plain mappings and frames, so the pages only lay them out and tests read what a leader sees.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from functools import cache

import pandas as pd

from monitor.core import i18n
from monitor.core.number_entry import NumberEntryError, convert_entry, entry_text, parse_number
from monitor.core.reference import Labels, indicators_frame
from monitor.upload.scenario_paths import PERIODS
from monitor.whatif import views

# Plausible ranges, in the unit a person types. A quarter's growth on the same quarter last year below -100 %
# means a negative level; above +100 % it is almost surely a mistyped separator ("1.234" read as 1234).
GROWTH_PCT = (-100.0, 100.0)
# Targets by indicator kind (data/indicators.csv): level and rate indicators are targeted as growth in percent,
# plan indicators as amounts (billion VND, million USD, thousand arrivals), never negative.
TARGET_RANGE = {"level": GROWTH_PCT, "rate": GROWTH_PCT, "plan": (0.0, None)}
TARGET_DIGITS = 2   # the targets grid shows 14,00 and 57.330,00, as the read-only table does
LANG_MEMO = "wi_entry_lang"


def assumption_key(code: str, q: int, year: int, quarter: int, basis: str) -> str:
    """The input of one sector and quarter; the defaults change with the as-of quarter and basis, so does the key."""
    return f"wi_{code}_{q}_{year}_{quarter}_{basis}"


def default_texts(base: dict, rest: list[int], year: int, quarter: int, basis: str, lang: str) -> dict[str, str]:
    """Each input's default as it shows in the reader's format: 12,3 (vi) or 12.3 (en), one decimal."""
    return {assumption_key(code, q, year, quarter, basis): entry_text(base["defaults"][code][q] or 0.0, lang)
            for code in base["names"] for q in rest}


def seed(state: MutableMapping, defaults: dict[str, str], lang: str) -> None:
    """Give each input its text before it is drawn: the default the first time; then what was typed, re-written in
    the reader's format once read ("13.5" typed in Vietnamese shows 13,5, "+3" shows 3), also after a change of
    language, so a box shows how its number was understood. Text that cannot be read stays as typed."""
    before = state.get(LANG_MEMO) or lang
    for key, text in defaults.items():
        state[key] = convert_entry(state[key], before, lang) if key in state else text
    state[LANG_MEMO] = lang


def read_assumptions(typed: dict[str, dict[int, str]], base: dict, year: int, lang: str
                     ) -> tuple[dict[str, dict[int, float]], list[str]]:
    """The assumed growth per sector and quarter from the texts typed, and one message per refused text.

    A refused text (malformed, empty, outside -100..100 %) takes its cell's default, the value the box showed
    before it was edited, and its message says so: the projection stays one stated set of assumptions instead of
    vanishing or silently reading 13,5 as 135."""
    assumptions, messages = {}, []
    for code, cells in typed.items():
        assumptions[code] = {}
        for q, text in cells.items():
            default = entry_text(base["defaults"][code][q] or 0.0, lang)
            field = f'{views.sector_label(code, base["names"][code], lang)}, {i18n.quarter_label(year, q, lang)}'
            try:
                assumptions[code][q] = parse_number(text, lang, field, *GROWTH_PCT)
            except NumberEntryError as exc:
                assumptions[code][q] = parse_number(default, lang)
                messages.append(exc.problems[0].message(lang) + " "
                                + i18n.t("whatif.entry.uses_default", lang, value=default))
    return assumptions, messages


@cache
def _kinds() -> dict[str, str]:
    frame = indicators_frame()
    return dict(zip(frame["code"], frame["kind"]))


def target_range(indicator: str) -> tuple[float | None, float | None]:
    return TARGET_RANGE.get(_kinds().get(indicator, "level"), GROWTH_PCT)


def grid_entries(grid: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The editable targets grid: each period as text in the reader's format (13,40 or 13.40), empty where a
    period has no target."""
    out = grid.copy()
    for period in [p for p in PERIODS if p in grid]:  # the grid's view shows some of them
        out[period] = pd.Series([entry_text(v, lang, TARGET_DIGITS) for v in grid[period]], index=grid.index,
                                dtype=object)
    return out


def read_grid(edited: pd.DataFrame, before: pd.DataFrame, indicator: str, labels: Labels, lang: str
              ) -> tuple[pd.DataFrame, list[str]]:
    """The targets grid as numbers (key columns as codes, from `before`), and one message per refused cell.

    A cell whose text is still what the grid showed keeps its stored value exactly (the screen shows two
    decimals; saving must not round 12.145 to 12.15). An emptied cell reads as no value: the save refuses it
    with its own message (targets are removed by a revert)."""
    low, high = target_range(indicator)
    shown = grid_entries(before, lang)
    out, messages = before.copy(), []
    for i, row in enumerate(edited.to_dict("records")):
        where = before.iloc[i]
        name = " · ".join([labels.unit.get(where["unit_code"], where["unit_code"]),
                           views.sector_name(where["sector_code"], indicator, labels, lang),
                           i18n.t(f"scope.{where['scope']}.short", lang)])
        for period in [p for p in PERIODS if p in edited]:  # the periods of the grid's view
            text = row.get(period)
            text = "" if text is None or text != text else str(text)
            if text == shown.iloc[i][period]:
                continue
            field = f'{name}, {i18n.t(f"whatif.targets.period.{period}", lang)}'
            try:
                value = parse_number(text, lang, field, low, high, required=False)
            except NumberEntryError as exc:
                messages.append(exc.problems[0].message(lang))
                continue
            out.iloc[i, out.columns.get_loc(period)] = float("nan") if value is None else value
    return out, messages
