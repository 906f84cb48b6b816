"""Targets and scenarios: the annual targets and the cumulative scenario path, edited, imported, exported, undone."""

import html

import streamlit as st

from monitor import bridge
from monitor.core import i18n
from monitor.core.errors import StoreBusyError, ValidationError
from monitor.upload import views as upload_views
from monitor.whatif import entries, target_views, views
from monitor.whatif import targets as targets_edit

lang = bridge.language()
names = bridge.labels(lang)
st.markdown(views.STYLE, unsafe_allow_html=True)
st.markdown(f'<h1 class="gm-title">{html.escape(i18n.t("whatif.targets.title", lang))}</h1>',
            unsafe_allow_html=True)
everything = bridge.targets()
if everything.empty:
    st.info(i18n.t("whatif.targets.none", lang))
c1, c2, c3 = st.columns([1.6, 0.7, 1.7], vertical_alignment="bottom")  # room for the longest indicator name
indicators = sorted(set(everything["indicator"]), key=lambda c: (c != "GRDP", c)) or ["GRDP"]
bridge.keep_choice("tg_indicator", indicators, indicators[0])  # its names change with the language
indicator = c1.selectbox(i18n.t("whatif.targets.indicator", lang), indicators, key="tg_indicator",
                         format_func=lambda c: names.indicator.get(c, c))
years = sorted(set(everything.loc[everything["indicator"] == indicator, "year"]), reverse=True) or [2025]
shown_year = getattr(bridge.as_of(), "year", None)  # the header's year first (a later year may hold its plan only)
year = int(c2.selectbox(i18n.t("whatif.targets.year", lang), years, key="tg_year",
                        index=years.index(shown_year) if shown_year in years else 0))
c3.download_button(i18n.t("whatif.targets.export", lang), lambda: targets_edit.to_csv(bridge.targets(indicator, year)),
                   file_name=f"targets_{indicator}_{year}.csv", mime="text/csv", key="tg_export")


def show_problems(exc: ValidationError) -> None:
    st.error("\n".join(f"- {views.problem_text(p, names, lang)}" for p in exc.problems))


def run_write(action, done_key: str, **params) -> None:
    try:
        result = bridge.write(action)
    except ValidationError as exc:
        show_problems(exc)
    except StoreBusyError:
        st.warning(i18n.t("app.store_busy", lang))
    else:
        # kept while the store stays as this write left it: a rerun of the grid does not wipe it
        # words at display time, so the note follows a change of language
        st.session_state["tg_done"] = (bridge.data_version(), done_key if result is not None
                                       else "whatif.targets.nothing", {**params, "batch": result})
        st.rerun()


done = st.session_state.get("tg_done")
if done and done[0] == bridge.data_version():
    st.success(i18n.t(done[1], lang, **done[2]))
before, path_problems = bridge.target_grid(indicator, year)
for p in path_problems:
    st.warning(views.problem_text(p, names, lang))
editable = bridge.can_edit()
views_ = list(target_views.VIEWS)  # quarters or year to date: all seven periods do not fit 1024 px
view = st.segmented_control(i18n.t("whatif.targets.view", lang), views_, key="tg_view",
                            default=target_views.default_view(before),
                            format_func=lambda v: i18n.t(f"whatif.targets.view.{v}", lang)) or views_[0]
tables = bridge.target_tables(indicator, year, lang, view, editable)  # in words, built once per data version
shown, table, columns, widths = (tables[k] for k in ("shown", "table", "columns", "widths"))
# text, not NumberColumn: that reads "13,4" as 134 in a browser set to English, whatever the page's language
config = {c: st.column_config.TextColumn(label, alignment="right" if c in targets_edit.PERIODS else None,
                                         width=widths[c]) for c, label in columns.items()}
st.caption(i18n.t("whatif.targets.help" if editable else "whatif.targets.read_only", lang))
if editable:
    after = st.data_editor(table, column_config=config, hide_index=True,
                           disabled=[c for c in shown if c not in targets_edit.PERIODS],
                           key=f"tg_grid_{bridge.data_version()}_{view}", width="stretch", height=360)
    typed, refused = entries.read_grid(after, before, indicator, names, lang)
    if refused:
        st.error("\n".join([i18n.t("whatif.targets.err.typed", lang)] + [f"- {m}" for m in refused]))
    d1, d2 = st.columns([3, 1], vertical_alignment="bottom")
    document = d1.text_input(i18n.t("whatif.targets.document", lang), key="tg_document",
                             placeholder="2545-CV/TU")
    if d2.button(i18n.t("whatif.targets.save", lang), type="primary", key="tg_save", disabled=bool(refused)):
        run_write(lambda s: targets_edit.save_grid(s, before, typed, indicator, year, bridge.user_name(),
                                                   document)[0], "whatif.targets.saved")
else:
    st.dataframe(table, column_config=config, hide_index=True, width="stretch", height=360)

st.markdown(f'<h2 class="gm-h3">{html.escape(i18n.t("whatif.targets.documents", lang))}</h2>', unsafe_allow_html=True)
st.dataframe(tables["documents"], hide_index=True, width="stretch", height=260, column_config={
    c: st.column_config.TextColumn(c, width=w) for c, w in tables["documents_widths"].items()})
batches = bridge.target_history(indicator, year)[1]
st.markdown(f'<h2 class="gm-h3">{html.escape(i18n.t("whatif.targets.history", lang))}</h2>',
            unsafe_allow_html=True)
st.dataframe(tables["history"], hide_index=True, width="stretch", height=260)
if editable:
    r1, r2 = st.columns([3, 1], vertical_alignment="bottom")
    undo = r1.selectbox(i18n.t("whatif.targets.revert_pick", lang), target_views.revertible(batches), key="tg_revert",
                        format_func=lambda b: target_views.batch_label(batches, b, lang), index=None,
                        placeholder=i18n.t("whatif.targets.revert_none", lang))
    if r2.button(i18n.t("whatif.targets.revert", lang), key="tg_revert_go", disabled=undo is None):
        run_write(lambda s: targets_edit.revert(s, undo, bridge.user_name()), "whatif.targets.reverted")

    st.markdown(f'<h2 class="gm-h3">{html.escape(i18n.t("whatif.targets.import", lang))}</h2>',
                unsafe_allow_html=True)
    st.markdown(upload_views.uploader_css(lang), unsafe_allow_html=True)  # the picker's own words in the reader's
    upload = st.file_uploader(target_views.import_label(lang), type=["csv"], key="tg_upload")
    if upload is not None:
        raw = upload.getvalue()
        try:
            plan = targets_edit.prepare(bridge.store(), raw, upload.name)
        except ValidationError as exc:
            show_problems(exc)
        else:
            st.info(i18n.t("whatif.targets.preview", lang, file=upload.name, **plan.counts))
            if st.button(i18n.t("whatif.targets.load", lang), key="tg_load", disabled=plan.rows.empty):
                run_write(lambda s: targets_edit.commit(s, targets_edit.prepare(s, raw, upload.name),
                                                        bridge.user_name()), "whatif.targets.loaded")
