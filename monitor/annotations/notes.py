"""Annotations as data: a dated event or a period (start–end), a short title and a text in Vietnamese and English,
optionally tied to a unit or a sector, and its source. Analysts and admins add, edit and remove them (the page,
a file, the command line); every change is a new row of annotation_changes with who and when, so the values an
edit replaced stay on record (annotation_history.sql gives old and new side by side)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date, datetime

from monitor.core import auth
from monitor.core.errors import MonitorError, Problem, ValidationError
from monitor.core.store import Store, sql

FIELDS = ("start_date", "end_date", "title_vi", "title_en", "text_vi", "text_en", "item_kind", "item_code", "source")
REQUIRED = ("start_date", "title_vi", "title_en")
TITLE_MAX = 60   # characters: a title is a chart label; the text says the rest
TEXT_MAX = 500
KINDS = {"unit": "unit", "don_vi": "unit", "dia_phuong": "unit", "sector": "sector", "nganh": "sector"}
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?$")


class AnnotationForbiddenError(MonitorError):
    """The account's role does not edit annotations (viewers, officers)."""

    def __init__(self, user: str | None, role: str | None):
        self.user, self.role = user, role
        super().__init__(f"{user or 'anonymous'} ({role or 'no role'}) may not edit annotations")


class UnknownAnnotationError(MonitorError):
    """No annotation in force has this id (never added, or removed)."""

    def __init__(self, annotation_id: int):
        self.annotation_id = annotation_id
        super().__init__(f"no annotation {annotation_id}")


@dataclass(frozen=True)
class Annotation:
    start_date: date
    end_date: date
    title_vi: str
    title_en: str
    text_vi: str | None = None
    text_en: str | None = None
    item_kind: str | None = None
    item_code: str | None = None
    source: str | None = None

    def same_as(self, row: dict) -> bool:
        return all(_plain(row.get(f)) == _plain(getattr(self, f)) for f in FIELDS)


def _plain(value):
    if isinstance(value, datetime):
        return value.date()
    if hasattr(value, "date") and not isinstance(value, date):  # a pandas Timestamp
        return value.date()
    return value or None


def parse_date(text) -> date | None:
    """'07/09/2024' (the house's dd/mm/yyyy), '7/9/2024', or '2024-09-07' (an Excel date cell); None if neither."""
    if isinstance(text, datetime):
        return text.date()
    if isinstance(text, date):
        return text
    text = str(text or "").strip()
    for pattern, order in ((_DMY, (3, 2, 1)), (_ISO, (1, 2, 3))):
        found = pattern.match(text)
        if found:
            try:
                return date(*(int(found.group(i)) for i in order))
            except ValueError:
                return None
    return None


def check(rows: list[tuple[int | None, dict]], known: dict[str, set[str]]) -> list[Annotation]:
    """Annotations from (line, cells) rows, or ValidationError with every problem: a required cell left empty, a
    date that is not dd/mm/yyyy, an end before its start, a title too long for a chart label, an unknown kind or
    code."""
    problems, found = [], []
    for line, cells in rows:
        text = {k: str(cells.get(k) or "").strip() for k in FIELDS}
        for col in REQUIRED:
            if not text[col]:
                problems.append(Problem(line, col, None, "ann.err.required"))
        start, end = parse_date(text["start_date"]), parse_date(text["end_date"] or text["start_date"])
        for col, value in (("start_date", start), ("end_date", end)):
            if text[col] and value is None:
                problems.append(Problem(line, col, text[col], "ann.err.bad_date"))
        if start and end and end < start:
            problems.append(Problem(line, "end_date", text["end_date"], "ann.err.end_before_start",
                                    (("start", start.strftime("%d/%m/%Y")),)))
        for col in ("title_vi", "title_en"):
            if len(text[col]) > TITLE_MAX:
                problems.append(Problem(line, col, text[col][:80], "ann.err.title_long", (("max", TITLE_MAX),)))
        for col in ("text_vi", "text_en"):
            if len(text[col]) > TEXT_MAX:
                problems.append(Problem(line, col, text[col][:80], "ann.err.text_long", (("max", TEXT_MAX),)))
        kind = KINDS.get(text["item_kind"].lower().replace(" ", "_")) if text["item_kind"] else None
        if text["item_kind"] and kind is None:
            problems.append(Problem(line, "item_kind", text["item_kind"], "ann.err.bad_kind"))
        elif text["item_code"] and kind is None:
            problems.append(Problem(line, "item_kind", None, "ann.err.kind_needed"))
        elif kind and not text["item_code"]:
            problems.append(Problem(line, "item_code", None, "ann.err.required"))
        elif kind and text["item_code"] not in known[kind]:
            problems.append(Problem(line, "item_code", text["item_code"], f"ann.err.unknown_{kind}"))
        if start and end:
            found.append(Annotation(start, end, text["title_vi"], text["title_en"], text["text_vi"] or None,
                                    text["text_en"] or None, kind, text["item_code"] or None, text["source"] or None))
    if problems:
        raise ValidationError(problems)
    return found


