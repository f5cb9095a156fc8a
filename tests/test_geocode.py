"""Geocoding: official address points and Nominatim against a real local HTTP server,
centroid fallbacks, and district assignment by point-in-polygon."""

from __future__ import annotations

import dataclasses
import json
import time

import pytest
from conftest import Route

from atlas.city import load_city
from atlas.geo.addresses import AddressIndex, fetch_address_points
from atlas.geo.geocode import (
    METHOD_ADDRESS,
    METHOD_NOMINATIM,
    METHOD_STADTBEZIRK,
    METHOD_STADTTEIL,
    NominatimGeocoder,
    geocode_records,
    housenumber_candidates,
    make_nominatim,
)
from atlas.geo.geodata import Boundaries
from atlas.model import Precision, Resource
from atlas.settings import ROOT, load_config

CITY = load_city(ROOT / "resources" / "city.yaml")


def square(lon: float, lat: float, size: float = 0.01) -> dict:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def tiny_boundaries() -> Boundaries:
    """Two Stadtteile side by side: 11 in Neustadt, 21 in Pieschen (both 0.01° squares)."""
    stadtteile = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": square(13.75, 51.06),
         "properties": {"nr": "11", "name": "Äußere Neustadt (Antonstadt)",
                        "name_long": "Äußere Neustadt (Antonstadt)",
                        "stadtbezirk": "Neustadt", "ortschaft": None}},
        {"type": "Feature", "geometry": square(13.76, 51.06),
         "properties": {"nr": "21", "name": "Pieschen-Süd", "name_long": "Pieschen-Süd mit X",
                        "stadtbezirk": "Pieschen", "ortschaft": None}},
    ]}
    districts = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": square(13.75, 51.06),
         "properties": {"name": "Neustadt", "slug": "neustadt", "art": "Stadtbezirk",
                        "parent": None, "stadtteile": ["11"]}},
        {"type": "Feature", "geometry": square(13.76, 51.06),
         "properties": {"name": "Pieschen", "slug": "pieschen", "art": "Stadtbezirk",
                        "parent": None, "stadtteile": ["21"]}},
    ]}
    return Boundaries(stadtteile, districts, stadtteile, districts, {})


def record(**changes) -> Resource:
    base = {"id": "r1", "name": "Ort", "category": "beratung", "source_date": "2020",
            "source_url": "https://example.org"}
    return Resource(**{**base, **changes})


L134_PAGE = {
    "type": "FeatureCollection", "numberReturned": 2, "links": [],
    "features": [
        {"type": "Feature", "id": 1,
         "geometry": {"type": "Point", "coordinates": [13.755, 51.065],
                      "crs": {"type": "name",
                              "properties": {"name": "urn:ogc:def:crs:EPSG::4326"}}},
         "properties": {"adr_nr": "1", "adresse": "Königsbrücker Str. 13", "plz_plz": "01099",
                        "plz_ort": "Dresden"}},
        {"type": "Feature", "id": 2,
         "geometry": {"type": "Point", "coordinates": [13.765, 51.065]},
         "properties": {"adr_nr": "2", "adresse": "Werdauer Straße 1", "plz_plz": "01069",
                        "plz_ort": "Dresden"}},
    ],
}


@pytest.fixture
def address_index(http_server) -> AddressIndex:
    """C's real L134 reader, fed by the local server, as the geocoder will get it."""
    http_server.routes["/collections/L134/items"] = Route(json.dumps(L134_PAGE).encode())
    sources = {**CITY.sources, "ogcapi": {**CITY.sources["ogcapi"],
                                         "base_url": http_server.url("/collections")}}
    city = dataclasses.replace(CITY, sources=sources)
    config = load_config({"ATLAS_CONFIG": "none.toml", "ATLAS_HTTP_TIMEOUT": "5"})
    return AddressIndex.from_points(fetch_address_points(config, city))


def test_address_points_give_exact_positions_str_equals_strasse(address_index):
    records = [record(street="Königsbrücker Straße", housenumber="13", postcode="01099"),
               record(id="r2", street="Werdauer Straße", housenumber="1-3")]
    result = geocode_records(records, CITY, address_index=address_index)
    first, second = result.records
    assert (first.lat, first.lon) == (51.065, 13.755)
    assert first.location_precision == Precision.EXACT
    assert first.location_method == METHOD_ADDRESS
    assert (second.lat, second.lon) == (51.065, 13.765)  # "1-3" found as number 1


def test_wrong_postcode_does_not_match(address_index):
    [out] = geocode_records([record(street="Königsbrücker Str.", housenumber="13",
                                    postcode="01234")], CITY, address_index=address_index).records
    assert not out.has_position


def test_housenumber_candidates():
    assert housenumber_candidates("60/60a") == ["60/60a", "60", "60a"]
    assert housenumber_candidates("1-3") == ["1-3", "1", "3"]
    assert housenumber_candidates("36-40") == ["36-40", "36", "40"]
    assert housenumber_candidates("13a") == ["13a"]
    assert housenumber_candidates("") == []


