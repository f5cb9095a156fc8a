"""The presentation as an editable PowerPoint file (python-pptx).

Renders a :class:`atlas.export.presentation.Deck` onto 16:9 slides with plain text
boxes and pictures, so staff can edit every word in PowerPoint or
LibreOffice. Boxes never grow: the deck's text already keeps its line
budgets, and the column font size is chosen so the wrapped lines fit
(:func:`atlas.export.slidelayout.column_font_size`). The font is DejaVu Sans, the one
the PDF embeds; where it is not installed, PowerPoint substitutes a sans font.
Slide notes carry the full entry lists and the sources' addresses.
"""

from __future__ import annotations

import io

from pptx import Presentation as PptxPresentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Inches, Pt

from atlas import texts
from atlas.export import slidelayout
from atlas.export.presentation import Deck, DistrictSlide, ImageSlide, TextSlide, footer_text
from atlas.export.slidelayout import (
    BOXES,
    SIZES,
    SLIDE_H,
    SLIDE_W,
    Box,
    Section,
    column_font_size,
    fit_image,
    fit_title,
)
from atlas.export.slidetext import BOX_MARGIN, FAMILY
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

FONT = FAMILY
DARK, GREY, RED = (RGBColor(*c) for c in (slidelayout.DARK, slidelayout.GREY, slidelayout.RED))
_BLANK_LAYOUT = 6


def _textbox(slide, box: Box, lines: list[str] | tuple[str, ...], *, size: float,
             bold: bool = False, colour: RGBColor | None = None,
             align: PP_ALIGN | None = None):
    """A fixed-size, word-wrapped text box with one paragraph per line."""
    shape = slide.shapes.add_textbox(Inches(box.x), Inches(box.y), Inches(box.w), Inches(box.h))
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.TOP
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(frame, side, Inches(BOX_MARGIN))
    for i, line in enumerate(lines or [""]):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        if align is not None:
            paragraph.alignment = align
        run = paragraph.add_run()
        run.text = line
        _style(run.font, size=size, bold=bold, colour=colour)
    return shape


def _style(font, *, size: float, bold: bool = False, colour: RGBColor | None = None) -> None:
    font.name = FONT
    font.size = Pt(size)
    font.bold = bold
    if colour is not None:
        font.color.rgb = colour


def _sections_box(slide, box: Box, sections: tuple[Section, ...]) -> None:
    """Headings and lines in one text frame, sized so that everything fits the box."""
    size = column_font_size(sections, box)
    shape = slide.shapes.add_textbox(Inches(box.x), Inches(box.y), Inches(box.w), Inches(box.h))
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(frame, side, Inches(BOX_MARGIN))
    paragraphs = iter([frame.paragraphs[0]])

    def next_paragraph():
        return next(paragraphs, None) or frame.add_paragraph()

    for section in sections:
        if section.heading:
            heading = next_paragraph()
            heading.space_before = Pt(0.5 * size)
            heading.line_spacing = 1.0
            run = heading.add_run()
            run.text = section.heading
            _style(run.font, size=size + 1, bold=True, colour=DARK)
        for i, line in enumerate(section.lines):
            paragraph = next_paragraph()
            paragraph.line_spacing = 1.0
            if i == 0 and not section.heading:
                paragraph.space_before = Pt(0.5 * size)
            run = paragraph.add_run()
            run.text = line
            _style(run.font, size=size, colour=None if section.heading else GREY)


def _title(slide, text: str) -> None:
    """The slide title, shrunk or on two lines so that it stays inside its box."""
    size, lines = fit_title(text, BOXES["title"])
    _textbox(slide, BOXES["title"], list(lines), size=size, bold=True, colour=DARK)


def _notes(slide, lines: tuple[str, ...]) -> None:
    if lines:
        slide.notes_slide.notes_text_frame.text = "\n".join(lines)


def _picture(slide, png: bytes, box: Box) -> None:
    fitted = fit_image(png, box)
    slide.shapes.add_picture(io.BytesIO(png), Inches(fitted.x), Inches(fitted.y),
                             Inches(fitted.w), Inches(fitted.h))


def _chrome(slide, deck: Deck, page: int) -> None:
    """Footer on every slide and, in an internal deck, the red "Intern" mark."""
    _textbox(slide, BOXES["footer"], [footer_text(deck, page)], size=SIZES["footer"],
             colour=GREY)
    if deck.internal:
        mark = _textbox(slide, BOXES["mark"], [texts.EXPORT["internal_mark"]],
                        size=SIZES["mark"], bold=True, colour=RED, align=PP_ALIGN.CENTER)
        mark.line.color.rgb = RED
        mark.line.width = Pt(2)
        mark.name = "Intern"


