"""The command line: one parser over the areas' subcommands. `python -m monitor --help`.

init and demo live here (they set up the whole store); every other subcommand lives beside the code it runs:
leader/cli.py (status), upload/cli.py (ingest, targets, history, rollback, users), whatif/cli.py (whatif,
shortfall, targets-export, targets-history, targets-revert), briefing/cli.py (briefing).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from monitor.briefing import cli as briefing_cli
from monitor.core import i18n, reference, shell
from monitor.core.errors import StoreBusyError, StoreMissingError, StoreUnreachableError
from monitor.core.store import ROOT, Store, db_path
from monitor.leader import cli as leader_cli
from monitor.statistics import cli as statistics_cli
from monitor.upload import cli as upload_cli
from monitor.upload import demo, ingest, monthly_upload
from monitor.whatif import cli as whatif_cli

DEMO_DIR = ROOT / "data" / "demo"


def cmd_init(args) -> int:
    existed = db_path(args.db).exists()
    with Store(args.db, create=True) as store:
        reference.seed(store)
        key = "cli.init_exists" if existed else "cli.init_done"  # "created" only when it was
        print(i18n.t(key, args.lang, path=store.path, version=store.schema_version))
        if args.demo:
            files = [DEMO_DIR / "observations.csv", DEMO_DIR / "targets.csv"]
            if all(store.records("batch_by_sha256", sha256=ingest.sha256(f.read_bytes())) for f in files):
                print(i18n.t("cli.demo_present", args.lang))
            else:  # a changed demo file loads as a new batch: earlier figures stay as history
                _, obs = ingest.load_observations(store, files[0], "demo", synthetic=True)
                _, tgt = ingest.load_targets(store, files[1], "demo", synthetic=True)
                print(i18n.t("cli.demo_loaded", args.lang, observations=len(obs.rows), targets=len(tgt.rows)))
            statistics_cli.load_national(store, args.lang)  # the office's real quarterly GDP (unit VN), not synthetic
            statistics_cli.load_national_monthly(store, args.lang)  # real monthly IIP, trade, CPI (issue 17)
            monthly_upload.load_demo(store, DEMO_DIR / "observations_monthly.csv", args.lang)
            from monitor.annotations import cli as annotations_cli  # real, dated events with their source (issue 16)
            annotations_cli.load_demo(store, args.lang)
    return 0


def cmd_demo(args) -> int:
    counts = demo.generate(Path(args.out))
    print(i18n.t("cli.demo_written", args.lang, path=args.out,
                 counts=", ".join(f"{k}: {v}" for k, v in counts.items())))
    return 0


def parser() -> argparse.ArgumentParser:
    common = shell.common_options()
    p = argparse.ArgumentParser(prog="python -m monitor", description="Growth Monitor command line")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("init", parents=[common], help="create the store (safe to run twice)")
    s.add_argument("--demo", action="store_true", help="also load the synthetic demo data")
    s.set_defaults(func=cmd_init)
    s = sub.add_parser("demo", parents=[common], help="regenerate the synthetic demo CSVs")
    s.add_argument("--out", default=str(DEMO_DIR))
    s.set_defaults(func=cmd_demo)
    for area in (upload_cli, leader_cli, briefing_cli, whatif_cli, statistics_cli):
        area.add_parsers(sub, common)
    from monitor.core import ops_cli  # backup, restore, logins (issue 19)
    ops_cli.add_parsers(sub, common)
    from monitor.accountability import cli as accountability_cli  # owners, actions, notify (issue 15)
    accountability_cli.add_parsers(sub, common)
    from monitor.annotations import cli as annotations_cli  # annotations, playlists (issue 16)
    annotations_cli.add_parsers(sub, common)
    from monitor.nowcast import cli as nowcast_cli  # nowcast, nowcast-eval (issue 17)
    nowcast_cli.add_parsers(sub, common)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except StoreUnreachableError as exc:  # the shared store's server (PostgreSQL) does not answer
        print(i18n.t("cli.store_unreachable", args.lang, url=exc.args[0], reason=exc.args[1]), file=sys.stderr)
        return 2
    except StoreMissingError:
        print(i18n.t("cli.store_missing", args.lang, path=db_path(args.db)), file=sys.stderr)
        return 2
    except StoreBusyError:
        print(i18n.t("cli.store_busy", args.lang, path=db_path(args.db)), file=sys.stderr)
        return 3
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except Exception as exc:  # a damaged, full or lost store: a plain message and what to do, no traceback
        from monitor.core import ops_cli
        message = ops_cli.store_failure(exc, args.lang, db_path(args.db))
        if message is None:
            raise
        print(message, file=sys.stderr)
        return 4
