"""Command-line subcommands for targets, what-if and shortfall (a thin shell over the core).

  python -m monitor whatif --year Y --quarter Q [--unit 22] [--assume KV2=15,KV3=16] [--solve KV2] --json
  python -m monitor shortfall --year Y --quarter Q [--unit 22] [--by sector|unit] --json
  python -m monitor targets-export [--indicator GRDP] [--year Y] [--out FILE]
  python -m monitor targets-history --indicator GRDP --year Y [--json]
  python -m monitor targets-revert BATCH [--user NAME]
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from monitor.core import i18n, reference, shell
from monitor.core.engine import AsOf
from monitor.core.errors import ValidationError
from monitor.core.store import Store, as_records
from monitor.whatif import projection, shortfall, views
from monitor.whatif import targets as targets_edit


def _problems(exc: ValidationError, lang: str, labels: reference.Labels | None = None) -> int:
    """Every problem on stderr; with the store's labels, its units, scopes and periods named."""
    for p in exc.problems:
        print(views.problem_text(p, labels, lang) if labels else p.message(lang), file=sys.stderr)
    return 1


def cmd_whatif(args) -> int:
    with Store(args.db, read_only=True) as store:
        labels = reference.labels(store, args.lang)
        try:
            solve = [c.strip().upper() for c in args.solve.split(",")] if args.solve else None
            result = projection.whatif(store, AsOf(args.year, args.quarter, args.vintage), args.indicator, args.unit,
                                       projection.parse_assumptions(args.assume), solve, args.basis, args.level)
        except ValidationError as exc:
            return _problems(exc, args.lang, labels)
    result = views.named(result, labels)
    if args.json:
        shell.print_json(result)
        return 0
    lang = args.lang
    print(i18n.t("whatif.cli.projected", lang, quarter=i18n.quarter_label(args.year, args.quarter, lang),
                 value=i18n.pct(result["projected_annual_pct"], lang)))
    for s in result["sectors"]:
        print(f"  {s['sector_code']:>5} {i18n.pct(s['assumed_growth_pct'], lang):>9} "
              f"{i18n.pp(s['contribution_pp'], lang):>14} {result['names'][s['sector_code']]}")
    for t in result["targets"]:
        print(f"  {i18n.t('scope.' + t['scope'] + '.short', lang)} {i18n.pct(t['annual_pct'], lang, 1)}: "
              f"{i18n.pp(t['distance_pp'], lang)}")
    for s in result.get("solve", []):
        print("  " + i18n.t("whatif.cli.solve", lang, code=s["sector_code"],
                            value=i18n.pct(s["required_growth_pct"], lang, 1),
                            scope=i18n.t(f"scope.{s['scope']}.short", lang)))
    return 0


def cmd_shortfall(args) -> int:
    with Store(args.db, read_only=True) as store:
        labels = reference.labels(store, args.lang)
        try:
            result = shortfall.shortfall(store, AsOf(args.year, args.quarter, args.vintage), args.indicator,
                                         args.unit, args.by, args.scope, projection.parse_assumptions(args.assume),
                                         args.basis, args.level, args.unit_level)
        except ValidationError as exc:
            return _problems(exc, args.lang, labels)
    result = views.named(result, labels)
    if args.json:
        shell.print_json(result)
        return 0
    lang = args.lang
    print(i18n.t("whatif.cli.shortfall", lang, value=i18n.pp(result["shortfall_pp"][args.scope], lang),
                 scope=i18n.t(f"scope.{args.scope}.short", lang)))
    for item in result["items"]:
        flag = "–" if item["plausible"] is None else "✔" if item["plausible"] else "✖"
        print(f"  {item['code']:>6} {i18n.pp(item['extra_pp'], lang):>14} "
              f"{i18n.pct(item['implied_growth_pct'], lang, 1):>8} {i18n.pct(item['max_growth_5y_pct'], lang, 1):>8}"
              f" {flag} {result['names'].get(item['code'], '')}")
    return 0


def cmd_targets_export(args) -> int:
    with Store(args.db, read_only=True) as store:
        data = targets_edit.export(store, args.indicator, args.year)
    if args.out:
        Path(args.out).write_bytes(data)
    else:
        sys.stdout.write(data.decode("utf-8-sig"))
    return 0


def cmd_targets_history(args) -> int:
    with Store(args.db, read_only=True) as store:
        frame = targets_edit.history(store, args.indicator, args.year)
    rows = as_records(frame)
    if args.json:
        shell.print_json(rows)
    else:
        for r in rows:
            print(f"#{r['batch_id']} {r['loaded_at']:%Y-%m-%d %H:%M} {r['user_name']} {r['outcome']}: "
                  f"{r['unit_code']}/{r['sector_code']}/{r['scope']}/{r['period']} "
                  f"{i18n.number(r['old_value'], args.lang)} → {i18n.number(r['new_value'], args.lang)}"
                  f" ({r['source'] or '–'})")
    return 0


def cmd_targets_revert(args) -> int:
    try:
        with Store(args.db) as store:
            targets_edit.revert(store, args.batch, args.user or getpass.getuser())
    except ValidationError as exc:
        return _problems(exc, args.lang)
    print(i18n.t("whatif.targets.reverted", args.lang, batch=args.batch))
    return 0


def _as_of_args(s) -> None:
    shell.as_of_options(s, required=True)
    s.add_argument("--assume", help="KV2=15,KV3=16 (every remaining quarter) or KV2@3=15 (one quarter)")
    s.add_argument("--basis", default="run_rate", choices=projection.BASES,
                   help="default growth: year to date so far (run_rate), the same quarter last year, or the run-rate "
                        "moved to the next quarter's nowcast (nowcast)")
    s.add_argument("--level", default="components", choices=projection.LEVELS)
    s.add_argument("--json", action="store_true")


def add_parsers(sub, common) -> None:
    s = sub.add_parser("whatif", parents=[common], help="project the year from assumed sector growth")
    _as_of_args(s)
    s.add_argument("--solve", help="sector(s) to solve for, e.g. KV2")
    s.set_defaults(func=cmd_whatif)
    s = sub.add_parser("shortfall", parents=[common], help="split the points missing to a target")
    _as_of_args(s)
    s.add_argument("--by", default="sector", choices=shortfall.BY)
    s.add_argument("--scope", default="provincial", choices=("provincial", "central"))
    s.add_argument("--unit-level", default="commune", choices=("commune", "former_district"))
    s.set_defaults(func=cmd_shortfall)
    s = sub.add_parser("targets-export", parents=[common], help="write the targets in force as a targets file")
    s.add_argument("--indicator")
    s.add_argument("--year", type=int)
    s.add_argument("--out")
    s.set_defaults(func=cmd_targets_export)
    s = sub.add_parser("targets-history", parents=[common], help="every change of the targets of a year")
    s.add_argument("--indicator", default="GRDP")
    s.add_argument("--year", type=int, required=True)
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_targets_history)
    s = sub.add_parser("targets-revert", parents=[common], help="undo one batch of target changes")
    s.add_argument("batch", type=int)
    s.add_argument("--user", default=None)
    s.set_defaults(func=cmd_targets_revert)
