"""What a browser sees when something goes wrong: a plain message in the reader's language with what to do, never
a traceback or a server path; and URL parameters checked before a page uses them.

- store_failure(): the message for a missing, damaged, busy, full or lost store, or a write the account may no
  longer make (None for anything else).
- friendly_errors(): around a page's run; a named failure gets its message, anything unexpected a short apology
  with a reference id, and the whole traceback goes to the server's log under that id.
- url_choice() / url_choices(): a URL parameter's value when it is one of the allowed ones, else the fallback and
  a notice (the value itself is never echoed: the notice cannot be turned into a link or a message of someone
  else's).
"""

from __future__ import annotations

import logging
import secrets
from contextlib import contextmanager

import duckdb
import streamlit as st

from monitor.bridge.base import _store, forget_data_version
from monitor.core import i18n
from monitor.core.errors import (
    BackupError,
    StoreBusyError,
    StoreDamagedError,
    StoreFullError,
    StoreGoneError,
    StoreMissingError,
    StoreUnreachableError,
    StoreWriteError,
    WriteForbiddenError,
)

_LOG = logging.getLogger("monitor.pages")
_KEYS = {StoreUnreachableError: "ops.store.unreachable",  # first: it is also a StoreMissingError
         StoreMissingError: "ops.store.missing", StoreDamagedError: "ops.store.damaged",
         StoreBusyError: "app.store_busy", StoreFullError: "ops.store.full", StoreGoneError: "ops.store.gone",
         StoreWriteError: "ops.store.write_failed"}


def store_failure(exc: BaseException, lang: str) -> str | None:
    """The reader's message for a failure of the store or of the right to write; None for any other error."""
    if isinstance(exc, WriteForbiddenError):
        return i18n.t(f"ops.write_forbidden.{exc.reason}", lang)
    if isinstance(exc, BackupError):
        return i18n.t("ops.store.backup_failed", lang)
    for kind, key in _KEYS.items():
        if isinstance(exc, kind):
            return i18n.t(key, lang)
    return None


def show_failure(exc: BaseException, lang: str) -> None:
    """Show a failure in the reader's language: its own message when it has a name, else a reference id (the
    traceback is in the server's log under it)."""
    message = store_failure(exc, lang)
    if isinstance(exc, (StoreGoneError, StoreWriteError, StoreDamagedError)) or isinstance(exc, duckdb.FatalException):
        _store.clear()  # the next run opens the file again (or says it is missing)
        forget_data_version()
    if message is not None:
        _LOG.warning("page stopped: %s: %s", type(exc).__name__, exc)
        (st.warning if isinstance(exc, StoreBusyError) else st.error)(message, icon=":material/error:")
        return
    ref = secrets.token_hex(4).upper()
    _LOG.error("unexpected error on a page, reference %s", ref, exc_info=exc)
    st.error(i18n.t("ops.unexpected", lang, ref=ref), icon=":material/error:")


@contextmanager
def friendly_errors(lang: str):
    """Around a page's run: any exception becomes a message (Streamlit's own st.stop and st.rerun pass through:
    they are not Exceptions)."""
    try:
        yield
    except Exception as exc:  # noqa: BLE001 - every failure a browser could see ends here
        show_failure(exc, lang)


def _notice(key: str, lang: str) -> None:
    st.caption(i18n.t("ops.bad_param", lang, name=key), help=None)


def url_choice(key: str, allowed, default, lang: str):
    """The URL parameter key when its text is one of allowed (compared as text: '2' for 2, never '²' or ' 2');
    else default, with a notice when the parameter was given."""
    raw = st.query_params.get(key)
    if raw is None:
        return default
    found = next((a for a in allowed if str(a) == raw), None)
    if found is None:
        _notice(key, lang)
        return default
    return found


def url_number(key: str, default: int, low: int, high: int, lang: str) -> int:
    """A URL parameter of ASCII digits (at most 6), brought within low..high (slide=99 of 10 is the last); anything
    else ('²', '-1', '1e3', '') is default, with a notice."""
    raw = st.query_params.get(key)
    if raw is None:
        return default
    if not (0 < len(raw) <= 6 and raw.isascii() and raw.isdigit()):
        _notice(key, lang)
        return default
    return min(max(int(raw), low), high)


def url_choices(key: str, allowed, lang: str) -> list:
    """A comma-separated URL parameter: the allowed values it names, in its order; a notice when it named others."""
    raw = st.query_params.get(key)
    if raw is None:
        return []
    wanted = [v for v in raw.split(",") if v]
    found = [a for v in wanted for a in allowed if str(a) == v]
    if len(found) != len(wanted) or not wanted:
        _notice(key, lang)
    return found


def account_notice(lang: str) -> str | None:
    """Once, after the signed-in account was removed, demoted or given a new password elsewhere."""
    reason = st.session_state.pop("gm_account_notice", None)
    return i18n.t(f"ops.account.{reason}", lang) if reason else None
