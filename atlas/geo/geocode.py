"""Fill missing positions and check districts: address points, optional Nominatim, centroids.

Order of precision per record without lat/lon:

1. the official address point (``atlas.geo.addresses.AddressIndex``: the shipped
   L134 extract or the full register) for the number, or a number of its
   range ("36-40", "24/26") -> ``exact``;
2. the same number with a letter suffix ("26" -> "26a") -> ``address_suffix``;
   (a Nominatim server, only when one is configured, comes here);
3. the street only (in the register, number missing or absent) -> the centre of
   the record's Stadtteil, or of the Stadtteil of the street's nearest
   address -> ``street``;
4. the centre of the record's Stadtteil -> ``stadtteil``;
5. the centre of its Stadtbezirk -> ``stadtbezirk``;
6. none.

Address-point positions then set Stadtteil and Stadtbezirk by
point-in-polygon; every stated district that disagrees is reported (the
address point decides).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from atlas.city import City, fold
from atlas.files import write_atomic
from atlas.geo.addresses import normalise_housenumber
from atlas.geo.deadline import DeadlineExceeded, call_with_deadline
from atlas.model import Precision, Resource
from atlas.texts import RESOURCES as T

METHOD_ADDRESS = "adresspunkte_l134"
METHOD_SUFFIX = "adresspunkte_l134_zusatz"
METHOD_STREET = "strasse_zentroid_stadtteil"
METHOD_NOMINATIM = "nominatim"
METHOD_STADTTEIL = "zentroid_stadtteil"
METHOD_STADTBEZIRK = "zentroid_stadtbezirk"


class AddressLookup(Protocol):
    """What the geocoder needs from ``atlas.geo.addresses.AddressIndex``."""

    def lookup(self, street: str, housenumber: str, postcode: str | None = None) -> Any: ...

    def street_points(self, street: str) -> list[Any]: ...


@dataclass(frozen=True)
class Position:
    lat: float
    lon: float
    precision: Precision
    method: str


@dataclass
class GeocodeResult:
    """Records with positions filled in, and German notes about what was found."""

    records: list[Resource]
    warnings: list[str] = field(default_factory=list)


def housenumber_candidates(housenumber: str | None) -> list[str]:
    """Full form, first number, then the other numbers of a range or list.

    "60/60a" -> ["60/60a", "60", "60a"]; "1-3" -> ["1-3", "1", "3"]; "13a" -> ["13a"].
    """
    text = (housenumber or "").strip()
    if not text:
        return []
    out = [text]
    for part in re.findall(r"\d+\s*[a-zA-Z]?(?![\d])", text):
        number = part.replace(" ", "")
        if number not in out and number != text.replace(" ", ""):
            out.append(number)
    return out


def locate_by_address(record: Resource, index: AddressLookup) -> Position | None:
    """The register's point: the number (or one of its range), else the number + letter."""
    if not (record.street and record.housenumber):
        return None
    candidates = housenumber_candidates(record.housenumber)
    for number in candidates:
        point = index.lookup(record.street, number, record.postcode)
        if point is not None:
            return Position(float(point.lat), float(point.lon), Precision.EXACT, METHOD_ADDRESS)
    point = _with_letter(index, record.street, candidates[0], record.postcode)
    if point is not None:
        return Position(float(point.lat), float(point.lon), Precision.SUFFIX, METHOD_SUFFIX)
    return None


def _digits(housenumber: str | None) -> int | None:
    found = re.match(r"\d+", housenumber or "")
    return int(found.group()) if found else None


def _with_letter(index: AddressLookup, street: str, housenumber: str,
                 postcode: str | None) -> Any:
    """The register's point for the same number with a letter suffix ("26" -> "26a")."""
    wanted = _digits(housenumber)
    points = [p for p in index.street_points(street)
              if re.fullmatch(rf"{wanted}[a-z]", normalise_housenumber(p.housenumber))
              and (not postcode or p.postcode in (None, postcode))] if wanted else []
    return min(points, key=lambda p: p.housenumber) if points else None


