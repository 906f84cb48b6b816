"""Command-line subcommands of the upload area: ingest (or a dry run of it), targets, export, history, rollback,
and the accounts allowed to upload (thin shells over ingest, export, history and auth)."""

from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path

import pandas as pd

from monitor.core import auth, i18n, shell
from monitor.core.errors import ConfirmationRequired, ValidationError
from monitor.core.store import Store, as_records
from monitor.upload import export, history, ingest, office_cli, reader, views


def _load(args, loader, done_key: str) -> int:
    """Shared by ingest and targets: load one file, or print every problem and change nothing."""
    path = Path(args.file)
    with shell.open_waiting(args) as store, reader.reading_sheet(args.sheet):
        try:
            batch, prepared = loader(store, path, args.user, confirm_warnings=not args.strict,
                                     confirm_downgrades=args.yes)
        except (ValidationError, ConfirmationRequired) as exc:
            return shell.print_refusal(exc, path.name, args)
    if prepared.warnings or prepared.downgrades:
        print(i18n.t("cli.warning_count", args.lang, count=len(prepared.warnings) + len(prepared.downgrades)),
              file=sys.stderr)
        shell.print_problems(prepared.warnings + prepared.downgrades, args.lang)
    counts = prepared.counts if done_key == "cli.ingest_done" else {}
    print(i18n.t(done_key, args.lang, rows=len(prepared.rows), file=path.name, batch=batch, **counts)
          + f" [{prepared.info.describe(args.lang)}]")
    return 0


def cmd_ingest(args) -> int:
    from monitor.upload import monthly_upload  # a Month column: monthly indicators (issue 17)
    if not args.dry_run and monthly_upload.sniff(Path(args.file)):
        return monthly_upload.cli_load(args)
    opts = office_cli.options(args)  # office tables, parents and shape checks: office_cli.py
    if args.dry_run:
        return _dry_run(args, lambda store, raw, name: ingest.prepare_observations(store, raw, name, opts),
                        _shape_refusals(opts))
    return _load(args, office_cli.loader(opts, args.lang), "cli.ingest_done")


def _shape_refusals(opts):
    """What load_observations refuses after preparing (shape warnings not accepted by name), so that a dry run
    exits as the load would."""
    from monitor.upload import shape

    def refused(prepared):
        found = shape.unaccepted(prepared.warnings, opts.accept)
        return found + [shape.how_to_accept(found)] if found else []
    return refused


def _dry_run(args, prepare, refused=lambda prepared: []) -> int:
    """What a load would do, without loading: the same reading and rules, the same exit code, nothing written.
    refused(prepared) gives the problems the load itself would add after preparing (e.g. shape warnings not
    accepted on the command line)."""
    path = Path(args.file)
    prepared = info = None
    problems = []
    # read-only: a dry run writes nothing, so it neither waits for the dashboard nor holds the store against it
    with Store(args.db, read_only=True) as store, reader.reading_sheet(args.sheet):
        raw = None
        try:
            raw = ingest.read_file(path)
            prepared = prepare(store, raw, path.name)
            info = prepared.info
            problems = list(refused(prepared))
        except ValidationError as exc:
            problems = exc.problems
            info = _read_as(raw, path.name)
    blocked = bool(problems) or (prepared is not None and (
        (args.strict and prepared.warnings) or (prepared.downgrades and not args.yes)))
    if args.json:
        report = views.dry_run(path.name, args.lang, info, prepared, problems, info and reader.layout(info))
        # values as read (print_json rounds to 4 decimals for reports; a dry run shows what would be stored)
        json.dump({**report, "would_load": not blocked}, sys.stdout, ensure_ascii=False, indent=2, default=str,
                  allow_nan=False)
        print()
        return 1 if blocked else 0
    if problems:
        print(i18n.t("cli.problems", args.lang, file=path.name, count=len(problems)), file=sys.stderr)
        shell.print_problems(problems, args.lang)
        return 1
    shell.print_problems(prepared.warnings + prepared.downgrades, args.lang)
    key = "upload.cli.dry_run_blocked" if blocked else "upload.cli.dry_run"
    print(i18n.t(key, args.lang, rows=len(prepared.rows), file=path.name, **prepared.counts)
          + f" [{prepared.info.describe(args.lang)}]")
    return 1 if blocked else 0


def _read_as(raw: bytes | None, name: str):
    """How far the reader got with a refused file (None when it could not read it at all)."""
    if raw is None:
        return None
    try:
        return reader.read_table(raw, file_name=name)[1]
    except ValidationError:
        return None


def cmd_export(args) -> int:
    """The figures in force for a quarter, in the upload format."""
    fmt = args.format or ("xlsx" if args.out.lower().endswith(".xlsx") else "csv")
    with Store(args.db, read_only=True) as store:
        data, count = export.export(store, fmt, args.lang, args.year, args.quarter, args.indicator, args.unit)
    period = i18n.quarter_label(args.year, args.quarter, args.lang)
    if not count:
        print(i18n.t("upload.cli.export_empty", args.lang, period=period, indicator=args.indicator or "*",
                     unit=args.unit or "*"), file=sys.stderr)
        return 1
    Path(args.out).write_bytes(data)
    print(i18n.t("upload.cli.export_done", args.lang, rows=count, period=period, path=args.out))
    return 0


