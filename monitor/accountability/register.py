"""The action register: what each owner committed to for a flagged item, by when, and what became of it.

Actions are never edited; check-ins are dated notes kept as history, and the first check-in marked done completes
its action. Every write names its account and is checked by access.require first (an officer only on its own
owners' actions). Statuses are computed (rules.py), never stored as typed.
"""

from __future__ import annotations

from datetime import date

from monitor.accountability import access, owners
from monitor.accountability.rules import LATE, OPEN, StatusRules
from monitor.core import auth
from monitor.core.errors import Problem, ValidationError
from monitor.core.store import Store, sql

MAX_TEXT = 2000


def _as_date(value, column: str, problems: list[Problem]) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except (TypeError, ValueError):
        problems.append(Problem(None, column, None if value is None else str(value), "acc.err.bad_date"))
        return None


def add_action(store: Store, user: auth.User | None, item_kind: str, item_code: str, text: str, deadline,
               owner: str | None = None, expected_effect_pp: float | None = None, expected_effect: str | None = None,
               raised: tuple[int, int] | None = None, gap_pp: float | None = None, synthetic: bool = False) -> int:
    """Add an action (analysts and admins) for a unit or sector; its owner defaults to the item's owner in force.
    raised: the review (year, quarter) it was raised at; gap_pp: the gap it answers. Returns its id."""
    access.require(store, user, "add_action")
    problems: list[Problem] = []
    known = owners.known_items(store)
    if item_code not in known.get(item_kind, ()):
        problems.append(Problem(None, "item", f"{item_kind}:{item_code}", "acc.err.unknown_item"))
    in_force = {(r["item_kind"], r["item_code"]): r["owner"] for r in owners.in_force(store)}
    owner = owner or in_force.get((item_kind, item_code))
    if not owner:
        problems.append(Problem(None, "owner", None, "acc.err.no_owner"))
    elif owner not in set(in_force.values()):
        problems.append(Problem(None, "owner", owner, "acc.err.unknown_owner"))
    text = (text or "").strip()
    if not text or len(text) > MAX_TEXT:
        problems.append(Problem(None, "text", text[:40] or None, "acc.err.text", (("max", MAX_TEXT),)))
    due = _as_date(deadline, "deadline", problems)
    if problems:
        raise ValidationError(problems)
    year, quarter = raised or (None, None)
    with store.transaction() as cur:
        return cur.execute(sql("insert_action"), {
            "item_kind": item_kind, "item_code": item_code, "owner": owner, "text": text, "deadline": due,
            "expected_effect_pp": expected_effect_pp, "expected_effect": (expected_effect or "").strip() or None,
            "raised_year": year, "raised_quarter": quarter, "gap_pp": gap_pp, "synthetic": synthetic,
            "created_by": user.name}).fetchall()[0][0]


def action(store: Store, action_id: int, today: date) -> dict:
    """One action of the register with its status; ValidationError when there is no such action."""
    found = [r for r in actions(store, today) if r["action_id"] == action_id]
    if not found:
        raise ValidationError([Problem(None, "action_id", str(action_id), "acc.err.unknown_action")])
    return found[0]


def check_in(store: Store, user: auth.User | None, action_id: int, note: str, done: bool = False,
             on=None, today: date | None = None) -> int:
    """A dated note on an action, done=True completing it (once: a later done keeps the first completion date).
    Refused (access.OutOfScopeError) for an officer whose owners do not answer for the action; the date is today
    by default and never in the future. Returns the check-in's id."""
    today = today or date.today()
    act = action(store, action_id, today)
    access.require(store, user, "check_in", owner=act["owner"])
    problems: list[Problem] = []
    when = _as_date(on or today, "checked_on", problems)
    if when is not None and when > today:
        problems.append(Problem(None, "checked_on", when.isoformat(), "acc.err.future_date"))
    note = (note or "").strip()
    if not note or len(note) > MAX_TEXT:
        problems.append(Problem(None, "note", note[:40] or None, "acc.err.text", (("max", MAX_TEXT),)))
    if problems:
        raise ValidationError(problems)
    completed = act["completed_on"]
    if done and (completed is None or when < completed):
        completed = when
    status = StatusRules.from_store(store).status(act["deadline"], completed, when)
    with store.transaction() as cur:
        return cur.execute(sql("insert_checkin"), {"action_id": action_id, "checked_on": when, "note": note,
                                                   "done": bool(done), "status": status,
                                                   "user_name": user.name}).fetchall()[0][0]


def actions(store: Store, today: date) -> list[dict]:
    """Every action with its status on today's date, days past its deadline (negative: days left) and its
    completion date; worst status first, then the nearest deadline."""
    rules = StatusRules.from_store(store)
    rows = store.records("action_register")
    for r in rows:
        r["deadline"], r["completed_on"] = _day(r["deadline"]), _day(r["completed_on"])
        r["status"] = rules.status(r["deadline"], r["completed_on"], today)
        r["days_past"] = ((r["completed_on"] or today) - r["deadline"]).days
    rank = rules.rank
    return sorted(rows, key=lambda r: (rank[r["status"]], r["deadline"], r["action_id"]))


def _day(value) -> date | None:
    if value is None:
        return None
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def checkins(store: Store, action_id: int) -> list[dict]:
    return store.records("action_checkins", action_id=action_id)


def counts(rows: list[dict]) -> dict[tuple[str, str], dict[str, int]]:
    """Per item (kind, code): actions open and, of those, past their deadline (overdue or escalated)."""
    found: dict[tuple[str, str], dict[str, int]] = {}
    for r in rows:
        c = found.setdefault((r["item_kind"], r["item_code"]), {"open": 0, "overdue": 0, "done": 0, "total": 0})
        c["total"] += 1
        c["open"] += r["status"] in OPEN
        c["overdue"] += r["status"] in LATE
        c["done"] += r["status"] not in OPEN
    return found


def select(rows: list[dict], owner: str | None = None, overdue: bool = False, item: tuple[str, str] | None = None,
           raised: tuple[int, int] | None = None) -> list[dict]:
    """The register filtered by owner, by past-deadline only, by item (kind, code) or by the review raised at."""
    return [r for r in rows if (owner is None or r["owner"] == owner) and (not overdue or r["status"] in LATE)
            and (item is None or (r["item_kind"], r["item_code"]) == tuple(item))
            and (raised is None or (r["raised_year"], r["raised_quarter"]) == tuple(raised))]
