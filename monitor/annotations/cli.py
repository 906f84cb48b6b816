"""Command-line subcommands of annotations and playlists: a thin shell over notes.py, files.py and playlists.py.

Without --as the server's operator acts as an administrator (like `users add`); --as ACCOUNT acts as that account.
"""

from __future__ import annotations

import sys
from pathlib import Path

from monitor.accountability.cli import actor
from monitor.annotations import files, notes, playlists
from monitor.core import auth, i18n, shell
from monitor.core.errors import ValidationError
from monitor.core.store import ROOT, Store

DEMO_FILE = ROOT / "data" / "demo" / "annotations.csv"
CELLS = {"start": "start_date", "end": "end_date", "title_vi": "title_vi", "title_en": "title_en",
         "text_vi": "text_vi", "text_en": "text_en", "source": "source"}


def load_demo(store: Store, lang: str) -> None:
    """init --demo: the real, dated events of data/demo/annotations.csv (each with its source); unchanged ones
    are left as they are, so running it twice adds nothing."""
    counts = files.load(store, auth.User("demo", "admin"), DEMO_FILE.read_bytes(), DEMO_FILE.name)
    print(i18n.t("ann.cli.loaded", lang, file=DEMO_FILE.name, **counts))


def _cells(args) -> dict:
    cells = {col: getattr(args, key) for key, col in CELLS.items() if getattr(args, key, None) is not None}
    if getattr(args, "unit", None):
        cells.update(item_kind="unit", item_code=args.unit)
    elif getattr(args, "sector", None):
        cells.update(item_kind="sector", item_code=args.sector)
    return cells


def _guarded(args, write) -> int:
    """Run a write; print every problem, or the refusal, on stderr (exit 1)."""
    try:
        return write()
    except ValidationError as exc:
        print(i18n.t("cli.problems", args.lang, file=getattr(args, "file", None) or "–", count=len(exc.problems)),
              file=sys.stderr)
        shell.print_problems(exc.problems, args.lang)
    except notes.AnnotationForbiddenError as exc:
        print(i18n.t("ann.err.forbidden", args.lang, user=exc.user or "–", role=exc.role or "–"), file=sys.stderr)
    except notes.UnknownAnnotationError as exc:
        print(i18n.t("ann.err.no_such", args.lang, id=exc.annotation_id), file=sys.stderr)
    return 1


def _print_rows(rows: list[dict], lang: str) -> None:
    for r in rows:
        item = f"{r['item_kind']}:{r['item_code']}" if r["item_kind"] else "–"
        when = r["start_date"].strftime("%d/%m/%Y")
        if r["end_date"] != r["start_date"]:
            when += "–" + r["end_date"].strftime("%d/%m/%Y")
        print(f"{r['annotation_id']}\t{when}\t{item}\t{r[f'title_{lang}']}\t{r['source'] or ''}")


def cmd_annotations(args) -> int:
    if args.action in ("list", "export"):
        with Store(args.db, read_only=True) as store:
            if args.action == "export":
                data = files.export_xlsx(store, args.lang) if args.format == "xlsx" else files.export_csv(store,
                                                                                                          args.lang)
                Path(args.out).write_bytes(data)
                print(i18n.t("ann.cli.exported", args.lang, path=args.out, count=len(notes.in_force(store))))
                return 0
            rows = notes.history(store) if args.history else notes.in_force(store)
        if args.json:
            shell.print_json(rows)
        elif args.history:
            for r in rows:
                print(f"{r['change_id']}\t{r['annotation_id']}\t{r['change']}\t{r['changed_by']}\t{r['changed_at']}"
                      f"\t{r['old_title_vi'] or '–'} -> {r['new_title_vi']}")
        else:
            _print_rows(rows, args.lang)
        return 0
    user = actor(args)
    with shell.open_waiting(args) as store:
        if args.action == "add":
            def write() -> int:
                found = notes.add(store, user, **_cells(args))
                print(i18n.t("ann.cli.added", args.lang, id=found))
                return 0
        elif args.action == "edit":
            def write() -> int:
                changed = notes.edit(store, user, args.id, **_cells(args))
                print(i18n.t("ann.cli.edited" if changed else "ann.cli.unchanged", args.lang, id=args.id))
                return 0
        elif args.action == "remove":
            def write() -> int:
                notes.remove(store, user, args.id)
                print(i18n.t("ann.cli.removed", args.lang, id=args.id))
                return 0
        else:  # load
            def write() -> int:
                path = Path(args.file)
                counts = files.load(store, user, path.read_bytes(), path.name)
                print(i18n.t("ann.cli.loaded", args.lang, file=path.name, **counts))
                return 0
        return _guarded(args, write)


