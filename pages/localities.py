"""Localities: the 54 current units (or the 13 former districts up to 2025 Q2) against their targets, ranked;
a click opens the unit's sector breakdown and time series."""

import html

import streamlit as st

from monitor import bridge
from monitor.accountability import views as acc_views
from monitor.core import i18n
from monitor.leader import views

lang = bridge.language()
as_of = bridge.as_of()
if as_of is None:
    st.info(i18n.t("app.no_data", lang))
    st.stop()

levels = ["commune"]
districts = bridge.unit_report("GRDP", "22", "former_district", as_of, lang)
if any(u["ytd_growth_pct"] is not None for u in districts["units"]):
    levels.append("former_district")  # the 13 former districts exist only up to 2025 Q2
if st.session_state.get("level") not in levels:
    st.session_state["level"] = bridge.url_choice("level", levels, "commune", lang)

st.markdown(f'<h1 class="gm-title">{html.escape(i18n.t("localities.title", lang))}</h1>', unsafe_allow_html=True)
level_col, group_col = st.columns([1.4, 1])
level_col.segmented_control(i18n.t("localities.level", lang), levels, key="level", required=True,
                            format_func=lambda v: i18n.t(f"localities.level.{v}", lang))
level = st.session_state["level"]
report = districts if level == "former_district" else bridge.unit_report("GRDP", "22", "commune", as_of, lang)
if len(levels) == 1:
    level_col.caption(i18n.t("localities.no_districts", lang))

names = bridge.unit_names(lang, as_of)  # as named at the as-of quarter
groups = [""] + sorted({u["main_former_district"] for u in report["units"] if u["main_former_district"]})
group = None
if level == "commune":
    if "group" not in st.session_state or st.session_state["group"] not in groups:
        st.session_state["group"] = bridge.url_choice("group", groups, "", lang)
    group = group_col.selectbox(i18n.t("localities.group", lang), groups, key="group",
                                format_func=lambda g: names[g] if g else i18n.t("localities.all", lang)) or None

codes = [u["unit_code"] for u in report["units"]]
if "unit" not in st.session_state or st.session_state["unit"] not in codes + [None]:
    st.session_state["unit"] = bridge.url_choice("unit", codes, None, lang)


def _pick(key: str, order: list[str]) -> None:
    state = st.session_state[key].selection
    rows = getattr(state, "rows", None)
    points = getattr(state, "points", None)
    if rows:
        st.session_state["unit"] = order[rows[0]]
    elif points and points[0].get("customdata"):
        st.session_state["unit"] = points[0]["customdata"]


detail = st.container()  # the opened unit shows above the long ranking, where the click lands in view
if st.session_state.get("order") not in views.ORDERS:
    st.session_state["order"] = bridge.url_choice("order", views.ORDERS, "worst", lang)
st.segmented_control(i18n.t("localities.order", lang), views.ORDERS, key="order", required=True,
                     format_func=lambda o: i18n.t(f"localities.order.{o}", lang))
order = st.session_state["order"]
table = views.unit_table(report, lang, names, group, order)
chart_col, table_col = st.columns([1, 1.35])
with chart_col:
    st.plotly_chart(bridge.ranking_figure(level, group, order, as_of, lang), width="stretch", theme=None,
                    key="unit_chart",
                    on_select=lambda: _pick("unit_chart", []), selection_mode="points",
                    config={"displayModeBar": False})
with table_col:
    st.caption(i18n.t("localities.click_hint", lang))
    table_key = f"unit_table_{level}_{group}_{order}"
    st.dataframe(table, hide_index=True, width="stretch", height=min(38 * len(table) + 40, 900),
                 on_select=lambda: _pick(table_key, list(table.index)), selection_mode="single-row",
                 key=table_key)

unit = st.session_state.get("unit")
bridge.url_state(level=level, group=group, order=order, unit=unit)
if unit is None:
    detail.info(i18n.t("localities.pick_unit", lang))
    st.stop()

row = next(u for u in report["units"] if u["unit_code"] == unit)
detail.markdown(f'<h2 class="gm-h3" data-testid="gm-unit-title">{html.escape(row["name"])} '
            f'{views.badge_html(row["status"], lang)}</h2>'
            f'<div class="gm-section">{html.escape(row["reason"])}</div>', unsafe_allow_html=True)
if detail.button(i18n.t("localities.close", lang)):
    st.session_state["unit"] = None
    st.rerun()
left, right = detail.columns([1.2, 1])
unit_report = bridge.unit_report("GRDP", unit, "", as_of, lang)
left.dataframe(views.sector_table(unit_report, lang, "TOTAL"), hide_index=True, width="stretch")
right.plotly_chart(bridge.series_figure(unit, "TOTAL", as_of, row["name"], lang, notes="unit"), width="stretch",
                   theme=None, config={"displayModeBar": False})
mine = acc_views.unit_register(bridge.register_rows(), "unit", unit)  # its commitments (issue 15)
detail.markdown(f'<h3 class="gm-h3">{html.escape(i18n.t("acc.unit_register", lang, name=row["name"]))}</h3>'
                + acc_views.owner_html(bridge.accountable([{"kind": "unit", "code": unit}])[0], lang, False)
                + acc_views.register_html(mine, lang), unsafe_allow_html=True)
detail.page_link("pages/actions.py", label=i18n.t("acc.open_register", lang),
                 query_params=bridge.link_params(item=f"unit:{unit}"))
