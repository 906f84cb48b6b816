"""The quarterly pack (issue 16): for one as-of quarter the deck, the PDF brief and a zip of the chart images in
one zip, the deck and the brief opening on a cover that names the as-of quarter, the vintage, the data version
and the time it was produced, so a paper copy can be traced to the figures behind it."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

from monitor.briefing import render, slides
from monitor.core import i18n
from monitor.core.engine import AsOf
from monitor.core.store import Store


def cover(store: Store, b: dict, produced: datetime) -> dict:
    """The cover's lines: (label, value) for the as-of quarter, the vintage, the data version and the time."""
    lang = b["lang"]
    found = store.records("pack_provenance")
    if found:
        r = found[0]
        rolled = i18n.t("pack.rolled", lang, n=r["rolled_back"]) if r["rolled_back"] else ""
        version = i18n.t("pack.data_version_value", lang, batch=r["batch_id"], file=r["file_name"],
                         loaded=r["loaded_at"].strftime("%d/%m/%Y %H:%M"), rolled=rolled)
    else:
        version = "–"
    return {"title": i18n.t("pack.cover_title", lang), "subtitle": b["title"],
            "lines": [(i18n.t("pack.as_of", lang), i18n.quarter_label(b["year"], b["quarter"], lang)),
                      (i18n.t("pack.vintage", lang), b["vintage_note"]),
                      (i18n.t("pack.data_version", lang), version),
                      (i18n.t("pack.produced", lang), i18n.t("pack.produced_value", lang,
                                                             time=produced.strftime("%d/%m/%Y %H:%M:%S")))],
            "trace": i18n.t("pack.trace", lang)}


def pack(store: Store, as_of: AsOf, lang: str, produced: datetime | None = None) -> tuple[str, bytes]:
    """(file name, zip bytes): <stem>.pptx, <stem>.pdf and <stem>-<charts>.zip."""
    b = slides.build(store, as_of, lang)
    b["cover"] = cover(store, b, produced or datetime.now(UTC).replace(tzinfo=None))
    stem = slides.file_name(b, "pptx").removesuffix(".pptx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(f"{stem}.pptx", slides.export(b, "pptx"))
        z.writestr(f"{stem}.pdf", slides.export(b, "pdf"))
        z.writestr(f"{stem}-{i18n.t('pack.images', lang)}.zip", render.png_zip(b))
    return f"{stem}.zip", out.getvalue()
