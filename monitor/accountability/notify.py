"""Notifications, as numbers and codes: what happened since owners were last told, and to whom it goes.

Events: an item (sector or commune) that a load turned lagging, or whose gap to its target widened by more than
the notification_rules' min_change_pp (compared with the status and gap it was last notified at, notified_items); an
action past its deadline (once per action); a per-owner quarterly digest of their own items (once per owner and
quarter). mail_text.py writes the messages, mailer.py sends them; every message sent or tried is logged
(notification_log), and an item's baseline moves on only once its message went out.
"""

from __future__ import annotations

from datetime import date

from monitor.accountability import items, mail_text, mailer, owners, register
from monitor.accountability.rules import LATE, OPEN
from monitor.core import engine, reference
from monitor.core.engine import AsOf
from monitor.core.store import Store, sql

EVENTS = ("turned_lagging", "widened", "overdue", "digest")


def threshold(store: Store) -> float:
    return float({r["event"]: r["min_change_pp"] for r in store.records("notification_rules")}["widened"])


def pending(store: Store, today: date, as_of: AsOf | None = None) -> list[dict]:
    """Every message due now, in numbers and codes: event, owner, to (None without an address), the item or
    action, the quarter, the figures, and for a digest the owner's flagged items and open actions."""
    as_of = as_of or engine.latest_quarter(store, "GRDP", reference.PROVINCE)
    if as_of is None:
        return []
    now = items.judged(store, as_of)
    before = {(r["item_kind"], r["item_code"]): r for r in store.records("notified_items")}
    owner_of = {(r["item_kind"], r["item_code"]): r for r in owners.in_force(store)}
    contact = {r["owner"]: r["email"] for r in owner_of.values()}
    sent = {(r["event"], r["owner"], r["action_id"], r["year"], r["quarter"])
            for r in store.records("notification_log") if r["outcome"] == "sent"}
    actions = register.actions(store, today)
    found, widen = [], threshold(store)
    base = {"year": as_of.year, "quarter": as_of.quarter, "action_id": None, "actions": [], "items": []}
    for key, r in now.items():
        prev, owner = before.get(key), owner_of.get(key)
        if prev is None or owner is None or r["status"] not in items.FLAGGED:
            continue
        if r["status"] == "lagging" and prev["status"] != "lagging":
            event = "turned_lagging"
        elif r["gap_pp"] is not None and prev["gap_pp"] is not None and r["gap_pp"] < prev["gap_pp"] - widen:
            event = "widened"
        else:
            continue
        mine = [a["action_id"] for a in register.select(actions, item=key) if a["status"] in OPEN]
        found.append({**base, "event": event, "owner": owner["owner"], "to": owner["email"], "item_kind": key[0],
                      "item_code": key[1], **r, "before_status": prev["status"], "before_gap_pp": prev["gap_pp"],
                      "actions": mine})
    for a in actions:
        if a["status"] in LATE and ("overdue", a["owner"], a["action_id"], None, None) not in sent:
            found.append({**base, "event": "overdue", "owner": a["owner"], "to": contact.get(a["owner"]),
                          "item_kind": a["item_kind"], "item_code": a["item_code"], "action_id": a["action_id"],
                          "year": None, "quarter": None, "actions": [a["action_id"]]})
    for owner in sorted({o["owner"] for k, o in owner_of.items() if now.get(k, {}).get("status") in items.FLAGGED}):
        if ("digest", owner, None, as_of.year, as_of.quarter) in sent:
            continue
        keys = [k for k, o in owner_of.items() if o["owner"] == owner and now.get(k, {}).get("status")
                in items.FLAGGED]
        found.append({**base, "event": "digest", "owner": owner, "to": contact.get(owner), "item_kind": None,
                      "item_code": None,
                      "items": [{"item_kind": k[0], "item_code": k[1], **now[k]}
                                for k in sorted(keys, key=lambda k: now[k]["gap_pp"] or 0.0)],
                      "actions": [a["action_id"] for a in register.select(actions, owner=owner)
                                  if a["status"] in OPEN]})
    return found


def run(store: Store, today: date, lang: str = "vi", dry_run: bool = False, cfg: mailer.SmtpConfig | None = None,
        as_of: AsOf | None = None) -> dict:
    """Compose the pending messages; unless dry_run (or with no mail server) send them, log each, and move each
    item's baseline on. Returns configured, messages (event, owner, to, subject, body, outcome) and counts."""
    as_of = as_of or engine.latest_quarter(store, "GRDP", reference.PROVINCE)
    events = pending(store, today, as_of)
    url = cfg.base_url if cfg else mailer.base_url()
    texts = mail_text.compose(store, events, today, lang, url)
    messages = [{**e, **t, "outcome": None} for e, t in zip(events, texts)]
    if dry_run or cfg is None or as_of is None:
        return {"configured": cfg is not None, "sent": 0, "failed": 0, "messages": messages}
    ready = [m for m in messages if m["to"]]
    results = mailer.send(cfg, [mailer.message(cfg, m["to"], m["subject"], m["body"], lang) for m in ready])
    for m, error in zip(ready, results):
        m["outcome"], m["error"] = ("sent", None) if error is None else ("failed", error)
    for m in messages:
        if not m["to"]:
            m["outcome"], m["error"] = "failed", "no address"
    judged = items.judged(store, as_of)
    with store.transaction() as cur:
        for m in messages:
            cur.execute(sql("insert_notification"), {
                "event": m["event"], "owner": m["owner"], "recipient": m["to"] or "", "item_kind": m["item_kind"],
                "item_code": m["item_code"], "action_id": m["action_id"], "year": m["year"], "quarter": m["quarter"],
                "subject": m["subject"], "outcome": m["outcome"], "error": m["error"]})
        failed = {(m["item_kind"], m["item_code"]) for m in messages
                  if m["outcome"] != "sent" and m["event"] in ("turned_lagging", "widened")}
        for (kind, code), r in judged.items():
            if (kind, code) not in failed:
                cur.execute(sql("save_notified_item"), {"item_kind": kind, "item_code": code, "year": as_of.year,
                                                        "quarter": as_of.quarter, "status": r["status"],
                                                        "gap_pp": r["gap_pp"]})
    sent = sum(m["outcome"] == "sent" for m in messages)
    return {"configured": True, "sent": sent, "failed": len(messages) - sent, "messages": messages}
