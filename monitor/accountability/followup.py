"""The follow-up of the previous review: the commitments raised at the quarter before the as-of quarter and what
became of them, by owner, worst first (most overdue, then most done late). Numbers and codes; the briefing's
follow-up slide and the PDF brief's follow-up table read it (views.followup_table writes the words)."""

from __future__ import annotations

from datetime import date

from monitor.accountability import owners, register
from monitor.accountability.rules import LATE
from monitor.core.engine import AsOf
from monitor.core.store import Store

COUNTS = ("done_on_time", "done_late", "overdue", "open")  # open: not done and not past its deadline


def previous(as_of: AsOf) -> tuple[int, int]:
    """The review before: 2025 Q4 -> (2025, 3); 2026 Q1 -> (2025, 4)."""
    return (as_of.year, as_of.quarter - 1) if as_of.quarter > 1 else (as_of.year - 1, 4)


def followup(store: Store, as_of: AsOf, today: date) -> dict:
    """raised_year, raised_quarter, owners (owner, body, synthetic, done_on_time, done_late, overdue, open, total;
    worst first) and totals, for the actions raised at the previous review, judged on today."""
    year, quarter = previous(as_of)
    rows = register.select(register.actions(store, today), raised=(year, quarter))
    bodies = {o["owner"]: o for o in owners.in_force(store)}
    found: dict[str, dict] = {}
    for r in rows:
        o = bodies.get(r["owner"], {})
        c = found.setdefault(r["owner"], {"owner": r["owner"], "body": o.get("body", r["owner"]),
                                          "synthetic": bool(o.get("synthetic")), **dict.fromkeys(COUNTS, 0),
                                          "total": 0})
        c["total"] += 1
        c["overdue" if r["status"] in LATE else "open" if not r["status"].startswith("done") else r["status"]] += 1
    by_owner = sorted(found.values(), key=lambda c: (-c["overdue"], -c["done_late"], -c["open"], c["body"]))
    return {"raised_year": year, "raised_quarter": quarter, "owners": by_owner,
            "totals": {k: sum(c[k] for c in by_owner) for k in (*COUNTS, "total")}}
