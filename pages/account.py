"""Account: log in (password or the organisation's OpenID Connect), log out, or how to turn uploads on."""

import streamlit as st

from monitor import bridge
from monitor.core import logins
from monitor.core.i18n import t

lang = bridge.language()
st.title(t("upload.account_title", lang))
user = bridge.current_user()

if user is not None:
    role = t(f"upload.role.{user.role}", lang)
    st.success(t("upload.signed_in", lang, name=user.name, role=role), icon=":material/person:")
    if user.can_upload and bridge.can_upload():
        st.page_link("pages/upload.py", label=t("upload.nav.upload", lang), icon=":material/upload_file:")
        st.page_link("pages/history.py", label=t("upload.nav.history", lang), icon=":material/history:")
    else:
        st.info(t("upload.viewer_note", lang))
    if st.button(t("upload.log_out", lang), key="gm_logout"):
        bridge.log_out()
        st.rerun()
elif bridge.oidc_configured():
    st.markdown(t("upload.oidc_intro", lang))
    if st.button(t("upload.oidc_log_in", lang), type="primary", key="gm_oidc"):
        st.login()
elif not bridge.accounts_exist():
    st.info(t("upload.no_accounts", lang), icon=":material/info:")
    st.code("python -m monitor users add TEN_DANG_NHAP --role analyst", language="bash")
else:
    with st.form("gm_login"):
        name = st.text_input(t("upload.user_name", lang), key="gm_login_name")
        password = st.text_input(t("upload.password", lang), type="password", key="gm_login_password")
        submitted = st.form_submit_button(t("upload.log_in", lang), type="primary")
    if submitted:
        outcome = bridge.log_in(name, password)  # limits per name and address, every attempt recorded
        if outcome.user is not None:
            st.rerun()
        limit = logins.limit_message(outcome.verdict, lang)
        if not outcome.refused:
            st.error(t("upload.bad_login", lang), icon=":material/error:")  # one message: unknown name or password
        if limit:
            st.warning(limit, icon=":material/lock_clock:")

if user is not None and user.role == "admin":  # the record of log-ins, and lifting a lock
    with st.expander(t("ops.logins.heading", lang), icon=":material/shield_person:"):
        st.caption(t("ops.logins.intro", lang))
        records, locked = bridge.login_records()
        st.markdown(t("ops.logins.locked_now", lang, items=", ".join(f"{r['value'] or '–'} ({r['by']})"
                                                                      for r in locked))
                    if locked else t("ops.logins.none_locked", lang))
        st.dataframe(logins.records_frame(records, lang), hide_index=True, width="stretch", height=300)
        names = sorted({r["value"] for r in locked if r["by"] == "name"})
        c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
        pick = c1.selectbox(t("ops.logins.unlock_pick", lang), names, index=None, key="gm_unlock_name",
                            placeholder="–")
        if c2.button(t("ops.logins.unlock", lang), disabled=pick is None, key="gm_unlock"):
            bridge.unlock(pick)
            st.success(t("ops.logins.unlocked", lang, name=pick))
