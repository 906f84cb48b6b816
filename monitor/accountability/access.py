"""Who may write what in the register, checked in the core on every write (pages only hide what would be refused).

Viewers read. Analysts and admins add actions and check in on any; admins also change owners and bind officers.
An officer (role "officer") is bound to one or more owners (officer_owners) and may check in on, and complete, only
the actions those owners answer for; never targets, figures, owners or another owner's actions.
"""

from __future__ import annotations

from monitor.core import auth
from monitor.core.errors import MonitorError
from monitor.core.store import sql

OFFICER = "officer"
PERMISSIONS = {  # what a role may do; an officer only within its owners (SCOPED)
    "add_action": ("analyst", "admin"),
    "check_in": ("analyst", "admin", OFFICER),
    "edit_owners": ("admin",),
    "bind_officers": ("admin",),
}
SCOPED = (OFFICER,)


class NotAllowedError(MonitorError):
    """The account's role may not do this at all (a viewer checking in, an officer adding an action)."""

    def __init__(self, user: str | None, role: str | None, verb: str):
        self.user, self.role, self.verb = user, role, verb
        super().__init__(f"{user or 'anonymous'} ({role or 'no role'}) may not {verb}")


class OutOfScopeError(MonitorError):
    """An officer wrote, or tried to, on an action its owners do not answer for."""

    def __init__(self, user: str, owner: str, mine: tuple[str, ...]):
        self.user, self.owner, self.mine = user, owner, mine
        super().__init__(f"{user} answers for {', '.join(mine) or 'no owner'}, not {owner}")


def owners_of(store, user_name: str) -> tuple[str, ...]:
    """The owners an officer account is bound to, in code order."""
    return tuple(r["owner"] for r in store.records("officer_owners_of", user_name=user_name))


def require(store, user: auth.User | None, verb: str, owner: str | None = None) -> None:
    """Raise NotAllowedError when the role may not do verb, OutOfScopeError when an officer acts outside its
    owners (owner: the owner of the action written to)."""
    if user is None or user.role not in PERMISSIONS[verb]:
        raise NotAllowedError(user and user.name, user and user.role, verb)
    if user.role in SCOPED:
        mine = owners_of(store, user.name)
        if owner not in mine:
            raise OutOfScopeError(user.name, owner or "", mine)


def may(store, user: auth.User | None, verb: str, owner: str | None = None) -> bool:
    """The same check as require, as a yes or no (what a page shows)."""
    try:
        require(store, user, verb, owner)
    except (NotAllowedError, OutOfScopeError):
        return False
    return True


def bind(store, user: auth.User | None, officer: str, owner: str) -> None:
    """Bind an officer account to an owner (admins)."""
    require(store, user, "bind_officers")
    with store.transaction() as cur:
        cur.execute(sql("bind_officer"), {"user_name": officer, "owner": owner, "by": user.name})


def unbind(store, user: auth.User | None, officer: str, owner: str) -> None:
    require(store, user, "bind_officers")
    with store.transaction() as cur:
        cur.execute(sql("unbind_officer"), {"user_name": officer, "owner": owner})

