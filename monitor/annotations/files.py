"""Annotations to and from files, in the upload's conventions: CSV (UTF-8 with or without BOM, or Windows-1258;
',' or ';') or .xlsx (its first sheet; title rows above the header left out), Vietnamese or English headers, dates
dd/mm/yyyy. A file loads whole or not at all; every problem names its line, its column and what is wrong. The
export reads back unchanged (every row 'unchanged')."""

from __future__ import annotations

import io

import pandas as pd

from monitor.annotations import notes
from monitor.core import auth
from monitor.core.errors import Problem, ValidationError
from monitor.core.export import neutral_frame
from monitor.core.store import Store
from monitor.upload import headers, reader

ALIASES = {  # file header (normalised) -> column: the declared table of accepted names
    "id": ("id", "annotation_id", "ma_su_kien"),
    "start_date": ("start_date", "start", "date", "tu_ngay", "ngay", "ngay_bat_dau"),
    "end_date": ("end_date", "end", "den_ngay", "ngay_ket_thuc"),
    "title_vi": ("title_vi", "tieu_de", "tieu_de_vi"),
    "title_en": ("title_en", "title", "tieu_de_en", "tieu_de_tieng_anh"),
    "text_vi": ("text_vi", "noi_dung", "noi_dung_vi"),
    "text_en": ("text_en", "text", "noi_dung_en"),
    "item_kind": ("item_kind", "kind", "loai"),
    "item_code": ("item_code", "code", "ma"),
    "source": ("source", "nguon"),
}
HEADINGS_VI = {"id": "Mã sự kiện", "start_date": "Từ ngày", "end_date": "Đến ngày", "title_vi": "Tiêu đề",
               "title_en": "Tiêu đề (EN)", "text_vi": "Nội dung", "text_en": "Nội dung (EN)", "item_kind": "Loại",
               "item_code": "Mã", "source": "Nguồn"}


def _column(header: str) -> str | None:
    norm = headers.normalise_header(header)
    return next((c for c, names in ALIASES.items() if norm in names), None)


def _is_header(cells: list[str]) -> bool:
    """The header row: it names at least two of the required columns (a title row above it names none)."""
    return len({_column(c) for c in cells} & set(notes.REQUIRED)) >= 2


def read(store: Store, raw: bytes, file_name: str) -> list[tuple[int, int | None, notes.Annotation]]:
    """(line, id, annotation) for every row of a file, or ValidationError naming every problem."""
    frame, _ = reader.read_table(raw, value_columns=(), file_name=file_name, header_at=_is_header)
    names = {h: _column(h) for h in frame.columns}
    missing = [c for c in notes.REQUIRED if c not in names.values()]
    if missing:
        raise ValidationError([Problem(1, c, None, "ann.err.missing_column") for c in missing])
    rows = [(int(line), {names[h]: v for h, v in row.items() if names[h]}) for line, row in frame.iterrows()]
    problems, ids = [], []
    for line, cells in rows:
        text = (cells.get("id") or "").strip()
        if text and not text.isdigit():
            problems.append(Problem(line, "id", text, "ann.err.bad_id"))
        ids.append(int(text) if text.isdigit() else None)
    try:
        items = notes.check(rows, notes.known_items(store))
    except ValidationError as exc:
        raise ValidationError(problems + exc.problems) from None
    if problems:
        raise ValidationError(problems)
    return [(line, i, item) for (line, _), i, item in zip(rows, ids, items)]


def load(store: Store, user: auth.User | None, raw: bytes, file_name: str) -> dict[str, int]:
    notes.require_editor(user)  # refused before the file is even read
    return notes.save_many(store, user, read(store, raw, file_name), file_name)


def frame(store: Store, lang: str = "vi") -> pd.DataFrame:
    """The annotations in force as the file format's rows, Vietnamese or English headings."""
    rows = notes.in_force(store)
    out = pd.DataFrame([{"id": r["annotation_id"], **{f: r[f] for f in notes.FIELDS}} for r in rows],
                       columns=["id", *notes.FIELDS])
    for col in ("start_date", "end_date"):
        out[col] = [pd.Timestamp(v).strftime("%d/%m/%Y") if v is not None else "" for v in out[col]]
    out = out.fillna("")
    return out.rename(columns=HEADINGS_VI) if lang == "vi" else out


def export_csv(store: Store, lang: str = "vi") -> bytes:
    """UTF-8 with a BOM (Excel reads it), ';' and dd/mm/yyyy as the office's Excel writes; formula-like text
    neutralised."""
    text = neutral_frame(frame(store, lang)).to_csv(index=False, sep=";", lineterminator="\n")
    return "\ufeff".encode() + text.encode("utf-8")


def export_xlsx(store: Store, lang: str = "vi") -> bytes:
    out = io.BytesIO()
    neutral_frame(frame(store, lang)).astype(str).to_excel(out, index=False, sheet_name="annotations")
    return out.getvalue()

