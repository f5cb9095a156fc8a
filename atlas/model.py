"""The record of one place or offer, loosely after Open Referral HSDS.

This is the contract every page, map and export builds on: one row of
``resources/places.csv`` becomes one :class:`Resource`. Column documentation
lives in ``resources/README.md``.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from atlas.texts import VALIDATION


class Category(StrEnum):
    """Kinds of places and offers the Fachplan distinguishes."""

    UNTERKUNFT = "unterkunft"  # ÜWH, GU, Notunterkunft, Wohncontainer
    VORORTBUERO = "vorortbuero"
    MSA = "msa"  # Migrationssozialarbeit / Regionalkoordination
    BERATUNG = "beratung"
    INITIATIVE = "initiative"  # Initiative / Projekt
    NETZWERK = "netzwerk"  # Netzwerkknoten
    BEHOERDE = "behoerde"
    REGELANGEBOT = "regelangebot"  # library, Begegnungsstätte, …


HANDLUNGSFELDER: tuple[str, ...] = ("M", "R", "B", "W", "S", "F", "G", "P", "Q", "C")


class Precision(StrEnum):
    """How exactly lat/lon locate the place; anything but EXACT is approximate."""

    EXACT = "exact"
    SUFFIX = "address_suffix"  # the register's point for the same number with a letter
    STREET = "street"  # only the street is known: Stadtteil centre (or Nominatim street)
    STADTTEIL = "stadtteil"
    STADTBEZIRK = "stadtbezirk"


class Confidence(StrEnum):
    """How far the research trusts a record's contact and status values."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Visibility(StrEnum):
    PUBLIC = "public"
    INTERNAL = "internal"


class Status(StrEnum):
    AKTIV = "aktiv"
    GEPLANT = "geplant"
    BEREITSCHAFT = "bereitschaft"  # kept on stand-by
    GESCHLOSSEN = "geschlossen"
    UNBEKANNT = "unbekannt"


class Resource(BaseModel):
    """One place or offer with its position, validity and provenance."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, max_length=120)
    name: str = Field(min_length=1, max_length=300)
    category: Category
    subtype: str | None = None  # e.g. ÜWH, GU, Notunterkunft, Wohncontainer
    provider: str | None = None  # Träger
    handlungsfelder: tuple[str, ...] = ()
    description: str | None = None
    street: str | None = None
    housenumber: str | None = None
    postcode: str | None = None
    address_detail: str | None = None  # entrance, room, "c/o …": what a visitor must know
    stadtteil: str | None = None
    stadtbezirk: str | None = None  # a configured Stadtbezirk or Ortschaft name
    lat: float | None = None
    lon: float | None = None
    location_precision: Precision | None = None
    location_method: str | None = None
    capacity: int | None = Field(default=None, ge=0)
    capacity_date: str | None = None  # ISO date, possibly partial: 2015, 2015-10
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    opening_hours: str | None = None  # OSM opening_hours syntax (only where it is exact)
    opening_hours_note: str | None = None  # opening or meeting times as the source words them
    hours_date: str | None = None  # ISO date, possibly partial: when the times were stated
    languages: tuple[str, ...] = ()  # ISO 639-1/-3 codes
    languages_note: str | None = None  # what the source says about languages, in words
    accessibility: str | None = None
    valid_from: str | None = None  # ISO date, possibly partial
    valid_to: str | None = None
    status: Status = Status.UNBEKANNT
    status_date: str | None = None  # ISO date, possibly partial: the last evidence of status
    confidence: Confidence | None = None  # of contacts and status (research's judgement)
    visibility: Visibility = Visibility.PUBLIC
    service_area: str | None = None  # id in service_areas.csv
    source_url: str | None = None
    source_title: str | None = None  # for sources without URL, e.g. the Fachplan slides
    source_date: str = Field(min_length=4)
    contact_sources: str | None = None  # "date: URL or title | …" for contacts and status
    last_checked: str | None = None
    editorial: tuple[str, ...] = ()  # fields assigned by the editors, not the source
    notes: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _default_visibility(cls, data: Any) -> Any:
        """Accommodation without a stated visibility is internal (protection rule)."""
        if isinstance(data, dict) and not data.get("visibility"):
            category = data.get("category")
            if category is not None and str(category) == Category.UNTERKUNFT.value:
                return {**data, "visibility": Visibility.INTERNAL}
        return data

    @model_validator(mode="after")
    def _check_position(self) -> Resource:
        if (self.lat is None) != (self.lon is None):
            raise ValueError(VALIDATION["both_coordinates"])
        if self.lat is not None and not (-90 <= self.lat <= 90 and -180 <= self.lon <= 180):
            raise ValueError(VALIDATION["not_coordinates"].format(lat=self.lat, lon=self.lon))
        return self

    @property
    def is_internal(self) -> bool:
        """Whether the record is kept from public sessions: marked internal, or accommodation.

        The one predicate for the role filter (``atlas.access.roles``) and for every
        "intern" mark on maps, tables, profiles and exports.
        """
        return self.visibility != Visibility.PUBLIC or self.category == Category.UNTERKUNFT

    @property
    def is_approximate(self) -> bool:
        return self.location_precision not in (None, Precision.EXACT, Precision.SUFFIX)

    @property
    def has_position(self) -> bool:
        return self.lat is not None and self.lon is not None

    def address(self) -> str | None:
        """Street, number and postcode as one line, or None where unknown."""
        street = " ".join(p for p in (self.street, self.housenumber) if p)
        parts = [p for p in (street, self.postcode and f"{self.postcode} ") if p]
        return ", ".join(p.strip() for p in parts) or None

    def active_on(self, day: dt.date) -> bool:
        """Whether the place existed on ``day`` (unknown bounds count as open)."""
        from atlas.dates import parse_partial_date

        start = parse_partial_date(self.valid_from, end=False) if self.valid_from else None
        end = parse_partial_date(self.valid_to, end=True) if self.valid_to else None
        if start and day < start:
            return False
        if end and day > end:
            return False
        return True

    def is_current(self, day: dt.date | None = None, *, today: dt.date | None = None) -> bool:
        """Whether the place counts on ``day`` (default: today); the one rule for every view.

        Its validity dates must include the day. The status describes the place as
        it is now, so a closed place ("geschlossen") still counts on a past day
        within its dates, but never today or later.
        """
        today = today or dt.date.today()
        day = day or today
        if not self.active_on(day):
            return False
        return day < today or self.status != Status.GESCHLOSSEN


class ServiceArea(BaseModel):
    """An area an offer serves instead of a point, e.g. an MSA region of several Stadtbezirke."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, max_length=120)
    name: str = Field(min_length=1, max_length=300)
    kind: str = Field(min_length=1)  # e.g. "msa_region"
    stadtbezirke: tuple[str, ...]  # configured Stadtbezirk / Ortschaft names
    provider: str | None = None
    source_url: str | None = None
    source_title: str | None = None
    source_date: str = Field(min_length=4)
    public_note: str | None = None  # a short hint the public may read
    notes: str | None = None  # research notes: internal only
