"""The council presentation as plain content: one model that the PPTX and the PDF both render.

:func:`build_presentation` turns district profiles (``atlas.profile``) into a
:class:`Deck` of already shortened text lines and PNG maps. The writers
(``atlas.slides`` for PowerPoint, ``atlas.pdfdeck`` for PDF) only place that
content, so both files always say the same. Every text block has a fixed line
budget (:class:`atlas.slidelayout.Layout`): longer lists end in "und N weitere" and long lines
are cut with "…", so nothing can overflow a slide. A public deck refuses any
profile built with internal data.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from atlas import texts
from atlas.access import Role, filter_for_role
from atlas.dates import parse_partial_date
from atlas.disclosure import count_text
from atlas.errors import ExportError
from atlas.model import Resource
from atlas.numbers import format_change, format_date, format_decimal, source_label
from atlas.profile import DistrictProfile, Entry, Figure, Site
from atlas.slidelayout import (  # noqa: F401  (re-exported for the writers and tests)
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
    fit_items,
    fit_lines,
    join_fitting,
    png_size,
    shorten,
)
from atlas.staticmap import MapPoint, cached_district_map
from atlas.versorgung_slide import TableSlide, build_versorgung_slide

T = texts.EXPORT


@dataclass(frozen=True)
class DistrictSlide:
    """One district in the form of the Fachplan's Neustadt slide."""

    title: str
    subtitle: str
    map_png: bytes | None
    map_caption: str
    sections: tuple[Section, ...]


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


@dataclass(frozen=True)
class Deck:
    """Everything a presentation file shows, in slide order after the title slide."""

    title: str
    subtitle: str
    districts_line: str
    stand: str
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
    sources: tuple[str, ...] = ()


# --- text fitting --------------------------------------------------------------
def format_figure(figure: Figure) -> tuple[str, ...]:
    """("Label: 119", "2019 · Quelle") or ("Label: keine Angabe",)."""
    if figure.value is None:
        return (T["figure_line"].format(label=figure.label, value=texts.KEINE_ANGABE),)
    value = format_decimal(figure.value) + (f" {figure.unit}" if figure.unit else "")
    if figure.change is not None and figure.previous_date:
        value += " (" + T["change"].format(change=format_change(figure.change),
                                           date=format_date(figure.previous_date, missing="")) + ")"
    meta = [p for p in (format_date(figure.date, missing=""), figure.source) if p]
    line = T["figure_line"].format(label=figure.label, value=value)
    return (line, " · ".join(meta)) if meta else (line,)


def _entry_line(entry: Entry) -> str:
    """"Name – short line" for projects and network nodes."""
    return " – ".join(p for p in (entry.name, entry.line) if p)


def _entry_item(entry: Entry, *, address_required: bool = True) -> tuple[str, ...]:
    """Name, then address and contact on a detail line.

    Where the address matters (Vorortbüro) an unknown one reads "keine Angabe";
    otherwise a missing detail line is simply left out.
    """
    address = entry.address or (texts.KEINE_ANGABE if address_required else None)
    detail = " · ".join(p for p in (address, entry.contact) if p)
    return (entry.name, detail) if detail else (entry.name,)


def _site_item(site: Site) -> tuple[str, ...]:
    """An accommodation site (internal decks only): name, then address, places and dates."""
    places = (T["site_places"].format(places=format_decimal(site.capacity))
              if site.capacity is not None else None)
    span = "–".join(format_date(d, missing="") for d in (site.valid_from, site.valid_to) if d)
    detail = " · ".join(p for p in (site.address or texts.KEINE_ANGABE, places, span,
                                    texts.STATUS_LABELS.get(site.status, site.status)) if p)
    return (site.name, detail)


def _visible(entries: Iterable[Entry], internal: bool) -> list[Entry]:
    return [e for e in entries if internal or not e.internal]


