"""The command line: a thin shell over the core. `python -m monitor --help`."""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

from monitor import cli_admin, i18n, ingest, reference, status
from monitor.engine import AsOf
from monitor.errors import ConfirmationRequired, StoreBusyError, StoreMissingError, ValidationError
from monitor.store import ROOT, Store, db_path

DEMO_DIR = ROOT / "data" / "demo"


def _round(obj, digits: int = 4):
    """Round floats for printing; NaN becomes null."""
    if isinstance(obj, float):
        return None if math.isnan(obj) else round(obj, digits)
    if isinstance(obj, dict):
        return {k: _round(v, digits) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_round(v, digits) for v in obj]
    return obj


def cmd_init(args) -> int:
    with Store(args.db, create=True) as store:
        reference.seed(store)
        print(i18n.t("cli.init_done", args.lang, path=store.path, version=store.schema_version))
        if args.demo:
            files = [DEMO_DIR / "observations.csv", DEMO_DIR / "targets.csv"]
            if all(store.records("batch_by_sha256", sha256=ingest.sha256(f.read_bytes())) for f in files):
                print(i18n.t("cli.demo_present", args.lang))
                return 0
            # a changed demo file loads as a new batch: earlier figures stay as history
            _, obs = ingest.load_observations(store, files[0], "demo", synthetic=True)
            _, tgt = ingest.load_targets(store, files[1], "demo", synthetic=True)
            print(i18n.t("cli.demo_loaded", args.lang, observations=len(obs.rows), targets=len(tgt.rows)))
    return 0


