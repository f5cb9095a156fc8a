"""The council presentation as plain content: one model that the PPTX and the PDF both render.

:func:`build_presentation` turns district profiles (``atlas.profile.build``) into a
:class:`Deck` of already shortened text lines and PNG maps. The writers
(``atlas.export.slides`` for PowerPoint, ``atlas.export.pdfdeck`` for PDF) only place that
content, so both files always say the same. The words of a district slide
come from ``atlas.export.deckcontent`` (terse names, dated figures, one selection
rule); text is measured in the deck's one font (``atlas.export.slidetext``), lists end
in "und N weitere" and nothing is cut mid-word. Sources are numbered in order
of first use and listed with short labels; full titles and addresses go to the
slide notes and an appendix. A public deck refuses any profile built with
internal data.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from atlas import texts
from atlas.access.roles import Role, filter_for_role
from atlas.dates import parse_partial_date
from atlas.errors import ExportError
from atlas.export.deckcontent import (
    all_names_note,
    entry_sections,
    figure_section,
    population_section,
)
from atlas.export.slidelayout import (  # noqa: F401  (re-exported for the writers and tests)
    BOXES,
    DETAIL_INDENT,
    LAYOUT,
    SIZES,
    SLIDE_H,
    SLIDE_W,
    Box,
    Layout,
    Section,
    column_font_size,
    fit_image,
    join_fitting,
    png_size,
)
from atlas.export.sourcelabels import SourceIndex, load_labels
from atlas.export.staticmap import MapPoint, cached_district_map
from atlas.model import Resource
from atlas.numbers import format_date
from atlas.profile.build import DistrictProfile, Source
from atlas.versorgung.slide import TableSlide, build_versorgung_slide

T = texts.EXPORT


@dataclass(frozen=True)
class DistrictSlide:
    """One district in the form of the Fachplan's Neustadt slide."""

    title: str
    subtitle: str
    map_png: bytes | None
    map_caption: str
    sections: tuple[Section, ...]
    notes: tuple[str, ...] = ()  # speaker notes (PPTX)


@dataclass(frozen=True)
class ImageSlide:
    """A slide of pictures with captions (the city overview)."""

    title: str
    images: tuple[bytes, ...]
    captions: tuple[str, ...]


@dataclass(frozen=True)
class TextSlide:
    """A slide of plain lines (the sources)."""

    title: str
    lines: tuple[str, ...]
    notes: tuple[str, ...] = ()  # speaker notes (PPTX): full addresses of the sources


@dataclass(frozen=True)
class Deck:
    """Everything a presentation file shows, in slide order after the title slide."""

    title: str
    subtitle: str
    districts_line: str
    stand: str  # "Angaben von 10/2015 bis 30.06.2026 · erstellt am …": the dates it uses
    created: str
    internal: bool
    district_slides: tuple[DistrictSlide, ...]
    overview: ImageSlide | None
    source_slides: tuple[TextSlide, ...]
    versorgung_slides: tuple[TableSlide, ...] = ()  # one per district, after its slide

    @property
    def slide_count(self) -> int:
        return 1 + len(self.body())

    def body(self) -> list[tuple[int, DistrictSlide | ImageSlide | TextSlide | TableSlide]]:
        """(page number, content) of every slide after the title, in the order both
        writers follow, so the PPTX and the PDF cannot drift apart."""
        contents: list[DistrictSlide | ImageSlide | TextSlide | TableSlide] = []
        for i, slide in enumerate(self.district_slides):
            contents.append(slide)
            if i < len(self.versorgung_slides):
                contents.append(self.versorgung_slides[i])
        if self.overview is not None:
            contents.append(self.overview)
        contents += self.source_slides
        return list(enumerate(contents, start=2))


@dataclass(frozen=True)
class MapInput:
    """What a district map needs: boundary features, a data version and the attribution."""

    districts: Mapping[str, Mapping[str, Any]]  # district name -> GeoJSON feature
    stadtteile: Mapping[str, Mapping[str, Any]]  # Stadtteil nr -> GeoJSON feature
    version: str = ""
    attribution: str = ""


@dataclass(frozen=True)
class Overview:
    """Optional city overview: pictures and the sources they were drawn from."""

    images: tuple[bytes, ...]
    captions: tuple[str, ...]
    sources: tuple[Source, ...] = ()


# --- district slide --------------------------------------------------------------
def district_title(profile: DistrictProfile) -> str:
    """"Stadtbezirk Neustadt" or "Ortschaft Weixdorf (im Stadtbezirk Klotzsche)"."""
    if profile.art == "Ortschaft" and profile.parent:
        return T["ortschaft_parent"].format(art=profile.art, name=profile.name,
                                            parent=profile.parent)
    return T["district_title"].format(art=profile.art, name=profile.name)