# --- district slide --------------------------------------------------------------
def district_title(profile: DistrictProfile) -> str:
    """"Stadtbezirk Neustadt" or "Ortschaft Weixdorf (im Stadtbezirk Klotzsche)"."""
    if profile.art == "Ortschaft" and profile.parent:
        return T["ortschaft_parent"].format(art=profile.art, name=profile.name,
                                            parent=profile.parent)
    return T["district_title"].format(art=profile.art, name=profile.name)


def build_sections(profile: DistrictProfile, *, internal: bool,
                   layout: Layout = LAYOUT) -> tuple[Section, ...]:
    """The text blocks of a district slide, each within its line budget."""
    n = layout.line_chars
    figures = [format_figure(f) for f in (profile.uewh_places, profile.gww_places,
                                          profile.persons_housed)]
    acc = profile.accommodation
    if acc.sites_total is None:
        figures.append((T["sites_few"].format(n=acc.min_sites),))
    elif acc.sites_total:
        line = T["sites_public"].format(active=count_text(acc.sites_active, acc.min_sites),
                                        total=count_text(acc.sites_total, acc.min_sites))
        if acc.places_active is not None:
            line += ", " + T["sites_places"].format(places=format_decimal(acc.places_active))
        figures.append((line,))
    structures = profile.structures
    msa: list[tuple[str, ...]] = [
        (T["msa_region"].format(region=r.name, provider=r.provider or texts.KEINE_ANGABE),)
        for r in structures.msa_regions
    ]
    msa += [_entry_item(e, address_required=False) for e in _visible(structures.msa, internal)
            if not any(e.name in item[0] for item in msa)]
    offices = [_entry_item(e) for e in _visible(structures.vorortbueros, internal)]
    nodes = [_entry_line(e) for e in _visible(structures.network_nodes, internal)]
    projects = [_entry_line(e) for group in profile.projects
                for e in _visible(group.entries, internal)]
    sections = [
        Section(T["h_figures"], fit_items(figures, layout.figure_lines, n)),
        Section(T["h_msa"], fit_items(msa, layout.msa_lines, n) or (texts.KEINE_ANGABE,)),
        Section(T["h_vorortbuero"],
                fit_items(offices, layout.vorortbuero_lines, n) or (texts.KEINE_ANGABE,)),
        Section(T["h_projects"],
                fit_lines(projects, layout.project_lines, n) or (texts.KEINE_ANGABE,)),
        Section(T["h_network"],
                fit_lines(nodes, layout.network_lines, n) or (texts.KEINE_ANGABE,)),
    ]
    if internal and profile.sites:
        sites = [_site_item(s) for s in profile.sites]
        sections.append(Section(T["h_sites"], fit_items(sites, layout.site_lines, n)))
    return tuple(sections)


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
                         layout: Layout = LAYOUT) -> DistrictSlide:
    """One district slide: title, Stadtteile, map and the shortened text blocks."""
    if not internal and profile.include_internal:
        raise ExportError(T["not_public"].format(name=profile.name))
    room = layout.subtitle_chars - len(T["stadtteile"].format(names=""))
    names = join_fitting(profile.stadtteile, room)
    subtitle = (T["stadtteile"].format(names=names) if names else T["no_stadtteile"])
    png = district_map(profile, maps, internal=internal)
    caption = T["map_caption_internal"] if internal else T["map_caption"]
    return DistrictSlide(
        title=district_title(profile),
        subtitle=shorten(subtitle, layout.subtitle_chars),
        map_png=png,
        map_caption=caption if png else T["map_missing"],
        sections=build_sections(profile, internal=internal, layout=layout),
    )


# --- sources ------------------------------------------------------------------------
def format_source(title: str | None, url: str | None, date: str | None, limit: int) -> str:
    """"Title – URL (date)" within ``limit`` characters; the date is never cut off."""
    if url and (not title or title == url):
        text = url  # on paper the address itself names the source
    else:
        text = source_label(title, url) + (f" – {url}" if url else "")
    shown = format_date(date, missing=T["no_date"])
    room = limit - len(T["source_line"].format(title="", date=shown))
    return T["source_line"].format(title=shorten(text, room), date=shown)


