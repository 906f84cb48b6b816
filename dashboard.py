"""Growth Monitor: page set-up, language, demo label and navigation."""

from pathlib import Path

import streamlit as st

from monitor import bridge, i18n
from monitor.errors import StoreBusyError, StoreMissingError
from monitor.store import db_path

HERE = Path(__file__).resolve().parent

st.set_page_config(page_title="Growth Monitor", page_icon="📈", layout="wide")
st.markdown((HERE / "pages" / "style.css").read_text(encoding="utf-8").join(("<style>", "</style>")),
            unsafe_allow_html=True)

lang = bridge.language()
with st.sidebar:
    chosen = st.segmented_control(i18n.t("app.language", lang), options=list(i18n.LANGS),
                                  format_func=lambda x: {"vi": "Tiếng Việt", "en": "English"}[x],
                                  default=lang, key="lang_switch")
    if chosen and chosen != lang:
        st.query_params["lang"] = chosen
        st.rerun()

try:
    demo = bridge.demo_loaded()
except StoreMissingError:
    st.error(i18n.t("app.no_store", lang, path=db_path()))
    st.stop()
except StoreBusyError:
    st.warning(i18n.t("app.store_busy", lang))
    st.stop()
if demo:
    st.markdown(f'<div class="gm-demo" data-testid="gm-demo-label">{i18n.t("app.demo_label", lang)}</div>',
                unsafe_allow_html=True)

pages = [st.Page(str(HERE / "pages" / "home.py"), title=i18n.t("nav.home", lang), icon="🏠", default=True)]
st.navigation(pages).run()
