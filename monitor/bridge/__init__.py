"""The one place the core meets Streamlit: the cached store, cached reports and figures, the session's choices.

Split like the product (base, leader, upload, whatif, briefing); pages call `bridge.<name>` for the names listed
here. Every cached result is keyed by the store's data version (base.cached), so a load or a rollback makes every
page show the new figures at once.
"""

from monitor.bridge.accountability import (  # issue 15: owners, the action register, notifications
    accountable,
    acting_user,
    action_checkins,
    add_action,
    change_owner,
    check_in,
    mail_server,
    may_write,
    my_owners,
    notification_log,
    notifications_pending,
    notify_after_load,
    officer_bindings,
    owner_history,
    owners_in_force,
    register_rows,
    register_version,
    register_xlsx,
    send_notifications,
    today,
    writable,
)
from monitor.bridge.annotations import (  # issue 16: annotations, the wall's playlists and screens, the pack
    add_annotation,
    annotation_history,
    annotations,
    annotations_csv,
    annotations_version,
    chart_notes,
    edit_annotation,
    load_annotations,
    playlist,
    playlist_names,
    playlists_listed,
    quarterly_pack,
    remove_annotation,
    save_playlist,
    wall_chart_svg,
    wall_screens,
)
from monitor.bridge.base import (
    cached,
    cached_figure,
    data_version,
    demo_loaded,
    forget_data_version,
    labels,
    language,
    latest,
    store,
    writable_store,
    write,
)
from monitor.bridge.briefing import briefing_deck, briefing_file, briefing_svgs
from monitor.bridge.figures import ranking_figure, sector_figures, series_figure  # issue 18: figures cached
from monitor.bridge.leader import (
    as_of,
    contribution_bridge,
    indicator_names,
    link_params,
    other_indicators,
    quarters,
    report,
    sector_names,
    series,
    structure,
    trajectory,
    unit_names,
    unit_report,
    url_state,
)
from monitor.bridge.nowcast import (  # issue 17
    month_label,
    nowcast_figures,
    nowcast_months,
    overview_nowcast,
    whatif_nowcast_note,
)
from monitor.bridge.safety import (
    account_notice,
    friendly_errors,
    show_failure,
    store_failure,
    url_choice,
    url_choices,
    url_number,
)
from monitor.bridge.statistics import national, revisions
from monitor.bridge.upload import (
    accounts_exist,
    batches,
    can_upload,
    commit_upload,
    current_user,
    log_in,
    log_out,
    login_records,
    oidc_configured,
    prepare_upload,
    role,
    rollback,
    rollback_preview,
    save_layout,
    template,
    unlock,
)
from monitor.bridge.whatif import (
    can_edit,
    keep_choice,
    shortfall,
    target_grid,
    target_history,
    target_in_force,
    target_tables,
    targets,
    user_name,
    whatif,
    whatif_chart,
)

__all__ = [
    "accounts_exist", "as_of", "batches", "briefing_deck", "briefing_file", "briefing_svgs", "cached", "can_edit",
    "can_upload", "commit_upload", "contribution_bridge", "current_user", "data_version", "demo_loaded",
    "forget_data_version", "indicator_names", "keep_choice", "labels", "language", "latest", "link_params", "log_in",
    "log_out",
    "oidc_configured", "other_indicators", "prepare_upload", "quarters", "report", "role", "rollback",
    "rollback_preview", "save_layout", "sector_names", "series", "shortfall", "store", "structure", "target_grid",
    "target_history",
    "targets", "template", "trajectory", "unit_names", "unit_report", "url_state", "user_name", "whatif",
    "whatif_chart", "writable_store", "write",
]
__all__ += ["national", "revisions"]
__all__ += ["target_in_force"]
__all__ += ["month_label", "nowcast_figures", "nowcast_months", "overview_nowcast", "whatif_nowcast_note"]
__all__ += ["account_notice", "friendly_errors", "login_records", "show_failure", "store_failure", "unlock",
            "url_choice", "url_choices", "url_number"]
__all__ += [  # accountability
    "accountable", "acting_user", "action_checkins", "add_action", "change_owner", "check_in", "mail_server",
    "may_write", "my_owners", "notification_log", "notifications_pending", "notify_after_load", "officer_bindings",
    "owner_history", "owners_in_force", "register_rows", "register_version", "register_xlsx", "send_notifications",
    "today", "writable",
]
__all__ += [  # annotations and the wall
    "add_annotation", "annotation_history", "annotations", "annotations_csv", "annotations_version", "chart_notes",
    "edit_annotation",
    "load_annotations", "playlist", "playlist_names", "playlists_listed", "quarterly_pack", "remove_annotation",
    "save_playlist", "wall_chart_svg", "wall_screens",
]
__all__ += ["cached_figure", "ranking_figure", "sector_figures", "series_figure", "target_tables"]  # issue 18
