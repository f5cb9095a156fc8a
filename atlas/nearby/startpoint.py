"""Where a nearby search starts: a typed address, a map click or a Stadtteil centre.

Addresses are looked up offline first, in the official gazetteer
(:mod:`atlas.geo.addresses`). Only when ``ATLAS_NOMINATIM_URL`` is set and the
gazetteer has no clear answer is a Nominatim server asked (via geopy); if it
is slow or unreachable, the offline suggestions stand and a notice says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from atlas import texts
from atlas.city import City, fold
from atlas.errors import GeocodeError
from atlas.geo.addresses import AddressIndex, AddressNotFoundError, not_found_error
from atlas.geo.deadline import DeadlineExceeded, call_with_deadline
from atlas.nearby.search import NearbyError

KIND_ADDRESS = "adresse"
KIND_CLICK = "karte"
KIND_STADTTEIL = "stadtteil"


@dataclass(frozen=True)
class StartPoint:
    """A resolved start: position, a label for people, and how it was found."""

    lat: float
    lon: float
    label: str
    kind: str
    approximate: bool = False
    source: str = ""


class GeocoderUnreachable(GeocodeError):
    """The online geocoder timed out or could not be reached."""


OnlineLookup = Callable[[str], "tuple[float, float, str] | None"]


def nominatim_search(
    text: str, city: City, *, url: str, user_agent: str, timeout: float,
) -> tuple[float, float, str] | None:
    """(lat, lon, label) from a Nominatim server inside the city's bbox, or None.

    Raises :class:`GeocoderUnreachable` for time-outs and connection or
    service errors (geopy), so callers can fall back to the offline lookup.
    """
    from geopy.exc import GeopyError
    from geopy.geocoders import Nominatim

    parts = urlsplit(url if "://" in url else f"https://{url}")
    geocoder = Nominatim(user_agent=user_agent, timeout=timeout, scheme=parts.scheme or "https",
                         domain=(parts.netloc + parts.path.rstrip("/")))
    west, south, east, north = city.bbox
    query = text if fold(city.name) in fold(text) else f"{text}, {city.name}"
    try:
        found = call_with_deadline(lambda: geocoder.geocode(
            query, exactly_one=True, country_codes="de",
            viewbox=[(south, west), (north, east)], bounded=True), timeout)
    except (GeopyError, DeadlineExceeded) as e:
        raise GeocoderUnreachable(
            texts.NEARBY["geocoder_unreachable"].format(reason=type(e).__name__)) from e
    if found is None:
        return None
    return float(found.latitude), float(found.longitude), str(found.address)


def locate_address(
    text: str, index: AddressIndex | None, *, online: OnlineLookup | None = None,
) -> StartPoint:
    """The position of a typed address: gazetteer first, then ``online`` (if configured).

    Raises :class:`atlas.geo.addresses.AddressNotFoundError` ("Adresse nicht
    gefunden", best suggestions attached) when neither finds it; when the
    online geocoder is unreachable its message is put in front.
    """
    if not (text or "").strip():
        raise AddressNotFoundError(texts.NEARBY["address_empty"])
    offline_error: AddressNotFoundError | None = None
    if index is not None:
        try:
            point = index.resolve(text)
            return StartPoint(point.lat, point.lon, point.label(), KIND_ADDRESS,
                              source=point.source)
        except AddressNotFoundError as e:
            offline_error = e
    if online is None:
        if offline_error is not None and index is not None and not index.complete:
            hint = texts.NEARBY["address_no_gazetteer"].format(text=text)
            raise AddressNotFoundError(hint, offline_error.suggestions)
        if offline_error is not None:
            raise offline_error
        raise AddressNotFoundError(texts.NEARBY["address_no_gazetteer"].format(text=text))
    fallback = offline_error or not_found_error(text, [])
    try:
        found = online(text)
    except GeocoderUnreachable as e:
        raise AddressNotFoundError(f"{e} {fallback}", fallback.suggestions) from e
    if found is None:
        raise fallback
    lat, lon, label = found
    return StartPoint(lat, lon, label, KIND_ADDRESS, source="Nominatim")


def stadtteil_start(
    name_or_number: str, centroids: dict[str, tuple[float, float]], names: dict[str, str],
) -> StartPoint:
    """The centre of a Stadtteil given by name (any spelling) or number; marked approximate."""
    wanted = fold(name_or_number or "")
    for number, name in names.items():
        if wanted in (fold(name), fold(number), fold(number.zfill(2))) and number in centroids:
            lat, lon = centroids[number]
            return StartPoint(lat, lon, name, KIND_STADTTEIL, approximate=True)
    raise NearbyError(texts.NEARBY["stadtteil_unknown"].format(name=name_or_number))


def click_start(lat: float, lon: float) -> StartPoint:
    """A start point from a click on the map."""
    return StartPoint(lat, lon, texts.NEARBY["start_click_label"].format(lat=lat, lon=lon),
                      KIND_CLICK)
