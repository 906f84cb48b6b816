"""Owners as data: for every unit and sector, the body that answers for it (an owner code such as so-cong-thuong,
the body's name, its leader's title and name, a contact e-mail). Loaded from a CSV or .xlsx file read as uploads
are (encoding, separator, Vietnamese or English headers) and changed by admins one item at a time; every change
is a new row of owner_changes, the newest in force, so who answered for what and when stays on record."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from monitor.accountability import access
from monitor.core import auth
from monitor.core.errors import Problem, ValidationError
from monitor.core.store import Store, sql
from monitor.upload import headers, reader

COLUMNS = ("item_kind", "item_code", "owner", "body", "leader_title", "leader_name", "email")
REQUIRED = ("item_kind", "item_code", "owner", "body")
ALIASES = {  # file header (normalised) -> column: the declared table of accepted names
    "item_kind": ("item_kind", "kind", "loai", "loai_doi_tuong"),
    "item_code": ("item_code", "code", "ma", "ma_doi_tuong"),
    "owner": ("owner", "owner_code", "ma_co_quan"),
    "body": ("body", "co_quan", "co_quan_chiu_trach_nhiem"),
    "leader_title": ("leader_title", "title", "chuc_danh"),
    "leader_name": ("leader_name", "leader", "ho_ten", "nguoi_chiu_trach_nhiem"),
    "email": ("email", "e_mail", "thu_dien_tu"),
}
KINDS = {"unit": "unit", "don_vi": "unit", "dia_phuong": "unit", "sector": "sector", "nganh": "sector"}
_OWNER = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
DETAILS = ("body", "leader_title", "leader_name", "email")


@dataclass(frozen=True)
class Owner:
    item_kind: str
    item_code: str
    owner: str
    body: str
    leader_title: str | None = None
    leader_name: str | None = None
    email: str | None = None


def _column(header: str) -> str | None:
    norm = headers.normalise_header(header)
    return next((c for c, names in ALIASES.items() if norm in names), None)


def known_items(store: Store) -> dict[str, set[str]]:
    """The codes an owner may answer for: every unit and every sector of the reference tables."""
    return {"unit": {r["code"] for r in store.records("unit_names") if r["level"] != "country"},
            "sector": {r["code"] for r in store.records("sector_names")}}


def check(rows: list[tuple[int | None, dict]], known: dict[str, set[str]]) -> list[Owner]:
    """Owners from (line, cells) rows, or ValidationError with every problem: a kind, code, owner code or e-mail
    that is not valid, a required cell left empty, an item listed twice, one owner code given two names."""
    problems, found, seen, details = [], [], {}, {}
    for line, cells in rows:
        kind = KINDS.get(headers.normalise_header(cells.get("item_kind") or ""))
        code = (cells.get("item_code") or "").strip()
        for col in REQUIRED:
            if not (cells.get(col) or "").strip():
                problems.append(Problem(line, col, None, "acc.err.required"))
        if cells.get("item_kind") and kind is None:
            problems.append(Problem(line, "item_kind", cells["item_kind"], "acc.err.bad_kind"))
        elif kind and code and code not in known[kind]:
            problems.append(Problem(line, "item_code", code, f"acc.err.unknown_{kind}"))
        owner = (cells.get("owner") or "").strip()
        if owner and not _OWNER.match(owner):
            problems.append(Problem(line, "owner", owner, "acc.err.bad_owner"))
        email = (cells.get("email") or "").strip() or None
        if email and not _EMAIL.match(email):
            problems.append(Problem(line, "email", email, "acc.err.bad_email"))
        if (kind, code) in seen:
            problems.append(Problem(line, "item_code", code, "acc.err.duplicate_item", (("row", seen[kind, code]),)))
        seen[kind, code] = line
        item = Owner(kind or "", code, owner, (cells.get("body") or "").strip(),
                     (cells.get("leader_title") or "").strip() or None,
                     (cells.get("leader_name") or "").strip() or None, email)
        same = tuple(getattr(item, d) for d in DETAILS)
        if owner and details.setdefault(owner, (line, same))[1] != same:
            problems.append(Problem(line, "owner", owner, "acc.err.owner_differs", (("row", details[owner][0]),)))
        found.append(item)
    if problems:
        raise ValidationError(problems)
    return found


def read_file(store: Store, path: Path) -> list[Owner]:
    """An owners file (CSV or .xlsx) read like an upload; ValidationError names every problem with its line."""
    raw = path.read_bytes()
    frame, info = reader.read_table(raw, value_columns=(), file_name=path.name)
    names = {h: _column(h) for h in frame.columns}
    missing = [c for c in REQUIRED if c not in names.values()]
    if missing:
        raise ValidationError([Problem(1, c, None, "acc.err.missing_column") for c in missing])
    rows = [(int(line), {names[h]: v for h, v in row.items() if names[h]}) for line, row in frame.iterrows()]
    return check(rows, known_items(store))


def in_force(store: Store) -> list[dict]:
    return store.records("owners_in_force")


def save(store: Store, user: auth.User | None, owners: list[Owner], file_name: str | None = None,
         synthetic: bool = False) -> dict[str, int]:
    """Record the owners that differ from those in force (admins), in one transaction: counts new, changed and
    unchanged. An item the file leaves out keeps its owner."""
    access.require(store, user, "edit_owners")
    now = {(r["item_kind"], r["item_code"]): r for r in in_force(store)}
    counts = {"new": 0, "changed": 0, "unchanged": 0}
    with store.transaction() as cur:
        for o in owners:
            old = now.get((o.item_kind, o.item_code))
            if old and all(old[f] == getattr(o, f) for f in ("owner", *DETAILS)):
                counts["unchanged"] += 1
                continue
            counts["changed" if old else "new"] += 1
            cur.execute(sql("insert_owner_change"), {**o.__dict__, "synthetic": synthetic, "file_name": file_name,
                                                      "changed_by": user.name})
    return counts


def change(store: Store, user: auth.User | None, **cells) -> dict[str, int]:
    """One item's owner changed on the page (admins), checked like a file row."""
    return save(store, user, check([(None, cells)], known_items(store)))


def load(store: Store, user: auth.User | None, path: Path, synthetic: bool = False) -> dict[str, int]:
    access.require(store, user, "edit_owners")  # refused before the file is even read
    return save(store, user, read_file(store, path), path.name, synthetic)
