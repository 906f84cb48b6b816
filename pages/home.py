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

st.markdown(f'<h1 class="gm-title">{html.escape(i18n.t("app.subtitle", lang))}</h1>'
            f'<div class="gm-asof">{html.escape(head["as_of"])} · '
            f'{html.escape(i18n.t("home.vintage_note", lang))}</div>', unsafe_allow_html=True)

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
            f'<div class="gm-row"><span>{html.escape(card["reference_label"])}</span><b>{card["reference"]}</b></div>'
            f'<div class="gm-row"><span>{i18n.t("home.gap", lang)}</span><b>{card["gap"]}</b></div>'
            f'<div class="gm-row"><span>{html.escape(card["required_label"])}</span><b>{card["required"]}</b></div>'
            f'<div class="gm-source">{html.escape(i18n.t("home.source", lang, source=card["source"]))}</div></div>',
            unsafe_allow_html=True)

watch = views.watch_list(report, lang)
if watch:
    st.markdown(f'<h3 class="gm-h3">{html.escape(i18n.t("home.sectors_lagging", lang))}</h3>',
                unsafe_allow_html=True)
    for item in watch:
        st.markdown(
            f'<div class="gm-watch">{views.badge_html(item["status"], lang)} <b>{html.escape(item["name"])}</b> '
            f'{item["trend"]} — {html.escape(item["reason"])}</div>', unsafe_allow_html=True)

st.plotly_chart(bridge.trajectory("GRDP", "22", AsOf(*latest), lang), width="stretch", theme=None,
                config={"displayModeBar": False})
