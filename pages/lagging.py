"""Lagging units: every sector and locality on watch or lagging, worst first, with its reason; CSV and Excel."""

import html

import streamlit as st

from monitor import bridge
from monitor.accountability import views as acc_views
from monitor.core import export, i18n
from monitor.leader import views

lang = bridge.language()
as_of = bridge.as_of()
if as_of is None:
    st.info(i18n.t("app.no_data", lang))
    st.stop()
report = bridge.report("GRDP", "22", as_of, lang)
rows = views.lagging(report, lang)
period = i18n.period_label(as_of.quarter, lang, as_of.year)

st.markdown(f'<h1 class="gm-title">{html.escape(i18n.t("lagging.title", lang))}</h1>'
            f'<div class="gm-asof">{html.escape(i18n.t("lagging.subtitle", lang, period=period))}</div>',
            unsafe_allow_html=True)

kinds, statuses = ["sector", "unit"], ["lagging", "watch"]
for key, allowed in (("kind", kinds), ("status", statuses)):
    if key not in st.session_state:
        wanted = bridge.url_choices(key, allowed, lang)
        st.session_state[key] = wanted or allowed
kind_col, status_col = st.columns(2)
kind_col.multiselect(i18n.t("lagging.filter_kind", lang), kinds, key="kind",
                     format_func=lambda k: i18n.t(f"kind.{k}", lang))
status_col.multiselect(i18n.t("lagging.filter_status", lang), statuses, key="status",
                       format_func=lambda s: views.status_text(s, lang))
bridge.url_state(kind=",".join(st.session_state["kind"]), status=",".join(st.session_state["status"]))
shown = [r for r in rows if r["kind"] in st.session_state["kind"] and r["status"] in st.session_state["status"]]
owner_col, overdue_col = st.columns([2, 1], vertical_alignment="bottom")  # who answers, and what is overdue
bodies = acc_views.owner_choices(bridge.owners_in_force())
owner_col.selectbox(i18n.t("acc.filter_owner", lang), ["", *bodies], key="acc_lag_owner",
                    format_func=lambda o: bodies.get(o) or i18n.t("acc.filter_all", lang))
overdue_col.toggle(i18n.t("acc.filter_overdue", lang), key="acc_lag_overdue")
shown = acc_views.filter_rows(bridge.accountable(shown), st.session_state["acc_lag_owner"] or None,
                              st.session_state["acc_lag_overdue"])

counts = views.lagging_counts(shown)
st.markdown(f'<div class="gm-section" data-testid="gm-lagging-count">'
            f'{views.badge_html("lagging", lang)} {counts["lagging"]} &nbsp; '
            f'{views.badge_html("watch", lang)} {counts["watch"]}</div>', unsafe_allow_html=True)
if not shown:
    st.success(i18n.t("lagging.none", lang))
    st.stop()

for kind, col in zip(kinds, st.columns(2, gap="medium")):  # the three of each kind that cost the most points
    worst = views.costliest(shown, kind)
    if worst:
        col.markdown(f'<h2 class="gm-h3">{html.escape(i18n.t(f"lagging.worst.{kind}", lang))}</h2>'
                     + "".join(f'<div class="gm-watch" data-testid="gm-worst-{kind}">'
                               f'{views.badge_html(r["status"], lang)} <b>{html.escape(r["name"])}</b> '
                               f'{views.TREND_ICON[r["trend"]]}<br>{html.escape(r["reason"])}</div>' for r in worst),
                     unsafe_allow_html=True)
st.caption(i18n.t("lagging.open_hint", lang))
picked = st.dataframe(acc_views.lagging_table(shown, lang), hide_index=True, width="stretch", key="lagging_table",
                      on_select="rerun", selection_mode="single-row",
                      column_config={i18n.t("col.reason", lang): st.column_config.TextColumn(width="large")})
if picked.selection.rows:  # a row opens its sector or locality
    chosen = shown[picked.selection.rows[0]]
    page, param = views.DETAIL_PAGE[chosen["kind"]]
    st.switch_page(page, query_params=bridge.link_params(**{param: chosen["code"]}))

frame = export.lagging_frame(shown, lang)
stem = i18n.t("lagging.file_stem", lang, year=as_of.year, quarter=as_of.quarter)
csv_col, xlsx_col, _ = st.columns([1, 1, 3])
csv_col.download_button(i18n.t("lagging.download_csv", lang), export.to_csv(frame, lang), f"{stem}.csv",
                        mime="text/csv", width="stretch")
xlsx_col.download_button(i18n.t("lagging.download_xlsx", lang), lambda: export.to_xlsx(frame, stem), f"{stem}.xlsx",
                         mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", width="stretch")
