"""The header on every screen but the wall (dashboard.py calls it): the demo label, the as-of year and period, the
vintage and the language. Every choice is kept in the session (gm_<key>) and, through url_state, in the URL, so it
survives a page switch and a link reopens the same view."""

from __future__ import annotations

import html

import streamlit as st

from monitor.core import i18n
from monitor.core.engine import VINTAGE_MODES


def choice(key: str, allowed: list, default):
    """The header's choice for key, kept under gm_<key> (a widget's own state does not survive every rerun: the
    page list changes at log-in, the option labels change with the language): the URL's on a session's first
    run, the default when the kept one is not allowed (e.g. a quarter the chosen year does not have)."""
    kept = st.session_state.get(f"gm_{key}")
    if kept not in allowed:
        raw = st.query_params.get(key) if kept is None else None
        st.session_state[f"gm_{key}"] = next((a for a in allowed if str(a) == str(raw)), default)
        if raw is not None and str(st.session_state[f"gm_{key}"]) != raw:  # a link's value this view lacks
            st.session_state.setdefault("gm_bad_params", []).append(key)
    return st.session_state[f"gm_{key}"]


def _keep(key: str, allowed: list) -> None:
    if st.session_state.get(key) in allowed:  # never a stale label from before a language switch
        st.session_state[f"gm_{key}"] = st.session_state[key]


def _picker(header, lang: str, kind, key: str, allowed: list, default, width, **kwargs) -> None:
    """A header widget showing the kept choice and keeping what the user picks. Its state is set from the kept
    choice on every run: Streamlit identifies a keyed widget by its key alone, so after a language switch the
    browser would otherwise send back the option label it was picked under ("6 tháng"), which matches no
    English option, and the next page change would fall back to the default."""
    st.session_state[key] = choice(key, allowed, default)
    widget = header.segmented_control if kind == "segmented" else header.selectbox
    widget(i18n.t(f"header.{key}", lang), allowed, key=key, on_change=_keep, args=(key, allowed),
           label_visibility="collapsed", width=width, **kwargs)


def show(lang: str, demo: bool, quarters: list[tuple[int, int]]):
    """Draw the header row; its account slot (a container) for the log-in link. One row that wraps
    (pages/style.css): the demo label takes what the controls leave, in full from 1200 px, in short below; the
    controls keep fixed widths that fit their longest option in both languages."""
    header = st.container(key="gm-header", horizontal=True, vertical_alignment="center", gap="small")
    if demo:
        full, short = (html.escape(i18n.t(key, lang)) for key in ("app.demo_label", "app.demo_short"))
        header.markdown(f'<div class="gm-demo" data-testid="gm-demo-label" title="{full}"><span class="gm-demo-full">'
                        f'{full}</span><span class="gm-demo-short">{short}</span></div>', unsafe_allow_html=True,
                        width="stretch")
    if quarters:
        years = sorted({y for y, _ in quarters}, reverse=True)
        _picker(header, lang, "select", "year", years, quarters[-1][0], 118,
                format_func=lambda y: i18n.t("header.year_option", lang, year=y))
        in_year = [q for y, q in quarters if y == st.session_state["gm_year"]]
        _picker(header, lang, "select", "quarter", in_year, in_year[-1], 124,
                format_func=lambda q: i18n.period_label(q, lang))
        _picker(header, lang, "select", "vintage", list(VINTAGE_MODES), "latest", 196,
                format_func=lambda v: i18n.t(f"vintage.{v}", lang))
    account = header.container(key="gm-account", width="content")
    _picker(header, lang, "segmented", "lang", list(i18n.LANGS), i18n.DEFAULT_LANG, "content", format_func=str.upper,
            required=True)
    lang = st.session_state.get("gm_lang", lang)
    # Screen readers read the page in its language (<html lang>, which Streamlit leaves at "en")
    header.html(f'<script>document.documentElement.lang = "{lang}"</script>', width=1, unsafe_allow_javascript=True)
    return account
