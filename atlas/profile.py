"""District profiles: everything the Fachplan's one-slide district portrait shows, as plain data.

:func:`build_profile` turns the loaded records, service areas, figure tables and
boundaries into one :class:`DistrictProfile`. The profile page renders it and the
PPTX/PDF export builds its slides from it, so both show the same values with the
same sources. Unknown values stay ``None`` (rendered as "keine Angabe"); nothing
is estimated or filled in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from atlas import texts
from atlas.access import Role, filter_for_role
from atlas.city import City, District
from atlas.disclosure import DEFAULT_MIN_SITES, protect_summary, public_step
from atlas.errors import AtlasError
from atlas.model import Category, Resource
from atlas.profile_figures import (
    as_tables,
    count_offers,
    date_key,
    latest_figure,
    newest_date,
    population_figure,
    share_figure,
)
from atlas.profile_model import (
    METRIC_GWW,
    METRIC_PERSONS,
    METRIC_UEWH,
    AccommodationSummary,
    Comparison,
    DistrictProfile,
    Entry,
    Figure,
    FigureTables,
    MsaRegion,
    ProjectGroup,
    Site,
    Source,
    Structures,
)
from atlas.profile_sections import (
    boundary_attribution,
    build_structures,
    collect_sources,
    count_accommodation_by_district,
    district_bbox,
    group_projects,
    msa_regions_for,
    select_records,
    stadtteil_names,
    summarise_accommodation,
    to_site,
)

__all__ = [
    "AccommodationSummary", "Comparison", "DistrictProfile", "Entry", "Figure", "FigureTables",
    "MsaRegion",
    "ProjectGroup", "Site", "Source", "Structures", "build_profile",
    "build_profiles", "count_accommodation_by_district", "find_district", "UnknownDistrictError",
]

# --- the profile -----------------------------------------------------------------


class UnknownDistrictError(AtlasError):
    """A district name, slug or alias that is not configured."""


def find_district(districts: Sequence[District], name: str, city: City) -> District:
    """The configured district for a name, slug (either form) or alias; German error if none."""
    canonical = city.canonical_district(name or "")
    for district in districts:
        if district.name == canonical:
            return district
    raise UnknownDistrictError(texts.PROFILE["unknown_error"].format(value=name))



def build_profile(
    district: District,
    *,
    records: Sequence[Resource],
    service_areas: Sequence[Any] = (),
    figures: Any = None,
    boundaries: Any = None,
    city: City,
    include_internal: bool,
    population: Any = None,
    accommodation: Mapping[str, AccommodationSummary] | None = None,
    today: dt.date | None = None,
    min_sites: int = DEFAULT_MIN_SITES,
) -> DistrictProfile:
    """Build one district's profile from already role-filtered inputs.

    ``records`` should come from the role filter; without ``include_internal``
    accommodation and internal records are dropped here again, so a public
    profile cannot carry them even by mistake. Public accommodation figures come
    only as counts (``accommodation``, from :func:`count_accommodation_by_district`
    on the public Stichtag), under the small-number rule of ``atlas.disclosure``.
    ``figures`` is a :class:`FigureTables` (or a plain list of district figure
    rows); ``population`` optionally overrides its population rows.
    """
    role = Role.KOORDINATION if include_internal else Role.PUBLIC
    visible = filter_for_role(records, role)
    names = stadtteil_names(boundaries, district.stadtteile)
    own = select_records(visible, district, city, names)
    tables = as_tables(figures, population)
    rows = tables.district_figures
    p = texts.PROFILE

    uewh = latest_figure(rows, district.name, METRIC_UEWH, p["uewh_places"], city)
    gww = latest_figure(rows, district.name, METRIC_GWW, p["gww_places"], city)
    persons = latest_figure(rows, district.name, METRIC_PERSONS, p["persons_housed"], city)
    offers_total, offers_by_field = count_offers(own)
    pop = population_figure(tables, district, city)

    areas = msa_regions_for(service_areas, district)
    structures = build_structures(own, visible, areas, district, city,
                                  internal=include_internal)
    projects = group_projects(own, city, district)

    places_share, places_total_source = share_figure(
        tables, district.name, METRIC_UEWH, p["share_places"], city)
    persons_share, persons_total_source = share_figure(
        tables, district.name, METRIC_PERSONS, p["share_persons"], city)
    per_1000 = Figure(p["offers_per_1000"], None, key="offers_per_1000")
    if pop.value and offers_total.value is not None:
        per_1000 = replace(pop, label=p["offers_per_1000"], key="offers_per_1000",
                           value=round(1000.0 * offers_total.value / pop.value, 2))
    comparison = Comparison(places_share, persons_share, pop, per_1000)

    own_sites = [r for r in own if r.category == Category.UNTERKUNFT]
    if include_internal:
        summary = summarise_accommodation(own_sites, today)
        sites = tuple(sorted((to_site(r) for r in own_sites),
                             key=lambda s: (date_key(s.valid_from), s.name)))
    else:
        step = public_step(today or dt.date.today())
        summary = protect_summary((accommodation or {}).get(district.name,
                                                            AccommodationSummary()),
                                  min_sites, step=step)
        sites = ()

    entries = [e for g in projects for e in g.entries]
    entries += [*structures.msa, *structures.vorortbueros, *structures.network_nodes]
    figs = [uewh, gww, persons, pop, places_share, persons_share]
    extra = [s for s in (places_total_source, persons_total_source) if s]
    sources = collect_sources(figs, entries, structures.msa_regions, sites, extra)
    attributions = tuple(a for a in (boundary_attribution(boundaries),
                                     pop.source and p["population_licence"]) if a)
    return DistrictProfile(
        name=district.name, slug=district.slug, art=district.art, parent=district.parent,
        stadtteile=tuple(names[n] for n in district.stadtteile if n in names),
        stadtteil_numbers=district.stadtteile,
        bbox=district_bbox(boundaries, district),
        uewh_places=uewh, gww_places=gww, persons_housed=persons,
        offers_total=offers_total, offers_by_field=offers_by_field,
        structures=structures, projects=projects, comparison=comparison,
        accommodation=summary, sites=sites, records=tuple(own),
        sources=sources, attributions=attributions, include_internal=include_internal,
        as_of=newest_date(s.date for s in sources),
    )


def build_profiles(
    chosen: Sequence[District],
    *,
    districts: Sequence[District],
    records: Sequence[Resource],
    service_areas: Sequence[Any] = (),
    figures: Any = None,
    boundaries: Any = None,
    city: City,
    include_internal: bool,
    today: dt.date | None = None,
    min_sites: int = DEFAULT_MIN_SITES,
) -> list[DistrictProfile]:
    """Profiles of ``chosen`` from ALL loaded records, as the page and the export build them.

    Accommodation is counted over every district from all records (numbers only, on
    the public Stichtag for public profiles); the records themselves pass the role
    filter before any profile sees them.
    """
    numbers = [n for d in districts for n in d.stadtteile]
    counts = {} if include_internal else count_accommodation_by_district(
        records, city, districts, stadtteil_names(boundaries, numbers),
        day=public_step(today or dt.date.today()))
    role = Role.KOORDINATION if include_internal else Role.PUBLIC
    visible = filter_for_role(records, role)
    return [
        build_profile(d, records=visible, service_areas=service_areas, figures=figures,
                      boundaries=boundaries, city=city, include_internal=include_internal,
                      accommodation=counts, today=today, min_sites=min_sites)
        for d in chosen
    ]
