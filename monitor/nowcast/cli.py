"""Command-line subcommands of the nowcast area: nowcast (a quarter's model estimate, its band, the chance of
reaching each target, the news) and nowcast-eval (the pseudo-real-time record against the naive benchmarks)."""

from __future__ import annotations

from monitor.core import shell
from monitor.core.reference import PROVINCE
from monitor.core.store import Store
from monitor.nowcast import sectors, service, views
from monitor.nowcast.inputs import load, quarter_index, quarter_of


def _quarter(text: str | None) -> int | None:
    """'2020-1' or '2020-Q1' -> quarter index."""
    if text is None:
        return None
    try:
        year, q = text.upper().replace("Q", "").split("-")
        if int(q) not in (1, 2, 3, 4):
            raise ValueError
        return quarter_index(int(year), int(q))
    except ValueError:
        raise ValueError(f"--from: expected YYYY-Q, got {text!r}") from None


def cmd_nowcast(args) -> int:
    with Store(args.db, read_only=True) as store:
        inputs = load(store, args.unit)
        if args.year is None or args.quarter is None:  # the first quarter without a published figure
            year, quarter = quarter_of(max(inputs.quarterly) + 1) if inputs.quarterly else (None, None)
            if year is None:
                raise ValueError(f"no GRDP figures for unit {args.unit}")
        else:
            year, quarter = args.year, args.quarter
        found = service.report(store, args.unit, year, quarter, service.parse_month(args.as_of_month),
                               _quarter(args.start), inputs=inputs)
        found["sectors"] = sectors.nowcasts(store, args.unit, year, quarter,
                                            service.parse_month(found["as_of_month"]))
    if args.json:
        shell.print_json(views.json_view(found))
    else:
        print(views.nowcast_text(found, args.lang))
    return 0


def cmd_nowcast_eval(args) -> int:
    with Store(args.db, read_only=True) as store:
        found = service.evaluation(store, args.unit, _quarter(args.start))
    if args.json:
        shell.print_json(views.eval_json(found))
    else:
        print(views.eval_text(found, args.lang))
    return 0


def add_parsers(sub, common) -> None:
    s = sub.add_parser("nowcast", parents=[common],
                       help="a quarter's GRDP growth estimated from the monthly indicators (a model estimate)")
    s.add_argument("--year", type=int)
    s.add_argument("--quarter", type=int, choices=(1, 2, 3, 4))
    s.add_argument("--unit", default=PROVINCE)
    s.add_argument("--as-of-month", help="YYYY-MM: only what was published by the end of that month")
    s.add_argument("--from", dest="start", help="YYYY-Q: first quarter of the record that sizes the band")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_nowcast)
    s = sub.add_parser("nowcast-eval", parents=[common],
                       help="the nowcast's pseudo-real-time record: RMSE and MAE against naive benchmarks")
    s.add_argument("--unit", default=PROVINCE)
    s.add_argument("--from", dest="start", help="YYYY-Q: first quarter evaluated")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_nowcast_eval)
