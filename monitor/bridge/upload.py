"""Upload, history and access: accounts and roles, validated loads, batches and rollback."""

from __future__ import annotations

import logging
import sqlite3

import streamlit as st

from monitor.bridge.base import cached, client_address, current_user, oidc_configured, store, writable_store, write
from monitor.core import auth, logins
from monitor.upload import history, ingest, layout_memory, monthly_upload, templates


def accounts_exist() -> bool:
    return bool(auth.load_users())


def role() -> str:
    found = current_user()
    return found.role if found else "viewer"


def can_upload() -> bool:
    return role() in auth.WRITERS and auth.uploads_enabled()


def log_in(name: str, password: str) -> logins.Outcome:
    """Check the log-in limits and the password (core/logins.py), record the attempt; signed in when it
    succeeds. A record that cannot be written (a full disk) refuses the log-in: limits that are not recorded
    would not hold."""
    try:
        outcome = logins.log_in(name, password, client_address())
    except sqlite3.Error:
        logging.getLogger("monitor.logins").exception("log-in record not writable: %s", logins.logins_path())
        return logins.Outcome(None, logins.Verdict(False, 0.0, "unavailable"), refused=True)
    if outcome.user is not None:
        st.session_state["gm_user"] = outcome.user
    return outcome


def login_records(limit: int = 200) -> tuple[list[dict], list[dict]]:
    """For admins: the latest log-in records and what is locked now (read each time: never cached)."""
    attempts = logins.Attempts()
    return attempts.recent(limit), attempts.locked()


def unlock(name: str) -> None:
    """An admin lifts the log-in limits on a name (re-checked: the admin's role is read again now)."""
    admin = auth.require_writer(getattr(current_user(), "name", None), ("admin",))
    logins.Attempts().unlock(name, admin.name)


def log_out() -> None:
    if oidc_configured():
        st.logout()
    st.session_state.pop("gm_user", None)
    st.session_state.pop("gm_upload", None)


def prepare_upload(raw: bytes, file_name: str, kind: str = "observations",
                   options: ingest.Options | None = None) -> ingest.Prepared | monthly_upload.MonthlyLoad:
    """Validate and compare an uploaded file; kept per session so a confirmation writes what was previewed. A file
    of figures with a month column (and no quarter) is a monthly file (the nowcast's indicators)."""
    if kind == "targets":
        return ingest.prepare_targets(writable_store(), raw, file_name)
    if monthly_upload.sniff_bytes(raw, file_name):
        return monthly_upload.prepare(writable_store(), raw, file_name)
    return ingest.prepare_observations(writable_store(), raw, file_name, options)


def save_layout(signature: str, spec: dict, file_name: str) -> None:
    """Remember the analyst's correction of an office table's layout (the next file of this layout needs none);
    the session's preview is made again with it."""
    user = current_user().name
    write(lambda store: layout_memory.save(store, signature, spec, file_name, user))
    st.session_state.pop("gm_upload", None)


def commit_upload(prepared: ingest.Prepared | monthly_upload.MonthlyLoad, kind: str, confirm_warnings: bool,
                  confirm_downgrades: bool) -> int:
    user = current_user().name
    if isinstance(prepared, monthly_upload.MonthlyLoad):
        return write(lambda store: monthly_upload.write(store, prepared, user))
    return write(lambda store: ingest.write_batch(store, prepared, kind, user, confirm_warnings=confirm_warnings,
                                                  confirm_downgrades=confirm_downgrades))


@cached()
def batches():
    return history.batches(store())


def rollback_preview(batch_id: int):
    return history.rollback_preview(store(), batch_id)


def rollback(batch_id: int, reason: str) -> int:
    return write(lambda store: history.rollback(store, batch_id, current_user().name, reason or None))


@cached()
def template(kind: str, lang: str) -> bytes:
    if kind == "csv":
        return templates.template_csv(lang)
    if kind == "codes":
        return templates.codes_csv(store(), lang)
    return templates.template_xlsx(store(), lang)
