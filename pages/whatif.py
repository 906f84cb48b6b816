"""What-if: assumed growth per sector and remaining quarter -> projected year, targets, solve, shortfall."""

import html

import streamlit as st

from monitor import bridge
from monitor.core import i18n
from monitor.core.engine import AsOf
from monitor.core.errors import ValidationError
from monitor.whatif import entries, views

lang = bridge.language()
latest = bridge.latest()
options = views.as_of_options(latest) if latest else []
if not options:
    st.info(i18n.t("app.no_data", lang))
    st.stop()
st.markdown(views.STYLE, unsafe_allow_html=True)
st.markdown(f'<h1 class="gm-title">{html.escape(i18n.t("whatif.title", lang))}</h1>', unsafe_allow_html=True)

c1, c2, c3 = st.columns([1, 1.8, 0.9], vertical_alignment="bottom")
header = bridge.as_of()  # start from the header's quarter when it leaves quarters to simulate (not a full year)
start = options.index((header.year, header.quarter)) if header and (header.year, header.quarter) in options else 0
bridge.keep_choice("wi_as_of", options, options[start])  # its labels change with the language
year, quarter = c1.selectbox(i18n.t("whatif.as_of", lang), options, key="wi_as_of",
                             format_func=lambda o: i18n.quarter_label(o[0], o[1], lang))
basis = c2.segmented_control(i18n.t("whatif.basis", lang), ["run_rate", "last_year", "nowcast"], default="run_rate",
                             key="wi_basis", format_func=lambda b: i18n.t(f"whatif.basis.{b}", lang)) or "run_rate"
level = "sections" if c3.toggle(i18n.t("whatif.sections", lang), key="wi_sections") else "components"
as_of = AsOf(year, quarter)

base = bridge.whatif(as_of, None, [], basis, level, lang)
rest = [q for q in range(quarter + 1, 5)]
st.caption(i18n.t("whatif.inputs_help", lang, rest=i18n.rest_label(quarter, lang),
                  basis=i18n.t(f"whatif.basis.{basis}", lang)))
if base.get("nowcast"):  # issue 17: the next quarter's model estimate the defaults follow
    st.caption(bridge.whatif_nowcast_note(base["nowcast"], year, quarter + 1, lang))

alerts = st.container()  # a refused entry is named here, full width, above the boxes and the projection
left, mid, right = st.columns([1, 1.05, 2.3], gap="medium")
entries.seed(st.session_state, entries.default_texts(base, rest, year, quarter, basis, lang), lang)
typed = {}
with left:
    head = st.columns(len(rest))
    for col, q in zip(head, rest):
        col.markdown(f"**{i18n.quarter_label(year, q, lang)}**")
    for code, name in base["names"].items():  # each sector's name over its boxes: a whole name, not a code
        block = st.container()  # the name over its own boxes (a markdown block's -1rem margin meets the gap)
        block.markdown(f'<div class="gm-wi-rowname">{views.name_cell(code, name, lang)}</div>',
                       unsafe_allow_html=True)
        row = block.columns(len(rest))
        # text, not st.number_input: that reads a Vietnamese "13,5" as 135 and shows 13.5 to a Vietnamese reader
        typed[code] = {q: row[i].text_input(views.input_label(code, name, year, q, lang),
                                            key=entries.assumption_key(code, q, year, quarter, basis),
                                            label_visibility="collapsed")
                       for i, q in enumerate(rest)}
assumptions, refused = entries.read_assumptions(typed, base, year, lang)
if refused:
    alerts.error("\n".join(f"- {m}" for m in refused))

solve_code = st.session_state.get(f"wi_solve_{level}") or views.default_solve(base)
report = bridge.whatif(as_of, assumptions, [solve_code], basis, level, lang)
head = views.headline(report, lang)
with mid:
    st.markdown(f'<div class="gm-wi-label">{html.escape(head["label"])}</div>'
                f'<div class="gm-wi-big" data-testid="gm-wi-projected">{head["projected"]}</div>',
                unsafe_allow_html=True)
    if refused:  # next to the figure too: it does not follow what was typed in those boxes
        st.warning(i18n.t("whatif.entry.note", lang, count=len(refused)))
    for card in head["cards"]:
        st.markdown(f'<div class="gm-wi-card" data-testid="gm-wi-card-{card["scope"]}">'
                    f'<div class="gm-wi-card-title">{html.escape(card["title"])}</div>{card["flag"]} '
                    f'<b>{card["distance"]}</b><div>{html.escape(card["required"])}</div></div>',
                    unsafe_allow_html=True)
with right:
    st.plotly_chart(bridge.whatif_chart(as_of, report["path"], lang), width="stretch", theme=None,
                    config={"displayModeBar": False})

contrib, solve = st.columns([1.2, 1], gap="large")
with contrib:
    st.markdown(f'<h2 class="gm-h3">{html.escape(views.for_level("whatif.contrib_title", level, lang))}</h2>',
                unsafe_allow_html=True)
    st.markdown(views.contributions_html(report, lang), unsafe_allow_html=True)
with solve:
    st.markdown(f'<h2 class="gm-h3">{html.escape(views.for_level("whatif.solve_title", level, lang))}</h2>',
                unsafe_allow_html=True)
    st.selectbox(views.for_level("whatif.solve_for", level, lang), list(base["names"]), key=f"wi_solve_{level}",
                 index=list(base["names"]).index(views.default_solve(base)),
                 format_func=lambda c: views.sector_label(c, base["names"][c], lang))
    for line in views.solve_lines(report, lang):
        st.markdown(f'<div class="gm-watch" data-testid="gm-wi-solve">{html.escape(line)}</div>',
                    unsafe_allow_html=True)

st.markdown(f'<h2 class="gm-h3">{html.escape(i18n.t("whatif.sf.title", lang))}</h2>', unsafe_allow_html=True)
scope = st.segmented_control(i18n.t("whatif.sf.scope", lang), ["provincial", "central"], default="provincial",
                             key="wi_scope", format_func=lambda s: i18n.t(f"scope.{s}.short", lang)) or "provincial"
by_sector, by_unit = st.tabs([views.for_level("whatif.sf.by_sector", level, lang), i18n.t("whatif.sf.by_unit", lang)])
for tab, by in ((by_sector, "sector"), (by_unit, "unit")):
    try:
        sf = bridge.shortfall(as_of, assumptions, by, scope, basis, level, lang)
    except ValidationError as exc:  # no target of that scope for the year: nothing to allocate
        tab.info(views.problem_text(exc.problems[0], bridge.labels(lang), lang))
        continue
    with tab:
        st.markdown(f'<div class="gm-watch">{html.escape(views.shortfall_summary(sf, lang))}</div>',
                    unsafe_allow_html=True)
        with st.container(height=420 if by == "unit" else "content"):
            st.markdown(views.shortfall_html(sf, lang), unsafe_allow_html=True)
