"""The presentation as PDF (fpdf2), page for page the same content as the PPTX.

Renders a :class:`atlas.export.presentation.Deck` on 16:9 landscape pages with the
boxes of :data:`atlas.export.presentation.BOXES`, in DejaVu Sans (the PPTX's font),
embedded from the files bundled with matplotlib, so nothing is downloaded.
Automatic page breaks are off; text already fits its box and wraps only at
spaces.
"""

from __future__ import annotations

import io

from fpdf import FPDF

from atlas import texts
from atlas.errors import ExportError
from atlas.export.presentation import Deck, DistrictSlide, ImageSlide, TextSlide, footer_text
from atlas.export.slidelayout import (
    BLACK,
    BOXES,
    DARK,
    GREY,
    RED,
    SIZES,
    SLIDE_H,
    SLIDE_W,
    Box,
    Section,
    column_font_size,
    fit_image,
    fit_title,
)
from atlas.export.slidetext import BOX_MARGIN, LINE_HEIGHT, PDF_FAMILY, add_fonts, inner_width
from atlas.versorgung.slide import (
    CELL_MARGIN,
    COLUMN_WIDTHS,
    FIELDS_BOXES,
    HEADER_H,
    NOTE_SIZE,
    NOTES_BOX,
    TABLE_BOX,
    TableSlide,
    cell_font_size,
    field_columns,
    row_height,
    table_font_size,
)

FONT = PDF_FAMILY
_PT = 1 / 72  # one point in inches


def _new_pdf(deck: Deck) -> FPDF:
    pdf = FPDF(orientation="L", unit="in", format=(SLIDE_H, SLIDE_W))
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    try:
        add_fonts(pdf)
    except (OSError, RuntimeError) as e:
        raise ExportError(texts.EXPORT["failed"].format(
            reason=texts.VALIDATION["font_missing"].format(detail=e))) from e
    pdf.set_title(f"{deck.title} – {deck.districts_line}"[:250])
    pdf.set_author(deck.title)
    pdf.set_subject(deck.stand)
    pdf.set_creator(deck.title)
    return pdf


def _text(pdf: FPDF, box: Box, lines: list[str] | tuple[str, ...], *, size: float,
          bold: bool = False, colour: tuple[int, int, int] = BLACK, align: str = "L") -> None:
    """Lines in a box, wrapped at its width; text beyond the box height is not drawn."""
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.set_text_color(*colour)
    line_h = LINE_HEIGHT * size * _PT
    x, width = box.x + BOX_MARGIN, inner_width(box.w)
    y = box.y + BOX_MARGIN
    for line in lines:
        if y + line_h > box.y + box.h + 1e-6:
            break
        pdf.set_xy(x, y)
        if pdf.get_string_width(line) <= width:  # one line: cell is much faster
            pdf.cell(width, line_h, line or " ", align=align, new_x="LEFT", new_y="NEXT")
        else:
            pdf.multi_cell(width, line_h, line, align=align, new_x="LEFT", new_y="NEXT",
                           max_line_height=line_h, wrapmode="WORD")
        y = pdf.get_y()


def _sections(pdf: FPDF, box: Box, sections: tuple[Section, ...]) -> None:
    """Headings and wrapped lines like the PPTX column, at the same fitted font size."""
    size = column_font_size(sections, box)
    x, width = box.x + BOX_MARGIN, inner_width(box.w)
    y = box.y + BOX_MARGIN
    for section in sections:
        y += 0.5 * size * _PT
        if section.heading:
            pdf.set_font(FONT, "B", size + 1)
            pdf.set_text_color(*DARK)
            pdf.set_xy(x, y)
            pdf.cell(width, LINE_HEIGHT * (size + 1) * _PT, section.heading, new_x="LEFT",
                     new_y="NEXT")
            y = pdf.get_y()
        pdf.set_font(FONT, "", size)
        pdf.set_text_color(*(BLACK if section.heading else GREY))
        for line in section.lines:
            pdf.set_xy(x, y)
            pdf.multi_cell(width, LINE_HEIGHT * size * _PT, line, align="L", new_x="LEFT",
                           new_y="NEXT", wrapmode="WORD")
            y = pdf.get_y()


def _title(pdf: FPDF, text: str) -> None:
    size, lines = fit_title(text, BOXES["title"])
    _text(pdf, BOXES["title"], lines, size=size, bold=True, colour=DARK)


def _picture(pdf: FPDF, png: bytes, box: Box) -> None:
    fitted = fit_image(png, box)
    pdf.image(io.BytesIO(png), x=fitted.x, y=fitted.y, w=fitted.w, h=fitted.h)


def _chrome(pdf: FPDF, deck: Deck, page: int) -> None:
    _text(pdf, BOXES["footer"], [footer_text(deck, page)], size=SIZES["footer"], colour=GREY)
    if deck.internal:
        mark = BOXES["mark"]
        pdf.set_draw_color(*RED)
        pdf.set_line_width(2 * _PT)
        pdf.rect(mark.x, mark.y, mark.w, mark.h)
        pdf.set_font(FONT, "B", SIZES["mark"])
        pdf.set_text_color(*RED)
        pdf.set_xy(mark.x, mark.y)
        pdf.cell(mark.w, mark.h, texts.EXPORT["internal_mark"], align="C")


