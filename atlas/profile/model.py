"""The data of a district profile: figures, structures, projects, sources (plain dataclasses).

:class:`DistrictProfile` is the contract between :func:`atlas.profile.build.build_profile`,
the profile page and the PPTX/PDF export. ``None`` values mean "keine Angabe".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from atlas.model import Category, Resource

# Metric names of the district figure table (district_figures.csv).
METRIC_UEWH = "uewh_places"
METRIC_GWW = "gww_places"
METRIC_PERSONS = "persons_housed"

#: Categories listed under "Projekte und Initiativen".
PROJECT_CATEGORIES = (Category.INITIATIVE, Category.REGELANGEBOT, Category.BERATUNG)
#: Kind of service area that carries the MSA / Regionalkoordination region.
MSA_REGION_KIND = "msa_region"


@dataclass(frozen=True)
class Source:
    """One source used on a profile: title (or URL), optional link and date."""

    title: str
    url: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Figure:
    """A key figure; ``value`` None means "keine Angabe"."""

    label: str
    value: float | int | None
    date: str | None = None
    source: str | None = None  # source title or URL as shown
    key: str = ""  # metric name or Handlungsfeld code
    source_url: str | None = None
    change: float | int | None = None  # change from the previous value
    previous_date: str | None = None
    unit: str = ""  # "" or "%"
    note: str | None = None
    source_date: str | None = None  # when the source was published


@dataclass(frozen=True)
class Entry:
    """A structure, project or initiative as one short line with link and source."""

    name: str
    category: str
    line: str | None = None  # short description
    provider: str | None = None
    address: str | None = None
    contact: str | None = None  # phone / e-mail joined
    link: str | None = None
    handlungsfelder: tuple[str, ...] = ()
    located_in: str | None = None  # district of the place, if not this one
    source: str | None = None  # source title, else its URL
    date: str | None = None  # source date
    source_url: str | None = None
    internal: bool = False
    resource_id: str = ""
    position: str | None = None  # "Lage: Adresspunkt (amtlich)" etc. (atlas.places.placeinfo)
    hours: str | None = None  # opening or meeting times, with their age
    languages: str | None = None
    status_note: str | None = None  # "letzter Beleg 2016 – …" where not confirmed
    route: str | None = None  # walking route link where the place has a position


@dataclass(frozen=True)
class MsaRegion:
    """The MSA / Regionalkoordination region responsible for a district."""

    name: str
    provider: str | None
    notes: str | None = None  # research notes: set only in internal profiles
    source: str | None = None
    source_url: str | None = None
    date: str | None = None
    public_note: str | None = None  # the hint every profile may show


@dataclass(frozen=True)
class Structures:
    """Who works in the district: MSA region and Träger, Vorortbüros, network nodes."""

    msa_regions: tuple[MsaRegion, ...] = ()
    msa: tuple[Entry, ...] = ()
    vorortbueros: tuple[Entry, ...] = ()
    network_nodes: tuple[Entry, ...] = ()


@dataclass(frozen=True)
class ProjectGroup:
    """Projects and initiatives of one Handlungsfeld (code "" = none assigned)."""

    code: str
    label: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Site:
    """An accommodation site for the internal time line (never in public profiles)."""

    name: str
    subtype: str | None
    address: str | None
    valid_from: str | None
    valid_to: str | None
    status: str
    capacity: int | None
    source: str | None
    date: str | None
    resource_id: str = ""
    source_url: str | None = None


@dataclass(frozen=True)
class AccommodationSummary:
    """Accommodation as counts only: what a public profile may show.

    In a public profile (``min_sites`` > 0, see ``atlas.access.disclosure``) a count of
    None means "fewer than ``min_sites``" and places are None unless enough sites
    add up to them.
    """

    sites_total: int | None = 0
    sites_active: int | None = 0  # status "aktiv" and open on the day asked
    places_active: int | None = None  # sum of known capacities of sites current on the day
    as_of: str | None = None
    sites_planned: int | None = 0
    sites_standby: int | None = 0
    sites_unknown: int | None = 0  # status unknown, not known to be closed on the day
    day: str | None = None  # ISO date the counts are for
    places_running: int | None = None  # known capacities of sites "in Betrieb" (status aktiv)
    sites_with_capacity: int = 0  # current sites whose capacity is known
    running_with_capacity: int = 0  # sites "in Betrieb" whose capacity is known
    min_sites: int = 0  # 0: exact (internal); else the small-number rule applies


@dataclass(frozen=True)
class Comparison:
    """The district beside the city."""

    share_places: Figure
    share_persons: Figure
    population: Figure
    offers_per_1000: Figure


@dataclass(frozen=True)
class DistrictProfile:
    """One district's profile: header, figures, structures, projects, sources."""

    name: str
    slug: str
    art: str
    parent: str | None
    stadtteile: tuple[str, ...]
    stadtteil_numbers: tuple[str, ...]
    bbox: tuple[float, float, float, float] | None  # min_lon, min_lat, max_lon, max_lat
    uewh_places: Figure
    gww_places: Figure
    persons_housed: Figure
    offers_total: Figure
    offers_by_field: tuple[Figure, ...]
    structures: Structures
    projects: tuple[ProjectGroup, ...]
    comparison: Comparison
    accommodation: AccommodationSummary
    sites: tuple[Site, ...]  # empty unless include_internal
    records: tuple[Resource, ...]  # the district's records this profile may show (for maps)
    sources: tuple[Source, ...]
    attributions: tuple[str, ...]
    include_internal: bool = False
    as_of: str | None = None  # newest source date on the page
    notes: tuple[str, ...] = field(default_factory=tuple)
    # atlas.versorgung.table.DistrictVersorgung, None without boundaries or model
    versorgung: Any = None

    @property
    def key_figures(self) -> tuple[Figure, ...]:
        """The headline metrics in slide order."""
        return (self.uewh_places, self.gww_places, self.persons_housed, self.offers_total)