def cmd_playlists(args) -> int:
    if args.action == "list":
        with Store(args.db, read_only=True) as store:
            rows = playlists.listed(store)
        if args.json:
            shell.print_json(rows)
        for r in rows if not args.json else ():
            print(f"{r['name']}\t{r['interval_s']} s\t{r['items']}")
        return 0
    user = actor(args)
    with shell.open_waiting(args) as store:
        if args.action == "save":
            def write() -> int:
                saved = playlists.save(store, user, args.name, args.items, args.interval)
                print(i18n.t("ann.cli.playlist_saved", args.lang, name=saved["name"], items=saved["items"],
                             interval=saved["interval_s"]))
                return 0
            return _guarded(args, write)

        def remove() -> int:
            done = playlists.remove(store, user, args.name)
            print(i18n.t("ann.cli.playlist_removed" if done else "ann.cli.playlist_kept", args.lang, name=args.name),
                  file=sys.stdout if done else sys.stderr)
            return 0 if done else 1
        return _guarded(args, remove)


def add_parsers(sub, common) -> None:
    s = sub.add_parser("annotations", help="events and periods shown on the time charts")
    acts = s.add_subparsers(dest="action", required=True)
    for name in ("add", "edit"):
        a = acts.add_parser(name, parents=[common])
        if name == "edit":
            a.add_argument("id", type=int)
        a.add_argument("--start", required=name == "add", help="dd/mm/yyyy")
        a.add_argument("--end", help="dd/mm/yyyy (a period; default: the start, an event)")
        a.add_argument("--title-vi", dest="title_vi", required=name == "add")
        a.add_argument("--title-en", dest="title_en", required=name == "add")
        a.add_argument("--text-vi", dest="text_vi")
        a.add_argument("--text-en", dest="text_en")
        a.add_argument("--unit")
        a.add_argument("--sector")
        a.add_argument("--source")
    a = acts.add_parser("remove", parents=[common])
    a.add_argument("id", type=int)
    a = acts.add_parser("load", parents=[common])
    a.add_argument("file")
    a = acts.add_parser("list", parents=[common])
    a.add_argument("--json", action="store_true")
    a.add_argument("--history", action="store_true", help="every change, old and new values")
    a = acts.add_parser("export", parents=[common])
    a.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    a.add_argument("--out", required=True)
    for a in acts.choices.values():
        a.add_argument("--as", dest="as_account", help="act as this account (default: the operator, as admin)")
        a.add_argument("--wait", type=float, default=30)
    s.set_defaults(func=cmd_annotations)
    s = sub.add_parser("playlists", help="the wall mode's playlists")
    acts = s.add_subparsers(dest="action", required=True)
    a = acts.add_parser("list", parents=[common])
    a.add_argument("--json", action="store_true")
    a = acts.add_parser("save", parents=[common])
    a.add_argument("name")
    a.add_argument("--items", required=True, help="e.g. overview,trajectory,sectors,localities:5,actions")
    a.add_argument("--interval", type=int, default=20, help="seconds per screen")
    a = acts.add_parser("remove", parents=[common])
    a.add_argument("name")
    for a in acts.choices.values():
        a.add_argument("--as", dest="as_account", help="act as this account (default: the operator, as admin)")
        a.add_argument("--wait", type=float, default=30)
    s.set_defaults(func=cmd_playlists)
