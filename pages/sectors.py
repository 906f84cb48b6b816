"""Sectors: drill down TOTAL -> KV1/KV2/KV3/TAX -> VSIC sections (-> divisions, where published); growth,
contribution and share on the publisher's bases, structure, series, and the sector's commitments."""

import html

import streamlit as st

from monitor import bridge
from monitor.accountability import views as acc_views
from monitor.core import i18n
from monitor.leader import scenario_views as scen_views
from monitor.leader import views
from monitor.statistics import views as stats_views

lang = bridge.language()
as_of = bridge.as_of()
if as_of is None:
    st.info(i18n.t("app.no_data", lang))
    st.stop()
report = bridge.report("GRDP", "22", as_of, lang)
by_code = {s["sector_code"]: s for s in report["sectors"]}
has_children = {s["parent_code"] for s in report["sectors"]}

if st.session_state.get("sector") not in by_code:
    st.session_state["sector"] = bridge.url_choice("sector", list(by_code), "TOTAL", lang)


def _depth(code: str) -> int:
    return 0 if by_code[code]["parent_code"] is None else 1 + _depth(by_code[code]["parent_code"])


def _pick_from_table(key: str, codes: list[str]) -> None:
    rows = st.session_state[key].selection.rows
    if rows:
        st.session_state["sector"] = codes[rows[0]]


st.markdown(f'<h1 class="gm-title">{html.escape(i18n.t("sectors.title", lang))}</h1>', unsafe_allow_html=True)
st.selectbox(i18n.t("sectors.pick", lang), list(by_code), key="sector",
             format_func=lambda c: "\u2003" * _depth(c) + by_code[c]["name"])
focus = st.session_state["sector"]
bridge.url_state(sector=focus)
row = by_code[focus]

path, code = [], focus
while code:
    path.insert(0, by_code[code]["name"])
    code = by_code[code]["parent_code"]
st.markdown(f'<div class="gm-section" data-testid="gm-sector-path">{html.escape(" › ".join(path))} '
            f'{views.badge_html(row["status"], lang)}</div>', unsafe_allow_html=True)

contribution_base, share_base = views.report_bases(report)
figures = [("sectors.quarter_growth", i18n.pct(row["quarter_growth_pct"], lang)),
           ("sectors.ytd_growth", i18n.pct(row["ytd_growth_pct"], lang)),
           (f"sectors.contribution.{contribution_base}", i18n.pp(row["ytd_contribution_pp"], lang)),
           (f"sectors.share.{share_base}", i18n.pct(row["ytd_share_of_increase_pct"], lang, 1))]
for (key, value), col in zip(figures, st.columns(4)):
    col.markdown(f'<div class="gm-card"><div class="gm-ind-label">{html.escape(i18n.t(key, lang))}</div>'
                 f'<div class="gm-metric" data-testid="gm-{key.split(".")[1]}">{value}</div></div>',
                 unsafe_allow_html=True)
st.caption(views.bases_note(report, lang))
scenario_line = scen_views.sector_line(row, as_of.quarter, lang)  # the quarter and the year to date, each labelled
if scenario_line:
    st.markdown(f'<div class="gm-national" data-testid="gm-sector-scenario">{html.escape(scenario_line)}</div>',
                unsafe_allow_html=True)
national = views.national_line(bridge.national("GRDP", as_of, focus), lang, row["parent_code"] and row["name"])
if national:
    st.markdown(f'<div class="gm-national" data-testid="gm-national">{html.escape(national)}</div>',
                unsafe_allow_html=True)
st.markdown(f'<div class="gm-section">{html.escape(row["reason"])}</div>', unsafe_allow_html=True)

parent = focus if focus in has_children else row["parent_code"]
table = views.sector_table(report, lang, parent)
st.caption(i18n.t("sectors.click_hint", lang))
table_key = f"sector_table_{parent}"
st.dataframe(table, hide_index=True, width="stretch", selection_mode="single-row", key=table_key,
             on_select=lambda: _pick_from_table(table_key, list(table.index)))

figures = bridge.sector_figures(focus, as_of, lang)  # built once per data version (bridge/figures.py)
st.plotly_chart(figures["series"], width="stretch", theme=None, config={"displayModeBar": False})
left, right = st.columns(2)
left.plotly_chart(figures["waterfall"], width="stretch", theme=None, config={"displayModeBar": False})
right.plotly_chart(figures["structure"], width="stretch", theme=None, config={"displayModeBar": False})
mine = acc_views.unit_register(bridge.register_rows(), "sector", focus)  # its commitments, as a unit's
st.markdown(f'<h2 class="gm-h3" data-testid="gm-sector-register">'
            f'{html.escape(i18n.t("sectors.commitments", lang, name=row["name"]))}</h2>'
            + acc_views.owner_html(bridge.accountable([{"kind": "sector", "code": focus}])[0], lang, False)
            + (acc_views.register_html(mine, lang) if mine else ""), unsafe_allow_html=True)
st.page_link("pages/actions.py", label=i18n.t("acc.open_register", lang),
             query_params=bridge.link_params(item=f"sector:{focus}"))
with st.expander(i18n.t("statistics.rev.title", lang)):
    revised = bridge.revisions("GRDP", "22", as_of, focus)
    st.caption(stats_views.revisions_caption(revised, lang))
    st.dataframe(stats_views.revisions_table(revised, lang), hide_index=True, width="stretch")
    st.caption(i18n.t("statistics.rev.mean_title", lang))
    st.dataframe(stats_views.mean_revision_table(revised, lang), hide_index=True, width="stretch")