def known_items(store: Store) -> dict[str, set[str]]:
    return {"unit": {r["code"] for r in store.records("unit_names") if r["level"] != "country"},
            "sector": {r["code"] for r in store.records("sector_names")}}


def require_editor(user: auth.User | None) -> None:
    if user is None or user.role not in auth.WRITERS:
        raise AnnotationForbiddenError(user.name if user else None, user.role if user else None)


def in_force(store: Store, start: date | None = None, end: date | None = None) -> list[dict]:
    """The annotations in force, oldest first; with start/end only those whose period overlaps [start, end]."""
    return store.records("annotations_in_force", start=start, end=end)


def history(store: Store) -> list[dict]:
    return store.records("annotation_history")


def _write(cur, annotation_id: int | None, change: str, a: Annotation, user: auth.User, file_name: str | None) -> int:
    cur.execute(sql("insert_annotation_change"), {"annotation_id": annotation_id, "change": change, **asdict(a),
                                                  "file_name": file_name, "changed_by": user.name})
    return int(cur.fetchall()[0][0])


def _current(store: Store, annotation_id: int) -> dict:
    found = next((r for r in in_force(store) if r["annotation_id"] == annotation_id), None)
    if found is None:
        raise UnknownAnnotationError(annotation_id)
    return found


def add(store: Store, user: auth.User | None, **cells) -> int:
    """One annotation from the page or the command line, checked like a file row; its new id."""
    require_editor(user)
    (item,) = check([(None, cells)], known_items(store))
    with store.transaction() as cur:
        return _write(cur, None, "add", item, user, None)


def edit(store: Store, user: auth.User | None, annotation_id: int, **cells) -> bool:
    """Change an annotation in force (the cells given replace its values); False when nothing differs."""
    require_editor(user)
    current = _current(store, annotation_id)
    merged = {f: cells.get(f, current[f]) for f in FIELDS}
    merged = {k: v.strftime("%d/%m/%Y") if isinstance(v, date) else v for k, v in merged.items()}
    (item,) = check([(None, merged)], known_items(store))
    if item.same_as(current):
        return False
    with store.transaction() as cur:
        _write(cur, annotation_id, "edit", item, user, None)
    return True


def remove(store: Store, user: auth.User | None, annotation_id: int) -> None:
    """Take an annotation off the charts; its rows stay as history (the removal records who and when)."""
    require_editor(user)
    current = _current(store, annotation_id)
    item = Annotation(**{f: _plain(current[f]) for f in FIELDS})
    with store.transaction() as cur:
        _write(cur, annotation_id, "remove", item, user, None)


def save_many(store: Store, user: auth.User | None, items: list[tuple[int | None, int | None, Annotation]],
              file_name: str | None) -> dict[str, int]:
    """A file's (line, id, annotation) rows in one transaction (all or nothing): an id edits that annotation, none
    adds one unless the same annotation is in force already. Counts new, changed, unchanged."""
    require_editor(user)
    now = {r["annotation_id"]: r for r in in_force(store)}
    unknown = [Problem(line, "id", str(i), "ann.err.unknown_id") for line, i, _ in items
               if i is not None and i not in now]
    if unknown:
        raise ValidationError(unknown)
    counts = {"new": 0, "changed": 0, "unchanged": 0}
    with store.transaction() as cur:
        for _, annotation_id, item in items:
            if annotation_id is not None and item.same_as(now[annotation_id]) or annotation_id is None and any(
                    item.same_as(r) for r in now.values()):
                counts["unchanged"] += 1
                continue
            counts["changed" if annotation_id is not None else "new"] += 1
            _write(cur, annotation_id, "edit" if annotation_id is not None else "add", item, user, file_name)
    return counts