def build_sections(profile: DistrictProfile, *, internal: bool, index: SourceIndex | None = None,
                   day: dt.date | None = None, layout: Layout = LAYOUT) -> tuple[Section, ...]:
    """The text blocks of a district slide: dated figures, then named entries.

    Unknown figures and empty headings are not listed one by one: a single
    quiet line "Keine Angabe: …" closes the column instead.
    """
    index = index or SourceIndex(load_labels())
    day = day or dt.date.today()
    figures, missing = figure_section(profile, index, day, layout)
    population = population_section(profile, index)
    named, empty = entry_sections(profile, index, day, internal=internal, layout=layout)
    sections = [figures, *([population] if population else []), *named]
    if missing or empty:
        sections.append(Section("", (T["missing"].format(what=", ".join(missing + empty)),)))
    return tuple(s for s in sections if s.lines)


def map_points(records: Iterable[Resource], *, internal: bool,
               day: dt.date | None = None) -> list[MapPoint]:
    """Positions to draw: places current on ``day``, default today
    (:meth:`Resource.is_current`); a public deck draws public, non-accommodation records only."""
    chosen = list(records) if internal else filter_for_role(records, Role.PUBLIC)
    return [
        MapPoint(float(r.lat), float(r.lon), str(r.category), r.is_approximate)
        for r in chosen if r.lat is not None and r.lon is not None and r.is_current(day)
    ]


def district_map(profile: DistrictProfile, maps: MapInput | None, *,
                 internal: bool) -> bytes | None:
    """The district's static map PNG, or None without boundaries."""
    if maps is None or profile.name not in maps.districts:
        return None
    stadtteile = [maps.stadtteile[nr] for nr in profile.stadtteil_numbers if nr in maps.stadtteile]
    attribution = T["map_attribution"].format(attribution=maps.attribution) \
        if maps.attribution else ""
    return cached_district_map(
        maps.districts[profile.name], stadtteile,
        map_points(profile.records, internal=internal),
        version=f"{maps.version}|{'intern' if internal else 'public'}", attribution=attribution,
    )


def build_district_slide(profile: DistrictProfile, maps: MapInput | None, *, internal: bool,
                         index: SourceIndex | None = None, day: dt.date | None = None,
                         layout: Layout = LAYOUT) -> DistrictSlide:
    """One district slide: title, Stadtteile, map and the fitted text blocks."""
    if not internal and profile.include_internal:
        raise ExportError(T["not_public"].format(name=profile.name))
    room = layout.subtitle_chars - len(T["stadtteile"].format(names=""))
    names = join_fitting(profile.stadtteile, room)
    subtitle = (T["stadtteile"].format(names=names) if names else T["no_stadtteile"])
    png = district_map(profile, maps, internal=internal)
    caption = T["map_caption_internal"] if internal else T["map_caption"]
    return DistrictSlide(
        title=district_title(profile),
        subtitle=subtitle,
        map_png=png,
        map_caption=caption if png else T["map_missing"],
        sections=build_sections(profile, internal=internal, index=index, day=day, layout=layout),
        notes=tuple(all_names_note(profile, internal)),
    )


# --- sources ------------------------------------------------------------------------
def paginate(title: str, body: Sequence[str], *, layout: Layout = LAYOUT,
             notes: Sequence[Sequence[str]] | None = None) -> tuple[TextSlide, ...]:
    """Lines over as many slides as they need (none is dropped), "Titel (1/2)" when more."""
    pages: list[list[int]] = []
    used = layout.source_lines_per_slide
    for i, line in enumerate(body):
        height = max(1, math.ceil(len(line) / layout.source_wrap_chars))
        if used + height > layout.source_lines_per_slide:
            if line == "":
                continue  # no blank line at the top of a page
            pages.append([])
            used = 0
        pages[-1].append(i)
        used += height
    if not pages:
        return (TextSlide(title, (texts.KEINE_ANGABE,)),)
    out = []
    for n, rows in enumerate(pages, start=1):
        head = title if len(pages) == 1 else T["sources_page"].format(title=title, page=n,
                                                                      pages=len(pages))
        page_notes = tuple(x for i in rows for x in (notes[i] if notes else ()))
        out.append(TextSlide(head, tuple(body[i] for i in rows), page_notes))
    return tuple(out)


def source_slides(index: SourceIndex, attributions: Sequence[str], *,
                  layout: Layout = LAYOUT) -> tuple[TextSlide, ...]:
    """Numbered short labels ("[2] DNN, 17.01.2018"); the addresses go to the notes."""
    entries = index.entries()
    body = [f"[{e.number}] {e.label}" for e in entries]
    notes: list[tuple[str, ...]] = [(f"[{e.number}] {e.url or e.label}",) for e in entries]
    if attributions:
        extra = ["", T["licences"] + ":", *(f"• {a}" for a in dict.fromkeys(attributions))]
        body += extra
        notes += [()] * len(extra)
    return paginate(T["sources_title"], body, layout=layout, notes=notes)


