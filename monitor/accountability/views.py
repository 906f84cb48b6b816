"""The register and the owners as a reader sees them: names instead of codes, statuses in words, the lagging rows
with their owners and their open and overdue actions, and the register's Excel file (formula-like text
neutralised). Pure functions: pages lay them out, tests read exactly what a leader sees."""

from __future__ import annotations

import html

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
    """Lagging-list rows (leader.views.lagging) each given its owner (a dict or None), its actions' counts (open,
    overdue: past the deadline and not done, done, total) and its overdue actions, most overdue first."""
    owner_of = {(o["item_kind"], o["item_code"]): o for o in owners_in_force}
    per_item = counts(register)
    empty = {"open": 0, "overdue": 0, "done": 0, "total": 0}
    late = {}
    for a in register:
        if a["status"] in LATE:
            late.setdefault((a["item_kind"], a["item_code"]), []).append(a)
    return [{**r, "owner": owner_of.get((r["kind"], r["code"])),
             "actions": per_item.get((r["kind"], r["code"]), empty),
             "overdue_actions": late.get((r["kind"], r["code"]), [])} for r in rows]


def filter_rows(rows: list[dict], owner: str | None = None, overdue: bool = False) -> list[dict]:
    """Lagging rows (with_owners) of one owner, or only those with an action past its deadline."""
    return [r for r in rows if (owner is None or (r["owner"] or {}).get("owner") == owner)
            and (not overdue or r["actions"]["overdue"] > 0)]


def accountability_line(row: dict, lang: str) -> dict:
    """What the overview and the lagging page add under a flagged item: owner, and its open and overdue actions."""
    a = row["actions"]
    return {"owner": owner_label(row["owner"], lang), "overdue": a["overdue"],
            "actions": i18n.t("acc.actions_line", lang, open=a["open"], overdue=a["overdue"], done=a["done"])
            if a["total"]
            else i18n.t("acc.no_actions", lang)}


def owner_html(row: dict, lang: str, first_overdue: bool = True) -> str:
    """Under a flagged item on the overview: who answers for it, its open and overdue actions, and the first overdue
    commitment itself (what, by when)."""
    line = accountability_line(row, lang)
    late = row["overdue_actions"][0] if row["overdue_actions"] and first_overdue else None
    overdue = ""
    if late:
        text = i18n.t("acc.overdue_action", lang, text=late["text"], deadline=late["deadline"].isoformat())
        overdue = (f'<br><span data-testid="gm-act-overdue" style="color:{STATUS_COLOR["overdue"]}">⚠ '
                   f'{html.escape(text)}</span>')
    return (f'<div data-testid="gm-act-owner" style="margin:-0.2rem 0 0.9rem 0.4rem">{html.escape(line["owner"])}<br>'
            f'<span class="gm-source">{html.escape(line["actions"])}</span>{overdue}</div>')


def lagging_table(rows: list[dict], lang: str) -> pd.DataFrame:
    """The lagging page's table (leader.views.lagging_table) with each row's owner and its open and overdue
    actions (rows from with_owners)."""
    from monitor.leader.views import lagging_table as leader_table
    table = leader_table(rows, lang)
    table.insert(2, i18n.t("acc.col.owner", lang), [owner_label(r["owner"], lang) for r in rows])
    table.insert(3, i18n.t("acc.col.open", lang), [r["actions"]["open"] for r in rows])
    table.insert(4, i18n.t("acc.col.overdue", lang), [r["actions"]["overdue"] for r in rows])
    return table


def unit_register(rows: list[dict], kind: str, code: str) -> list[dict]:
    """One item's actions (a unit's detail)."""
    return filter_register(rows, item=(kind, code))


def owner_choices(owners_in_force: list[dict]) -> dict[str, str]:
    """owner code -> body, sorted by body (the filters' options)."""
    found = {o["owner"]: o["body"] for o in owners_in_force}
    return dict(sorted(found.items(), key=lambda kv: (kv[1], kv[0])))