def test_centroids_of_stadtteil_then_stadtbezirk_are_approximate():
    bounds = tiny_boundaries()
    records = [record(stadtteil="Äußere Neustadt (Antonstadt)", stadtbezirk="Neustadt"),
               record(id="r2", stadtbezirk="Pieschen"),
               record(id="r3"),
               record(id="r4", stadtteil="Atlantis", stadtbezirk="Pieschen")]
    result = geocode_records(records, CITY, boundaries=bounds)
    by_id = {r.id: r for r in result.records}
    assert by_id["r1"].location_precision == Precision.STADTTEIL
    assert by_id["r1"].location_method == METHOD_STADTTEIL
    assert by_id["r1"].is_approximate
    assert (by_id["r1"].lat, by_id["r1"].lon) == bounds.stadtteil_centroids()["11"]
    assert by_id["r2"].location_precision == Precision.STADTBEZIRK
    assert by_id["r2"].location_method == METHOD_STADTBEZIRK
    assert not by_id["r3"].has_position  # no district: stays without position
    assert by_id["r4"].location_precision == Precision.STADTBEZIRK
    assert any("„Atlantis“" in w for w in result.warnings)


def test_exact_positions_get_their_district_and_disagreements_are_reported(address_index):
    records = [record(street="Werdauer Straße", housenumber="1", stadtbezirk="Neustadt",
                      stadtteil="Äußere Neustadt (Antonstadt)"),
               record(id="r2", lat=51.065, lon=13.755, stadtbezirk="Neustadt"),
               record(id="r3", lat=51.065, lon=13.755)]
    result = geocode_records(records, CITY, boundaries=tiny_boundaries(),
                             address_index=address_index)
    moved, agreed, filled = result.records
    assert (moved.stadtbezirk, moved.stadtteil) == ("Pieschen", "Pieschen-Süd")
    assert any("„r1“" in w and "„Neustadt“" in w and "Pieschen" in w for w in result.warnings)
    assert (agreed.stadtbezirk, agreed.stadtteil) == ("Neustadt",
                                                      "Äußere Neustadt (Antonstadt)")
    assert filled.stadtbezirk == "Neustadt"
    assert not any("„r2“" in w or "„r3“" in w for w in result.warnings)


def nominatim_route(calls: list[float], *, house: bool = True, delay: float = 0.0):
    def answer(path: str) -> Route:
        calls.append(time.monotonic())
        if "nirgendwo" in path.lower():
            return Route(b"[]")
        address = {"road": "Glacisstraße", "city": "Dresden"}
        if house:
            address["house_number"] = "28"
        body = [{"lat": "51.0601", "lon": "13.7532", "display_name": "Glacisstraße 28",
                 "address": address, "class": "place", "type": "house"}]
        return Route(json.dumps(body).encode(), delay=delay)
    return answer


def test_nominatim_is_rate_limited_cached_and_fills_positions(http_server, tmp_path):
    calls: list[float] = []
    http_server.routes["/search"] = nominatim_route(calls)
    cache = tmp_path / "nominatim.json"
    geocoder = NominatimGeocoder(http_server.base_url, "atlas-test", CITY, cache_path=cache,
                                 timeout=5, min_delay=0.3)
    records = [record(street="Glacisstraße", housenumber="28", postcode="01099"),
               record(id="r2", street="Nirgendwoweg", housenumber="1")]
    result = geocode_records(records, CITY, nominatim=geocoder)
    found, missing = result.records
    assert (found.lat, found.lon) == (51.0601, 13.7532)
    assert found.location_method == METHOD_NOMINATIM
    assert found.location_precision == Precision.EXACT
    assert not missing.has_position
    assert len(calls) == 2 and calls[1] - calls[0] >= 0.29
    query = next(r for r in http_server.requests if "01099" in r)
    assert "postalcode=01099" in query and "city=Dresden" in query
    again = NominatimGeocoder(http_server.base_url, "atlas-test", CITY, cache_path=cache,
                              min_delay=0.3)
    geocode_records(records, CITY, nominatim=again)
    assert again.requests_made == 0 and len(calls) == 2  # both answers came from the disk cache


def test_nominatim_without_house_number_is_street_precision(http_server):
    http_server.routes["/search"] = nominatim_route([], house=False)
    geocoder = NominatimGeocoder(http_server.base_url, "atlas-test", CITY, min_delay=0)
    [out] = geocode_records([record(street="Glacisstraße", housenumber="99")], CITY,
                            nominatim=geocoder).records
    assert out.location_precision == Precision.STREET and out.is_approximate


def test_nominatim_timeout_falls_back_to_the_centroid(http_server):
    http_server.routes["/search"] = nominatim_route([], delay=1.5)
    geocoder = NominatimGeocoder(http_server.base_url, "atlas-test", CITY, timeout=0.3,
                                 min_delay=0)
    result = geocode_records([record(street="Glacisstraße", housenumber="28",
                                     stadtbezirk="Neustadt")], CITY,
                             boundaries=tiny_boundaries(), nominatim=geocoder)
    [out] = result.records
    assert out.location_method == METHOD_STADTBEZIRK
    assert any("Nominatim" in w for w in result.warnings)


def test_nominatim_is_off_unless_configured(tmp_path):
    off = load_config({"ATLAS_CONFIG": "none.toml"})
    assert make_nominatim(off, CITY) is None
    on = load_config({"ATLAS_CONFIG": "none.toml", "ATLAS_NOMINATIM_URL": "http://127.0.0.1:9",
                      "ATLAS_CACHE_DIR": str(tmp_path)})
    geocoder = make_nominatim(on, CITY)
    assert geocoder is not None and geocoder.min_delay >= 1.0
    assert geocoder.cache_path == tmp_path / "nominatim_cache.json"
