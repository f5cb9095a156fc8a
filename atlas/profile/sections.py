"""The district's records in a profile: selection, structures, projects, accommodation, sources.

Works on records that already passed the role filter; accommodation addresses
only leave this module as :class:`Site` rows for internal profiles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from atlas import texts
from atlas.city import City, District
from atlas.dates import parse_partial_date
from atlas.markup import safe_link
from atlas.model import HANDLUNGSFELDER, Category, Resource, Status
from atlas.numbers import format_date
from atlas.profile.figures import newest_date
from atlas.profile.model import (
    MSA_REGION_KIND,
    PROJECT_CATEGORIES,
    AccommodationSummary,
    Entry,
    Figure,
    MsaRegion,
    ProjectGroup,
    Site,
    Source,
    Structures,
)

# --- selecting the district's records ----------------------------------------------


def stadtteil_names(boundaries: Any, numbers: Iterable[str]) -> dict[str, str]:
    """Map Stadtteil number -> name for the given numbers from the boundaries (if any)."""
    wanted = {str(n).zfill(2) for n in numbers}
    out: dict[str, str] = {}
    for feature in boundary_features(boundaries, "stadtteile_display", "stadtteile"):
        props = feature.get("properties") or {}
        nr = str(props.get("nr", "")).zfill(2)
        if nr in wanted and props.get("name"):
            out[nr] = str(props["name"])
    return out


def select_records(records: Iterable[Resource], district: District,
                   city: City) -> list[Resource]:
    """The records located in the district (:meth:`City.in_district`), in input order."""
    return [r for r in records if city.in_district(r, district.name)]


def to_entry(record: Resource, city: City, district: District) -> Entry:
    """One record as a short line; the place's district only if it is another one."""
    from atlas.nearby.search import route_url
    from atlas.places.opening_hours import now
    from atlas.places.placeinfo import (
        address_text,
        hours_text,
        languages_text,
        position_label,
        status_note,
    )

    contact = " · ".join(p for p in (record.phone, record.email) if p) or None
    located = city.canonical_district(record.stadtbezirk or "") if record.stadtbezirk else None
    hours = hours_text(record, now(), with_state=False)
    languages = languages_text(record)
    return Entry(
        name=record.name,
        category=str(record.category),
        line=record.description,
        provider=record.provider,
        address=address_text(record) if record.address() else None,
        contact=contact,
        link=safe_link(record.website) or record.source_url,
        position=position_label(record),
        hours=None if hours == texts.KEINE_ANGABE else hours,
        languages=None if languages == texts.KEINE_ANGABE else languages,
        status_note=status_note(record),
        route=route_url(None, None, record.lat, record.lon) if record.has_position else None,
        handlungsfelder=record.handlungsfelder,
        located_in=located if located and located != district.name else None,
        source=record.source_title or record.source_url,
        date=record.source_date,
        source_url=record.source_url,
        internal=record.is_internal,
        resource_id=record.id,
    )


def msa_regions_for(service_areas: Iterable[Any], district: District, city: City) -> list[Any]:
    """Service areas of kind msa_region that name the district (or its Stadtbezirk)."""
    out = [area for area in service_areas or ()
           if getattr(area, "kind", None) == MSA_REGION_KIND
           and district.name in city.canonical_districts(getattr(area, "stadtbezirke", ()) or ())]
    if not out and district.parent:
        parent = District(district.parent, "Stadtbezirk", ())
        return msa_regions_for(service_areas, parent, city)
    return out


def build_structures(own: Sequence[Resource], everyone: Sequence[Resource],
                     areas: Sequence[Any], district: District, city: City, *,
                     internal: bool = False) -> Structures:
    """MSA region and Träger, Vorortbüros and network nodes for the district.

    A region's research notes are kept only with ``internal``; public profiles carry
    the region's ``public_note`` alone.

    Offices elsewhere count too when they serve the district's MSA region
    (Region Nord's Vorortbüro lies in Neustadt but serves Pieschen as well).
    """
    area_ids = {str(getattr(a, "id", None)) for a in areas}
    own_ids = {r.id for r in own}
    serving = [r for r in everyone if r.id not in own_ids and r.service_area in area_ids]
    pool = list(own) + serving

    def pick(category: Category) -> tuple[Entry, ...]:
        return tuple(to_entry(r, city, district) for r in pool if r.category == category)

    regions = tuple(
        MsaRegion(
            name=str(getattr(a, "name", None)), provider=getattr(a, "provider", None),
            notes=getattr(a, "notes", None) if internal else None,
            public_note=getattr(a, "public_note", None),
            source=getattr(a, "source_title", None) or getattr(a, "source_url", None),
            source_url=getattr(a, "source_url", None), date=getattr(a, "source_date", None),
        )
        for a in areas
    )
    return Structures(regions, pick(Category.MSA), pick(Category.VORORTBUERO),
                      pick(Category.NETZWERK))


def group_projects(records: Sequence[Resource], city: City,
                   district: District) -> tuple[ProjectGroup, ...]:
    """Projects and initiatives grouped by their first (main) Handlungsfeld, in Fachplan order."""
    groups: dict[str, list[Entry]] = {}
    for r in records:
        if r.category not in PROJECT_CATEGORIES:
            continue
        code = next((c for c in r.handlungsfelder if c in HANDLUNGSFELDER), "")
        groups.setdefault(code, []).append(to_entry(r, city, district))
    order = [c for c in HANDLUNGSFELDER if c in groups] + ([""] if "" in groups else [])
    return tuple(
        ProjectGroup(code, texts.HANDLUNGSFELD_LABELS.get(code, texts.PROFILE["no_field"]),
                     tuple(sorted(groups[code], key=lambda e: e.name.lower())))
        for code in order
    )


