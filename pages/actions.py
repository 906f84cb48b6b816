"""Actions: the register of what owners committed to for the lagging units and sectors, with statuses computed from
deadline and completion date (QĐ 42/2014); officers check in on their own owners' actions, analysts and admins on
any and add actions. The core refuses whatever a page would wrongly offer."""

import html

import streamlit as st

from monitor import bridge
from monitor.accountability import views
from monitor.core import i18n
from monitor.core.errors import MonitorError
from monitor.leader import views as leader_views

lang = bridge.language()
today = bridge.today()
names = bridge.labels(lang)
choices = views.owner_choices(bridge.owners_in_force())
st.markdown(f'<h1 class="gm-title">{html.escape(i18n.t("acc.title", lang))}</h1><div class="gm-asof">'
            f'{html.escape(i18n.t("acc.subtitle", lang, today=today.isoformat()))}</div>', unsafe_allow_html=True)

if "acc_owner" not in st.session_state:  # a link (an e-mail's, the overview's) chooses the owner and the item
    st.session_state["acc_owner"] = st.query_params.get("owner") if st.query_params.get("owner") in choices else ""
    st.session_state["acc_overdue"] = st.query_params.get("overdue") == "1"
    st.session_state["acc_item"] = st.query_params.get("item") if views.parse_item(st.query_params.get("item")) \
        else None
owner_col, overdue_col = st.columns([2, 1], vertical_alignment="bottom")
owner_col.selectbox(i18n.t("acc.filter_owner", lang), ["", *choices], key="acc_owner",
                    format_func=lambda o: choices.get(o) or i18n.t("acc.filter_all", lang))
overdue_col.toggle(i18n.t("acc.filter_overdue_actions", lang), key="acc_overdue")
item = views.parse_item(st.session_state["acc_item"])
if item and st.button(f'✕ {i18n.t("acc.item_filter", lang)}: {views.item_name(names, *item)}', key="acc_clear"):
    st.session_state["acc_item"], item = None, None
owner, overdue = st.session_state["acc_owner"] or None, st.session_state["acc_overdue"]
bridge.url_state(owner=owner, overdue="1" if overdue else None, item=st.session_state["acc_item"])

rows = views.filter_register(bridge.register_rows(today), owner, overdue, item)
st.markdown(f'<div class="gm-section" data-testid="gm-acc-count">{html.escape(views.counts_line(rows, lang))}'
            f'</div>', unsafe_allow_html=True)
picked = None
if rows:
    table = st.dataframe(views.register_table(rows, names, bridge.owners_in_force(), lang), hide_index=True,
                         width="stretch", key="acc_table", on_select="rerun", selection_mode="single-row",
                         column_config={i18n.t("acc.col.action", lang): st.column_config.TextColumn(width="large")})
    picked = rows[table.selection.rows[0]] if table.selection.rows else None
    stem = i18n.t("acc.file_stem", lang, today=today.isoformat())
    st.download_button(i18n.t("acc.download", lang), lambda: bridge.register_xlsx(rows, lang), f"{stem}.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
else:
    st.info(i18n.t("acc.none", lang))

left, right = st.columns(2, gap="large")
left.markdown(f'<h2 class="gm-h3">{html.escape(i18n.t("acc.checkin.title", lang))}</h2>', unsafe_allow_html=True)
mine = bridge.writable(rows)
user = bridge.acting_user()
if not mine:
    left.info(i18n.t("acc.checkin.sign_in", lang) if user is None or user.role == "viewer" else
              i18n.t("acc.checkin.mine_only", lang, mine=", ".join(bridge.my_owners()) or i18n.t("acc.nobody", lang)))
else:
    ids = [r["action_id"] for r in mine]
    by_id = {r["action_id"]: r for r in mine}
    said = left.empty()  # the outcome shows above the form, where the reader looks
    with left.form("acc_checkin", clear_on_submit=True):
        chosen = st.selectbox(i18n.t("acc.checkin.pick", lang), ids, key="acc_pick",
                              index=ids.index(picked["action_id"]) if picked and picked["action_id"] in ids else 0,
                              format_func=lambda i: views.action_label(by_id[i], names, lang))
        note = st.text_area(i18n.t("acc.checkin.note", lang), key="acc_note", max_chars=2000)
        when = st.date_input(i18n.t("acc.checkin.date", lang), value=today, max_value=today, key="acc_date",
                             format="DD/MM/YYYY" if lang == "vi" else "YYYY-MM-DD")
        done = st.checkbox(i18n.t("acc.checkin.done", lang), key="acc_done")
        if st.form_submit_button(i18n.t("acc.checkin.save", lang), type="primary"):
            try:
                said.success(i18n.t("acc.checkin.saved", lang, id=bridge.check_in(chosen, note, done, when)))
            except MonitorError as exc:
                said.error(views.refusal_text(exc, lang))

shown = picked or (by_id[st.session_state["acc_pick"]] if mine and st.session_state.get("acc_pick") in by_id else None)
right.markdown(f'<h2 class="gm-h3">{html.escape(i18n.t("acc.checkin.history", lang))}</h2>', unsafe_allow_html=True)
if shown:
    right.caption(views.action_label(shown, names, lang))
    history = bridge.action_checkins(shown["action_id"])
    if history:
        right.dataframe(views.checkin_table(history, lang), hide_index=True, width="stretch",
                        column_config={i18n.t("acc.col.note", lang): st.column_config.TextColumn(width="medium")})
    else:
        right.caption(i18n.t("acc.checkin.none_yet", lang))

as_of = bridge.as_of()
if as_of is not None and bridge.may_write("add_action"):
    flagged = leader_views.lagging(bridge.report("GRDP", "22", as_of, lang), lang)
    options = views.item_options(flagged, lang)
    gaps = {f"{r['kind']}:{r['code']}": r["gap_pp"] for r in flagged}
    with st.expander(i18n.t("acc.add.title", lang)), st.form("acc_add", clear_on_submit=True):
        new_item = st.selectbox(i18n.t("acc.add.item", lang), list(options), format_func=options.get,
                                index=list(options).index(st.session_state["acc_item"])
                                if st.session_state["acc_item"] in options else 0)
        text = st.text_area(i18n.t("acc.add.text", lang), max_chars=2000)
        deadline = st.date_input(i18n.t("acc.add.deadline", lang), value=None, min_value=today,
                                 format="DD/MM/YYYY" if lang == "vi" else "YYYY-MM-DD")
        effect_pp, effect = st.text_input(i18n.t("acc.add.effect_pp", lang)), st.text_input(
            i18n.t("acc.add.effect", lang))
        if st.form_submit_button(i18n.t("acc.add.save", lang)):
            try:
                new = bridge.add_action(new_item, text, deadline, as_of, gaps.get(new_item), effect_pp, effect, lang)
                st.success(i18n.t("acc.add.saved", lang, id=new, item=options[new_item]))
            except MonitorError as exc:
                st.error(views.refusal_text(exc, lang))
