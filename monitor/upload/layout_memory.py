"""A layout remembered: the analyst's correction of an office table, saved under the layout's signature, so the
next quarter's file of the same layout loads without questions (on the page and the command line alike).

The signature is a hash of what stays the same from one quarter's file to the next: the texts of the cells that
are neither numbers nor periods nor vintages (row labels, "STT", "Chỉ tiêu", "ĐVT", "Tốc độ tăng (%)", notes),
with their digits and quarter numerals masked, as a set (a column more for the new quarter adds no new text), and
the sheet's name. The title ("... QUÝ III NĂM 2025") names a period, so it takes no part.

A correction (spec) holds: header_row (the sheet row of the header's last row), rows (a row label, normalised ->
its code, "-" to leave it out, "group" for a group row), columns (a heading, normalised -> role, period text and
vintage), indicator, vintage, measure and fixed (the unit of a table of sectors, the sector of a table of units).
"""

from __future__ import annotations

import hashlib
import json

from monitor.core.store import Store, as_records, sql
from monitor.upload.grid import Sheet
from monitor.upload.periods import mask, parse

SCANNED_ROWS = 100


def signature(sheet: Sheet) -> str:
    texts = set()
    for r, row in enumerate(sheet.rows[:SCANNED_ROWS]):
        for c, text in enumerate(row):
            if not text.strip() or sheet.number(r, c) is not None:
                continue
            header = parse(text)
            if header.period is None and header.vintage is None:
                texts.add(mask(text))
    texts.discard("")
    body = json.dumps([mask(sheet.name), sorted(texts)], ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:20]


def load(store: Store, signature_: str) -> dict | None:
    """The saved correction: {"spec": {...}, "file_name", "saved_by", "saved_at"}, or None."""
    found = as_records(store.run("layout_saved", signature=signature_))
    if not found:
        return None
    record = found[0]
    record["spec"] = json.loads(record["spec"])
    record["saved_at"] = str(record["saved_at"])[:16]
    return record


def save(store: Store, signature_: str, spec: dict, file_name: str, user: str) -> None:
    with store.transaction() as cur:
        cur.execute(sql("save_layout"), {"signature": signature_, "spec": json.dumps(spec, ensure_ascii=False),
                                         "file_name": file_name, "saved_by": user})
