"""Command-line subcommands of accountability: owners (load, list, bind and unbind officers, the demo file),
actions (add, check-in, list, export) and notify. Thin shells over owners.py, register.py and notify.py.

Without --as the server's operator acts as an administrator (like `users add`); --as ACCOUNT acts as that account,
its role and, for an officer, its owners checked as on the dashboard.
"""

from __future__ import annotations

import getpass
import sys
from datetime import date
from pathlib import Path

from monitor.accountability import access, demo, items, mailer, notify, owners, register, views
from monitor.core import auth, i18n, reference, shell
from monitor.core.errors import ValidationError
from monitor.core.store import Store


def actor(args) -> auth.User:
    if getattr(args, "as_account", None):
        found = auth.load_users().get(args.as_account)
        if found is None:
            raise ValueError(f"no account {args.as_account!r} in {auth.users_path()}")
        return found
    return auth.User(getpass.getuser(), "admin")


def _today(args) -> date:
    return date.fromisoformat(args.today) if getattr(args, "today", None) else date.today()


def _guarded(args, write) -> int:
    """Run a write; print every problem, or the refusal, on stderr (exit 1)."""
    try:
        return write()
    except ValidationError as exc:
        shell.print_problems(exc.problems, args.lang)
    except access.NotAllowedError as exc:
        print(i18n.t("acc.err.not_allowed", args.lang, user=exc.user, role=exc.role,
                     verb=i18n.t(f"acc.verb.{exc.verb}", args.lang)), file=sys.stderr)
    except access.OutOfScopeError as exc:
        print(i18n.t("acc.err.out_of_scope", args.lang, user=exc.user, owner=exc.owner,
                     mine=", ".join(exc.mine) or i18n.t("acc.nobody", args.lang)), file=sys.stderr)
    return 1


def cmd_owners(args) -> int:
    if args.action == "write-demo":
        print(demo.write(Path(args.out)))
        return 0
    if args.action == "list":
        with Store(args.db, read_only=True) as store:
            rows = owners.in_force(store)
        if args.json:
            shell.print_json(rows)
        for r in rows if not args.json else ():
            print(f"{r['item_kind']}:{r['item_code']}\t{r['owner']}\t{r['body']}\t{r['leader_name'] or ''}"
                  f"\t{r['email'] or ''}")
        return 0
    with shell.open_waiting(args) as store:
        user = actor(args)

        def write() -> int:
            if args.action == "load-demo":
                counts = demo.load(store)
                print(i18n.t("acc.cli.demo_loaded", args.lang, new=counts.get("new", 0),
                             actions=counts.get("actions", 0)))
            elif args.action == "load":
                counts = owners.load(store, user, Path(args.file))
                print(i18n.t("acc.cli.owners_loaded", args.lang, file=Path(args.file).name, **counts))
            else:
                (access.bind if args.action == "bind" else access.unbind)(store, user, args.file, args.owner)
                print(i18n.t(f"acc.cli.{args.action}", args.lang, user=args.file, owner=args.owner))
            return 0
        return _guarded(args, write)


def _item(text: str) -> tuple[str, str]:
    kind, _, code = text.partition(":")
    if kind not in ("unit", "sector") or not code:
        raise ValueError(i18n.t("acc.cli.bad_item", "en"))
    return kind, code


def cmd_actions(args) -> int:
    today = _today(args)
    if args.action in ("list", "export"):
        with Store(args.db, read_only=True) as store:
            rows = register.select(register.actions(store, today), owner=args.owner, overdue=args.overdue,
                                   item=_item(args.item) if args.item else None)
            if args.action == "export":
                data = views.register_xlsx(rows, reference.labels(store, args.lang), owners.in_force(store),
                                           args.lang)
                Path(args.out).write_bytes(data)
                return 0
        if args.json:
            shell.print_json(views.as_json(rows))
        else:
            for r in rows:
                print(f"{r['action_id']:>4}  {r['item_kind']}:{r['item_code']:<6} {r['owner']:<16} "
                      f"{r['deadline']}  {views.status_text(r['status'], args.lang):<22} {r['text']}")
        return 0
    with shell.open_waiting(args) as store:
        user = actor(args)
        if args.action == "add":
            kind, code = _item(args.item)

            def add():
                raised = tuple(int(x) for x in args.raised.split("-")) if args.raised else None
                gap = items.gap_at(store, kind, code, *raised) if raised else None
                new = register.add_action(store, user, kind, code, args.text, args.deadline, owner=args.owner,
                                          expected_effect_pp=args.effect_pp, expected_effect=args.effect,
                                          raised=raised, gap_pp=gap)
                print(i18n.t("acc.cli.action_added", args.lang, id=new, item=args.item,
                             owner=register.action(store, new, today)["owner"], deadline=args.deadline))
                return 0
            return _guarded(args, add)

        def check_in():
            new = register.check_in(store, user, args.id, args.note, args.done, on=args.date, today=today)
            print(i18n.t("acc.cli.checked_in", args.lang, checkin=new, id=args.id,
                         status=views.status_text(register.action(store, args.id, today)["status"], args.lang)))
            return 0
        return _guarded(args, check_in)


