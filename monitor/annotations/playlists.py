"""The wall's playlists as data (table playlists, migration 008): a name, the screens it cycles through in order
and the seconds each stays. Items, comma-separated: overview, trajectory, sectors (one screen per sector on watch
or lagging) or sectors:N (the N sections costing the province the most points), localities:N (one per each of the
N localities costing the province the most points of growth), actions (the follow-up of the last review's
commitments, when it made any). The default 'mac-dinh' always exists."""

from __future__ import annotations

import re

from monitor.annotations.notes import require_editor
from monitor.core import auth
from monitor.core.errors import Problem, ValidationError
from monitor.core.store import Store, sql

DEFAULT = "mac-dinh"
KINDS = ("overview", "trajectory", "sectors", "localities", "actions")
DEFAULT_LOCALITIES = 5
COUNTED = ("sectors", "localities")  # the items that take a count (sectors without one: every flagged sector)
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
INTERVAL = (2, 600)   # seconds a screen stays, at least and at most (2 s: the tests' short cycle)


def parse(items: str) -> list[tuple[str, int | None]]:
    """'overview,localities:3' -> [('overview', None), ('localities', 3)], or ValidationError naming the item."""
    out, problems = [], []
    for raw in [p.strip() for p in (items or "").split(",") if p.strip()]:
        kind, _, count = raw.partition(":")
        if kind not in KINDS:
            problems.append(Problem(None, "items", raw, "ann.err.bad_item", (("kinds", ", ".join(KINDS)),)))
        elif count and (kind not in COUNTED or not count.isdigit() or not 1 <= int(count) <= 20):
            problems.append(Problem(None, "items", raw, "ann.err.bad_count"))
        else:
            out.append((kind, int(count) if count else DEFAULT_LOCALITIES if kind == "localities" else None))
    if not out and not problems:
        problems.append(Problem(None, "items", items, "ann.err.no_items"))
    if problems:
        raise ValidationError(problems)
    return out


def listed(store: Store) -> list[dict]:
    return store.records("playlists")


def find(store: Store, name: str | None) -> dict:
    """The named playlist, or the default one."""
    found = {p["name"]: p for p in listed(store)}
    return found.get(name or DEFAULT) or found[DEFAULT]


def save(store: Store, user: auth.User | None, name: str, items: str, interval_s: int) -> dict:
    """Save (or replace) a playlist, analysts and admins; checked: a name of lower-case letters, digits and
    dashes, known items, an interval within INTERVAL."""
    require_editor(user)
    problems = []
    if not _NAME.match(name or ""):
        problems.append(Problem(None, "name", name, "ann.err.bad_playlist_name"))
    if not INTERVAL[0] <= int(interval_s) <= INTERVAL[1]:
        problems.append(Problem(None, "interval_s", str(interval_s), "ann.err.bad_interval",
                                (("low", INTERVAL[0]), ("high", INTERVAL[1]))))
    try:
        parsed = parse(items)
    except ValidationError as exc:
        problems += exc.problems
    if problems:
        raise ValidationError(problems)
    text = ",".join(k if n is None or k != "localities" else f"{k}:{n}" for k, n in parsed)
    with store.transaction() as cur:
        cur.execute(sql("save_playlist"), {"name": name, "items": text, "interval_s": int(interval_s),
                                           "saved_by": user.name})
    return find(store, name)


def remove(store: Store, user: auth.User | None, name: str) -> bool:
    """Remove a saved playlist; the default one stays (False)."""
    require_editor(user)
    with store.transaction() as cur:
        return bool(cur.execute(sql("remove_playlist"), {"name": name}).fetchall())
