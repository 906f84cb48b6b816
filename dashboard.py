"""Growth Monitor: page set-up, language, demo label and navigation."""

from pathlib import Path

import streamlit as st

from monitor import bridge, i18n
from monitor.errors import StoreBusyError, StoreMissingError
from monitor.store import db_path

HERE = Path(__file__).resolve().parent

st.set_page_config(page_title="Growth Monitor", page_icon="📈", layout="wide",
                   initial_sidebar_state="collapsed")
st.markdown((HERE / "pages" / "style.css").read_text(encoding="utf-8").join(("<style>", "</style>")),
            unsafe_allow_html=True)

lang = bridge.language()


def _switch_language() -> None:
    if st.session_state.lang_switch:  # a second click on the chosen option clears it
        st.query_params["lang"] = st.session_state.lang_switch


banner, switch = st.columns([6, 1], vertical_alignment="center")
switch.segmented_control(i18n.t("app.language", lang), options=list(i18n.LANGS), format_func=str.upper,
                         default=lang, key="lang_switch", on_change=_switch_language,
                         label_visibility="collapsed")
lang = bridge.language()

try:
    demo = bridge.demo_loaded()
except StoreMissingError:
    st.error(i18n.t("app.no_store", lang, path=db_path()))
    st.stop()
except StoreBusyError:
    st.warning(i18n.t("app.store_busy", lang))
    st.stop()
if demo:
    banner.markdown(f'<div class="gm-demo" data-testid="gm-demo-label">{i18n.t("app.demo_label", lang)}</div>',
                unsafe_allow_html=True)

# The screens, in menu order: file in pages/, catalog key of the title, icon.
PAGES = [
    ("home.py", "nav.home", "🏠"),
    ("whatif.py", "whatif.nav.whatif", "🎯"),
    ("targets.py", "whatif.nav.targets", "🗂️"),
]
pages = [st.Page(str(HERE / "pages" / name), title=i18n.t(key, lang), icon=icon, default=i == 0)
         for i, (name, key, icon) in enumerate(PAGES)]
st.navigation(pages).run()