def _print_problems(problems, lang: str) -> None:
    for p in problems:
        print(i18n.t("cli.problem_line", lang, row=p.row if p.row is not None else "–",
                     column=p.column or "–", value="–" if p.value is None else repr(p.value),
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


def _load(args, loader, done_key: str) -> int:
    """Shared by ingest and targets: load one file, or print every problem and change nothing."""
    path = Path(args.file)
    with open_waiting(args) as store:
        try:
            batch, prepared = loader(store, path, args.user, confirm_warnings=not args.strict,
                                     confirm_downgrades=args.yes)
        except ValidationError as exc:
            print(i18n.t("cli.problems", args.lang, file=path.name, count=len(exc.problems)), file=sys.stderr)
            _print_problems(exc.problems, args.lang)
            return 1
        except ConfirmationRequired as exc:
            downgrade = any(p.severity == "confirm" for p in exc.problems)
            key = "upload.cli.needs_yes" if downgrade and not args.strict else "upload.cli.strict_refused"
            print(i18n.t(key, args.lang, file=path.name, count=len(exc.problems)), file=sys.stderr)
            _print_problems(exc.problems, args.lang)
            return 1
    if prepared.warnings or prepared.downgrades:
        print(i18n.t("cli.warning_count", args.lang, count=len(prepared.warnings) + len(prepared.downgrades)),
              file=sys.stderr)
        _print_problems(prepared.warnings + prepared.downgrades, args.lang)
    counts = prepared.counts if done_key == "cli.ingest_done" else {}
    print(i18n.t(done_key, args.lang, rows=len(prepared.rows), file=path.name, batch=batch, **counts)
          + f" [{prepared.info.describe(args.lang)}]")
    return 0


def cmd_ingest(args) -> int:
    return _load(args, ingest.load_observations, "cli.ingest_done")


def cmd_targets(args) -> int:
    return _load(args, ingest.load_targets, "cli.targets_done")


def cmd_status(args) -> int:
    with Store(args.db, read_only=True) as store:
        as_of = AsOf(args.year, args.quarter, args.vintage) if args.year and args.quarter else None
        result = status.report(store, args.indicator, args.unit, as_of, args.lang, args.unit_level)
    if args.json:
        json.dump(_round(result), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(_status_text(result, args.lang))
    return 0


def _status_text(r: dict, lang: str) -> str:
    lines = [f"{r['indicator']} {r['unit_code']} {i18n.quarter_label(r['year'], r['quarter'], lang)}: "
             f"{i18n.period_label(r['quarter'], lang)} {i18n.pct(r.get('ytd_growth_pct'), lang)}"]
    for t in r["targets"]:
        lines.append(f"  {i18n.t('scope.' + t['scope'] + '.short', lang)}: "
                     f"{i18n.pp(t.get('gap_pp'), lang)}"
                     + (f", {i18n.pct(t['required_rest_of_year_pct'], lang, 1)}"
                        if t.get("required_rest_of_year_pct") is not None else ""))
    for row in r.get("sectors", []) + r.get("units", []):
        code = row.get("sector_code") or row.get("unit_code")
        lines.append(f"  {code:>6} {i18n.t('status.' + row['status'], lang):<16} {row['reason']}")
    return "\n".join(lines)


def cmd_briefing(args) -> int:
    from monitor import briefing, render
    from monitor.engine import latest_quarter

    with Store(args.db, read_only=True) as store:
        as_of = (AsOf(args.year, args.quarter, args.vintage) if args.year and args.quarter
                 else latest_quarter(store, "GRDP", reference.PROVINCE))
        b = briefing.build(store, as_of, args.lang) if as_of else None
    if b is None or b["ytd_growth_pct"] is None:
        label = i18n.quarter_label(args.year, args.quarter, args.lang) if args.year and args.quarter else "–"
        print(i18n.t("briefing.cli_no_data", args.lang, quarter=label), file=sys.stderr)
        return 1
    out = Path(args.out or briefing.file_name(b, args.format))
    try:
        if args.format == "png" and out.suffix.lower() != ".zip":  # a folder of images
            out.mkdir(parents=True, exist_ok=True)
            files = render.png_files(b)
            for name, data in files.items():
                (out / name).write_bytes(data)
            print(i18n.t("briefing.cli_done_png", args.lang, path=out, count=len(files)))
            return 0
        out.write_bytes(briefing.export(b, args.format))
    finally:
        render.stop()
    print(i18n.t("briefing.cli_done", args.lang, path=out, format=args.format,
                 size=i18n.number(out.stat().st_size / 1024, args.lang, 0)))
    return 0


def cmd_demo(args) -> int:
    from monitor import demo

    counts = demo.generate(Path(args.out))
    print(i18n.t("cli.demo_written", args.lang, path=args.out,
                 counts=", ".join(f"{k}: {v}" for k, v in counts.items())))
    return 0


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="store file (default: $MONITOR_DB or data/monitor.duckdb)")
    common.add_argument("--lang", choices=i18n.LANGS, default=i18n.DEFAULT_LANG)
    p = argparse.ArgumentParser(prog="python -m monitor", description="Growth Monitor command line")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("init", parents=[common], help="create the store (safe to run twice)")
    s.add_argument("--demo", action="store_true", help="also load the synthetic demo data")
    s.set_defaults(func=cmd_init)
    for name, func, text in (("ingest", cmd_ingest, "validate and load a CSV or .xlsx file of figures"),
                             ("targets", cmd_targets, "load a CSV or .xlsx file of targets")):
        s = sub.add_parser(name, parents=[common], help=text)
        s.add_argument("file")
        s.add_argument("--user", default=None)
        s.add_argument("--strict", action="store_true", help="treat warnings as errors (nothing is loaded)")
        s.add_argument("--yes", action="store_true",
                       help="confirm a lower vintage over a higher one (kept as history)")
        s.add_argument("--wait", type=float, default=30.0,
                       help="seconds to retry while another process holds the store (default 30)")
        s.set_defaults(func=func)
    s = sub.add_parser("status", parents=[common], help="growth against target for an as-of quarter")
    s.add_argument("--year", type=int)
    s.add_argument("--quarter", type=int, choices=(1, 2, 3, 4))
    s.add_argument("--indicator", default="GRDP")
    s.add_argument("--unit", default=reference.PROVINCE)
    s.add_argument("--unit-level", default="commune", choices=("commune", "former_district"))
    s.add_argument("--vintage", default="latest", choices=("latest", "first"))
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_status)
    s = sub.add_parser("briefing", parents=[common], help="the quarterly briefing as pptx, pdf or png")
    s.add_argument("--year", type=int)
    s.add_argument("--quarter", type=int, choices=(1, 2, 3, 4))
    s.add_argument("--vintage", default="latest", choices=("latest", "first"))
    s.add_argument("--format", default="pptx", choices=("pptx", "pdf", "png"))
    s.add_argument("--out", help="file to write (png: a folder, or a .zip)")
    s.set_defaults(func=cmd_briefing)
    s = sub.add_parser("demo", parents=[common], help="regenerate the synthetic demo CSVs")
    s.add_argument("--out", default=str(DEMO_DIR))
    s.set_defaults(func=cmd_demo)
    cli_admin.add_parsers(sub, common, open_waiting, _print_problems)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except StoreMissingError:
        print(i18n.t("cli.store_missing", args.lang, path=db_path(args.db)), file=sys.stderr)
        return 2
    except StoreBusyError:
        print(i18n.t("cli.store_busy", args.lang, path=db_path(args.db)), file=sys.stderr)
        return 3
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
