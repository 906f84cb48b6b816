"""How much room chart text takes, estimated from its characters and font size, so a chart can wrap its labels
and size its margins before it is drawn (and a test can check it without a browser).

Widths are calibrated on DejaVu Sans, the font Debian's Chromium draws with (kaleido and the browser alike),
and err on the wide side: a label estimated to fit does fit.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

LINE = 1.3  # line height, in font sizes
_NARROW, _SEMI = set(" ,.;:'|!ilj"), set("ftr()-/[]")


@dataclass(frozen=True)
class Fit:
    """Where a chart is drawn. width: px the labels must fit (the page's narrowest column for that chart when the
    page sizes it, or the image's own width); height: the image's height, None on a page; scale: font sizes
    relative to a page chart; titled: the chart carries its own title (a slide carries it instead)."""
    width: int = 410
    height: int | None = None
    scale: float = 1.0
    titled: bool = True

    def px(self, size: float) -> int:
        """A page font size at this fit's scale."""
        return round(size * self.scale)


# The page columns a chart gets at 1024 px (measured): a unit's detail 410, the localities ranking 438, the
# sectors page's halves 483, the whole page 983.
PAGE = Fit(width=410)
PAGE_HALF = Fit(width=480)
PAGE_WIDE = Fit(width=960)


def _em(ch: str) -> float:
    base = unicodedata.normalize("NFD", ch)[:1] or ch  # 'ệ' is as wide as 'e'
    if base in _NARROW:
        return 0.32
    if base in _SEMI:
        return 0.42
    if base.isdigit():
        return 0.64
    if base in "+−=<>":
        return 0.84
    if base in "mwMW":
        return 0.92
    if base.isupper():
        return 0.74
    if base == "%":
        return 0.95
    if base.isalpha() or base == "–":
        return 0.62
    return 0.9  # symbols: ✔ ▲ ✖ ○ ◇


def plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


def text_px(text: str, size: float) -> float:
    """Estimated width of one line of text (tags such as <b> ignored), in px."""
    return sum(_em(c) for c in plain(text)) * size


def lines(text: str) -> list[str]:
    return plain(text.replace("<br>", "\n")).split("\n")


def block_px(text: str, size: float) -> tuple[float, float]:
    """Width and height of a label that may hold <br> line breaks."""
    rows = lines(text)
    return max(text_px(r, size) for r in rows), len(rows) * size * LINE


def _hyphenate(word: str, px: float, size: float) -> list[str]:
    """A word wider than px in pieces that fit, each but the last ending in a hyphen ('Agricul-', 'ture')."""
    pieces, piece = [], ""
    for ch in word:
        if piece and text_px(piece + ch + "-", size) > px:
            pieces.append(piece + "-")
            piece = ""
        piece += ch
    return pieces + [piece]


def wrap(text: str, px: float, size: float) -> str:
    """Break text with <br> so that each line fits px; a single word wider than px is hyphenated."""
    words = [piece for word in text.split() for piece in
             (_hyphenate(word, px, size) if text_px(word, size) > px else [word])]
    out, line = [], ""
    for word in words:
        joined = f"{line} {word}" if line else word
        if line and (text_px(joined, size) > px or line.endswith("-")):
            out.append(line)
            joined = word
        line = joined
    return "<br>".join(out + [line]) if line else text


def title_block(text: str, width: float, size: float) -> tuple[str, float]:
    """A title wrapped to the chart's width, and the height it takes from the top of the chart (with padding)."""
    wrapped = wrap(text, width - 24, size)
    return wrapped, len(lines(wrapped)) * size * LINE + 12


def legend_rows(names: list[str], width: float, size: float) -> int:
    """How many rows a horizontal legend of these entries takes in width px (the plot's width). Plotly keeps
    them on one row when they fit, else lays them out in columns as wide as the widest entry."""
    entries = [text_px(name, size) + 40 + 2 * size for name in names]
    if not entries or sum(entries) <= width:
        return 1
    per_row = max(1, int(width // max(entries)))
    return -(-len(entries) // per_row)


def legend_px(names: list[str], width: float, size: float) -> float:
    """The height of a horizontal legend of these entries in width px."""
    return legend_rows(names, width, size) * (size * LINE + 8) + 4
