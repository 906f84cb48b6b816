"""Command-line subcommands of the statistics area: import-sdmx (an office's SDMX-ML file as one batch),
revisions (every release of a quarter and the mean absolute revision by stage), monthly (a monthly series)."""

from __future__ import annotations

import sys
from pathlib import Path

from monitor.core import i18n, shell
from monitor.core.errors import ConfirmationRequired, ValidationError
from monitor.core.reference import PROVINCE
from monitor.core.store import Store, as_records
from monitor.statistics import importer, monthly, revisions, views
from monitor.upload import ingest


def cmd_import_sdmx(args) -> int:
    path = Path(args.file)
    mapping = Path(args.mapping) if args.mapping else None
    with shell.open_waiting(args) as store:
        try:
            release = importer.prepare(store, ingest.read_file(path), path.name, mapping, args.vintage)
            if args.dry_run:
                blocked = bool((args.strict and release.warnings) or (release.downgrades and not args.yes))
                return _print_release(args, release, None, blocked)
            batch = importer.write(store, release, args.user, confirm_warnings=not args.strict,
                                   confirm_downgrades=args.yes)
        except (ValidationError, ConfirmationRequired) as exc:
            return shell.print_refusal(exc, path.name, args)
    return _print_release(args, release, batch, False)


def _print_release(args, release, batch: int | None, blocked: bool) -> int:
    summary = {**release.summary(), "batch_id": batch, "would_load": not blocked,
               "warnings": [p.as_dict(args.lang) for p in release.warnings + release.downgrades]}
    if args.json:
        shell.print_json(summary)
        return 1 if blocked else 0
    if release.warnings or release.downgrades:
        print(i18n.t("cli.warning_count", args.lang, count=len(release.warnings) + len(release.downgrades)),
              file=sys.stderr)
        shell.print_problems(release.warnings + release.downgrades, args.lang)
    print(views.import_summary(summary, args.lang))
    return 1 if blocked else 0


def load_national(store: Store, lang: str) -> int | None:
    """`init --demo`: Viet Nam's real quarterly GDP from data/nsdp/GDPVNM.xml, once (unit VN, not synthetic)."""
    path = importer.NSDP / "GDPVNM.xml"
    if store.records("batch_by_sha256", sha256=ingest.sha256(path.read_bytes())):
        print(i18n.t("statistics.cli.national_present", lang))
        return None
    batch, release = importer.load(store, path, user="demo")
    print(i18n.t("statistics.cli.national_loaded", lang, rows=len(release.mapped.quarterly), batch=batch,
                 prepared=views.published(release.message.prepared, lang)))
    return batch


MONTHLY_FILES = ("IIPVNM.xml", "METVNM.xml", "CPIVNM.xml")


def load_national_monthly(store: Store, lang: str) -> list[int]:
    """`init --demo`: the office's real monthly IIP, merchandise trade and CPI (unit VN), each once; the nowcast
    of the national GDP reads them."""
    batches = []
    for name in MONTHLY_FILES:
        path = importer.NSDP / name
        if store.records("batch_by_sha256", sha256=ingest.sha256(path.read_bytes())):
            continue
        batch, release = importer.load(store, path, user="demo")
        print(i18n.t("statistics.cli.monthly_loaded", lang, file=name, rows=len(release.mapped.monthly),
                     batch=batch))
        batches.append(batch)
    return batches


def cmd_revisions(args) -> int:
    with Store(args.db, read_only=True) as store:
        found = revisions.report(store, args.indicator, args.unit, args.year, args.quarter, args.sector)
    if args.json:
        shell.print_json(found)
    else:
        print(views.revisions_text(found, args.lang))
    return 0


def cmd_monthly(args) -> int:
    with Store(args.db, read_only=True) as store:
        frame = monthly.series(store, args.indicator, args.unit, args.sector, args.vintage, args.since)
    shell.print_json({"indicator": args.indicator, "unit_code": args.unit, "sector_code": args.sector,
                      "months": as_records(frame)})
    return 0


def add_parsers(sub, common) -> None:
    s = sub.add_parser("import-sdmx", parents=[common],
                       help="load an SDMX-ML 2.1 structure-specific data file (e.g. data/nsdp/GDPVNM.xml)")
    s.add_argument("file")
    s.add_argument("--mapping", help="series codes -> indicator, unit, sector (default: data/nsdp/mapping.csv)")
    s.add_argument("--vintage", choices=("estimate", "preliminary", "official"),
                   help="one vintage for every row (default: by the office's release calendar)")
    s.add_argument("--strict", action="store_true", help="warnings are errors")
    s.add_argument("--yes", action="store_true", help="keep lower vintages as history")
    s.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    s.add_argument("--json", action="store_true")
    s.add_argument("--user", default=None)
    s.add_argument("--wait", type=float, default=30.0)
    s.set_defaults(func=cmd_import_sdmx)

    s = sub.add_parser("revisions", parents=[common],
                       help="every release of a quarter's figure and the mean absolute revision by stage")
    s.add_argument("--year", type=int, required=True)
    s.add_argument("--quarter", type=int, choices=(1, 2, 3, 4), required=True)
    s.add_argument("--indicator", default="GRDP")
    s.add_argument("--unit", default=PROVINCE)
    s.add_argument("--sector", default="TOTAL")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_revisions)

    s = sub.add_parser("monthly", parents=[common], help="a monthly series (IIP, trade, CPI) as JSON")
    s.add_argument("--indicator", required=True)
    s.add_argument("--unit", default="VN")
    s.add_argument("--sector", default="TOTAL")
    s.add_argument("--vintage", default="latest", choices=("latest", "first"))
    s.add_argument("--since", type=int, default=1900)
    s.set_defaults(func=cmd_monthly)
