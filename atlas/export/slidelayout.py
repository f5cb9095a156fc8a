"""How content fits a slide: line budgets, box geometry and font sizing.

Shared by the PPTX and the PDF writer so that both place the same text in the
same boxes. Text is made to fit before it is drawn: lists keep a budget of
lines and close with "und N weitere" (whole entries only, never a word cut
with "…"), a column's font size shrinks (down to a minimum) until its wrapped
lines fit the box height, and a long title shrinks or takes a second line.
Widths are measured in the deck's font (``atlas.export.slidetext``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from atlas import texts
from atlas.errors import ExportError
from atlas.export.slidetext import LINE_HEIGHT, inner_width, line_count, text_width, wrap

T = texts.EXPORT


@dataclass(frozen=True)
class Layout:
    """Line budgets of the slide boxes; both writers size their boxes from these."""

    subtitle_chars: int = 200  # two lines at 12 pt
    # budgets in column lines at 10 pt (atlas.export.deckcontent.REF_PT)
    figure_lines: int = 8
    msa_lines: int = 3
    vorortbuero_lines: int = 4
    network_lines: int = 3
    project_lines: int = 6
    site_lines: int = 6
    source_chars: int = 250  # at most two printed lines
    source_wrap_chars: int = 140  # characters per printed line on the sources slide
    source_lines_per_slide: int = 30  # printed lines
    title_district_chars: int = 260


LAYOUT = Layout()


@dataclass(frozen=True)
class Section:
    """A heading and its (already shortened) lines."""

    heading: str
    lines: tuple[str, ...]


def shorten(text: str, limit: int) -> str:
    """Cut ``text`` to ``limit`` characters at a word boundary, ending in "…".

    Only for the cells of fixed tables (the Versorgung slide); the district
    slides drop whole entries instead ("und N weitere").
    """
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 1)]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:–-") + "…"


DETAIL_INDENT = "   "


def join_fitting(names: Sequence[str], limit: int) -> str:
    """Names joined by commas within ``limit`` characters, ending "und N weitere" if cut."""
    out: list[str] = []
    for i, name in enumerate(names):
        rest = len(names) - i - 1
        tail = ", " + T["more"].format(n=rest) if rest else ""
        candidate = ", ".join([*out, name])
        if len(candidate + tail) > limit and (rest or len(candidate) > limit):
            return ", ".join(out) + (" " if out else "") + T["more"].format(n=len(names) - i)
        out.append(name)
    return ", ".join(out)


# --- formatting ----------------------------------------------------------------
def column_font_size(sections: Sequence[Section], box: Box, *, max_pt: float = 11.0,
                     min_pt: float = 7.5) -> float:
    """The largest font size (pt) at which the sections, wrapped, fill at most the box.

    Both writers use line height 1.2 × size and give each heading half a line
    of space before it, so the same sections fit the same box in PPTX and PDF.
    """
    width = inner_width(box.w)
    size = max_pt
    while size > min_pt:
        if column_height(sections, width, size) <= box.h * 72:
            return size
        size -= 0.5
    return min_pt


def column_height(sections: Sequence[Section], width: float, size: float) -> float:
    """Height in points of the wrapped sections at ``size``."""
    lines = sum(line_count(line, width, size) for s in sections for line in s.lines)
    heads = sum(1 for s in sections if s.heading)
    return (lines * LINE_HEIGHT * size + heads * (LINE_HEIGHT * (size + 1) + 0.5 * size)
            + sum(0.5 * size for s in sections if not s.heading))


def fit_title(text: str, box: Box, *, max_pt: float = 26, min_pt: float = 12,
              one_line_min: float = 16) -> tuple[float, tuple[str, ...]]:
    """Font size and lines of a title: one line shrunk to ``one_line_min``, else two
    lines as large as the box allows (wrapped at spaces, never cut)."""
    width = inner_width(box.w)
    size = max_pt
    while size >= one_line_min:
        if text_width(text, size, bold=True) <= width:
            return size, (text,)
        size -= 1
    size = min(one_line_min, (box.h * 72 - 8) / (2 * LINE_HEIGHT))  # 8 pt clear of the box edge
    while size > min_pt:
        lines = wrap(text, width, size, bold=True)
        if len(lines) <= 2 and all(text_width(x, size, bold=True) <= width for x in lines):
            return size, tuple(lines)
        size -= 0.5
    return min_pt, tuple(wrap(text, width, min_pt, bold=True))


@dataclass(frozen=True)
class Box:
    """A rectangle on a 13.333 × 7.5 in slide, in inches."""

    x: float
    y: float
    w: float
    h: float


SLIDE_W, SLIDE_H = 13.333, 7.5

# The slide colours (RGB), one place for the PPTX and PDF writers and the static maps.
DARK = (0x1F, 0x3B, 0x57)  # titles, district outlines
GREY = (0x55, 0x55, 0x55)  # subtitles, captions, footers, attributions
RED = (0xC0, 0x00, 0x00)  # the "Intern" mark
BLACK = (0x00, 0x00, 0x00)  # body text
INK = (0x1B, 0x27, 0x33)  # labels on light map fills
LABEL = (0x33, 0x41, 0x4F)  # Stadtteil names on a district map
MARKER = (0x33, 0x33, 0x33)  # a place whose category has no colour
LEGEND = (0x44, 0x44, 0x44)  # legend outlines
STADTTEIL_EDGE = (0x7A, 0x8A, 0x99)
FILL = (0xEE, 0xF2, 0xF6)  # a district's area on its map
NO_DATA_FILL = (0xD9, 0xD9, 0xD9)  # "keine Angabe" in a choropleth
BAR = (0x00, 0x72, 0xB2)  # bar charts


def hex_colour(rgb: tuple[int, int, int]) -> str:
    """ "#1f3b57" for (0x1F, 0x3B, 0x57), as matplotlib wants it."""
    return "#{:02x}{:02x}{:02x}".format(*rgb)

BOXES: dict[str, Box] = {
    "title": Box(0.5, 0.25, 11.0, 0.75),
    "subtitle": Box(0.5, 0.98, 12.3, 0.5),
    "map": Box(0.4, 1.55, 5.9, 5.15),
    "map_caption": Box(0.4, 6.72, 5.9, 0.3),
    "column": Box(6.6, 1.55, 6.3, 5.5),
    "footer": Box(0.5, 7.1, 12.3, 0.3),
    "mark": Box(11.6, 0.3, 1.3, 0.5),
    "deck_title": Box(0.8, 1.6, 11.7, 1.0),
    "deck_subtitle": Box(0.8, 2.65, 11.7, 0.6),
    "deck_districts": Box(0.8, 3.4, 11.7, 1.5),
    "deck_stand": Box(0.8, 5.0, 11.7, 0.5),
    "deck_note": Box(0.8, 5.6, 11.7, 0.8),
    "text_body": Box(0.5, 1.3, 12.3, 5.7),
    "image_left": Box(0.4, 1.3, 6.1, 5.2),
    "image_right": Box(6.8, 1.3, 6.1, 5.2),
    "caption_left": Box(0.4, 6.55, 6.1, 0.45),
    "caption_right": Box(6.8, 6.55, 6.1, 0.45),
}
#: Font sizes (pt) of the fixed boxes.
SIZES = {"title": 26, "subtitle": 12, "caption": 8, "footer": 8, "mark": 16,
         "deck_title": 40, "deck_subtitle": 24, "deck_districts": 16, "deck_stand": 16,
         "deck_note": 12, "text_body": 10}


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height of a PNG from its header (no imaging library needed)."""
    if len(png) < 24 or png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ExportError(T["bad_png"].format(name="?"))
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def fit_image(png: bytes, box: Box) -> Box:
    """The largest box with the picture's aspect ratio, centred in ``box``."""
    w, h = png_size(png)
    scale = min(box.w / w, box.h / h)
    fw, fh = w * scale, h * scale
    return Box(box.x + (box.w - fw) / 2, box.y + (box.h - fh) / 2, fw, fh)