def appendix_slides(index: SourceIndex, full_titles: dict[int, str], *,
                    layout: Layout = LAYOUT) -> tuple[TextSlide, ...]:
    """Every numbered source with its full title and address (the PDF has no notes)."""
    body = [f"[{e.number}] " + " – ".join(p for p in (full_titles.get(e.number), e.url) if p)
            for e in index.entries()]
    return paginate(T["appendix_title"], body, layout=layout) if body else ()


# --- the deck --------------------------------------------------------------------------
def date_range(profiles: Sequence[DistrictProfile]) -> tuple[str, str] | None:
    """Oldest and newest date the deck's sources carry (German-formatted), or None."""
    dates = [s.date for p in profiles for s in p.sources if s.date]
    dates += [p.accommodation.as_of for p in profiles if p.accommodation.as_of]
    valid = []
    for d in dates:
        try:
            valid.append((parse_partial_date(d, end=True), d))
        except ValueError:
            continue
    if not valid:
        return None
    return format_date(min(valid)[1]), format_date(max(valid)[1])


def _full_titles(profiles: Sequence[DistrictProfile], index: SourceIndex) -> dict[int, str]:
    out: dict[int, str] = {}
    for profile in profiles:
        for source in profile.sources:
            number = index.number(source.title, source.url, source.date)
            if number and source.title and not source.title.startswith("http"):
                out.setdefault(number, source.title)
    return out


def build_presentation(
    profiles: Sequence[DistrictProfile],
    *,
    internal: bool = False,
    maps: MapInput | None = None,
    overview: Overview | None = None,
    extra_attributions: Sequence[str] = (),
    today: dt.date | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    layout: Layout = LAYOUT,
) -> Deck:
    """The whole deck: title, one slide per district, optional overview, sources, appendix.

    ``internal=False`` (the default) refuses profiles built with internal data
    and draws only public records. ``progress(done, total, name)`` is called
    after each district slide (the UI shows a progress bar with it). ``today``
    is the deck's date: "in Betrieb" and "current" are judged on it.
    """
    if not profiles:
        raise ExportError(T["no_profiles"])
    day = today or dt.date.today()
    index = SourceIndex(load_labels())
    slides = []
    for i, profile in enumerate(profiles):
        slides.append(build_district_slide(profile, maps, internal=internal, index=index,
                                           day=day, layout=layout))
        if progress:
            progress(i + 1, len(profiles), profile.name)
    for profile in profiles:  # sources not shown on a slide still get a number
        for source in profile.sources:
            index.number(source.title, source.url, source.date)
    for line in overview.sources if overview else ():
        index.number(line.title, line.url, line.date)
    attributions = [a for p in profiles for a in p.attributions] + list(extra_attributions)
    if maps and maps.attribution:
        attributions.append(maps.attribution)
    names = [p.name for p in profiles]
    span = date_range(profiles)
    created = format_date(day)
    return Deck(
        title=T["deck_title"],
        subtitle=T["deck_subtitle_one"] if len(names) == 1 else T["deck_subtitle_many"],
        districts_line=join_fitting(names, layout.title_district_chars),
        stand=(T["date_range"].format(first=span[0], last=span[1], created=created)
               if span else T["created"].format(date=created)),
        created=T["created"].format(date=created),
        internal=internal,
        district_slides=tuple(slides),
        versorgung_slides=tuple(build_versorgung_slide(p) for p in profiles),
        overview=(ImageSlide(T["overview_title"], overview.images, overview.captions)
                  if overview and overview.images else None),
        source_slides=source_slides(index, attributions, layout=layout)
        + appendix_slides(index, _full_titles(profiles, index), layout=layout),
    )


def deck_text(deck: Deck) -> list[str]:
    """All visible text of a deck, slide by slide (for checks and tests)."""
    out = [deck.title, deck.subtitle, deck.districts_line, deck.stand]
    for slide in deck.district_slides:
        out += [slide.title, slide.subtitle, slide.map_caption]
        for section in slide.sections:
            out += [section.heading, *section.lines]
    for table in deck.versorgung_slides:
        out += [table.title, table.subtitle, *table.headers]
        out += [cell for row in table.rows for cell in row] + [*table.lines, *table.notes]
    for text_slide in deck.source_slides:
        out += [text_slide.title, *text_slide.lines]
    return out


def footer_text(deck: Deck, page: int) -> str:
    """The footer line of a slide: title, the day it was made and the page number."""
    return f"{deck.title} · {deck.created} · {page}/{deck.slide_count}"
