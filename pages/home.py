"""Overview: year-to-date GRDP growth against 14%, 12.5% and the scenario, the trajectory, the other indicators."""

import html

import streamlit as st

from monitor import bridge
from monitor.accountability import views as acc_views
from monitor.core import i18n
from monitor.leader import scenario_views as scen_views
from monitor.leader import views

lang = bridge.language()
as_of = bridge.as_of()
if as_of is None:
    st.info(i18n.t("app.no_data", lang))
    st.stop()
bridge.url_state()
report = bridge.report("GRDP", "22", as_of, lang)
head = views.headline(report, lang)

st.markdown(f'<h1 class="gm-title">{html.escape(i18n.t("app.subtitle", lang))}</h1>'
            f'<div class="gm-asof">{html.escape(head["as_of"])} · '
            f'{html.escape(i18n.t(f"home.vintage_note.{as_of.vintage}", lang))}</div>', unsafe_allow_html=True)

left, *cols = st.columns([1.15, 1, 1], gap="medium")
with left:
    st.markdown(
        f'<div class="gm-headline"><div class="gm-label">{html.escape(head["ytd_label"])}</div>'
        f'<div class="gm-big" data-testid="gm-ytd">{head["ytd"]}</div>'
        f'<div class="gm-sub">{html.escape(head["quarter_label"])}: <b>{head["quarter"]}</b></div></div>',
        unsafe_allow_html=True)
for card, col in zip(head["cards"], cols):
    with col:
        st.markdown(
            f'<div class="gm-card" data-testid="gm-card-{card["scope"]}">'
            f'<div class="gm-card-title">{html.escape(card["title"])}</div>'
            f'{views.badge_html(card["status"], lang)}'
            f'<div class="gm-source" data-testid="gm-basis-{card["scope"]}">{html.escape(card["basis"])}</div>'
            f'<div class="gm-row"><span>{html.escape(card["reference_label"])}</span><b>{card["reference"]}</b></div>'
            f'<div class="gm-row"><span>{i18n.t("home.gap", lang)}</span><b>{card["gap"]}</b></div>'
            + "".join(f'<div class="gm-row" data-testid="gm-quarter-{card["scope"]}"><span>{html.escape(label)}</span>'
                      f'<b>{value}</b></div>' for label, value in card["quarter"]) +
            f'<div class="gm-row"><span>{html.escape(card["required_label"])}</span><b>{card["required"]}</b></div>'
            f'<div class="gm-source">{html.escape(i18n.t("home.source", lang, source=card["source"]))}</div></div>',
            unsafe_allow_html=True)
beside = bridge.national("GRDP", as_of)  # the country, same period, and its target in force (with its history)
national = views.national_line(beside, lang)
if national:
    st.markdown(f'<div class="gm-national" data-testid="gm-national">{html.escape(national)}</div>',
                unsafe_allow_html=True)
vn_target = scen_views.target_history_line(bridge.target_in_force("GRDP", "VN", "central", as_of), as_of.year,
                                           (beside or {}).get("ytd_growth_pct"), lang)
if vn_target:
    st.markdown(f'<div class="gm-national" data-testid="gm-national-target">{html.escape(vn_target)}</div>',
                unsafe_allow_html=True)

nowcast = bridge.overview_nowcast(as_of, lang)  # issue 17: the next quarter's model estimate while unpublished
if nowcast:
    nc_text, nc_chart = st.columns([1, 1.2], gap="medium")
    nc_text.markdown(nowcast["card_html"], unsafe_allow_html=True)
    nc_text.page_link("pages/nowcast.py", label=i18n.t("nowcast.home.link", lang), icon=":material/query_stats:",
                      query_params=bridge.link_params())
    nc_chart.plotly_chart(nowcast["figure"], width="stretch", theme=None, config={"displayModeBar": False})

act = views.who_must_act(report)
owned = {(r["kind"], r["code"]): r for r in bridge.accountable(act["sector"] + act["unit"])}  # issue 15
st.markdown(f'<h2 class="gm-h3" data-testid="gm-act">{html.escape(i18n.t("home.act.title", lang))}</h2>',
            unsafe_allow_html=True)
if not act["sector"] and not act["unit"]:
    st.markdown(f'<div class="gm-watch">{html.escape(i18n.t("home.act.none", lang))}</div>', unsafe_allow_html=True)
for (kind, heading), col in zip((("sector", "home.act.sectors"), ("unit", "home.act.units")),
                                st.columns(2, gap="medium")):
    box = col.container(key=f"gm-act-{kind}")  # names wrap here (style.css), never cut
    box.markdown(f'<div class="gm-card-title">{html.escape(i18n.t(heading, lang))}</div>', unsafe_allow_html=True)
    for item in views.action_items(act[kind], lang):
        box.page_link(item["page"], label=item["name"],
                      query_params=bridge.link_params(**{item["param"]: item["code"]}))
        box.markdown(f'<div class="gm-act" data-testid="gm-act-{kind}">{views.badge_html(item["status"], lang)} '
                     f'{item["detail_html"]}</div>', unsafe_allow_html=True)
        box.markdown(acc_views.owner_html(owned[kind, item["code"]], lang), unsafe_allow_html=True)
st.page_link("pages/lagging.py", label=i18n.t("home.act.all", lang), icon=":material/flag:",
             query_params=bridge.link_params())

st.plotly_chart(bridge.trajectory("GRDP", "22", as_of, lang), width="stretch", theme=None,
                config={"displayModeBar": False})

st.markdown(f'<h2 class="gm-h3">{html.escape(i18n.t("home.other_indicators", lang))}</h2>', unsafe_allow_html=True)
cards = views.indicator_cards([bridge.report(code, "22", as_of, lang) for code in bridge.other_indicators()],
                              bridge.indicator_names(lang), lang)
for start in range(0, len(cards), 4):
    for card, col in zip(cards[start:start + 4], st.columns(4, gap="small")):
        col.markdown(
            f'<div class="gm-card gm-ind" data-testid="gm-ind-{card["indicator"]}">'
            f'<div class="gm-card-title">{html.escape(card["name"])}</div>'
            f'<div class="gm-ind-value">{card["value"]} <span class="gm-ind-trend">{card["trend"]}</span></div>'
            f'<div class="gm-ind-label">{html.escape(card["label"])}</div>{views.badge_html(card["status"], lang)}'
            f'<div class="gm-source">{html.escape(card["detail"])}</div></div>', unsafe_allow_html=True)
