"""Upload: a file is read, checked and previewed (an office table's layout shown, correctable); then confirmed."""

import streamlit as st

from monitor import bridge
from monitor.core import i18n
from monitor.core.errors import ConfirmationRequired, StalePreviewError, StoreBusyError, ValidationError
from monitor.core.i18n import t
from monitor.upload import layout_views
from monitor.upload import views as upload_view
from monitor.upload.ingest import Options, sha256

lang = bridge.language()
SHOWN = 200  # problems listed on the page (wrapped, readable on a projector); all of them in the download


def show_problems(problems, name: str) -> None:
    table = upload_view.problems_table(problems, lang)
    st.table(table.head(SHOWN).set_index(table.columns[0]))
    if len(table) > SHOWN:
        st.caption(t("upload.more_problems", lang, shown=SHOWN, count=len(table)))
    st.download_button(t("upload.download_problems", lang), upload_view.problems_csv(table),
                       file_name=f"{name}.problems.csv", mime="text/csv", key=f"gm_dl_{name}")


def correct_layout(office, file_name: str) -> None:
    """What an office table was understood as; the correction is saved for the next file of this layout."""
    if office is None:
        return
    form = layout_views.form(office, bridge.labels(lang), lang)
    with st.expander(form.heading, expanded=form.needs_help, icon=":material/table_view:"):
        st.caption(form.summary)
        picks = {key: col.selectbox(label, options, index=options.index(now), key=f"gm_lay_{key}")
                 for col, (key, (label, options, now)) in zip(st.columns(len(form.picks)), form.picks.items())}
        boxes = {name: st.column_config.SelectboxColumn(name, options=opts) for name, opts in form.choices.items()}
        cols, rows = (st.data_editor(getattr(form, part), hide_index=True, width="stretch", column_config=boxes,
                                     disabled=form.locked[part], key=f"gm_lay_{part}") for part in ("columns", "rows"))
        st.button(t("layout.save", lang), icon=":material/save:", key="gm_lay_save", on_click=bridge.save_layout,
                  args=(office.signature, layout_views.spec(office, form, cols, rows, picks, lang), file_name))


if not bridge.can_upload():  # navigation hides this page from viewers; a stale link still stops here
    st.error(t("upload.forbidden", lang), icon=":material/block:")
    st.stop()

st.title(t("upload.title", lang))
st.markdown(t("upload.intro", lang))
for col, (label, kind, key, name, mime) in zip(st.columns(4), upload_view.template_downloads(lang)):
    col.download_button(label, bridge.template(kind, key), file_name=name, mime=mime, width="stretch")

done = st.session_state.pop("gm_upload_done", None)
if done:
    st.success(t("upload.loaded", lang, **done), icon=":material/check_circle:")
    st.page_link("pages/home.py", label=t("upload.see_overview", lang), icon=":material/monitoring:")

kind = st.segmented_control(t("upload.kind_pick", lang), ["observations", "targets"], default="observations",
                            format_func=lambda k: t(f"upload.kind_pick.{k}", lang), key="gm_kind") or "observations"
if kind == "targets":
    st.caption(t("upload.targets_format", lang))
st.markdown(upload_view.uploader_css(lang), unsafe_allow_html=True)
upload = st.file_uploader(upload_view.choose_label(lang), type=["csv", "xlsx"],
                          key=f"gm_file_{st.session_state.get('gm_uploads', 0)}")
if upload is None:
    st.stop()
raw, prepared = upload.getvalue(), st.session_state.get("gm_upload")
options = st.session_state.get("gm_upload_opts", {}).get(sha256(raw), Options())  # e.g. include corrected parents
try:
    if prepared is None or (prepared.sha256, prepared.file_name, st.session_state.get("gm_upload_kind"),
                            prepared.options) != (sha256(raw), upload.name, kind, options):
        with st.spinner(t("upload.checking", lang)):
            prepared = st.session_state["gm_upload"] = bridge.prepare_upload(raw, upload.name, kind, options)
            st.session_state["gm_upload_kind"] = kind
except ValidationError as exc:
    st.error(t("upload.refused", lang, file=upload.name, count=len(exc.problems)), icon=":material/error:")
    show_problems(exc.problems, "errors")
    if layout_views.offer_parents(exc.problems):
        st.button(t("upload.include_parents", lang), type="primary", key="gm_parents", on_click=st.session_state.update,
                  args=({"gm_upload_opts": {sha256(raw): Options(include_parents=True)}},))
    correct_layout(getattr(exc, "office", None), upload.name)
    st.stop()
except StoreBusyError:
    st.warning(t("app.store_busy", lang))
    st.stop()

read = t("upload.rows_read", lang, rows=i18n.number(len(prepared.rows), lang, 0))
st.info(f"{prepared.info.describe(lang)} · {read}", icon=":material/info:")
st.markdown(layout_views.notes(prepared.notes, lang))
correct_layout(prepared.office, upload.name)
for col, (label, value) in zip(st.columns(4), upload_view.counts(prepared, lang)):
    col.metric(label, value)
for heading, table in layout_views.preview_tables(prepared, lang):
    st.header(heading)
    st.dataframe(table, hide_index=True, width="stretch", height=min(400, 40 + 36 * len(table)))

ok = {}
for part, items in (("warnings", prepared.warnings), ("downgrades", prepared.downgrades)):
    if items:
        st.warning(t(f"upload.{part}", lang, count=len(items)), icon=":material/warning:")
        show_problems(items, part)
    ok[part] = not items or st.checkbox(t(f"upload.confirm_{part}", lang), key=f"gm_ok_{part}")

nothing = prepared.counts.get("new", 0) + prepared.counts.get("revised", 0) + prepared.counts.get("downgrade", 0) == 0
if nothing:
    st.info(t("upload.nothing_new", lang))
if st.button(t("upload.confirm", lang, rows=i18n.number(len(prepared.rows), lang, 0)), type="primary",
             disabled=nothing or not all(ok.values()), key="gm_confirm"):
    try:
        batch = bridge.commit_upload(prepared, kind, ok["warnings"], ok["downgrades"])
    except (StalePreviewError, ConfirmationRequired, StoreBusyError) as exc:
        st.session_state.pop("gm_upload", None)  # a stale preview is made again; a busy store is tried again
        st.warning(t("upload.stale" if isinstance(exc, StalePreviewError) else "app.store_busy", lang))
        st.stop()
    st.session_state.pop("gm_upload", None)
    if kind == "observations":  # owners of items this load turned lagging are mailed (when a server is set)
        bridge.notify_after_load(lang)
    st.session_state["gm_uploads"] = st.session_state.get("gm_uploads", 0) + 1  # a fresh, empty uploader
    st.session_state["gm_upload_done"] = {"batch": batch, "file": prepared.file_name,
                                          "rows": i18n.number(len(prepared.rows), lang, 0)}
    st.rerun()
