"""The mapping from a statistics office's series codes to the store's codes, and the release rule for vintages.

A mapping file (data/nsdp/mapping.csv) has one row per series and target: `ref_area, series, freq, indicator,
unit_code, sector_code, unit_mult`. A series is matched on its REF_AREA, INDICATOR and FREQ attributes; one series
may feed several targets (the national office's section A is both the sector KV1 and the section A). `unit_mult`
is the power of ten of the store's measure unit (9: billion VND, 6: million USD, 0: an index); the file's
UNIT_MULT is converted to it. FREQ Q goes to the quarterly table, M to the monthly one; annual series are not
stored (a year is the sum of its quarters). Series of the file the mapping does not name are skipped and counted.

Vintages follow the office's release calendar, judged from the latest period of each frequency in the file: that
period is the first estimate (ước tính); the other periods of its year and of the year before are preliminary
(sơ bộ); earlier years are official (chính thức). A file of the office's 2024 Q3 release (prepared 24 Oct 2024)
thus carries 2024 Q3 as an estimate, 2023 Q1 - 2024 Q2 as preliminary and 2022 Q4 back as official.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from monitor.core.errors import Problem, ValidationError
from monitor.statistics.sdmx import Message

COLUMNS = ("ref_area", "series", "freq", "indicator", "unit_code", "sector_code", "unit_mult")
FREQS = ("Q", "M")
VINTAGES = ("estimate", "preliminary", "official")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class Target:
    indicator: str
    unit_code: str
    sector_code: str
    unit_mult: int


def read_mapping(path: Path, known: dict[str, set[str]]) -> dict[tuple[str, str, str], list[Target]]:
    """(REF_AREA, INDICATOR, FREQ) -> its targets. known holds the codes a row may use: 'quarterly' and
    'monthly' indicators, 'units', 'sectors'. Every bad row is reported at once (statistics.err.mapping_*)."""
    text = Path(path).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    missing = [c for c in COLUMNS if c not in (rows[0].keys() if rows else ())]
    if missing:
        raise ValidationError([Problem(1, c, None, "statistics.err.mapping_column") for c in missing])
    problems, found, seen = [], {}, set()
    for line, row in enumerate(rows, start=2):
        row = {k: (v or "").strip() for k, v in row.items()}
        indicators = known["quarterly"] if row["freq"] == "Q" else known["monthly"]
        checks = [("freq", row["freq"] in FREQS), ("indicator", row["indicator"] in indicators),
                  ("unit_code", row["unit_code"] in known["units"]),
                  ("sector_code", row["sector_code"] in known["sectors"]),
                  ("unit_mult", re.fullmatch(r"-?\d{1,2}", row["unit_mult"]) is not None)]
        bad = [Problem(line, column, row[column], "statistics.err.mapping_value") for column, ok in checks if not ok]
        target_key = (row["freq"], row["indicator"], row["unit_code"], row["sector_code"])
        if not bad and target_key in seen:
            bad.append(Problem(line, "sector_code", row["sector_code"], "statistics.err.mapping_duplicate"))
        seen.add(target_key)
        problems += bad
        if not bad:
            found.setdefault((row["ref_area"], row["series"], row["freq"]), []).append(
                Target(row["indicator"], row["unit_code"], row["sector_code"], int(row["unit_mult"])))
    if problems:
        raise ValidationError(problems)
    return found


def period(freq: str, text: str) -> tuple[int, int] | None:
    """'2024-Q3' -> (2024, 3) for Q, '2024-10' -> (2024, 10) for M; None when it does not read."""
    match = (_QUARTER if freq == "Q" else _MONTH).match(text)
    return (int(match.group(1)), int(match.group(2))) if match else None


def release_vintage(year: int, sub: int, latest: tuple[int, int]) -> str:
    """The vintage of a period in a release whose latest period is `latest` (see the module's rule)."""
    if (year, sub) == latest:
        return "estimate"
    return "preliminary" if year >= latest[0] - 1 else "official"


@dataclass
class Mapped:
    quarterly: pd.DataFrame      # indicator, unit_code, sector_code, year, quarter, value, vintage, source
    monthly: pd.DataFrame        # indicator, unit_code, sector_code, year, month, value, vintage, source
    series_used: int
    skipped: list[str]           # series codes of the file the mapping does not name (FREQ in brackets)
    not_found: list[str]         # series the mapping names that the file lacks
    missing_values: int          # observations without a value (not stored)


def apply(message: Message, mapping: dict, source: str, vintage: str | None = None) -> Mapped:
    """The message's mapped series as store rows; vintage forces one vintage on every row."""
    rows = {"Q": [], "M": []}
    problems, skipped, used, missing = [], [], set(), 0
    for series in message.series:
        key = (series.get("REF_AREA"), series.get("INDICATOR"), series.get("FREQ"))
        targets = mapping.get(key)
        if not targets:
            skipped.append(f"{key[1]} [{key[2]}]")
            continue
        used.add(key)
        mult = int(series.get("UNIT_MULT", "0") or 0)
        for time, value in series.observations:
            when = period(key[2], time)
            if when is None:
                problems.append(Problem(None, "TIME_PERIOD", f"{key[1]} {time}", "statistics.err.period",
                                        (("freq", key[2]),)))
                continue
            if math.isnan(value):
                missing += 1
                continue
            for t in targets:
                scaled = value * 10.0 ** (mult - t.unit_mult)  # the file's UNIT_MULT to the store's unit
                rows[key[2]].append((t.indicator, t.unit_code, t.sector_code, *when, scaled, source))
    if problems:
        raise ValidationError(problems)
    frames = {}
    for freq, sub in (("Q", "quarter"), ("M", "month")):
        frame = pd.DataFrame(rows[freq], columns=["indicator", "unit_code", "sector_code", "year", sub, "value",
                                                  "source"])
        if vintage:
            frame["vintage"] = vintage
        elif frame.empty:
            frame["vintage"] = pd.Series(dtype=str)
        else:
            latest = tuple(frame[["year", sub]].sort_values(["year", sub]).iloc[-1])
            frame["vintage"] = [release_vintage(y, s, latest) for y, s in zip(frame["year"], frame[sub])]
        frames[freq] = frame[["indicator", "unit_code", "sector_code", "year", sub, "value", "vintage", "source"]]
    not_found = sorted(f"{s} [{f}]" for (a, s, f) in mapping if (a, s, f) not in used)
    return Mapped(frames["Q"], frames["M"], len(used), sorted(skipped), not_found, missing)
