"""Home: year-to-date GRDP growth against 14% and 12.5% for the latest quarter."""

import html

import streamlit as st

from monitor import bridge, i18n, views
from monitor.engine import AsOf

lang = bridge.language()
latest = bridge.latest()
if latest is None:
    st.info(i18n.t("app.no_data", lang))
    st.stop()
report = bridge.report("GRDP", "22", AsOf(*latest), lang)
head = views.headline(report, lang)

st.title(i18n.t("app.subtitle", lang))
st.caption(head["as_of"] + " · " + i18n.t("home.vintage_note", lang))
st.markdown(
    f'<div class="gm-headline"><div class="gm-label">{html.escape(head["ytd_label"])}</div>'
    f'<div class="gm-big" data-testid="gm-ytd">{head["ytd"]}</div>'
    f'<div class="gm-sub">{html.escape(head["quarter_label"])}: {head["quarter"]}</div></div>',
    unsafe_allow_html=True)

for card, col in zip(head["cards"], st.columns(len(head["cards"]) or 1)):
    with col:
        st.markdown(
            f'<div class="gm-card"><div class="gm-card-title">{html.escape(card["title"])} '
            f'{views.badge_html(card["status"], lang)}</div>'
            f'<div class="gm-row"><span>{html.escape(card["reference_label"])}</span><b>{card["reference"]}</b></div>'
            f'<div class="gm-row"><span>{i18n.t("home.gap", lang)}</span><b>{card["gap"]}</b></div>'
            f'<div class="gm-row"><span>{html.escape(card["required_label"])}</span><b>{card["required"]}</b></div>'
            f'<div class="gm-source">{html.escape(i18n.t("home.source", lang, source=card["source"]))}</div></div>',
            unsafe_allow_html=True)

watch = views.watch_list(report, lang)
if watch:
    st.subheader(i18n.t("home.sectors_lagging", lang))
    for item in watch:
        b = item["badge"]
        st.markdown(
            f'<div class="gm-watch"><span class="gm-badge" style="border-color:{b["color"]};color:{b["color"]}">'
            f'{b["icon"]} {html.escape(b["word"])}</span> <b>{html.escape(item["name"])}</b> {item["trend"]} '
            f'— {html.escape(item["reason"])}</div>', unsafe_allow_html=True)
