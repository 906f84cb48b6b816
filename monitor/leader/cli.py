"""The leader area's subcommand: `status`, the figures the dashboard shows, as JSON or text."""

from __future__ import annotations

from monitor.core import i18n, shell
from monitor.core.engine import AsOf
from monitor.core.store import Store
from monitor.leader import wording


def cmd_status(args) -> int:
    with Store(args.db, read_only=True) as store:
        as_of = AsOf(args.year, args.quarter, args.vintage) if args.year and args.quarter else None
        result = wording.status_in_words(store, args.lang, args.indicator, args.unit, as_of, args.unit_level)
    if args.json:
        shell.print_json(result)
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


def add_parsers(sub, common) -> None:
    s = sub.add_parser("status", parents=[common], help="growth against target for an as-of quarter")
    shell.as_of_options(s)
    s.add_argument("--unit-level", default="commune", choices=("commune", "former_district"))
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_status)
