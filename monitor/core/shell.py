"""Plumbing the areas' subcommands share: the common options, JSON output, problems on stderr, waiting for the store.

Each area keeps its own subcommands (leader/cli.py, upload/cli.py, ...); monitor/cli/main.py puts them under one
parser.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time

from monitor.core import i18n
from monitor.core.errors import ConfirmationRequired, StoreBusyError
from monitor.core.reference import PROVINCE
from monitor.core.store import Store, db_path


def common_options() -> argparse.ArgumentParser:
    """--db and --lang, taken by every subcommand."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="store file (default: $MONITOR_DB or data/monitor.duckdb)")
    common.add_argument("--lang", choices=i18n.LANGS, default=i18n.DEFAULT_LANG)
    return common


def as_of_options(s: argparse.ArgumentParser, required: bool = False) -> None:
    s.add_argument("--year", type=int, required=required)
    s.add_argument("--quarter", type=int, choices=(1, 2, 3, 4), required=required)
    s.add_argument("--indicator", default="GRDP")
    s.add_argument("--unit", default=PROVINCE)
    s.add_argument("--vintage", default="latest", choices=("latest", "first"))


def rounded(obj, digits: int = 4):
    """Floats rounded for printing (the store already gave None for missing figures)."""
    if isinstance(obj, float):
        return round(obj, digits)
    if isinstance(obj, dict):
        return {k: rounded(v, digits) for k, v in obj.items()}
    if isinstance(obj, list):
        return [rounded(v, digits) for v in obj]
    return obj


def print_json(obj) -> None:
    json.dump(rounded(obj), sys.stdout, ensure_ascii=False, indent=2, default=str, allow_nan=False)
    print()


def print_problems(problems, lang: str) -> None:
    """Every problem on stderr: line, column, value, message."""
    for p in problems:
        print(i18n.t("cli.problem_line", lang, row=p.row if p.row is not None else "–",
                     column=i18n.column_label(p.column, lang), value="–" if p.value is None else repr(p.value),
                     message=p.message(lang)), file=sys.stderr)


def open_waiting(args) -> Store:
    """Open the store for writing; while another process holds it, say so and retry for --wait seconds."""
    deadline = time.monotonic() + args.wait
    while True:
        try:
            return Store(args.db)
        except StoreBusyError:
            left = deadline - time.monotonic()
            if left <= 0:
                raise
            print(i18n.t("upload.cli.busy_retry", args.lang, path=db_path(args.db), seconds=math.ceil(left)),
                  file=sys.stderr)
            time.sleep(min(2.0, left))


def print_refusal(exc, file_name: str, args) -> int:
    """A load refused (ValidationError or ConfirmationRequired): the heading and every problem on stderr; exit 1."""
    if isinstance(exc, ConfirmationRequired):
        downgrade = any(p.severity == "confirm" for p in exc.problems)
        key = "upload.cli.needs_yes" if downgrade and not args.strict else "upload.cli.strict_refused"
    else:
        key = "cli.problems"
    print(i18n.t(key, args.lang, file=file_name, count=len(exc.problems)), file=sys.stderr)
    print_problems(exc.problems, args.lang)
    return 1
