"""The briefing area's subcommand: `briefing`, the quarterly review as a deck, a PDF brief or chart images."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from monitor.briefing import pack, render, slides
from monitor.core import i18n
from monitor.core.engine import AsOf, latest_quarter
from monitor.core.reference import PROVINCE
from monitor.core.store import Store


def cmd_briefing(args) -> int:
    with Store(args.db, read_only=True) as store:
        as_of = (AsOf(args.year, args.quarter, args.vintage) if args.year and args.quarter
                 else latest_quarter(store, "GRDP", PROVINCE))
        b = slides.build(store, as_of, args.lang) if as_of else None
    if b is None or b["ytd_growth_pct"] is None:
        label = i18n.quarter_label(args.year, args.quarter, args.lang) if args.year and args.quarter else "–"
        print(i18n.t("briefing.cli_no_data", args.lang, quarter=label), file=sys.stderr)
        return 1
    if args.pack:  # the quarterly pack (issue 16): deck, brief and chart images with a provenance cover, one zip
        with Store(args.db, read_only=True) as store:
            try:
                name, data = pack.pack(store, as_of, args.lang)
            finally:
                render.stop()
        out = Path(args.out or name)
        out.write_bytes(data)
        with zipfile.ZipFile(out) as z:
            print(i18n.t("pack.cli_done", args.lang, path=out, files=", ".join(z.namelist())))
        return 0
    out = Path(args.out or slides.file_name(b, args.format))
    try:
        if args.format == "png" and out.suffix.lower() != ".zip":  # a folder of images
            out.mkdir(parents=True, exist_ok=True)
            files = render.png_files(b)
            for name, data in files.items():
                (out / name).write_bytes(data)
            print(i18n.t("briefing.cli_done_png", args.lang, path=out, count=len(files)))
            return 0
        out.write_bytes(slides.export(b, args.format))
    finally:
        render.stop()
    print(i18n.t("briefing.cli_done", args.lang, path=out, format=args.format,
                 size=i18n.number(out.stat().st_size / 1024, args.lang, 0)))
    return 0


def add_parsers(sub, common) -> None:
    s = sub.add_parser("briefing", parents=[common], help="the quarterly briefing as pptx, pdf or png")
    s.add_argument("--year", type=int)
    s.add_argument("--quarter", type=int, choices=(1, 2, 3, 4))
    s.add_argument("--vintage", default="latest", choices=("latest", "first"))
    s.add_argument("--format", default="pptx", choices=("pptx", "pdf", "png"))
    s.add_argument("--out", help="file to write (png: a folder, or a .zip; --pack: a .zip)")
    s.add_argument("--pack", action="store_true", help="the quarterly pack: deck, PDF and chart images in one zip, "
                                                       "each with a cover naming the data version")
    s.set_defaults(func=cmd_briefing)