def cmd_targets(args) -> int:
    return _load(args, ingest.load_targets, "cli.targets_done")


def cmd_users(args) -> int:
    lang = args.lang
    path = auth.users_path()
    if args.action == "list":
        for u in auth.load_users(path).values():
            kind = "password" if u.password else "openid"
            print(f"{u.name}\t{u.role}\t{kind}")
        return 0
    if args.action == "remove":
        done = auth.remove_user(args.name, path)
        print(i18n.t("upload.cli.user_removed" if done else "upload.cli.user_unknown", lang, name=args.name))
        return 0 if done else 1
    if args.oidc:
        password = None
    elif args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")  # a line from Windows ends in \r\n: neither is typed
    else:
        password = getpass.getpass(i18n.t("upload.cli.password_prompt", lang))
        if getpass.getpass(i18n.t("upload.cli.password_again", lang)) != password:
            print(i18n.t("upload.cli.password_mismatch", lang), file=sys.stderr)
            return 1
    try:
        auth.add_user(args.name, args.role, password, path)
    except ValueError as exc:
        print(i18n.t(f"upload.cli.{exc}", lang, min=auth.MIN_PASSWORD), file=sys.stderr)
        return 1
    print(i18n.t("upload.cli.user_added", lang, name=args.name, role=args.role, path=path))
    return 0


def cmd_history(args) -> int:
    with Store(args.db, read_only=True) as store:
        rows = history.batches(store)
    if args.json:
        shell.print_json(as_records(rows))
        return 0
    for r in rows.itertuples():
        state = i18n.t(f"upload.outcome.{r.outcome}", args.lang)
        print(f"{r.batch_id:>5}  {str(r.loaded_at)[:16]}  {r.user_name:<12} {state:<14} {r.row_count:>7}  "
              f"{r.file_name}")
    return 0


def cmd_rollback(args) -> int:
    with shell.open_waiting(args) as store:
        changes = history.rollback_preview(store, args.batch)
        print(i18n.t("upload.cli.rollback_preview", args.lang, batch=args.batch, count=len(changes)))
        for r in changes.head(50).itertuples():
            after = "–" if pd.isna(r.value_after) else i18n.number(r.value_after, args.lang, 1)
            when = i18n.quarter_label(r.year, r.quarter, args.lang)
            print(f"  {r.indicator} {r.unit_code} {r.sector_code} {when}: "
                  f"{i18n.number(r.value_now, args.lang, 1)} -> {after}")
        if not args.yes:
            print(i18n.t("upload.cli.rollback_needs_yes", args.lang, batch=args.batch), file=sys.stderr)
            return 1
        try:
            history.rollback(store, args.batch, args.user, args.reason)
        except history.NotRollbackable:
            print(i18n.t("upload.cli.rollback_refused", args.lang, batch=args.batch), file=sys.stderr)
            return 1
    print(i18n.t("upload.cli.rolled_back", args.lang, batch=args.batch))
    return 0


def add_parsers(sub, common) -> None:
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
        s.add_argument("--sheet", default=None, help="the workbook's sheet to read (default: the active sheet)")
        if name == "ingest":
            s.add_argument("--dry-run", action="store_true", help="check and preview the file; load nothing")
            s.add_argument("--json", action="store_true", help="with --dry-run: print the preview as JSON")
            office_cli.add_options(s)
        s.set_defaults(func=func)
    s = sub.add_parser("export", parents=[common], help="write the figures in force for a quarter as an upload file")
    s.add_argument("--year", type=int, required=True)
    s.add_argument("--quarter", type=int, choices=(1, 2, 3, 4), required=True)
    s.add_argument("--indicator", default=None, help="one indicator (default: every indicator)")
    s.add_argument("--unit", default=None, help="one unit code (default: every unit)")
    s.add_argument("--format", choices=export.FORMATS, default=None, help="csv or xlsx (default: from --out)")
    s.add_argument("--out", required=True, help="the file to write")
    s.set_defaults(func=cmd_export)
    s = sub.add_parser("users", parents=[common], help="accounts allowed to log in (file: $MONITOR_USERS)")
    s.add_argument("action", choices=("add", "remove", "list"))
    s.add_argument("name", nargs="?", default="")
    s.add_argument("--role", choices=auth.ROLES, default="viewer")
    s.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    s.add_argument("--oidc", action="store_true", help="an e-mail that signs in with OpenID Connect (no password)")
    s.set_defaults(func=cmd_users)
    s = sub.add_parser("history", parents=[common], help="list the load batches, newest first")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_history)
    s = sub.add_parser("rollback", parents=[common], help="roll back a batch (its rows are kept, not shown)")
    s.add_argument("batch", type=int)
    s.add_argument("--reason", default=None)
    s.add_argument("--user", default=None)
    s.add_argument("--yes", action="store_true", help="roll back after printing what changes")
    s.add_argument("--wait", type=float, default=30.0)
    s.set_defaults(func=cmd_rollback)
