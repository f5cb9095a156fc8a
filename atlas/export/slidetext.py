"""Text metrics of the one font both presentation files use (DejaVu Sans).

The PPTX names the font, the PDF embeds it; both writers lay out the same
paragraphs in the same boxes, and this module measures them with the real
glyph widths (through fpdf2), so that fitting decisions (font size, how many
entries fit, whether a title needs a second line) hold in both files. Text is
wrapped only at spaces: a word is never cut.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

import matplotlib
from fpdf import FPDF

FAMILY = "DejaVu Sans"  # the name PowerPoint and LibreOffice look up
PDF_FAMILY = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
LINE_HEIGHT = 1.2  # × font size, in both writers
BOX_MARGIN = 0.04  # inches of inner margin on each side of a text box
_LOCK = threading.Lock()


def font_dir() -> Path:
    """Folder of matplotlib's bundled DejaVu fonts (shipped with the venv, no download)."""
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def add_fonts(pdf: FPDF) -> None:
    for style, name in FONT_FILES.items():
        pdf.add_font(PDF_FAMILY, style, str(font_dir() / name))


@lru_cache(maxsize=1)
def _measurer() -> FPDF:
    pdf = FPDF(unit="in")
    add_fonts(pdf)
    return pdf


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width of ``text`` in inches at ``size`` pt."""
    with _LOCK:
        pdf = _measurer()
        pdf.set_font(PDF_FAMILY, "B" if bold else "", size)
        return pdf.get_string_width(text)


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """Greedy word wrap at spaces within ``width`` inches (a too long word stays whole)."""
    words = str(text).split()
    if not words:
        return [""]
    lines: list[str] = []
    current = words[0]
    for word in words[1:]:
        candidate = f"{current} {word}"
        if text_width(candidate, size, bold=bold) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    return lines


def line_count(text: str, width: float, size: float, *, bold: bool = False) -> int:
    return len(wrap(text, width, size, bold=bold))


def inner_width(box_w: float) -> float:
    """The usable text width of a box (both writers keep the same inner margins)."""
    return box_w - 2 * BOX_MARGIN - 0.02  # a hair of slack for renderer rounding