def _title_page(pdf: FPDF, deck: Deck) -> None:
    pdf.add_page()
    _text(pdf, BOXES["deck_title"], [deck.title], size=SIZES["deck_title"], bold=True,
          colour=DARK)
    _text(pdf, BOXES["deck_subtitle"], [deck.subtitle], size=SIZES["deck_subtitle"])
    _text(pdf, BOXES["deck_districts"], [deck.districts_line], size=SIZES["deck_districts"])
    _text(pdf, BOXES["deck_stand"], [deck.stand],
          size=SIZES["deck_stand"])
    note = texts.EXPORT["internal_note"] if deck.internal else texts.EXPORT["public_note"]
    _text(pdf, BOXES["deck_note"], [note], size=SIZES["deck_note"],
          colour=RED if deck.internal else GREY)
    _chrome(pdf, deck, 1)


def _district_page(pdf: FPDF, deck: Deck, content: DistrictSlide, page: int) -> None:
    pdf.add_page()
    _title(pdf, content.title)
    _text(pdf, BOXES["subtitle"], [content.subtitle], size=SIZES["subtitle"], colour=GREY)
    if content.map_png:
        _picture(pdf, content.map_png, BOXES["map"])
    _text(pdf, BOXES["map_caption"], [content.map_caption], size=SIZES["caption"], colour=GREY)
    _sections(pdf, BOXES["column"], content.sections)
    _chrome(pdf, deck, page)


def _image_page(pdf: FPDF, deck: Deck, content: ImageSlide, page: int) -> None:
    pdf.add_page()
    _title(pdf, content.title)
    slots = (("image_left", "caption_left"), ("image_right", "caption_right"))
    for (image_box, caption_box), png, caption in zip(slots, content.images, content.captions,
                                                       strict=False):
        _picture(pdf, png, BOXES[image_box])
        _text(pdf, BOXES[caption_box], [caption], size=SIZES["caption"], colour=GREY)
    _chrome(pdf, deck, page)


def _text_page(pdf: FPDF, deck: Deck, content: TextSlide, page: int) -> None:
    pdf.add_page()
    _title(pdf, content.title)
    _text(pdf, BOXES["text_body"], list(content.lines), size=SIZES["text_body"])
    _chrome(pdf, deck, page)


def _table(pdf: FPDF, content: TableSlide) -> None:
    """The figures as a ruled table with the PPTX's column widths and row heights."""
    n = len(content.rows)
    size, height = table_font_size(n), row_height(n)
    pdf.set_draw_color(*GREY)
    pdf.set_line_width(0.5 * _PT)
    pdf.set_text_color(*BLACK)
    y = TABLE_BOX.y
    for i, row in enumerate([content.headers, *content.rows]):
        h = HEADER_H if i == 0 else height
        bold = i == 0 or (content.bold_last_row and i == n)
        pdf.set_font(FONT, "B" if bold else "", size if i else size - 0.5)
        x = TABLE_BOX.x
        for j, (text, width) in enumerate(zip(row, COLUMN_WIDTHS, strict=False)):
            pdf.rect(x, y, width, h)
            pdf.set_xy(x + CELL_MARGIN, y)
            inner = width - 2 * CELL_MARGIN
            if i == 0:  # headers may wrap onto two lines
                pdf.multi_cell(inner, h / 2, text, align="L" if j == 0 else "R",
                               max_line_height=h / 2)
            else:
                pdf.set_font_size(cell_font_size(text, width, size, bold=bold))
                pdf.cell(inner, h, text, align="L" if j == 0 else "R")
            x += width
        y += h


def _table_page(pdf: FPDF, deck: Deck, content: TableSlide, page: int) -> None:
    pdf.add_page()
    _title(pdf, content.title)
    _text(pdf, BOXES["subtitle"], [content.subtitle], size=SIZES["subtitle"], colour=GREY)
    if content.rows:
        _table(pdf, content)
    for box, lines in zip(FIELDS_BOXES, field_columns(content.lines), strict=True):
        _text(pdf, box, list(lines), size=content.field_size)
    _text(pdf, NOTES_BOX, list(content.notes), size=NOTE_SIZE, colour=GREY)
    _chrome(pdf, deck, page)


def write_pdf(deck: Deck) -> bytes:
    """The deck as PDF bytes, one page per slide in the same order as the PPTX."""
    pdf = _new_pdf(deck)
    _title_page(pdf, deck)
    writers = {DistrictSlide: _district_page, ImageSlide: _image_page, TextSlide: _text_page,
               TableSlide: _table_page}
    for page, content in deck.body():
        writers[type(content)](pdf, deck, content, page)
    return bytes(pdf.output())
