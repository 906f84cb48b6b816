"""Upload, history and access: accounts and roles, validated loads, batches and rollback."""

from __future__ import annotations

import time

import streamlit as st

from monitor.bridge.base import cached, store, writable_store, write
from monitor.core import auth
from monitor.upload import history, ingest, layout_memory, templates


def oidc_configured() -> bool:
    """Streamlit's own OpenID Connect log-in is used when secrets hold an [auth] section."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def accounts_exist() -> bool:
    return bool(auth.load_users())


def current_user() -> auth.User | None:
    if oidc_configured():
        if not st.user.get("is_logged_in", False):
            return None
        email = st.user.get("email") or st.user.get("sub")
        return auth.User(str(email), auth.role_of(email))
    return st.session_state.get("gm_user")


def role() -> str:
    found = current_user()
    return found.role if found else "viewer"


def can_upload() -> bool:
    return role() in auth.WRITERS and auth.uploads_enabled()


def log_in(name: str, password: str) -> bool:
    found = auth.authenticate(name, password)
    if found is None:
        time.sleep(1.0)  # slows guessing; the scrypt hash already costs the same for any name
        return False
    st.session_state["gm_user"] = found
    return True


def log_out() -> None:
    if oidc_configured():
        st.logout()
    st.session_state.pop("gm_user", None)
    st.session_state.pop("gm_upload", None)


def prepare_upload(raw: bytes, file_name: str, kind: str = "observations",
                   options: ingest.Options | None = None) -> ingest.Prepared:
    """Validate and compare an uploaded file; kept per session so a confirmation writes what was previewed."""
    if kind == "targets":
        return ingest.prepare_targets(writable_store(), raw, file_name)
    return ingest.prepare_observations(writable_store(), raw, file_name, options)


def save_layout(signature: str, spec: dict, file_name: str) -> None:
    """Remember the analyst's correction of an office table's layout (the next file of this layout needs none);
    the session's preview is made again with it."""
    user = current_user().name
    write(lambda store: layout_memory.save(store, signature, spec, file_name, user))
    st.session_state.pop("gm_upload", None)


def commit_upload(prepared: ingest.Prepared, kind: str, confirm_warnings: bool, confirm_downgrades: bool) -> int:
    user = current_user().name
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