def cmd_notify(args) -> int:
    today = _today(args)
    cfg = mailer.config()
    opener = (lambda: Store(args.db, read_only=True)) if args.dry_run else (lambda: shell.open_waiting(args))
    with opener() as store:
        result = notify.run(store, today, args.lang, dry_run=args.dry_run, cfg=cfg)
    if args.json:
        shell.print_json({**result, "messages": [{k: m.get(k) for k in (
            "event", "owner", "to", "item_kind", "item_code", "action_id", "year", "quarter", "subject", "body",
            "outcome", "error")} for m in result["messages"]]})
    elif not result["configured"]:
        print(i18n.t("acc.cli.notify_off", args.lang, count=len(result["messages"])), file=sys.stderr)
    else:
        for m in result["messages"]:
            print(f"{m['event']:<15} {m['to'] or '–':<32} {m['subject']}")
        if not args.dry_run:
            print(i18n.t("acc.cli.notify_done", args.lang, sent=result["sent"], failed=result["failed"]))
    return 0 if args.dry_run or result["configured"] else 1


def add_parsers(sub, common) -> None:
    s = sub.add_parser("owners", parents=[common], help="who answers for each unit and sector")
    s.add_argument("action", choices=("load", "list", "bind", "unbind", "load-demo", "write-demo"))
    s.add_argument("file", nargs="?", help="load: the owners file; bind/unbind: the officer account")
    s.add_argument("owner", nargs="?", help="bind/unbind: the owner code")
    s.add_argument("--json", action="store_true")
    s.add_argument("--as", dest="as_account", help="act as this account (its role and scope apply)")
    s.add_argument("--out", default=str(demo.DEMO_DIR), help="write-demo: the folder")
    s.add_argument("--wait", type=float, default=30.0)
    s.set_defaults(func=cmd_owners)
    s = sub.add_parser("actions", parents=[common], help="the action register: add, check-in, list, export")
    s.add_argument("action", choices=("add", "check-in", "list", "export"))
    s.add_argument("id", nargs="?", type=int, help="check-in: the action's number")
    s.add_argument("--item", help="unit:CODE or sector:CODE")
    s.add_argument("--owner", help="add: the owner code (default: the item's); list: only this owner's")
    s.add_argument("--deadline", help="YYYY-MM-DD")
    s.add_argument("--text", help="what will be done to remove which bottleneck")
    s.add_argument("--effect-pp", type=float, help="expected effect in points of growth")
    s.add_argument("--effect", help="expected effect in words or a figure")
    s.add_argument("--raised", help="the review it was raised at, YEAR-QUARTER (e.g. 2025-4): cites its gap")
    s.add_argument("--note", help="check-in: the note")
    s.add_argument("--done", action="store_true", help="check-in: the action is completed")
    s.add_argument("--date", help="check-in: its date (default today)")
    s.add_argument("--overdue", action="store_true", help="list: only actions past their deadline")
    s.add_argument("--today", help="judge statuses on this date (default today)")
    s.add_argument("--json", action="store_true")
    s.add_argument("--out", help="export: the .xlsx file")
    s.add_argument("--as", dest="as_account", help="act as this account (its role and scope apply)")
    s.add_argument("--wait", type=float, default=30.0)
    s.set_defaults(func=cmd_actions)
    s = sub.add_parser("notify", parents=[common], help="e-mail owners what changed (SMTP from the environment)")
    s.add_argument("--dry-run", action="store_true", help="say what would be sent to whom; send nothing")
    s.add_argument("--json", action="store_true")
    s.add_argument("--today", help="judge deadlines on this date (default today)")
    s.add_argument("--wait", type=float, default=30.0)
    s.set_defaults(func=cmd_notify)