def locate_by_street(record: Resource, index: AddressLookup,
                     locator: DistrictLocator) -> Position | None:
    """Street in the register but no point for the number: the Stadtteil centre, flagged."""
    if not record.street:
        return None
    points = index.street_points(record.street)
    if not points:
        return None
    wanted = _digits(record.housenumber) or 0
    point = min(points, key=lambda p: (abs((_digits(p.housenumber) or 0) - wanted),
                                       p.housenumber))
    number = locator.stadtteil_number(record.stadtteil)
    if number is None:
        props = locator.locate_point(float(point.lat), float(point.lon)) or {}
        number = props.get("nr")
    if number is None or number not in locator.stadtteil_centroids:
        return None
    lat, lon = locator.stadtteil_centroids[number]
    return Position(lat, lon, Precision.STREET, METHOD_STREET)


class NominatimGeocoder:
    """Structured Nominatim queries via geopy: rate-limited, cached on disk, time-outs tolerated."""

    def __init__(self, base_url: str, user_agent: str, city: City, *,
                 cache_path: Path | None = None, timeout: float = 10.0,
                 min_delay: float = 1.0) -> None:
        from geopy.geocoders import Nominatim

        parts = urlsplit(base_url.rstrip("/"))
        self.city = city
        self.min_delay, self.timeout = min_delay, timeout
        self.cache_path, self._last_request = cache_path, 0.0
        self._cache: dict[str, Any] = self._read_cache()
        self.requests_made = 0
        self.errors: list[str] = []
        self._client = Nominatim(user_agent=user_agent, domain=parts.netloc + parts.path,
                                 scheme=parts.scheme or "https", timeout=timeout)

    def _read_cache(self) -> dict[str, Any]:
        if self.cache_path is None or not self.cache_path.is_file():
            return {}
        try:
            data = json.loads(self.cache_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # a broken cache is only a cache: start afresh
        return data if isinstance(data, dict) else {}

    def _write_cache(self) -> None:
        if self.cache_path is None:
            return
        write_atomic(self.cache_path, json.dumps(self._cache, ensure_ascii=False).encode("utf-8"))

    def locate(self, street: str, housenumber: str | None, postcode: str | None) -> Position | None:
        """Position of an address, from the cache or one polite request; None if not found."""
        query = {"street": f"{housenumber or ''} {street}".strip(), "city": self.city.name,
                 "country": "Deutschland"}
        if postcode:
            query["postalcode"] = postcode
        key = json.dumps(query, sort_keys=True, ensure_ascii=False)
        if key not in self._cache:
            found = self._request(query)
            if found is False:
                return None  # error: not cached, try again next time
            self._cache[key] = found
            self._write_cache()
        hit = self._cache[key]
        if not hit:
            return None
        return Position(hit["lat"], hit["lon"], Precision(hit["precision"]), METHOD_NOMINATIM)

    def _request(self, query: dict[str, str]) -> dict[str, Any] | None | bool:
        from geopy.exc import GeopyError

        wait = self._last_request + self.min_delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last_request = time.monotonic()
        self.requests_made += 1
        try:
            location = call_with_deadline(
                lambda: self._client.geocode(query, exactly_one=True, addressdetails=True,
                                             country_codes="de"), self.timeout)
        except (GeopyError, DeadlineExceeded) as e:
            self.errors.append(T["nominatim_failed"].format(query=query["street"],
                                                            reason=type(e).__name__))
            return False
        finally:
            self._last_request = time.monotonic()
        if location is None:
            return None
        from atlas.places.schema import inside_bbox

        if not inside_bbox(location.latitude, location.longitude, self.city):
            return None
        address = (location.raw or {}).get("address") or {}
        precision = Precision.EXACT if address.get("house_number") else Precision.STREET
        return {"lat": float(location.latitude), "lon": float(location.longitude),
                "precision": precision.value}


class DistrictLocator:
    """Stadtteil polygons and centroids from the cached boundaries (engineer A's Boundaries)."""

    def __init__(self, boundaries: Any, city: City) -> None:
        from shapely.geometry import shape

        from atlas.geo.vector import polygon_index

        self.city = city
        features = list((getattr(boundaries, "stadtteile", None) or {}).get("features", []))
        self._props = [f.get("properties") or {} for f in features]
        self._polygons = polygon_index([shape(f["geometry"]) for f in features])
        self._by_name: dict[str, str] = {}
        for props in self._props:
            for key in ("nr", "name", "name_long"):
                if props.get(key):
                    self._by_name[fold(str(props[key]))] = str(props["nr"])
        self._names = {str(p["nr"]): str(p.get("name") or p["nr"]) for p in self._props}
        self.stadtteil_centroids: dict[str, tuple[float, float]] = dict(
            boundaries.stadtteil_centroids()) if features else {}
        self.district_centroids: dict[str, tuple[float, float]] = dict(
            boundaries.district_centroids()) if features else {}

    def stadtteil_number(self, name: str | None) -> str | None:
        return self._by_name.get(fold(name)) if name else None

    def stadtteil_name(self, number: str) -> str:
        return self._names.get(number, number)

    def locate_points(self, points: Sequence[tuple[float, float]]) -> list[dict[str, Any] | None]:
        """Properties of the Stadtteil holding each (lat, lon), or None outside all;
        one spatial join (sjoin) for all points."""
        from atlas.geo.vector import locate_points

        found = locate_points(self._polygons, [(lon, lat) for lat, lon in points])
        return [None if i is None else self._props[i] for i in found]

    def locate_point(self, lat: float, lon: float) -> dict[str, Any] | None:
        """Properties of the Stadtteil containing the point, or None outside all."""
        return self.locate_points([(lat, lon)])[0]

    def centroid_for(self, record: Resource) -> Position | None:
        """Centroid of the record's Stadtteil, else of its Stadtbezirk/Ortschaft."""
        number = self.stadtteil_number(record.stadtteil)
        if number and number in self.stadtteil_centroids:
            lat, lon = self.stadtteil_centroids[number]
            return Position(lat, lon, Precision.STADTTEIL, METHOD_STADTTEIL)
        district = self.city.canonical_district(record.stadtbezirk or "")
        if district and district in self.district_centroids:
            lat, lon = self.district_centroids[district]
            return Position(lat, lon, Precision.STADTBEZIRK, METHOD_STADTBEZIRK)
        return None


def geocode_records(records: Iterable[Resource], city: City, *, boundaries: Any = None,
                    address_index: AddressLookup | None = None,
                    nominatim: NominatimGeocoder | None = None) -> GeocodeResult:
    """Fill missing lat/lon and assign districts by point-in-polygon (see module docstring)."""
    locator = DistrictLocator(boundaries, city) if boundaries is not None else None
    out: list[Resource] = []
    warnings: list[str] = []
    for record in records:
        if locator is not None and record.stadtteil and not locator.stadtteil_number(
                record.stadtteil):
            warnings.append(T["stadtteil_unknown"].format(id=record.id, value=record.stadtteil))
        out.append(_position_record(record, address_index, nominatim, locator))
    if locator is not None:
        out = _assign_all(out, locator, warnings)
    if nominatim is not None:
        warnings.extend(nominatim.errors)
    return GeocodeResult(out, warnings)


def _position_record(record: Resource, index: AddressLookup | None,
                     nominatim: NominatimGeocoder | None,
                     locator: DistrictLocator | None) -> Resource:
    if record.has_position:
        return record
    position = locate_by_address(record, index) if index is not None else None
    if position is None and nominatim is not None and record.street:
        position = nominatim.locate(record.street, record.housenumber, record.postcode)
    if position is None and index is not None and locator is not None:
        position = locate_by_street(record, index, locator)
    if position is None and locator is not None:
        position = locator.centroid_for(record)
    if position is None:
        return record
    return record.model_copy(update={"lat": position.lat, "lon": position.lon,
                                     "location_precision": position.precision,
                                     "location_method": position.method})


def _assign_all(records: list[Resource], locator: DistrictLocator,
                warnings: list[str]) -> list[Resource]:
    """Districts for every record: address points (and the Stadtteil centres a street or
    Stadtteil placed) by one point-in-polygon join, the rest from their Stadtteil where
    the district is missing."""
    exact = [i for i, r in enumerate(records) if r.has_position and (
        not r.is_approximate or r.location_method in (METHOD_STREET, METHOD_STADTTEIL))]
    found = dict(zip(exact, locator.locate_points(
        [(records[i].lat, records[i].lon) for i in exact]), strict=True))
    out = []
    for i, record in enumerate(records):
        if i in found:
            record, notes = assign_districts(record, locator, found[i])
            warnings.extend(notes)
        elif not record.stadtbezirk:
            record = district_from_stadtteil(record, locator)
        out.append(record)
    return out


def assign_districts(record: Resource, locator: DistrictLocator,
                     props: dict[str, Any] | None) -> tuple[Resource, list[str]]:
    """Set Stadtteil and Stadtbezirk from ``props``, the polygon holding an exact position.

    Returns the updated record and a German note for every stated value that
    disagrees with the polygon (the polygon wins; the note names both).
    """
    if props is None:
        return record, [T["outside_stadtteile"].format(id=record.id, lat=record.lat,
                                                       lon=record.lon)]
    found_district = props.get("ortschaft") or props.get("stadtbezirk")
    allowed = {props.get("ortschaft"), props.get("stadtbezirk")} - {None}
    notes = []
    stated = locator.city.canonical_district(record.stadtbezirk or "")
    if record.stadtbezirk and stated not in allowed:
        notes.append(T["district_disagrees"].format(
            id=record.id, stated=record.stadtbezirk, found=found_district,
            stadtteil=props.get("name")))
    stated_nr = locator.stadtteil_number(record.stadtteil)
    if record.stadtteil and stated_nr != str(props.get("nr")):
        notes.append(T["stadtteil_disagrees"].format(id=record.id, stated=record.stadtteil,
                                                     found=props.get("name")))
    update = {"stadtteil": props.get("name"),
              "stadtbezirk": stated if stated in allowed else found_district}
    return record.model_copy(update=update), notes


@dataclass(frozen=True)
class Coverage:
    """How many current public places with a house number have an address point."""

    with_point: int
    house_numbered: int

    @property
    def share(self) -> float:
        return self.with_point / self.house_numbered if self.house_numbered else 0.0


def address_point_coverage(records: Iterable[Resource], day: Any) -> Coverage:
    """The issue's figure: current public places with a house number placed by address point."""
    from atlas.nearby.search import current_offers

    numbered = [r for r in current_offers(list(records), day)
                if not r.is_internal and r.street and r.housenumber]
    placed = [r for r in numbered if r.location_method in (METHOD_ADDRESS, METHOD_SUFFIX)]
    return Coverage(len(placed), len(numbered))


def district_from_stadtteil(record: Resource, locator: DistrictLocator) -> Resource:
    """Set a missing Stadtbezirk (or Ortschaft) from the record's known Stadtteil name,
    so that every view reads the district from the record alone (``City.stadtbezirk_for``)."""
    number = locator.stadtteil_number(record.stadtteil)
    if number is None:
        return record
    city = locator.city
    district = city.ortschaft_of(number) or city.stadtbezirk_of(number)
    return record.model_copy(update={"stadtbezirk": district}) if district else record


def make_nominatim(config: Any, city: City) -> NominatimGeocoder | None:
    """A Nominatim geocoder when ``ATLAS_NOMINATIM_URL`` is set, else None (the default)."""
    url = str(getattr(config, "nominatim_url", "") or "").strip()
    if not url:
        return None
    cache = config.path("CACHE_DIR") / "nominatim_cache.json"
    return NominatimGeocoder(url, str(config.nominatim_user_agent), city, cache_path=cache,
                             timeout=float(config.http_timeout))


