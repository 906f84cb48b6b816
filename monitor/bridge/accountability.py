"""Accountability on the dashboard: owners, the register and the officer's writes, cached by the register's own
version (owners, actions, check-ins and bindings change without a load batch).

Every write passes the signed-in account, read again from the accounts file at that moment, to the core, which
decides (accountability/access.py): a page hides a form the core would refuse, never the other way round.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from monitor.accountability import access, mailer, notify, owners, register, rules, views
from monitor.bridge.base import data_version, labels, store, write
from monitor.bridge.upload import current_user
from monitor.core import auth, i18n
from monitor.core.number_entry import parse_number


def today() -> date:
    return rules.today()


def register_version() -> tuple:
    """(data version, owners, actions, check-ins, bindings): the key of this area's caches."""
    row = store().records("register_version")[0]
    return (data_version(), *(int(v) for v in row.values()))


@st.cache_data(show_spinner=False, max_entries=16)
def _owners(version: tuple) -> list[dict]:
    return owners.in_force(store())


@st.cache_data(show_spinner=False, max_entries=16)
def _register(version: tuple, on: date) -> list[dict]:
    return register.actions(store(), on)


def owners_in_force() -> list[dict]:
    return _owners(register_version())


def register_rows(on: date | None = None) -> list[dict]:
    """The register with statuses on a date (default today()), worst first."""
    return _register(register_version(), on or today())


def accountable(rows: list[dict]) -> list[dict]:
    """Lagging-list rows with their owners and their actions' counts (open, overdue, done)."""
    return views.with_owners(rows, owners_in_force(), register_rows())


def action_checkins(action_id: int) -> list[dict]:
    return register.checkins(store(), action_id)


def owner_history() -> list[dict]:
    return store().records("owner_history", item_kind=None, item_code=None)


def officer_bindings() -> list[dict]:
    return store().records("officer_bindings")


def acting_user() -> auth.User | None:
    """The signed-in account as the accounts file has it now (a role changed or removed since log-in counts)."""
    user = current_user()
    if user is None or user.password is None:
        return user  # OpenID Connect: the role comes from the file at every call already
    return auth.load_users().get(user.name)


def may_write(verb: str, owner: str | None = None) -> bool:
    return access.may(store(), acting_user(), verb, owner)


def writable(rows: list[dict]) -> list[dict]:
    """The register rows the signed-in account may check in on (all for analysts and admins, its owners' for an
    officer, none for a viewer): what the page offers; the core checks again on writing."""
    user = acting_user()
    if user is None or user.role not in access.PERMISSIONS["check_in"]:
        return []
    if user.role not in access.SCOPED:
        return rows
    mine = access.owners_of(store(), user.name)
    return [r for r in rows if r["owner"] in mine]


def my_owners() -> tuple[str, ...]:
    user = acting_user()
    return access.owners_of(store(), user.name) if user else ()


def _write(action, as_system: bool = False):
    """Through the app's one write path (bridge.base.write: the account read again, the automatic backup, the data
    version forgotten); which verb the account may do, and on what, the core checks (accountability/access.py)."""
    return write(action, roles=auth.ANY_WRITER, as_system=as_system)


def check_in(action_id: int, note: str, done: bool, on: date | None = None) -> int:
    """A check-in by the signed-in account; access.NotAllowedError / OutOfScopeError / ValidationError as raised."""
    user = acting_user()
    return _write(lambda s: register.check_in(s, user, action_id, note, done, on=on, today=today()))


def add_action(item: str, text: str, deadline: date, as_of, gap_pp: float | None, effect_pp: str, effect: str,
               lang: str) -> int:
    """An action for item ('unit:06661') raised at the header's quarter, citing the item's gap then; the expected
    effect in points typed the reader's way (number_entry)."""
    user = acting_user()
    kind, _, code = item.partition(":")
    points = parse_number(effect_pp, lang, i18n.t("acc.add.effect_pp", lang), -50, 50, required=False)
    return _write(lambda s: register.add_action(s, user, kind, code, text, deadline, raised=(as_of.year,
                                                as_of.quarter), gap_pp=gap_pp, expected_effect_pp=points,
                                                expected_effect=effect))


def change_owner(**cells) -> dict[str, int]:
    user = acting_user()
    return _write(lambda s: owners.change(s, user, **cells))


def mail_server() -> mailer.SmtpConfig | None:
    return mailer.config()


def notifications_pending() -> list[dict]:
    return notify.pending(store(), today())


def send_notifications(lang: str) -> dict:
    """Send what is pending (analysts and admins; the page offers it only to them)."""
    access.require(store(), acting_user(), "add_action")
    return _write(lambda s: notify.run(s, today(), lang, cfg=mailer.config()))


def notify_after_load(lang: str = "vi") -> dict | None:
    """What a load should end with (one call after the upload page's commit): the owners of items it turned lagging
    or whose gap it widened, and of newly overdue actions, are mailed; None when no mail server is configured.
    Runs as the system, not as the signed-in account: the loader is not the one who decides who is told."""
    cfg = mailer.config()
    if cfg is None:
        return None
    return _write(lambda s: notify.run(s, today(), lang, cfg=cfg), as_system=True)


def notification_log() -> list[dict]:
    return store().records("notification_log")


def register_xlsx(rows: list[dict], lang: str) -> bytes:
    return views.register_xlsx(rows, labels(lang), owners_in_force(), lang)
