"""Growth Monitor: page set-up, the header (demo label, as-of quarter, vintage, language) and navigation.

The header lives here, in the entrypoint, so its choices survive a page switch;
bridge.url_state() keeps them in the URL so a link reopens the same view.
"""

from pathlib import Path

import streamlit as st

from monitor import bridge
from monitor.core import i18n
from monitor.core.engine import VINTAGE_MODES
from monitor.core.errors import StoreBusyError, StoreMissingError
from monitor.core.store import db_path

HERE = Path(__file__).resolve().parent

st.set_page_config(page_title="Growth Monitor", page_icon="📈", layout="wide",
                   initial_sidebar_state="collapsed")
st.markdown((HERE / "pages" / "style.css").read_text(encoding="utf-8").join(("<style>", "</style>")),
            unsafe_allow_html=True)


def _choice(key: str, allowed: list, default):
    """The header's choice for key: kept under gm_<key> (Streamlit may reset a widget's own state, e.g. when the
    page list changes at log-in); taken from the URL on a session's first run; the default when not allowed."""
    if st.session_state.get(f"gm_{key}") not in allowed:
        raw = st.session_state.get(key, st.query_params.get(key))
        st.session_state[f"gm_{key}"] = next((a for a in allowed if str(a) == str(raw)), default)
    return st.session_state[f"gm_{key}"]


def _keep(key: str) -> None:
    if st.session_state.get(key) is not None:
        st.session_state[f"gm_{key}"] = st.session_state[key]


def _picker(column, kind, key: str, allowed: list, default, **kwargs) -> None:
    """A header widget showing the kept choice and keeping what the user picks."""
    chosen = _choice(key, allowed, default)
    if kind == "segmented":
        column.segmented_control(i18n.t(f"header.{key}", lang), allowed, default=chosen, key=key, required=True,
                                 on_change=_keep, args=(key,), label_visibility="collapsed", **kwargs)
    else:
        column.selectbox(i18n.t(f"header.{key}", lang), allowed, index=allowed.index(chosen), key=key,
                         on_change=_keep, args=(key,), label_visibility="collapsed", **kwargs)


lang = _choice("lang", list(i18n.LANGS), i18n.DEFAULT_LANG)
lang = bridge.language()
try:
    demo = bridge.demo_loaded()
    quarters = bridge.quarters()
except StoreMissingError:
    st.error(i18n.t("app.no_store", lang, path=db_path()))
    st.stop()
except StoreBusyError:
    st.warning(i18n.t("app.store_busy", lang))
    st.stop()

header = st.container(key="gm-header")  # the briefing page hides it while presenting
banner, year_col, quarter_col, vintage_col, account, lang_col = header.columns(
    [3.75, 1.25, 1.35, 1.75, 1.3, 1.35], vertical_alignment="center")
if quarters:
    years = sorted({y for y, _ in quarters}, reverse=True)
    _picker(year_col, "select", "year", years, quarters[-1][0],
            format_func=lambda y: i18n.t("header.year_option", lang, year=y))
    in_year = [q for y, q in quarters if y == st.session_state["gm_year"]]
    _picker(quarter_col, "select", "quarter", in_year, in_year[-1], format_func=lambda q: i18n.period_label(q, lang))
    _picker(vintage_col, "select", "vintage", list(VINTAGE_MODES), "latest",
            format_func=lambda v: i18n.t(f"vintage.{v}", lang))
_picker(lang_col, "segmented", "lang", list(i18n.LANGS), i18n.DEFAULT_LANG, format_func=str.upper)
lang = bridge.language()
if demo:
    banner.markdown(f'<div class="gm-demo" data-testid="gm-demo-label">{i18n.t("app.demo_label", lang)}</div>',
                    unsafe_allow_html=True)

# The screens, in menu order: file in pages/, URL path, catalog key of the title, icon (Material icons: emoji
# fonts are missing on the projector machines' Chromium), who sees it (None: everyone; "analyst": analysts and
# admins). A URL path must differ from its file's name: Streamlit names a page by its URL path, and its old pages/
# discovery (still active in AppTest and on a server started without serve.py) would otherwise take
# pages/<name>.py for our page and run it alone, without this header.
PAGES = [
    ("home.py", "tong-quan", "nav.home", ":material/dashboard:", None),  # the default page: served at "/"
    ("sectors.py", "nganh", "nav.sectors", ":material/factory:", None),
    ("localities.py", "dia-phuong", "nav.localities", ":material/map:", None),
    ("lagging.py", "don-vi-cham", "nav.lagging", ":material/flag:", None),
    ("briefing.py", "trinh-chieu", "nav.briefing", ":material/slideshow:", None),
    ("whatif.py", "mo-phong", "whatif.nav.whatif", ":material/tune:", None),
    ("targets.py", "muc-tieu", "whatif.nav.targets", ":material/flag_circle:", None),
    ("upload.py", "nap-so-lieu", "upload.nav.upload", ":material/upload_file:", "analyst"),
    ("history.py", "lich-su-nap", "upload.nav.history", ":material/history:", "analyst"),
    ("account.py", "tai-khoan", "upload.nav.account", ":material/person:", None),
]
visible = [entry for entry in PAGES if entry[4] is None or bridge.can_upload()]
pages = [st.Page(str(HERE / "pages" / name), title=i18n.t(key, lang), icon=icon, default=i == 0, url_path=path)
         for i, (name, path, key, icon, _) in enumerate(visible)]
user = bridge.current_user()  # log-in / log-out control: the account page, named for who is signed in
account.page_link(pages[[entry[0] for entry in visible].index("account.py")], icon=":material/person:",
                  label=user.name if user else i18n.t("upload.log_in", lang))
st.navigation(pages, position="top").run()