def source_lines(profiles: Sequence[DistrictProfile], extra: Iterable[str] = (), *,
                 layout: Layout = LAYOUT) -> list[str]:
    """Every source of every profile once, sorted by title, with its date."""
    seen: dict[str, str] = {}
    for profile in profiles:
        for source in profile.sources:
            line = format_source(source.title, source.url, source.date, layout.source_chars)
            seen.setdefault(line, line)
    lines = sorted(seen.values(), key=str.casefold)
    lines += [shorten(e, layout.source_chars) for e in extra if e]
    return list(dict.fromkeys(lines))


def paginate_sources(lines: Sequence[str], attributions: Sequence[str], *,
                     layout: Layout = LAYOUT) -> tuple[TextSlide, ...]:
    """Sources and licence attributions over as many slides as they need (none is dropped)."""
    body = list(lines)
    if attributions:
        body += ["", T["licences"] + ":"] + [f"• {a}" for a in dict.fromkeys(attributions)]
    pages: list[list[str]] = []
    used = layout.source_lines_per_slide
    for line in body:
        height = max(1, math.ceil(len(line) / layout.source_wrap_chars))
        if used + height > layout.source_lines_per_slide:
            if line == "":
                continue  # no blank line at the top of a page
            pages.append([])
            used = 0
        pages[-1].append(line)
        used += height
    pages = pages or [[texts.KEINE_ANGABE]]
    if len(pages) == 1:
        return (TextSlide(T["sources_title"], tuple(pages[0])),)
    return tuple(
        TextSlide(T["sources_page"].format(page=i + 1, pages=len(pages)), tuple(p))
        for i, p in enumerate(pages)
    )


# --- the deck --------------------------------------------------------------------------
def data_stand(profiles: Sequence[DistrictProfile]) -> str:
    """The newest data date over all profiles, German-formatted, or "keine Angabe"."""
    dates = [p.as_of for p in profiles if p.as_of]
    valid = []
    for d in dates:
        try:
            valid.append((parse_partial_date(d, end=True), d))
        except ValueError:
            continue
    return format_date(max(valid)[1]) if valid else texts.KEINE_ANGABE


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
    """The whole deck: title, one slide per district, optional overview, sources.

    ``internal=False`` (the default) refuses profiles built with internal data
    and draws only public records. ``progress(done, total, name)`` is called
    after each district slide (the UI shows a progress bar with it).
    """
    if not profiles:
        raise ExportError(T["no_profiles"])
    slides = []
    for i, profile in enumerate(profiles):
        slides.append(build_district_slide(profile, maps, internal=internal, layout=layout))
        if progress:
            progress(i + 1, len(profiles), profile.name)
    attributions = [a for p in profiles for a in p.attributions] + list(extra_attributions)
    if maps and maps.attribution:
        attributions.append(maps.attribution)
    sources = source_lines(profiles, overview.sources if overview else (), layout=layout)
    names = [p.name for p in profiles]
    day = today or dt.date.today()
    return Deck(
        title=T["deck_title"],
        subtitle=T["deck_subtitle_one"] if len(names) == 1 else T["deck_subtitle_many"],
        districts_line=shorten(", ".join(names), layout.title_district_chars),
        stand=T["stand"].format(date=data_stand(profiles)),
        created=T["created"].format(date=format_date(day)),
        internal=internal,
        district_slides=tuple(slides),
        versorgung_slides=tuple(build_versorgung_slide(p) for p in profiles),
        overview=(ImageSlide(T["overview_title"], overview.images, overview.captions)
                  if overview and overview.images else None),
        source_slides=paginate_sources(sources, attributions, layout=layout),
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
    """The footer line of a slide: title, data date and page number."""
    return f"{deck.title} · {deck.stand} · {page}/{deck.slide_count}"
