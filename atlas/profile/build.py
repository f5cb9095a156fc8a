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
from typing import TYPE_CHECKING, Any

from atlas import texts
from atlas.access.disclosure import DEFAULT_MIN_SITES, protect_summary, public_step
from atlas.access.roles import Role, filter_for_role
from atlas.city import City, District
from atlas.errors import AtlasError
from atlas.model import Category, Resource
from atlas.profile.figures import (
    count_offers,
    date_key,
    latest_figure,
    newest_date,
    population_figure,
    share_figure,
)
from atlas.profile.model import (
    METRIC_GWW,
    METRIC_PERSONS,
    METRIC_UEWH,
    AccommodationSummary,
    Comparison,
    DistrictProfile,
    Entry,
    Figure,
    MsaRegion,
    ProjectGroup,
    Site,
    Source,
    Structures,
)
from atlas.profile.sections import (
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

if TYPE_CHECKING:
    from atlas.figures.tables import Figures

__all__ = [
    "AccommodationSummary", "Comparison", "DistrictProfile", "Entry", "Figure",
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
    figures: Figures | None = None,
    boundaries: Any = None,
    city: City,
    include_internal: bool,
    accommodation: Mapping[str, AccommodationSummary] | None = None,
    today: dt.date | None = None,
    min_sites: int = DEFAULT_MIN_SITES,
    versorgung: Any = None,
) -> DistrictProfile:
    """Build one district's profile from already role-filtered inputs.

    ``records`` should come from the role filter; without ``include_internal``
    accommodation and internal records are dropped here again, so a public
    profile cannot carry them even by mistake. Public accommodation: counts only, under
    the small-number rule (``atlas.access.disclosure``); ``versorgung``: DistrictVersorgung or None.
    """
    role = Role.KOORDINATION if include_internal else Role.PUBLIC
    # closed offers drop out of counts, lists and map alike; accommodation keeps its history
    visible = [r for r in filter_for_role(records, role)
               if r.category == Category.UNTERKUNFT or r.is_current(today)]
    names = stadtteil_names(boundaries, district.stadtteile)
    own = select_records(visible, district, city)
    p = texts.PROFILE

    uewh = latest_figure(figures, district.name, METRIC_UEWH, p["uewh_places"])
    gww = latest_figure(figures, district.name, METRIC_GWW, p["gww_places"])
    persons = latest_figure(figures, district.name, METRIC_PERSONS, p["persons_housed"])
    offers_total, offers_by_field = count_offers(own, today)
    pop = population_figure(figures, district, city)

    areas = msa_regions_for(service_areas, district, city)
    structures = build_structures(own, visible, areas, district, city, internal=include_internal)
    projects = group_projects(own, city, district)

    comparison, extra = _comparison(figures, district, city, pop, offers_total)
    summary, sites = _accommodation(own, district, include_internal, accommodation, today,
                                   min_sites)
    entries = [e for g in projects for e in g.entries]
    entries += [*structures.msa, *structures.vorortbueros, *structures.network_nodes]
    figs = [uewh, gww, persons, pop, comparison.share_places, comparison.share_persons]
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
        as_of=newest_date(s.date for s in sources), versorgung=versorgung,
    )


def _comparison(figures: Figures | None, district: District, city: City, pop: Figure,
                offers_total: Figure) -> tuple[Comparison, list[Source]]:
    """Shares of the city totals and offers per 1,000 residents, and the totals' sources."""
    p = texts.PROFILE
    places_share, places_source = share_figure(
        figures, district.name, METRIC_UEWH, p["share_places"], city)
    persons_share, persons_source = share_figure(
        figures, district.name, METRIC_PERSONS, p["share_persons"], city)
    per_1000 = Figure(p["offers_per_1000"], None, key="offers_per_1000")
    if pop.value and offers_total.value is not None:
        per_1000 = replace(pop, label=p["offers_per_1000"], key="offers_per_1000",
                           value=round(1000.0 * offers_total.value / pop.value, 2))
    return (Comparison(places_share, persons_share, pop, per_1000),
            [s for s in (places_source, persons_source) if s])


def _accommodation(own: Sequence[Resource], district: District, include_internal: bool,
                   counts: Mapping[str, AccommodationSummary] | None,
                   today: dt.date | None, min_sites: int = DEFAULT_MIN_SITES,
                   ) -> tuple[AccommodationSummary, tuple[Site, ...]]:
    """Counts and (internal profiles only) the sites; public ones get the counts alone,
    under the small-number rule on the public Stichtag (``atlas.access.disclosure``)."""
    if not include_internal:
        summary = (counts or {}).get(district.name, AccommodationSummary())
        return protect_summary(summary, min_sites,
                               step=public_step(today or dt.date.today())), ()
    own_sites = [r for r in own if r.category == Category.UNTERKUNFT]
    sites = tuple(sorted((to_site(r) for r in own_sites),
                         key=lambda s: (date_key(s.valid_from), s.name)))
    return summarise_accommodation(own_sites, today), sites


def build_profiles(
    chosen: Sequence[District],
    *,
    districts: Sequence[District],
    records: Sequence[Resource],
    service_areas: Sequence[Any] = (),
    figures: Figures | None = None,
    boundaries: Any = None,
    city: City,
    include_internal: bool,
    today: dt.date | None = None,
    min_sites: int = DEFAULT_MIN_SITES,
    versorgung: Any = None,
) -> list[DistrictProfile]:
    """Profiles of ``chosen`` from ALL loaded records, as the page and the export build them.

    Accommodation is counted over every district from all records (numbers only, on
    the public Stichtag for public profiles); the records themselves pass the role
    filter before any profile sees them.
    ``versorgung`` is an ``atlas.versorgung.model.Model`` built for the same view: a model
    with internal offers is refused for a public profile.
    """
    counts = {} if include_internal else count_accommodation_by_district(
        records, city, districts, day=public_step(today or dt.date.today()))
    role = Role.KOORDINATION if include_internal else Role.PUBLIC
    visible = filter_for_role(records, role)
    if versorgung is not None and versorgung.include_internal and not include_internal:
        raise AtlasError(texts.EXPORT["not_public"].format(name=texts.VERSORGUNG["title"]))
    return [
        build_profile(d, records=visible, service_areas=service_areas, figures=figures,
                      boundaries=boundaries, city=city, include_internal=include_internal,
                      accommodation=counts, today=today, min_sites=min_sites,
                      versorgung=_versorgung_of(versorgung, d))
        for d in chosen
    ]


def _versorgung_of(model: Any, district: District) -> Any:
    """The district's Versorgung section from a city-wide model (None without one)."""
    if model is None:
        return None
    from atlas.versorgung.table import district_versorgung

    return district_versorgung(model, district)
