"""Owners: who answers for each unit and sector (changed by admins, every change recorded), the officers bound to
them, and the e-mail notifications (the mail server in use, what is waiting, what was sent)."""

import html

import streamlit as st

from monitor import bridge
from monitor.accountability import views
from monitor.core import i18n
from monitor.core.errors import MonitorError

lang = bridge.language()
names = bridge.labels(lang)
owned = bridge.owners_in_force()
st.markdown(f'<h1 class="gm-title">{html.escape(i18n.t("acc.owners.title", lang))}</h1>', unsafe_allow_html=True)
if not owned:
    st.info(i18n.t("acc.owners.none", lang))
elif any(o["synthetic"] for o in owned):
    st.caption(i18n.t("acc.owners.demo", lang))

kinds = ["sector", "unit"] if owned else []
if kinds and st.session_state.get("acc_kind") not in kinds:
    st.session_state["acc_kind"] = st.query_params.get("kind") if st.query_params.get("kind") in kinds else "sector"
if kinds:
    st.segmented_control(i18n.t("acc.owners.kind", lang), kinds, key="acc_kind", required=True,
                         format_func=lambda k: i18n.t(f"kind.{k}", lang))
    bridge.url_state(kind=st.session_state["acc_kind"])
    shown = [o for o in owned if o["item_kind"] == st.session_state["acc_kind"]]
    st.dataframe(views.owners_table(shown, names, lang), hide_index=True, width="stretch", key="acc_owners")

if bridge.may_write("edit_owners"):
    items = views.all_items(names)
    now = {f'{o["item_kind"]}:{o["item_code"]}': o for o in owned}
    with st.expander(i18n.t("acc.owners.edit", lang)):
        item = st.selectbox(i18n.t("acc.owners.item", lang), list(items), format_func=items.get, key="acc_edit")
        old = now.get(item, {})
        with st.form("acc_owner_form"):
            cells = {c: st.text_input(i18n.t(f"acc.col.{label}", lang), value=old.get(c) or "", key=f"acc_{c}_{item}")
                     for c, label in (("owner", "owner_code"), ("body", "owner"), ("leader_title", "leader_title"),
                                      ("leader_name", "leader_name"), ("email", "email"))}
            if st.form_submit_button(i18n.t("acc.owners.save", lang), type="primary"):
                kind, _, code = item.partition(":")
                try:
                    st.success(i18n.t("acc.owners.saved", lang, **bridge.change_owner(item_kind=kind, item_code=code,
                                                                                       **cells)))
                except MonitorError as exc:
                    st.error(views.refusal_text(exc, lang))
    with st.expander(i18n.t("acc.owners.history", lang)):
        st.dataframe(views.history_table(bridge.owner_history(), names, lang), hide_index=True, width="stretch")

st.markdown(f'<h2 class="gm-h3">{html.escape(i18n.t("acc.owners.officers", lang))}</h2>', unsafe_allow_html=True)
bound = bridge.officer_bindings()
if bound:
    st.dataframe([{i18n.t("acc.col.by", lang): b["user_name"], i18n.t("acc.col.owner_code", lang): b["owner"]}
                  for b in bound], hide_index=True)
else:
    st.caption(i18n.t("acc.owners.no_officers", lang))

st.markdown(f'<h2 class="gm-h3">{html.escape(i18n.t("acc.notify.title", lang))}</h2>', unsafe_allow_html=True)
server = bridge.mail_server()
if server is None:
    st.warning(i18n.t("acc.notify.off", lang), icon=":material/mail:")
else:
    st.caption(i18n.t("acc.notify.on", lang, host=server.host, port=server.port, sender=server.sender))
if bridge.may_write("add_action"):
    st.caption(i18n.t("acc.notify.pending", lang, count=len(bridge.notifications_pending())))
    if server is not None and st.button(i18n.t("acc.notify.send", lang), key="acc_send"):
        result = bridge.send_notifications(lang)
        st.success(i18n.t("acc.notify.sent", lang, sent=result["sent"], failed=result["failed"]))
log = bridge.notification_log()
if log:
    st.caption(i18n.t("acc.notify.log", lang))
    st.dataframe(views.log_table(log[:200], lang), hide_index=True, width="stretch")
