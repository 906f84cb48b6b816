"""Briefing: the quarterly review as full-screen slides for the projector, with deck, PDF and PNG downloads."""

import time
from pathlib import Path

import streamlit as st

from monitor import bridge
from monitor.briefing import slide_html
from monitor.briefing.render import RenderError
from monitor.briefing.slides import FORMATS, file_name, on_timer, step
from monitor.core import i18n

AUTO_SECONDS = 20
lang = bridge.language()
as_of = bridge.as_of()
if as_of is None:
    st.info(i18n.t("app.no_data", lang))
    st.stop()
deck = bridge.briefing_deck(as_of, lang)
total = len(deck["slides"])
st.markdown(Path(__file__).with_name("briefing.css").read_text(encoding="utf-8").join(("<style>", "</style>")),
            unsafe_allow_html=True)

if "slide" not in st.session_state:  # first run: the slide and the mode come from the URL
    st.session_state["slide"] = bridge.url_number("slide", 1, 1, total, lang)  # digits only, else 1 and a notice
    st.session_state["present"] = bridge.url_choice("present", ("0", "1"), "0", lang) == "1"


def _go(by: int) -> None:
    st.session_state["slide"] = step(st.session_state["slide"], total, by)


def _present(on: bool) -> None:
    st.session_state["present"] = on


presenting = st.session_state["present"]
if not presenting:
    st.markdown(f'<h1 class="gm-title">{slide_html.esc(i18n.t("briefing.page_title", lang))}</h1>'
                f'<div class="gm-asof">{slide_html.esc(deck["title"])} · {slide_html.esc(deck["as_of"])} · '
                f'{slide_html.esc(i18n.t("briefing.page_help", lang))}</div>', unsafe_allow_html=True)
    cols = st.columns([1.1, 1.3, 1.3, 1.6], vertical_alignment="center")
    cols[0].button(i18n.t("briefing.present", lang), icon=":material/slideshow:", type="primary",
                   on_click=_present, args=(True,), width="stretch", key="gm-present-button")
    for col, (fmt, label) in zip(cols[1:], (("pptx", "download_pptx"), ("pdf", "download_pdf"),
                                             ("png", "download_png"))):
        col.download_button(i18n.t(f"briefing.{label}", lang),
                            data=lambda fmt=fmt: bridge.briefing_file(fmt, as_of, lang),
                            file_name=file_name(deck, fmt), mime=FORMATS[fmt], on_click="ignore",
                            icon=":material/download:", width="stretch", key=f"gm-download-{fmt}")
    # the quarterly pack (issue 16): deck, PDF and chart images in one zip, each naming the data version on a cover
    st.download_button(i18n.t("pack.download", lang), data=lambda: bridge.quarterly_pack(as_of, lang)[1],
                       file_name=file_name(deck, "pptx").removesuffix(".pptx") + ".zip", mime="application/zip",
                       on_click="ignore", icon=":material/inventory_2:", key="gm-download-pack")

with st.spinner(i18n.t("briefing.preparing", lang)):
    try:
        charts = bridge.briefing_svgs(as_of, lang)
    except RenderError:  # no Chromium on this machine: the slides still show their figures and text
        charts = {}
        st.warning(i18n.t("briefing.no_browser", lang))


@st.fragment(run_every=AUTO_SECONDS if st.session_state.get("auto") else None)
def show_slide() -> None:
    if st.session_state.get("auto"):  # the interval starts when auto-advance is switched on or a slide changes
        st.session_state["slide"], since = on_timer(st.session_state["slide"], total, st.session_state.get("shown"),
                                                    time.monotonic(), AUTO_SECONDS)
        st.session_state["shown"] = (st.session_state["slide"], since)
    else:
        st.session_state.pop("shown", None)
    current = deck["slides"][st.session_state["slide"] - 1]
    uri = slide_html.data_uri(charts[current["key"]]) if current["key"] in charts else None
    mode = "gm-present" if presenting else "gm-preview"
    st.markdown(f'<div class="{mode}">{slide_html.slide(deck, current, uri)}</div>', unsafe_allow_html=True)
    bridge.url_state(slide=st.session_state["slide"], present="1" if presenting else None)


show_slide()
controls = st.columns([1.35, 1.1, 1.7, 2.8, 1.1], vertical_alignment="center", gap="small")
controls[0].button(i18n.t("briefing.prev", lang), icon=":material/chevron_left:", on_click=_go, args=(-1,),
                   width="stretch", key="gm-prev", shortcut="Left")
controls[1].button(i18n.t("briefing.next", lang), icon=":material/chevron_right:", on_click=_go, args=(1,),
                   width="stretch", key="gm-next", type="primary", shortcut="Right")
controls[2].toggle(i18n.t("briefing.auto", lang), key="auto",
                   help=i18n.t("briefing.auto_help", lang, seconds=AUTO_SECONDS))
if presenting:
    controls[4].button(i18n.t("briefing.exit", lang), icon=":material/close_fullscreen:", on_click=_present,
                       args=(False,), width="stretch", key="gm-exit", shortcut="Esc")
