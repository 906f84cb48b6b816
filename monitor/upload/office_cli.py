"""The ingest command's options for office tables, parents and shape checks (cli.py adds them to `ingest`):
--indicator, --vintage, --unit say what a table's title may not; --include-parents adds the corrected parent a
partial file leaves behind; --accept-cumulative, --accept-rates, --accept-jumps (or --accept-warnings for all) load
figures whose shape looks wrong, which are errors on the command line otherwise."""

from __future__ import annotations

import sys

from monitor.core import shell
from monitor.upload import ingest
from monitor.upload.validate import VINTAGES

ACCEPT = ("cumulative", "rates", "jumps")


def add_options(s) -> None:
    s.add_argument("--indicator", default=None, help="an office table's indicator when its title does not say")
    s.add_argument("--vintage", choices=VINTAGES, default=None,
                   help="an office table's vintage when its headings and title do not say")
    s.add_argument("--unit", default=None, help="the unit an office table of sectors is about (default: its title, "
                                                "else the province)")
    s.add_argument("--include-parents", action="store_true",
                   help="add the corrected parent (TOTAL, KV) that a partial file leaves behind")
    s.add_argument("--accept-warnings", action="store_true", help="load figures whose shape looks wrong")
    for name, text in (("cumulative", "values that look year-to-date"), ("rates", "growth rates or indices where "
                                                                        "levels belong"),
                       ("jumps", "jumps beyond ±50%% on the same quarter last year")):
        s.add_argument(f"--accept-{name}", action="store_true", help=f"load {text} as they are")


def options(args) -> ingest.Options:
    accept = {name for name in ACCEPT if getattr(args, f"accept_{name}", False)}
    if getattr(args, "accept_warnings", False):
        accept.add("all")
    return ingest.Options(indicator=getattr(args, "indicator", None), vintage=getattr(args, "vintage", None),
                          unit=getattr(args, "unit", None), sheet=getattr(args, "sheet", None),
                          include_parents=getattr(args, "include_parents", False), accept=frozenset(accept))


def loader(opts: ingest.Options, lang: str):
    """load_observations with the analyst's options; prints what was done to the file (zeros restored, quarters
    worked out from cumulative columns, parents added) before the load's own lines."""
    def load(store, path, user, confirm_warnings=True, confirm_downgrades=False):
        batch, prepared = ingest.load_observations(store, path, user, confirm_warnings=confirm_warnings,
                                                   confirm_downgrades=confirm_downgrades, options=opts)
        if prepared.notes:
            print(file=sys.stderr)
            shell.print_problems(prepared.notes, lang)
        return batch, prepared
    return load
