"""The council slide "Versorgung im Sozialraum" of one district, as plain content.

Built from the profile's :class:`atlas.versorgung.table.DistrictVersorgung`, so
the slide holds the very figures the page and the profile show. The PPTX and
PDF writers place it with the geometry below: a table of the district's
Stadtteile (and the district), the Handlungsfelder in two columns, sources.
"""

from __future__ import annotations

from dataclasses import dataclass

from atlas import texts
from atlas.export.slidelayout import Box, Section, column_font_size, shorten
from atlas.export.slidetext import text_width
from atlas.numbers import format_int
from atlas.versorgung.table import columns, field_line, text_rows

V = texts.VERSORGUNG

TABLE_BOX = Box(0.5, 1.45, 12.3, 3.35)
FIELDS_BOXES = (Box(0.5, 4.95, 6.1, 1.45), Box(6.7, 4.95, 6.1, 1.45))
NOTES_BOX = Box(0.5, 6.45, 12.3, 0.6)
#: Column widths (inches) of the table; the first holds the Stadtteil name.
COLUMN_WIDTHS = (3.1, 1.05, 1.15, 0.9, 1.1, 1.0, 1.0, 1.0, 1.0)
HEADER_H = 0.42
CELL_MARGIN = 0.04  # inches left and right inside a table cell, in both writers
CELL_MIN_SIZE = 5.5
FIELD_SIZE = 9.0  # the largest; long Handlungsfeld names wrap and may shrink it
FIELD_MIN_SIZE = 6.5
NOTE_SIZE = 7.0
MAX_ROWS = 16  # the biggest district (Cotta with its Ortschaften) has 15 Stadtteile
_NAME_CHARS = 40
_NOTE_CHARS = 230


@dataclass(frozen=True)
class TableSlide:
    """A slide with a table, lines in two columns and footnotes."""

    title: str
    subtitle: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    lines: tuple[str, ...]
    notes: tuple[str, ...]
    field_size: float = FIELD_SIZE

    @property
    def bold_last_row(self) -> bool:
        return len(self.rows) > 1


def table_font_size(rows: int) -> float:
    """Font size (pt) at which ``rows`` body rows fit the table box under the header."""
    height = (TABLE_BOX.h - HEADER_H) / max(rows, 1)
    return max(6.5, min(10.0, height * 72 / 1.6))


def field_columns(lines: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The Handlungsfeld lines split over the two boxes, first half left."""
    half = (len(lines) + 1) // 2
    return lines[:half], lines[half:]


def field_font_size(lines: tuple[str, ...]) -> float:
    """The largest size at which both columns, wrapped at words, fit their boxes: whole
    Handlungsfeld names, never cut with "…" (the size the district slides follow too)."""
    return min(column_font_size([Section("", column)], box, max_pt=FIELD_SIZE,
                                min_pt=FIELD_MIN_SIZE)
               for box, column in zip(FIELDS_BOXES, field_columns(lines), strict=True))


def cell_font_size(text: str, width: float, size: float, *, bold: bool = False) -> float:
    """The table's size, or smaller until ``text`` fits one line of a ``width``-inch cell:
    "keine Angabe" in a narrow column is shown whole, never cut with "…"."""
    inner = width - 2 * CELL_MARGIN - 0.02  # the slack inner_width keeps for renderers
    while size > CELL_MIN_SIZE and text_width(text, size, bold=bold) > inner:
        size -= 0.5
    return size


def row_height(rows: int) -> float:
    return min(0.3, (TABLE_BOX.h - HEADER_H) / max(rows, 1))


def build_versorgung_slide(profile: object) -> TableSlide:
    """The Versorgung slide of a profile; "keine Angabe" when no figures exist."""
    name = str(getattr(profile, "name", ""))
    title = V["slide_title"].format(name=name)
    v = getattr(profile, "versorgung", None)
    if v is None:
        return TableSlide(title, "", (), (), (V["slide_missing"],), ())
    cols = columns(v.distance_m)
    areas = [*v.stadtteile[:MAX_ROWS - 1], v.district]
    rows = [tuple(row) for row in text_rows(areas, cols)]
    rows = [(shorten(r[0], _NAME_CHARS), *r[1:]) for r in rows]
    lines = tuple(field_line(code, area, v.distance_m) for code, area in v.by_field)
    notes = tuple(shorten(n, _NOTE_CHARS) for n in (v.weighting, v.left_out, *v.sources))
    return TableSlide(
        title=title,
        subtitle=V["slide_subtitle"].format(distance=f"{format_int(v.distance_m)} m"),
        headers=tuple(h for h, _ in cols), rows=tuple(rows), lines=lines, notes=notes,
        field_size=field_font_size(lines))
