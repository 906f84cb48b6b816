"""The notification messages in words (Vietnamese by default): the figures, the gap, the open actions and a deep
link to the item on the dashboard. notify.py decides what is sent; this module only writes it."""

from __future__ import annotations

from datetime import date

from monitor.accountability import owners, register
from monitor.core import i18n, reference
from monitor.core.store import Store

DETAIL_PATH = {"unit": ("dia-phuong", "unit"), "sector": ("nganh", "sector")}
ACTIONS_PATH = "hanh-dong"


def link(base_url: str, event: dict, lang: str) -> str:
    """The dashboard's page for the item (its register shows there), or the owner's register."""
    period = f"&year={event['year']}&quarter={event['quarter']}" if event.get("year") else ""
    if event.get("item_kind") and event["event"] != "overdue":
        path, param = DETAIL_PATH[event["item_kind"]]
        return f"{base_url}/{path}?{param}={event['item_code']}&lang={lang}{period}"
    return f"{base_url}/{ACTIONS_PATH}?owner={event['owner']}&lang={lang}{period}"


def item_name(names: reference.Labels, kind: str, code: str) -> str:
    return (names.unit if kind == "unit" else names.sector).get(code, code)


def compose(store: Store, events: list[dict], today: date, lang: str, base_url: str) -> list[dict]:
    """subject and body of each event's message."""
    if not events:
        return []
    names = reference.labels(store, lang)
    who = {r["owner"]: r for r in owners.in_force(store)}
    acts = {a["action_id"]: a for a in register.actions(store, today)}
    demo = bool(store.scalar("demo_loaded")) or any(r["synthetic"] for r in who.values())
    return [_one(e, names, who.get(e["owner"], {}), acts, lang, base_url, demo) for e in events]


def _figures(r: dict, lang: str) -> dict:
    return {"growth": i18n.pct(r.get("ytd_growth_pct"), lang), "target": i18n.pct(r.get("target_pct"), lang),
            "gap": i18n.pp(r.get("gap_pp"), lang), "cost": i18n.pp(r.get("shortfall_pp"), lang, signed=False)}


def _action_lines(ids: list[int], acts: dict, lang: str) -> list[str]:
    if not ids:
        return [i18n.t("acc.mail.no_actions", lang)]
    return [i18n.t("acc.mail.open_actions", lang)] + [
        i18n.t("acc.mail.action_line", lang, id=i, text=acts[i]["text"], deadline=acts[i]["deadline"].isoformat(),
               status=i18n.t(f"acc.status.{acts[i]['status']}", lang)) for i in ids if i in acts]


def _one(e: dict, names, owner: dict, acts: dict, lang: str, base_url: str, demo: bool) -> dict:
    period = i18n.period_label(e["quarter"], lang, e["year"]) if e.get("year") else ""
    item = item_name(names, e["item_kind"], e["item_code"]) if e.get("item_kind") else ""
    lines = [i18n.t("acc.mail.greeting", lang, title=owner.get("leader_title") or "", body=owner.get("body", ""),
                    name=owner.get("leader_name") or ""), ""]
    event = e["event"]
    if event in ("turned_lagging", "widened"):
        subject = i18n.t(f"acc.mail.subject.{event}", lang, item=item, period=period)
        lines.append(i18n.t(f"acc.mail.{event}", lang, item=item, period=period, **_figures(e, lang),
                            before=i18n.pp(e["before_gap_pp"], lang)))
    elif event == "overdue":
        a = acts[e["action_id"]]
        subject = i18n.t("acc.mail.subject.overdue", lang, id=e["action_id"])
        lines.append(i18n.t("acc.mail.overdue", lang, id=e["action_id"], item=item, text=a["text"],
                            deadline=a["deadline"].isoformat()))
    else:
        subject = i18n.t("acc.mail.subject.digest", lang, period=period, body=owner.get("body", e["owner"]))
        lines.append(i18n.t("acc.mail.digest", lang, period=period, body=owner.get("body", e["owner"])))
        lines += [i18n.t("acc.mail.item_line", lang, item=item_name(names, r["item_kind"], r["item_code"]),
                         status=i18n.t(f"status.{r['status']}", lang), **_figures(r, lang)) for r in e["items"]]
    lines += [*(["", *_action_lines(e["actions"], acts, lang)] if event != "overdue" else []), "",
              i18n.t("acc.mail.link", lang, url=link(base_url, e, lang)), "", i18n.t("acc.mail.footer", lang)]
    if demo:
        lines.append(i18n.t("acc.mail.demo", lang))
    return {"subject": subject, "body": "\n".join(lines)}
