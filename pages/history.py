"""History: every load batch; a batch can be rolled back after seeing what it changes. Nothing is deleted."""

import streamlit as st

from monitor import bridge
from monitor.core import i18n
from monitor.core.errors import StoreBusyError
from monitor.core.i18n import t
from monitor.upload import export
from monitor.upload import views as upload_view
from monitor.upload.history import NotRollbackable

lang = bridge.language()
if not bridge.can_upload():  # navigation hides this page from viewers; a stale link still stops here
    st.error(t("upload.forbidden", lang), icon=":material/block:")
    st.stop()

st.title(t("upload.history_title", lang))
st.markdown(t("upload.history_intro", lang))
done = st.session_state.pop("gm_rollback_done", None)
if done:
    st.success(t("upload.rolled_back", lang, batch=done), icon=":material/undo:")

frame = bridge.batches()
st.dataframe(upload_view.batches_table(frame, lang), hide_index=True, width="stretch",
             height=min(420, 40 + 36 * len(frame)))

as_of = bridge.as_of()  # the header's quarter: its figures in force, in the upload format, to edit and load back
if as_of is not None:
    st.header(t("upload.export_heading", lang))
    st.markdown(t("upload.export_intro", lang, period=i18n.quarter_label(as_of.year, as_of.quarter, lang)))
    for col, fmt in zip(st.columns(2), export.FORMATS):
        col.download_button(t(f"upload.download.export_{fmt}", lang), width="stretch", key=f"gm_export_{fmt}",
                            data=lambda fmt=fmt, store=bridge.store(): export.export(  # built on click
                                store, fmt, lang, as_of.year, as_of.quarter)[0],
                            file_name=export.file_name(fmt, as_of.year, as_of.quarter), mime=export.MIME[fmt])

loaded = frame[frame["outcome"] == "loaded"]
if loaded.empty:
    st.stop()
st.header(t("upload.rollback_heading", lang))
labels = {int(r.batch_id): f"{r.batch_id} · {r.file_name} · {r.user_name} · {str(r.loaded_at)[:16]}"
          for r in loaded.itertuples()}
batch = st.selectbox(t("upload.rollback_pick", lang), list(labels), format_func=labels.get, key="gm_rb_batch")
changes = bridge.rollback_preview(batch)
newest = batch == int(frame["batch_id"].max())
st.markdown(t("upload.rollback_effect" if newest else "upload.rollback_effect_older", lang,
              count=i18n.number(len(changes), lang, 0), batch=batch))
if len(changes):
    st.dataframe(upload_view.rollback_table(changes.head(1000), lang), hide_index=True, width="stretch",
                 height=min(360, 40 + 36 * len(changes)))
reason = st.text_input(t("upload.rollback_reason", lang), key="gm_rb_reason")
sure = st.checkbox(t("upload.rollback_confirm", lang, batch=batch), key="gm_rb_sure")
if st.button(t("upload.rollback_button", lang, batch=batch), type="primary", disabled=not sure, key="gm_rb_go"):
    try:
        bridge.rollback(batch, reason)
    except NotRollbackable:
        st.warning(t("upload.cli.rollback_refused", lang, batch=batch))
        st.stop()
    except StoreBusyError:
        st.warning(t("app.store_busy", lang))
        st.stop()
    st.session_state["gm_rollback_done"] = batch
    st.rerun()