def register_table(rows: list[dict], names: Labels, owners_in_force: list[dict], lang: str) -> pd.DataFrame:
    """The register as a leader reads it, indexed by action id."""
    bodies = owner_choices(owners_in_force)
    cols = [i18n.t(f"acc.col.{c}", lang) for c in ("id", "status", "deadline", "item", "owner", "action",
                                                   "completed", "raised", "gap", "effect", "last_note")]
    return pd.DataFrame([[  # status and deadline first: what a reader looks for, in view at 1024 px
        r["action_id"], status_text(r["status"], lang), r["deadline"].isoformat(),
        item_name(names, r["item_kind"], r["item_code"]), bodies.get(r["owner"], r["owner"]), r["text"],
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


def parse_item(text: str | None) -> tuple[str, str] | None:
    """'unit:06661' -> ('unit', '06661'); None for anything else (a link's item parameter)."""
    kind, _, code = (text or "").partition(":")
    return (kind, code) if kind in ("unit", "sector") and code else None


def filter_register(rows: list[dict], owner: str | None = None, overdue: bool = False,
                    item: tuple[str, str] | None = None) -> list[dict]:
    from monitor.accountability.register import select
    return select(rows, owner=owner, overdue=overdue, item=item)


def item_options(lagging_rows: list[dict], lang: str) -> dict[str, str]:
    """'kind:code' -> 'name (status, gap)' for the flagged items an action can be raised for, worst first."""
    return {f"{r['kind']}:{r['code']}": f"{r['name']} ({i18n.t('status.' + r['status'], lang)}, "
            f"{i18n.pp(r['gap_pp'], lang)})" for r in lagging_rows}


def action_label(row: dict, names: Labels, lang: str) -> str:
    """'5 · Phường Việt Hưng · Giải phóng mặt bằng ... (Quá hạn)' for a picker."""
    text = row["text"] if len(row["text"]) <= 60 else row["text"][:59] + "…"
    return (f"{row['action_id']} · {item_name(names, row['item_kind'], row['item_code'])} · {text} "
            f"({status_text(row['status'], lang)})")


def refusal_text(exc: Exception, lang: str) -> str:
    """A refused write in words: who may not do what, or every problem found."""
    from monitor.accountability.access import NotAllowedError, OutOfScopeError
    if isinstance(exc, OutOfScopeError):
        return i18n.t("acc.err.out_of_scope", lang, user=exc.user, owner=exc.owner,
                      mine=", ".join(exc.mine) or i18n.t("acc.nobody", lang))
    if isinstance(exc, NotAllowedError):
        return i18n.t("acc.err.not_allowed", lang, user=exc.user or "–", role=exc.role or "–",
                      verb=i18n.t(f"acc.verb.{exc.verb}", lang))
    return " ".join(p.message(lang) for p in exc.problems)


def history_table(rows: list[dict], names: Labels, lang: str) -> pd.DataFrame:
    """Every recorded change of owners, newest first: when, the item, the body and leader, who recorded it."""
    return pd.DataFrame([[str(r["changed_at"])[:16], item_name(names, r["item_kind"], r["item_code"]), r["body"],
                          " ".join(x for x in (r["leader_title"], r["leader_name"]) if x), r["email"] or "",
                          r["changed_by"]] for r in rows],
                        columns=[i18n.t(f"acc.col.{c}", lang) for c in ("changed_at", "item", "owner", "leader",
                                                                        "email", "by")])


def log_table(rows: list[dict], lang: str) -> pd.DataFrame:
    return pd.DataFrame([[str(r["sent_at"])[:16], i18n.t(f"acc.event.{r['event']}", lang), r["recipient"],
                          r["subject"], r["outcome"]] for r in rows],
                        columns=[i18n.t(f"acc.col.{c}", lang) for c in ("date", "event", "email", "note", "status")])


def all_items(names: Labels) -> dict[str, str]:
    """'kind:code' -> name for every sector and commune (the owner editor's picker)."""
    return {**{f"sector:{c}": n for c, n in names.sector.items()},
            **{f"unit:{c}": n for c, n in names.unit.items() if len(c) == 5 or c == "22"}}


def register_html(rows: list[dict], lang: str) -> str:
    """An item's commitments as short lines under its detail: status, what, by when, the latest check-in."""
    if not rows:
        return f'<div class="gm-source">{html.escape(i18n.t("acc.no_actions", lang))}</div>'
    return "".join(
        f'<div class="gm-watch" data-testid="gm-acc-action">{status_html(r["status"], lang)} '
        f'<b>{r["action_id"]}.</b> {html.escape(r["text"])} · {html.escape(i18n.t("acc.col.deadline", lang))} '
        f'{r["deadline"].isoformat()}' + (f'<br><span class="gm-source">{html.escape(r["last_note"])}</span>'
                                          if r["last_note"] else "") + "</div>" for r in rows)


def followup_table(f: dict, lang: str) -> dict:
    """The follow-up of the previous review as a table (head, rows: body, raised, done on time, done late, overdue,
    not yet due), its headline and a sentence."""
    rows = [[o["body"] + (f" ({i18n.t('acc.demo_mark', lang)})" if o["synthetic"] else ""), str(o["total"]),
             str(o["done_on_time"]), str(o["done_late"]), str(o["overdue"]), str(o["open"])] for o in f["owners"]]
    t = f["totals"]
    review = i18n.quarter_label(f["raised_year"], f["raised_quarter"], lang)
    return {"head": [i18n.t(f"acc.followup.{c}", lang) for c in ("owner", "total", "done_on_time", "done_late",
                                                                   "overdue", "open")],
            "rows": rows, "value": f"{t['overdue']}/{t['total']}",
            "label": i18n.t("acc.followup.label", lang, review=review),
            "text": i18n.t("acc.followup.text", lang, review=review, total=t["total"],
                           done=t["done_on_time"] + t["done_late"], late=t["done_late"], overdue=t["overdue"],
                           open=t["open"])}