def _title_slide(prs, deck: Deck) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[_BLANK_LAYOUT])
    _textbox(slide, BOXES["deck_title"], [deck.title], size=SIZES["deck_title"], bold=True,
             colour=DARK)
    _textbox(slide, BOXES["deck_subtitle"], [deck.subtitle], size=SIZES["deck_subtitle"])
    _textbox(slide, BOXES["deck_districts"], [deck.districts_line],
             size=SIZES["deck_districts"])
    _textbox(slide, BOXES["deck_stand"], [deck.stand],
             size=SIZES["deck_stand"])
    note = texts.EXPORT["internal_note"] if deck.internal else texts.EXPORT["public_note"]
    _textbox(slide, BOXES["deck_note"], [note], size=SIZES["deck_note"],
             colour=RED if deck.internal else GREY)
    _chrome(slide, deck, 1)


def _district_slide(prs, deck: Deck, content: DistrictSlide, page: int) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[_BLANK_LAYOUT])
    _title(slide, content.title)
    _textbox(slide, BOXES["subtitle"], [content.subtitle], size=SIZES["subtitle"], colour=GREY)
    if content.map_png:
        _picture(slide, content.map_png, BOXES["map"])
    _textbox(slide, BOXES["map_caption"], [content.map_caption], size=SIZES["caption"],
             colour=GREY)
    _sections_box(slide, BOXES["column"], content.sections)
    _notes(slide, content.notes)
    _chrome(slide, deck, page)


def _image_slide(prs, deck: Deck, content: ImageSlide, page: int) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[_BLANK_LAYOUT])
    _title(slide, content.title)
    slots = (("image_left", "caption_left"), ("image_right", "caption_right"))
    for (image_box, caption_box), png, caption in zip(slots, content.images, content.captions,
                                                       strict=False):
        _picture(slide, png, BOXES[image_box])
        _textbox(slide, BOXES[caption_box], [caption], size=SIZES["caption"], colour=GREY)
    _chrome(slide, deck, page)


def _text_slide(prs, deck: Deck, content: TextSlide, page: int) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[_BLANK_LAYOUT])
    _title(slide, content.title)
    _textbox(slide, BOXES["text_body"], list(content.lines), size=SIZES["text_body"])
    _notes(slide, content.notes)
    _chrome(slide, deck, page)


def _table(slide, content: TableSlide) -> None:
    """The figures as a real PowerPoint table (editable, readable by screen readers)."""
    n = len(content.rows)
    size, height = table_font_size(n), row_height(n)
    shape = slide.shapes.add_table(n + 1, len(content.headers), Inches(TABLE_BOX.x),
                                   Inches(TABLE_BOX.y), Inches(sum(COLUMN_WIDTHS)),
                                   Inches(HEADER_H + n * height))
    shape.name = "Versorgung"
    table = shape.table
    for j, width in enumerate(COLUMN_WIDTHS[:len(content.headers)]):
        table.columns[j].width = Inches(width)
    table.rows[0].height = Inches(HEADER_H)
    for i in range(1, n + 1):
        table.rows[i].height = Inches(height)
    for i, row in enumerate([content.headers, *content.rows]):
        bold = i == 0 or (content.bold_last_row and i == n)
        for j, text in enumerate(row):
            cell = table.cell(i, j)
            cell.margin_top = cell.margin_bottom = Inches(0.02)
            cell.margin_left = cell.margin_right = Inches(CELL_MARGIN)
            paragraph = cell.text_frame.paragraphs[0]
            paragraph.alignment = PP_ALIGN.LEFT if j == 0 else PP_ALIGN.RIGHT
            run = paragraph.add_run()
            run.text = text
            cell_size = size - 0.5 if i == 0 else cell_font_size(
                text, COLUMN_WIDTHS[j], size, bold=bold)  # headers wrap, cells shrink
            _style(run.font, size=cell_size, bold=bold)


def _table_slide(prs, deck: Deck, content: TableSlide, page: int) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[_BLANK_LAYOUT])
    _title(slide, content.title)
    _textbox(slide, BOXES["subtitle"], [content.subtitle], size=SIZES["subtitle"], colour=GREY)
    if content.rows:
        _table(slide, content)
    for box, lines in zip(FIELDS_BOXES, field_columns(content.lines), strict=True):
        _textbox(slide, box, list(lines), size=content.field_size)
    _textbox(slide, NOTES_BOX, list(content.notes), size=NOTE_SIZE, colour=GREY)
    _chrome(slide, deck, page)


def write_pptx(deck: Deck) -> bytes:
    """The deck as PPTX bytes: title, districts, optional overview, sources."""
    prs = PptxPresentation()
    prs.slide_width = Inches(SLIDE_W)
    prs.slide_height = Inches(SLIDE_H)
    props = prs.core_properties
    props.title = f"{deck.title} – {deck.districts_line}"[:250]
    props.author = deck.title
    props.subject = deck.stand
    props.keywords = texts.EXPORT["internal_mark"] if deck.internal else ""
    _title_slide(prs, deck)
    writers = {DistrictSlide: _district_slide, ImageSlide: _image_slide, TextSlide: _text_slide,
               TableSlide: _table_slide}
    for page, content in deck.body():
        writers[type(content)](prs, deck, content, page)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
