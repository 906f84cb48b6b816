"""Nowcast: this quarter's GRDP growth from the monthly indicators, its range, the news, and the track record."""

import html

import streamlit as st

from monitor import bridge
from monitor.core import i18n

lang = bridge.language()
bridge.url_state()
units = {"22": i18n.t("nowcast.unit.22", lang), "VN": i18n.t("nowcast.unit.vn", lang)}
st.markdown(f'<h1 class="gm-title">{html.escape(i18n.t("nowcast.page.title", lang))}</h1>', unsafe_allow_html=True)
st.markdown(html.escape(i18n.t("nowcast.page.intro", lang)))

left, right = st.columns(2)
unit = left.selectbox(i18n.t("nowcast.page.unit", lang), list(units), format_func=units.get, key="nc_unit")
months = bridge.nowcast_months(unit)
if not months:
    st.info(i18n.t("nowcast.page.no_inputs", lang))
    st.stop()
month = right.selectbox(i18n.t("nowcast.page.as_of", lang), months, format_func=bridge.month_label,
                        key=f"nc_month_{unit}")
view = bridge.nowcast_figures(unit, month, lang)
head, report = view["headline"], view["report"]
if report["nowcast_pct"] is None:  # monthly figures, but too few quarters to estimate from
    st.info(i18n.t("nowcast.page.no_inputs", lang))
    st.stop()

text, chart = st.columns([1, 1.2], gap="medium")
with text:
    st.markdown(
        f'<div class="gm-headline" data-testid="gm-nowcast">'
        f'<div class="gm-label">{html.escape(head["quarter"])} · <b>{html.escape(head["label"])}</b></div>'
        f'<div class="gm-big">{head["value"]}</div>'
        f'<div class="gm-sub">{html.escape(head["band"])}</div></div>', unsafe_allow_html=True)
    st.markdown(html.escape(head["basis"]))
    if head["ytd"]:
        st.markdown(html.escape(head["ytd"]))
    for line in view["probability"]:
        st.markdown(f"- {html.escape(line)}")
    if head["fallback"]:
        st.warning(head["fallback"])
    if report["published_pct"] is not None:
        st.markdown(html.escape(i18n.t("nowcast.page.published_later", lang,
                                       value=i18n.pct(report["published_pct"], lang))))
    st.markdown(f'<div class="gm-source"><b>{html.escape(head["not_official"])}</b></div>', unsafe_allow_html=True)
with chart:
    st.plotly_chart(view["estimate"], width="stretch", theme=None, config={"displayModeBar": False})

if view["sectors"]:
    st.markdown(f'<h2 class="gm-h3">{html.escape(i18n.t("nowcast.page.sectors", lang))}</h2>', unsafe_allow_html=True)
    st.dataframe(view["sectors"], hide_index=True, width="stretch")

if view["news"]:
    st.markdown(f'<h2 class="gm-h3">{html.escape(i18n.t("nowcast.page.news", lang))}</h2>', unsafe_allow_html=True)
    if report["previous_nowcast_pct"] is not None:
        st.markdown(html.escape(i18n.t("nowcast.page.previous", lang,
                                       value=i18n.pct(report["previous_nowcast_pct"], lang))))
    st.dataframe(view["news"], hide_index=True, width="stretch")

st.markdown(f'<h2 class="gm-h3">{html.escape(i18n.t("nowcast.page.record", lang))}</h2>', unsafe_allow_html=True)
st.markdown(html.escape(view["record_summary"]))
st.plotly_chart(view["record_figure"], width="stretch", theme=None, config={"displayModeBar": False})
st.markdown(f'<h2 class="gm-h3">{html.escape(i18n.t("nowcast.page.record_table", lang))}</h2>',
            unsafe_allow_html=True)
st.dataframe(view["record_rows"], hide_index=True, width="stretch")
st.caption(i18n.t("nowcast.page.method", lang))
