"""Màn hình trung tâm / the wall (issue 16): a kiosk view for an operations-centre screen, /man-hinh?playlist=NAME
&interval=S[&year=2025&quarter=2] (a quarter held for a review meeting, named as the header's links name it; by
default the latest). No header, no menu, no controls: it cycles through the playlist's screens (one idea each, large
type) every S seconds (default: the playlist's own), with the clock, the as-of quarter and the data version always in
view. Each turn reads the store's data version, so a load shows on the next screen without anyone touching it; a
watcher reloads the page if the screens stop turning (a server restart the browser did not ride out)."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import streamlit as st

from monitor import bridge
from monitor.briefing import wall
from monitor.core import i18n
from monitor.core.engine import AsOf

lang = bridge.language()
st.markdown(Path(__file__).with_name("wall.css").read_text(encoding="utf-8").join(("<style>", "</style>")),
            unsafe_allow_html=True)
name = st.query_params.get("playlist")
playlist = bridge.playlist(name if name in bridge.playlist_names() else None)
interval = bridge.url_number("interval", int(playlist["interval_s"]), 2, 600, lang)
known = bridge.quarters()
year = bridge.url_choice("year", sorted({y for y, _ in known}), None, lang)
in_year = [q for y, q in known if y == year]
held = (year, bridge.url_choice("quarter", in_year, in_year[-1], lang)) if in_year else None
st.html(f'<script>document.documentElement.lang = "{lang}";'
        'if (!window.gmWallWatch) { window.gmWallSeen = null; window.gmWallAt = Date.now();'
        'window.gmWallWatch = setInterval(function () {'
        '  const el = document.querySelector(".gm-wall"); const seen = el ? el.dataset.tick : null;'
        '  if (seen !== window.gmWallSeen) { window.gmWallSeen = seen; window.gmWallAt = Date.now(); return; }'
        f'  if (Date.now() - window.gmWallAt > {interval * 3000 + 15000}) {{'
        '    fetch("_stcore/health", {cache: "no-store"}).then(function (r) { if (r.ok) location.reload(); })'
        '      .catch(function () {}); } }, 2000); }</script>', unsafe_allow_javascript=True)


@st.fragment(run_every=interval)
def turn() -> None:
    """One screen, the next on every turn; the screens are rebuilt when the data version changes."""
    latest = held or bridge.latest()
    if latest is None:
        st.info(i18n.t("wall.no_data", lang))
        return
    as_of = AsOf(*latest, "latest")
    screens = bridge.wall_screens(playlist["items"], as_of, lang)
    shown = st.session_state.get("gm_wall_turn", -1) + 1
    st.session_state["gm_wall_turn"] = shown
    version = wall.version_text(bridge.data_version())
    now = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh"))
    bar = wall.bar_html(lang, now.strftime("%H:%M · %d/%m/%Y"), i18n.quarter_label(*latest, lang),
                        i18n.t("vintage.latest", lang), version, shown % max(len(screens), 1) + 1, len(screens),
                        i18n.t("app.demo_short", lang) if bridge.demo_loaded() else None)
    if not screens:
        st.html(bar)
        st.info(i18n.t("wall.empty", lang, name=playlist["name"]))
        return
    screen = screens[shown % len(screens)]
    svg = bridge.wall_chart_svg(playlist["items"], as_of, lang, screen["key"])
    st.html(wall.screen_html(screen, f"{shown}:{version}", bar, svg))
    if screen["chart"] is not None and svg is None:  # no Chromium to draw the image: the chart itself
        st.plotly_chart(screen["chart"], width="stretch", theme=None, config={"displayModeBar": False,
                                                                             "staticPlot": True},
                        key=f"gm-wall-chart-{shown}")


turn()
