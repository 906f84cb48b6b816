"""Growth Monitor: page set-up, the header (demo label, as-of quarter, vintage, language) and navigation.

The header (monitor/bridge/header.py) is drawn here, in the entrypoint, so its choices survive a page switch;
bridge.url_state() keeps them in the URL so a link reopens the same view. The wall (/man-hinh) has none.
"""

from pathlib import Path

import streamlit as st

from monitor import bridge
from monitor.bridge import header as app_header
from monitor.core import i18n

HERE = Path(__file__).resolve().parent
WALL = "man-hinh"  # the wall mode's URL path

st.set_page_config(page_title="Growth Monitor", page_icon="📈", layout="wide",
                   initial_sidebar_state="collapsed")
st.markdown((HERE / "pages" / "style.css").read_text(encoding="utf-8").join(("<style>", "</style>")),
            unsafe_allow_html=True)


lang = app_header.choice("lang", list(i18n.LANGS), i18n.DEFAULT_LANG)
lang = bridge.language()
try:
    demo = bridge.demo_loaded()
    quarters = bridge.quarters()
except Exception as exc:  # a missing, damaged or busy store: what to do, in the reader's language; never a traceback
    bridge.show_failure(exc, lang)
    st.stop()

# The screens, in menu order: file in pages/, URL path, catalog key of the title, icon (Material icons: emoji
# fonts are missing on the projector machines' Chromium), who sees it (None: everyone; "analyst": analysts and
# admins; "hidden": everyone, by its URL only). A URL path must differ from its file's name: Streamlit names a
# page by its URL path, and its old pages/
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
    ("annotations.py", "su-kien", "ann.nav.annotations", ":material/event_note:", "analyst"),
    ("wall.py", "man-hinh", "ann.nav.wall", ":material/tv:", "hidden"),  # the wall: no header, not in the menu
]
visible = [entry for entry in PAGES if entry[4] in (None, "hidden") or bridge.can_upload()]
pages = {name: st.Page(str(HERE / "pages" / name), title=i18n.t(key, lang), icon=icon, default=name == "home.py",
                       url_path=path, visibility="hidden" if who == "hidden" else "visible")
         for name, path, key, icon, who in visible}
user = bridge.current_user()  # log-in / log-out control: the account page, named for who is signed in
# Every page in the top bar at 1024 px (pages/style.css compacts it there): the model and target pages under one
# menu, the analysts' pages under another (Streamlit folds what does not fit into "N more", which hides pages)
ANALYSIS = ("nowcast.py", "whatif.py", "targets.py")
menu = {"": [pages[name] for name, *_, who in visible if who in (None, "hidden") and name not in ANALYSIS],
        i18n.t("nav.analysis", lang): [pages[name] for name in ANALYSIS]}
if any(who == "analyst" for *_, who in visible):
    menu[i18n.t("upload.nav.section", lang)] = [pages[name] for name, *_, who in visible if who == "analyst"]
page = st.navigation(menu, position="top")
if page.url_path != WALL:  # the wall (issue 16): no header, no controls; always the latest quarter
    account = app_header.show(lang, demo, quarters)
    account.page_link(pages["account.py"], icon=":material/person:",
                      label=user.name if user else i18n.t("upload.log_in", lang))
    for notice in [bridge.account_notice(lang)] + [i18n.t("ops.bad_param", lang, name=k)
                                                   for k in st.session_state.pop("gm_bad_params", [])]:
        if notice:
            st.warning(notice, icon=":material/info:")
bridge.url_state(merge=True)  # every page's link carries the header's choices, also pages that add none of their own
with bridge.friendly_errors(lang):  # an unexpected failure: a reference id here, the traceback in the server's log
    page.run()
