"""Sự kiện trên biểu đồ / Chart annotations (issue 16): the events and periods every time chart shows, added,
changed and removed by analysts (each change recorded: who, when, old and new), loaded from a file or downloaded;
and the playlists of the operations-centre screen (/man-hinh)."""

import streamlit as st

from monitor import bridge
from monitor.annotations import views
from monitor.core import i18n
from monitor.core.errors import ValidationError
from monitor.upload import views as upload_views

lang = bridge.language()
col = lambda name: i18n.column_label(name, lang)  # noqa: E731 - the form's labels are the file's headings
st.markdown(f'<h1 class="gm-title">{i18n.t("ann.page.title", lang)}</h1>', unsafe_allow_html=True)
st.caption(i18n.t("ann.page.intro", lang))
done = st.session_state.pop("gm_ann_done", None)
if done:
    st.success(done, icon=":material/check_circle:")
rows = bridge.annotations()
st.subheader(i18n.t("ann.page.in_force", lang))
if rows:
    st.dataframe(views.table(rows, lang), hide_index=True, width="stretch")
else:
    st.info(i18n.t("ann.page.none", lang))
st.download_button(i18n.t("ann.page.download", lang), data=bridge.annotations_csv(lang), file_name="annotations.csv",
                   mime="text/csv", icon=":material/download:", key="gm-ann-download")
KINDS = {"": "ann.page.kind_none", "unit": "ann.page.kind_unit", "sector": "ann.page.kind_sector"}


def fields(prefix: str, now: dict | None = None) -> dict:
    """The form's cells (the file's columns), filled with an annotation's values when one is being changed."""
    now = now or {}
    a, b = st.columns(2)
    cells = {"start_date": a.text_input(col("start_date"), views.when(now).split(" – ")[0] if now else "",
                                        placeholder=i18n.t("ann.page.date_help", lang), key=f"{prefix}-start"),
             "end_date": b.text_input(col("end_date"), views.when(now).split(" – ")[-1] if now else "",
                                      placeholder=i18n.t("ann.page.end_help", lang), key=f"{prefix}-end"),
             "title_vi": a.text_input(col("title_vi"), now.get("title_vi", ""), max_chars=60, key=f"{prefix}-tvi"),
             "title_en": b.text_input(col("title_en"), now.get("title_en", ""), max_chars=60, key=f"{prefix}-ten"),
             "text_vi": a.text_area(col("text_vi"), now.get("text_vi") or "", key=f"{prefix}-xvi"),
             "text_en": b.text_area(col("text_en"), now.get("text_en") or "", key=f"{prefix}-xen")}
    kinds = list(KINDS)
    cells["item_kind"] = a.selectbox(i18n.t("ann.page.kind", lang), kinds, kinds.index(now.get("item_kind") or ""),
                                     format_func=lambda k: i18n.t(KINDS[k], lang), key=f"{prefix}-kind")
    cells["item_code"] = b.text_input(i18n.t("ann.page.code", lang), now.get("item_code") or "", key=f"{prefix}-code")
    cells["source"] = st.text_input(col("source"), now.get("source") or "", key=f"{prefix}-source")
    return cells


def attempt(action, message: str) -> None:
    """Run a write; on success say so after the rerun, on a refusal list every problem here."""
    try:
        result = action()
    except ValidationError as exc:
        st.error("\n".join(f"- {line}" for line in views.problem_lines(exc.problems, lang)))
        return
    st.session_state["gm_ann_done"] = message(result) if callable(message) else message.format(result=result)
    st.rerun()


if not bridge.can_upload():
    st.info(i18n.t("ann.page.read_only", lang))
else:
    with st.expander(i18n.t("ann.page.add", lang), icon=":material/add:"):
        with st.form("gm-ann-add"):
            new = fields("add")
            if st.form_submit_button(i18n.t("ann.page.save", lang), type="primary"):
                attempt(lambda: bridge.add_annotation(**new), i18n.t("ann.page.added", lang, id="{result}"))
    if rows:
        with st.expander(i18n.t("ann.page.edit", lang), icon=":material/edit:"):
            chosen = st.selectbox(i18n.t("ann.page.pick", lang), rows, format_func=lambda r: views.label(r, lang),
                                  key="gm-ann-pick")
            with st.form(f"gm-ann-edit-{chosen['annotation_id']}"):
                changed = fields(f"edit-{chosen['annotation_id']}", chosen)
                save, drop = st.columns(2)
                if save.form_submit_button(i18n.t("ann.page.save", lang), type="primary"):
                    attempt(lambda: bridge.edit_annotation(chosen["annotation_id"], **changed),
                            lambda did: i18n.t("ann.page.edited" if did else "ann.page.unchanged", lang,
                                               id=chosen["annotation_id"]))
                if drop.form_submit_button(i18n.t("ann.page.remove", lang)):
                    attempt(lambda: bridge.remove_annotation(chosen["annotation_id"]),
                            i18n.t("ann.page.removed", lang, id=chosen["annotation_id"]))
    st.markdown(upload_views.uploader_css(lang), unsafe_allow_html=True)  # the picker's own words in the reader's
    upload = st.file_uploader(i18n.t("ann.page.file", lang), type=["csv", "xlsx"], key="gm-ann-file")
    if upload is not None and st.session_state.get("gm_ann_loaded") != upload.file_id:
        st.session_state["gm_ann_loaded"] = upload.file_id
        try:
            counts = bridge.load_annotations(upload.getvalue(), upload.name)
            st.session_state["gm_ann_done"] = i18n.t("ann.page.loaded", lang, file=upload.name, **counts)
            st.rerun()
        except ValidationError as exc:
            st.error(i18n.t("ann.page.refused", lang, file=upload.name, count=len(exc.problems)) + "\n"
                     + "\n".join(f"- {line}" for line in views.problem_lines(exc.problems, lang)))

st.subheader(i18n.t("ann.page.playlists", lang))
st.dataframe(views.playlist_table(bridge.playlists_listed(), lang), hide_index=True, width="stretch",
             column_config={i18n.t("ann.page.wall_link", lang): st.column_config.LinkColumn()})
if bridge.can_upload():
    with st.form("gm-ann-playlist"):
        a, b, c = st.columns([1, 2, 1])
        name = a.text_input(col("name"), key="gm-pl-name")
        items = b.text_input(col("items"), "overview,trajectory,sectors,localities:5,actions",
                             help=i18n.t("ann.page.items_help", lang), key="gm-pl-items")
        seconds = c.number_input(col("interval_s"), 2, 600, 20, key="gm-pl-seconds")
        if st.form_submit_button(i18n.t("ann.page.save_playlist", lang)):
            attempt(lambda: bridge.save_playlist(name.strip(), items, int(seconds))["name"],
                    i18n.t("ann.page.playlist_saved", lang, name="{result}"))
with st.expander(i18n.t("ann.page.history", lang), icon=":material/history:"):
    st.dataframe(views.history_table(bridge.annotation_history(), lang), hide_index=True, width="stretch")
