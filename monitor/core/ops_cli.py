"""Command-line subcommands for running the service: backup, restore, and the record of log-ins.

`backup` works while the dashboard serves (it reads a consistent copy of the store); `restore` needs the dashboard
stopped (it replaces the file); `logins` reads its own file, never the store.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from monitor.core import backup, i18n, logins, shell
from monitor.core.errors import (
    BackupError,
    StoreBusyError,
    StoreDamagedError,
    StoreFullError,
    StoreGoneError,
    StoreWriteError,
)
from monitor.core.store import db_path

_FAILURES = {StoreDamagedError: "ops.cli.damaged", StoreFullError: "ops.cli.full", StoreGoneError: "ops.cli.gone",
             StoreWriteError: "ops.cli.write_failed"}


def store_failure(exc: BaseException, lang: str, path) -> str | None:
    """The message for a damaged, full or lost store (any command), None for any other error."""
    for kind, key in _FAILURES.items():
        if isinstance(exc, kind):
            return i18n.t(key, lang, path=path)
    return None


def _backup_error(exc: BackupError, lang: str) -> int:
    print(i18n.t(f"ops.backup.err.{exc.code}", lang, **exc.params), file=sys.stderr)
    return 1


def cmd_backup(args) -> int:
    try:
        folder, manifest = backup.backup(db_path(args.db), Path(args.out), args.keep)
    except BackupError as exc:
        return _backup_error(exc, args.lang)
    except StoreFullError:
        print(i18n.t("ops.backup.err.full", args.lang, path=args.out), file=sys.stderr)
        return 1
    rows = sum(t["rows"] for t in manifest["tables"].values())
    print(i18n.t("ops.backup.done", args.lang, path=folder, tables=len(manifest["tables"]), rows=rows))
    return 0


def cmd_restore(args) -> int:
    try:
        done = backup.restore(Path(args.source), db_path(args.db))
    except BackupError as exc:
        return _backup_error(exc, args.lang)
    except StoreBusyError:
        print(i18n.t("ops.restore.busy", args.lang, path=db_path(args.db)), file=sys.stderr)
        return 3
    rows = sum(t["rows"] for t in done["tables"].values())
    print(i18n.t("ops.restore.done", args.lang, source=done["source"], path=db_path(args.db),
                 tables=len(done["tables"]), rows=rows))
    if done["aside"]:
        print(i18n.t("ops.restore.aside", args.lang, path=done["aside"]))
    return 0


def _when(at: float) -> str:
    return datetime.fromtimestamp(at, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def cmd_logins(args) -> int:
    attempts = logins.Attempts()
    if args.unlock:
        attempts.unlock(args.unlock, "command line")
        print(i18n.t("ops.logins.unlocked", args.lang, name=logins.key(args.unlock)))
        return 0
    rows = attempts.recent(args.limit)
    locked = attempts.locked()
    if args.json:
        shell.print_json({"locked": locked, "attempts": [{**r, "at": _when(r["at"])} for r in rows]})
        return 0
    for r in locked:
        print(i18n.t("ops.logins.locked_line", args.lang, by=r["by"], value=r["value"] or "–",
                     minutes=max(1, round(r["seconds"] / 60))))
    for r in rows:
        print(f"{_when(r['at'])}  {r['result']:<13} {r['name'] or '–':<24} {r['address'] or '–':<16} {r['detail']}")
    return 0


def add_parsers(sub, common) -> None:
    s = sub.add_parser("backup", parents=[common],
                       help="write a whole backup of the store into a new folder of --out (works while serving)")
    s.add_argument("--out", required=True, help="folder of backups; each backup is a new monitor-<time> folder")
    s.add_argument("--keep", type=int, default=None, help="keep only the newest N backups in --out")
    s.set_defaults(func=cmd_backup)
    s = sub.add_parser("restore", parents=[common],
                       help="replace the store by a backup (stop the dashboard first; the old file is kept aside)")
    s.add_argument("source", help="a backup folder, or a folder of backups (the newest is used)")
    s.set_defaults(func=cmd_restore)
    s = sub.add_parser("logins", parents=[common], help="the record of log-ins, and the names locked now")
    s.add_argument("--json", action="store_true")
    s.add_argument("--limit", type=int, default=50)
    s.add_argument("--unlock", metavar="NAME", help="lift the log-in limits on an account name")
    s.set_defaults(func=cmd_logins)
