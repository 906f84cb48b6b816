"""Upload: an analyst's file is read, checked and previewed; nothing is written until confirmed."""

import streamlit as st

from monitor import bridge
from monitor.core import i18n
from monitor.core.errors import ConfirmationRequired, StalePreviewError, StoreBusyError, ValidationError
from monitor.core.i18n import t
from monitor.upload import views as upload_view
from monitor.upload.ingest import sha256
from monitor.upload.reader import max_bytes

lang = bridge.language()
SHOWN = 200  # problems listed on the page (wrapped, readable on a projector); all of them in the download


def show_problems(problems, name: str) -> None:
    table = upload_view.problems_table(problems, lang)
    st.table(table.head(SHOWN).set_index(table.columns[0]))
    if len(table) > SHOWN:
        st.caption(t("upload.more_problems", lang, shown=SHOWN, count=len(table)))
    st.download_button(t("upload.download_problems", lang), table.to_csv(index=False).encode("utf-8-sig"),
                       file_name=f"{name}.problems.csv", mime="text/csv", key=f"gm_dl_{name}")


if not bridge.can_upload():  # navigation hides this page from viewers; a stale link still stops here
    st.error(t("upload.forbidden", lang), icon=":material/block:")
    st.stop()

st.title(t("upload.title", lang))
st.markdown(t("upload.intro", lang))
cols = st.columns(4)
for col, (kind, key, name, mime) in zip(cols, [
        ("csv", "vi", "mau_so_lieu.csv", "text/csv"), ("csv", "en", "observations_template.csv", "text/csv"),
        ("xlsx", lang, f"template_{lang}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("codes", lang, f"codes_{lang}.csv", "text/csv")]):
    col.download_button(t(f"upload.download.{kind}.{key}" if kind == "csv" else f"upload.download.{kind}", lang),
                        bridge.template(kind, key), file_name=name, mime=mime, width="stretch")

done = st.session_state.pop("gm_upload_done", None)
if done:
    st.success(t("upload.loaded", lang, **done), icon=":material/check_circle:")
    st.page_link("pages/home.py", label=t("upload.see_overview", lang), icon=":material/monitoring:")

kind = st.segmented_control(t("upload.kind_pick", lang), ["observations", "targets"], default="observations",
                            format_func=lambda k: t(f"upload.kind_pick.{k}", lang), key="gm_kind") or "observations"
if kind == "targets":
    st.caption(t("upload.targets_format", lang))
st.markdown(upload_view.uploader_css(lang), unsafe_allow_html=True)
upload = st.file_uploader(t("upload.choose", lang, limit=i18n.number(max_bytes() / 2**20, lang, 0)),
                          type=["csv", "xlsx"], key=f"gm_file_{st.session_state.get('gm_uploads', 0)}")
if upload is None:
    st.stop()
raw = upload.getvalue()
cached = st.session_state.get("gm_upload")
try:
    if cached is None or (cached.sha256, cached.file_name, st.session_state.get("gm_upload_kind")) != (
            sha256(raw), upload.name, kind):
        with st.spinner(t("upload.checking", lang)):
            cached = st.session_state["gm_upload"] = bridge.prepare_upload(raw, upload.name, kind)
            st.session_state["gm_upload_kind"] = kind
except ValidationError as exc:
    st.session_state.pop("gm_upload", None)
    st.error(t("upload.refused", lang, file=upload.name, count=len(exc.problems)), icon=":material/error:")
    show_problems(exc.problems, "errors")
    st.stop()
except StoreBusyError:
    st.warning(t("app.store_busy", lang))
    st.stop()

prepared = cached
read = t("upload.rows_read", lang, rows=i18n.number(len(prepared.rows), lang, 0))
st.info(f"{prepared.info.describe(lang)} · {read}", icon=":material/info:")
for col, (label, value) in zip(st.columns(4), upload_view.counts(prepared, lang)):
    col.metric(label, value)
if prepared.ytd_changes is not None and len(prepared.ytd_changes):
    st.subheader(t("upload.ytd_heading", lang))
    st.dataframe(upload_view.ytd_table(prepared, lang), hide_index=True, width="stretch")
changes = upload_view.changes_table(prepared, lang)
if len(changes):
    st.subheader(t("upload.changes_heading", lang))
    st.dataframe(changes, hide_index=True, width="stretch", height=min(400, 40 + 36 * len(changes)))

ok_warnings = ok_downgrades = True
if prepared.warnings:
    st.warning(t("upload.warnings", lang, count=len(prepared.warnings)), icon=":material/warning:")
    show_problems(prepared.warnings, "warnings")
    ok_warnings = st.checkbox(t("upload.confirm_warnings", lang), key="gm_ok_warnings")
if prepared.downgrades:
    st.warning(t("upload.downgrades", lang, count=len(prepared.downgrades)), icon=":material/warning:")
    show_problems(prepared.downgrades, "downgrades")
    ok_downgrades = st.checkbox(t("upload.confirm_downgrades", lang), key="gm_ok_downgrades")

nothing = prepared.counts.get("new", 0) + prepared.counts.get("revised", 0) + prepared.counts.get("downgrade", 0) == 0
if nothing:
    st.info(t("upload.nothing_new", lang))
if st.button(t("upload.confirm", lang, rows=i18n.number(len(prepared.rows), lang, 0)), type="primary",
             disabled=nothing or not (ok_warnings and ok_downgrades), key="gm_confirm"):
    try:
        batch = bridge.commit_upload(prepared, kind, ok_warnings, ok_downgrades)
    except StalePreviewError:
        st.session_state.pop("gm_upload", None)
        st.warning(t("upload.stale", lang))
        st.stop()
    except (ConfirmationRequired, StoreBusyError):
        st.warning(t("app.store_busy", lang))
        st.stop()
    st.session_state.pop("gm_upload", None)
    st.session_state["gm_uploads"] = st.session_state.get("gm_uploads", 0) + 1  # a fresh, empty uploader
    st.session_state["gm_upload_done"] = {"batch": batch, "file": prepared.file_name,
                                          "rows": i18n.number(len(prepared.rows), lang, 0)}
    st.rerun()
