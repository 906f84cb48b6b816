"""The register and the owners as a reader sees them: names instead of codes, statuses in words, the lagging rows
with their owners and their open and overdue actions, and the register's Excel file (formula-like text
neutralised). Pure functions: pages lay them out, tests read exactly what a leader sees."""

from __future__ import annotations

import pandas as pd

from monitor.accountability.register import counts
from monitor.accountability.rules import LATE
from monitor.core import export, i18n
from monitor.core.reference import Labels

STATUS_COLOR = {"escalated": "#8b1a1a", "overdue": "#b42318", "due": "#8a5a00", "not_due": "#475467",
                "done_late": "#6b4e16", "done_on_time": "#067647"}
JSON_FIELDS = ("id", "item_kind", "item_code", "owner", "deadline", "status", "raised_year", "raised_quarter",
               "text", "completed_on", "days_past", "gap_pp", "expected_effect_pp", "expected_effect", "checkins")


def status_text(status: str, lang: str) -> str:
    return i18n.t(f"acc.status.{status}", lang)


def status_html(status: str, lang: str) -> str:
    import html
    return (f'<span class="gm-badge" style="border-color:{STATUS_COLOR[status]};color:{STATUS_COLOR[status]}">'
            f'{html.escape(status_text(status, lang))}</span>')


def item_name(names: Labels, kind: str, code: str) -> str:
    return (names.unit if kind == "unit" else names.sector).get(code, code)


def owner_label(owner: dict | None, lang: str) -> str:
    """'Sở Công Thương – Giám đốc Sở Trần Văn An (minh họa)'; 'No owner yet' without one."""
    if not owner:
        return i18n.t("acc.owner_none", lang)
    leader = " ".join(x for x in (owner.get("leader_title"), owner.get("leader_name")) if x)
    text = i18n.t("acc.owner_line", lang, body=owner["body"], leader=leader) if leader else owner["body"]
    return text + (f" ({i18n.t('acc.demo_mark', lang)})" if owner.get("synthetic") else "")


def with_owners(rows: list[dict], owners_in_force: list[dict], register: list[dict]) -> list[dict]:
    """Lagging-list rows (leader.views.lagging) each given its owner (a dict or None) and its actions' counts:
    open, overdue (past the deadline, not done), done, total."""
    owner_of = {(o["item_kind"], o["item_code"]): o for o in owners_in_force}
    per_item = counts(register)
    empty = {"open": 0, "overdue": 0, "done": 0, "total": 0}
    return [{**r, "owner": owner_of.get((r["kind"], r["code"])),
             "actions": per_item.get((r["kind"], r["code"]), empty)} for r in rows]


def filter_rows(rows: list[dict], owner: str | None = None, overdue: bool = False) -> list[dict]:
    """Lagging rows (with_owners) of one owner, or only those with an action past its deadline."""
    return [r for r in rows if (owner is None or (r["owner"] or {}).get("owner") == owner)
            and (not overdue or r["actions"]["overdue"] > 0)]


def accountability_line(row: dict, lang: str) -> dict:
    """What the overview and the lagging page add under a flagged item: owner, and its open and overdue actions."""
    a = row["actions"]
    return {"owner": owner_label(row["owner"], lang), "overdue": a["overdue"],
            "actions": i18n.t("acc.actions_line", lang, open=a["open"], overdue=a["overdue"]) if a["total"]
            else i18n.t("acc.no_actions", lang)}


def owner_choices(owners_in_force: list[dict]) -> dict[str, str]:
    """owner code -> body, sorted by body (the filters' options)."""
    found = {o["owner"]: o["body"] for o in owners_in_force}
    return dict(sorted(found.items(), key=lambda kv: (kv[1], kv[0])))


def register_table(rows: list[dict], names: Labels, owners_in_force: list[dict], lang: str) -> pd.DataFrame:
    """The register as a leader reads it, indexed by action id."""
    bodies = owner_choices(owners_in_force)
    cols = [i18n.t(f"acc.col.{c}", lang) for c in ("id", "item", "owner", "action", "deadline", "status",
                                                   "completed", "raised", "gap", "effect", "last_note")]
    return pd.DataFrame([[
        r["action_id"], item_name(names, r["item_kind"], r["item_code"]), bodies.get(r["owner"], r["owner"]),
        r["text"], r["deadline"].isoformat(), status_text(r["status"], lang),
        r["completed_on"].isoformat() if r["completed_on"] else "",
        i18n.quarter_label(r["raised_year"], r["raised_quarter"], lang) if r["raised_year"] else "",
        i18n.pp(r["gap_pp"], lang), _effect(r, lang), r["last_note"] or ""] for r in rows],
        columns=cols, index=[r["action_id"] for r in rows])


def _effect(r: dict, lang: str) -> str:
    parts = [i18n.pp(r["expected_effect_pp"], lang) if r["expected_effect_pp"] is not None else "",
             r["expected_effect"] or ""]
    return "; ".join(p for p in parts if p)


def checkin_table(rows: list[dict], lang: str) -> pd.DataFrame:
    return pd.DataFrame([[str(c["checked_on"])[:10], c["note"], status_text(c["status"], lang), c["user_name"]]
                         for c in rows], columns=[i18n.t(f"acc.col.{c}", lang) for c in ("date", "note", "status",
                                                                                            "by")])


def owners_table(owners_in_force: list[dict], names: Labels, lang: str) -> pd.DataFrame:
    return pd.DataFrame([[i18n.t(f"kind.{o['item_kind']}", lang), item_name(names, o["item_kind"], o["item_code"]),
                          o["body"], " ".join(x for x in (o["leader_title"], o["leader_name"]) if x), o["email"] or "",
                          o["owner"]] for o in owners_in_force],
                        columns=[i18n.t(f"acc.col.{c}", lang) for c in ("kind", "item", "owner", "leader", "email",
                                                                        "owner_code")])


def register_xlsx(rows: list[dict], names: Labels, owners_in_force: list[dict], lang: str) -> bytes:
    """The register for the meeting minutes: every text cell starting with = + - @ neutralised (core/export)."""
    frame = register_table(rows, names, owners_in_force, lang).map(export.neutralise)
    return export.to_xlsx(frame, i18n.t("acc.export.sheet", lang))


def as_json(rows: list[dict]) -> list[dict]:
    """The register for `actions list --json`: codes and numbers, dates as YYYY-MM-DD."""
    return [{k: (r["action_id"] if k == "id" else r[k].isoformat() if hasattr(r.get(k), "isoformat") else r.get(k))
             for k in JSON_FIELDS} for r in rows]


def counts_line(rows: list[dict], lang: str) -> str:
    done = sum(r["status"].startswith("done") for r in rows)
    return i18n.t("acc.counts", lang, total=len(rows), open=len(rows) - done,
                  overdue=sum(r["status"] in LATE for r in rows), done=done)
