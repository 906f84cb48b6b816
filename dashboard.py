"""Growth Monitor: page set-up, the header (demo label, as-of quarter, vintage, language) and navigation.

The header lives here, in the entrypoint, so its choices survive a page switch;
bridge.url_state() keeps them in the URL so a link reopens the same view.
"""

import html
from pathlib import Path

import streamlit as st

from monitor import bridge
from monitor.core import i18n
from monitor.core.engine import VINTAGE_MODES

HERE = Path(__file__).resolve().parent

st.set_page_config(page_title="Growth Monitor", page_icon="📈", layout="wide",
                   initial_sidebar_state="collapsed")
st.markdown((HERE / "pages" / "style.css").read_text(encoding="utf-8").join(("<style>", "</style>")),
            unsafe_allow_html=True)


def _choice(key: str, allowed: list, default):
    """The header's choice for key, kept under gm_<key> (a widget's own state does not survive every rerun: the
    page list changes at log-in, the option labels change with the language): the URL's on a session's first
    run, the default when the kept one is not allowed (e.g. a quarter the chosen year does not have)."""
    kept = st.session_state.get(f"gm_{key}")
    if kept not in allowed:
        raw = st.query_params.get(key) if kept is None else None
        st.session_state[f"gm_{key}"] = next((a for a in allowed if str(a) == str(raw)), default)
        if raw is not None and str(st.session_state[f"gm_{key}"]) != raw:  # a link's value this view lacks
            st.session_state.setdefault("gm_bad_params", []).append(key)
    return st.session_state[f"gm_{key}"]


def _keep(key: str, allowed: list) -> None:
    if st.session_state.get(key) in allowed:  # never a stale label from before a language switch
        st.session_state[f"gm_{key}"] = st.session_state[key]


def _picker(kind, key: str, allowed: list, default, width, **kwargs) -> None:
    """A header widget showing the kept choice and keeping what the user picks. Its state is set from the kept
    choice on every run: Streamlit identifies a keyed widget by its key alone, so after a language switch the
    browser would otherwise send back the option label it was picked under ("6 tháng"), which matches no
    English option, and the next page change would fall back to the default."""
    st.session_state[key] = _choice(key, allowed, default)
    widget = header.segmented_control if kind == "segmented" else header.selectbox
    widget(i18n.t(f"header.{key}", lang), allowed, key=key, on_change=_keep, args=(key, allowed),
           label_visibility="collapsed", width=width, **kwargs)


lang = _choice("lang", list(i18n.LANGS), i18n.DEFAULT_LANG)
lang = bridge.language()
try:
    demo = bridge.demo_loaded()
    quarters = bridge.quarters()
except Exception as exc:  # a missing, damaged or busy store: what to do, in the reader's language; never a traceback
    bridge.show_failure(exc, lang)
    st.stop()

# One row that wraps (pages/style.css): the demo label takes what the controls leave, in full from 1200 px, in
# short below; the controls keep fixed widths that fit their longest option in both languages.
header = st.container(key="gm-header", horizontal=True, vertical_alignment="center", gap="small")
if demo:
    full, short = (html.escape(i18n.t(key, lang)) for key in ("app.demo_label", "app.demo_short"))
    header.markdown(f'<div class="gm-demo" data-testid="gm-demo-label" title="{full}"><span class="gm-demo-full">'
                    f'{full}</span><span class="gm-demo-short">{short}</span></div>', unsafe_allow_html=True,
                    width="stretch")
if quarters:
    years = sorted({y for y, _ in quarters}, reverse=True)
    _picker("select", "year", years, quarters[-1][0], 118,
            format_func=lambda y: i18n.t("header.year_option", lang, year=y))
    in_year = [q for y, q in quarters if y == st.session_state["gm_year"]]
    _picker("select", "quarter", in_year, in_year[-1], 124, format_func=lambda q: i18n.period_label(q, lang))
    _picker("select", "vintage", list(VINTAGE_MODES), "latest", 196,
            format_func=lambda v: i18n.t(f"vintage.{v}", lang))
account = header.container(key="gm-account", width="content")
_picker("segmented", "lang", list(i18n.LANGS), i18n.DEFAULT_LANG, "content", format_func=str.upper, required=True)
lang = bridge.language()
# Screen readers read the page in its language (<html lang>, which Streamlit leaves at "en")
header.html(f'<script>document.documentElement.lang = "{lang}"</script>', width=1, unsafe_allow_javascript=True)

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
    ("actions.py", "hanh-dong", "acc.nav.actions", ":material/task_alt:", None),
    ("briefing.py", "trinh-chieu", "nav.briefing", ":material/slideshow:", None),
    ("nowcast.py", "uoc-tinh", "nowcast.nav", ":material/query_stats:", None),
    ("whatif.py", "mo-phong", "whatif.nav.whatif", ":material/tune:", None),
    ("targets.py", "muc-tieu", "whatif.nav.targets", ":material/flag_circle:", None),
    ("upload.py", "nap-so-lieu", "upload.nav.upload", ":material/upload_file:", "analyst"),
    ("history.py", "lich-su-nap", "upload.nav.history", ":material/history:", "analyst"),
    ("owners.py", "dau-moi", "acc.nav.owners", ":material/badge:", "analyst"),
    ("account.py", "tai-khoan", "upload.nav.account", ":material/person:", None),
]
visible = [entry for entry in PAGES if entry[4] is None or bridge.can_upload()]
pages = {name: st.Page(str(HERE / "pages" / name), title=i18n.t(key, lang), icon=icon, default=name == "home.py",
                       url_path=path) for name, path, key, icon, _ in visible}
user = bridge.current_user()  # log-in / log-out control: the account page, named for who is signed in
account.page_link(pages["account.py"], icon=":material/person:",
                  label=user.name if user else i18n.t("upload.log_in", lang))
# Every page in the top bar at 1024 px (pages/style.css compacts it there): the analysts' pages under one menu
menu = {"": [pages[name] for name, *_, who in visible if who is None]}
if len(menu[""]) < len(pages):
    menu[i18n.t("upload.nav.section", lang)] = [pages[name] for name, *_, who in visible if who is not None]
for notice in [bridge.account_notice(lang)] + [i18n.t("ops.bad_param", lang, name=k)
                                               for k in st.session_state.pop("gm_bad_params", [])]:
    if notice:
        st.warning(notice, icon=":material/info:")
bridge.url_state(merge=True)  # every page's link carries the header's choices, also pages that add none of their own
with bridge.friendly_errors(lang):  # an unexpected failure: a reference id here, the traceback in the server's log
    st.navigation(menu, position="top").run()