# --- accommodation -------------------------------------------------------------


def summarise_accommodation(records: Iterable[Resource],
                            day: dt.date | None = None) -> AccommodationSummary:
    """Counts of accommodation sites on ``day``.

    ``places_active`` sums the known capacities of every site current on the day
    (the map's "Unterbringungsplätze", same rule). "In Betrieb" (``sites_active``,
    ``places_running``) needs status aktiv; planned, stand-by and unknown sites are
    counted apart, so a slide can name them as such instead of counting them as running.
    """
    day = day or dt.date.today()
    sites = [r for r in records if r.category == Category.UNTERKUNFT]
    open_sites = [r for r in sites if r.is_current(day)]
    active = [r for r in open_sites if r.status == Status.AKTIV]
    capacities = [r.capacity for r in open_sites if r.capacity is not None]
    running = [r.capacity for r in active if r.capacity is not None]
    return AccommodationSummary(
        sites_total=len(sites), sites_active=len(active),
        places_active=sum(capacities) if capacities else None,
        places_running=sum(running) if running else None,
        as_of=newest_date(r.source_date for r in sites),
        sites_planned=sum(r.status == Status.GEPLANT for r in sites),
        sites_standby=sum(r.status == Status.BEREITSCHAFT for r in open_sites),
        sites_unknown=sum(r.status == Status.UNBEKANNT for r in open_sites),
        day=day.isoformat(),
        sites_with_capacity=len(capacities), running_with_capacity=len(running),
    )


def count_accommodation_by_district(records: Iterable[Resource], city: City,
                                    districts: Sequence[District],
                                    day: dt.date | None = None,
                                    ) -> dict[str, AccommodationSummary]:
    """District name -> accommodation counts; the only accommodation data public pages get.

    Sites that opened after ``day`` are not counted at all, so the total cannot
    change between two public Stichtage either.
    """
    cutoff = day or dt.date.today()
    sites = [r for r in records if r.category == Category.UNTERKUNFT
             and not (r.valid_from and parse_partial_date(r.valid_from) > cutoff)]
    return {district.name: summarise_accommodation(select_records(sites, district, city), day)
            for district in districts}


def to_site(record: Resource) -> Site:
    return Site(
        name=record.name, subtype=record.subtype, address=record.address(),
        valid_from=record.valid_from, valid_to=record.valid_to, status=str(record.status),
        capacity=record.capacity, source=record.source_title or record.source_url,
        date=record.source_date, resource_id=record.id, source_url=record.source_url,
    )


# --- geometry and sources --------------------------------------------------------


def boundary_features(boundaries: Any, *attrs: str) -> list[dict]:
    for attr in attrs:
        collection = getattr(boundaries, attr, None) if boundaries is not None else None
        if collection:
            return list(collection.get("features") or [])
    return []


def _coords(geometry: Any) -> Iterable[tuple[float, float]]:
    if isinstance(geometry, (list, tuple)):
        if len(geometry) >= 2 and all(isinstance(v, (int, float)) for v in geometry[:2]):
            yield float(geometry[0]), float(geometry[1])
        else:
            for part in geometry:
                yield from _coords(part)


def district_bbox(boundaries: Any, district: District) -> tuple[float, float, float, float] | None:
    """(min_lon, min_lat, max_lon, max_lat) of the district's outline, if boundaries exist."""
    for feature in boundary_features(boundaries, "districts", "districts_display"):
        props = feature.get("properties") or {}
        if props.get("name") != district.name:
            continue
        points = list(_coords((feature.get("geometry") or {}).get("coordinates")))
        if points:
            lons = [x for x, _ in points]
            lats = [y for _, y in points]
            return min(lons), min(lats), max(lons), max(lats)
    return None


def boundary_attribution(boundaries: Any) -> str | None:
    """Attribution line of the cached boundaries from their manifest (source, licence, date)."""
    manifest = getattr(boundaries, "manifest", None) if boundaries is not None else None
    if not isinstance(manifest, Mapping) or not manifest.get("attribution"):
        return None
    retrieved = str(manifest.get("retrieved_at") or "")[:10]
    return texts.PROFILE["boundary_licence"].format(
        attribution=manifest["attribution"],
        licence=manifest.get("licence") or texts.KEINE_ANGABE,
        date=format_date(retrieved),
    )


def collect_sources(figures: Iterable[Figure], entries: Iterable[Entry],
                    regions: Iterable[MsaRegion], sites: Iterable[Site],
                    extra: Iterable[Source] = ()) -> tuple[Source, ...]:
    """Every source used on the page, once, with its date, sorted by title."""
    seen: dict[tuple[str, str | None, str | None], Source] = {}

    def add(title: str | None, url: str | None, date: str | None) -> None:
        link = url or (title if safe_link(title) else None)
        if title and (title, link, date) not in seen:
            seen[(title, link, date)] = Source(title, link, date)

    for f in figures:
        add(f.source, f.source_url, f.source_date or f.date)
    for e in entries:
        add(e.source, e.source_url, e.date)
    for r in regions:
        add(r.source, r.source_url, r.date)
    for s in sites:
        add(s.source, s.source_url, s.date)
    for src in extra:
        add(src.title, src.url, src.date)
    return tuple(sorted(seen.values(), key=lambda s: (s.title.lower(), s.date or "")))
