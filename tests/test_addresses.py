"""The address gazetteer: parsing, normalising, exact and fuzzy lookup, L134 paging, cache."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from atlas.city import load_city
from atlas.errors import AtlasError, GeocodeError
from atlas.geo.addresses import (
    AddressIndex,
    AddressNotFoundError,
    AddressPoint,
    fetch_address_points,
    load_address_index,
    normalise_street,
    parse_address,
    point_from_feature,
    read_manifest,
    save_address_points,
)
from atlas.geo.addresses_cli import main
from atlas.settings import ROOT, load_config
from tests.conftest import Route

CITY = load_city(ROOT / "resources" / "city.yaml")


def _point(street: str, number: str, postcode: str = "01099", lat=51.06, lon=13.75):
    return AddressPoint(street, number, postcode, "Dresden", lat, lon, "Test")


@pytest.fixture
def index() -> AddressIndex:
    return AddressIndex.from_points([
        _point("Königsbrücker Straße", "13", lat=51.0657, lon=13.7505),
        _point("Königsbrücker Straße", "15", lat=51.0660, lon=13.7507),
        _point("Königsbrücker Landstraße", "13", "01109", lat=51.11, lon=13.77),
        _point("Hauptstraße", "1", "01097"),
        _point("Hauptstraße", "1", "01328", lat=51.03, lon=13.92),
        _point("Bautzner Straße", "7a"),
    ])


@pytest.mark.parametrize("text", [
    "Königsbrücker Straße", "Königsbrücker Str.", "Königsbrücker Str",
    "koenigsbruecker strasse", "KÖNIGSBRÜCKER  STRASSE", "Königsbrücker Strasse",
])
def test_street_spellings_share_one_key(text):
    assert normalise_street(text) == normalise_street("Königsbrücker Straße")


def test_different_streets_keep_different_keys():
    assert normalise_street("Königsbrücker Landstraße") != normalise_street("Königsbrücker Str.")
    assert normalise_street("Strehlener Straße") == "strehlener str"


@pytest.mark.parametrize("text, expected", [
    ("Königsbrücker Str 13", ("Königsbrücker Str", "13", None)),
    ("koenigsbruecker strasse 13", ("koenigsbruecker strasse", "13", None)),
    ("Königsbrücker Str. 13, 01099 Dresden", ("Königsbrücker Str.", "13", "01099")),
    ("01099 Dresden, Königsbrücker Straße 13 a", ("Königsbrücker Straße", "13a", "01099")),
    ("Straße des 17. Juni 5", ("Straße des 17. Juni", "5", None)),
    ("Bautzner Landstraße 7-9", ("Bautzner Landstraße", "7-9", None)),
    ("Altmarkt", ("Altmarkt", "", None)),
])
def test_parse_address(text, expected):
    assert parse_address(text) == expected


def test_lookup_is_exact_on_normalised_keys(index):
    hit = index.lookup("koenigsbruecker strasse", "13")
    assert hit is not None and hit.lat == 51.0657
    assert index.lookup("Königsbrücker Str.", "14") is None
    assert index.lookup("Bautzner Str", "7 A").housenumber == "7a"


def test_lookup_uses_postcode_to_pick_between_equal_streets(index):
    assert index.lookup("Hauptstr.", "1", "01328").lat == 51.03
    assert index.lookup("Hauptstr.", "1", "01097").lat == 51.06
    assert index.lookup("Hauptstr.", "1", "01069") is None


@pytest.mark.parametrize("typed", [
    "Königsbrücker Str 13", "koenigsbruecker strasse 13", "Konigsbrucker Strase 13",
    "Königsbrücker 13",
])
def test_fuzzy_search_finds_typos_and_abbreviations(index, typed):
    best = index.search(typed)[0]
    assert (best.point.street, best.point.housenumber) == ("Königsbrücker Straße", "13")
    assert index.resolve(typed).lat == 51.0657


def test_search_ranks_best_first_and_respects_limit(index):
    matches = index.search("Königsbrücker Straße 13", limit=2)
    assert len(matches) == 2
    assert matches[0].score >= matches[1].score
    assert matches[0].point.street == "Königsbrücker Straße"


def test_unknown_number_suggests_the_nearest_number_on_the_street(index):
    with pytest.raises(AddressNotFoundError) as err:
        index.resolve("Königsbrücker Straße 99")
    assert "Adresse nicht gefunden" in str(err.value)
    assert "Stadtteil wählen oder in die Karte klicken" in str(err.value)
    assert err.value.suggestions[0].point.street == "Königsbrücker Straße"


def test_unknown_and_empty_addresses_get_german_messages(index):
    with pytest.raises(AddressNotFoundError, match="Adresse nicht gefunden – Stadtteil wählen"):
        index.resolve("Qwertzweg 3")
    with pytest.raises(AddressNotFoundError, match="Bitte eine Adresse eingeben"):
        index.resolve("   ")
    assert index.search("") == []


def _feature(fid: int, adresse: str, *, coords=(13.7505, 51.0657), **props):
    return {
        "type": "Feature", "id": fid,
        "geometry": {"type": "Point", "coordinates": list(coords),
                     "crs": {"type": "name",
                             "properties": {"name": "urn:ogc:def:crs:EPSG::4326"}}},
        "properties": {"adr_nr": fid, "adresse": adresse, "plz_plz": "01099",
                       "plz_ort": "Dresden", **props},
    }


def test_point_from_feature_tolerates_crs_member_swapped_axes_and_metres():
    plain = point_from_feature(_feature(1, "Königsbrücker Str. 13"), CITY, "S")
    assert (plain.street, plain.housenumber) == ("Königsbrücker Str.", "13")
    assert plain.postcode == "01099"
    assert (plain.lat, plain.lon) == (51.0657, 13.7505)
    swapped = point_from_feature(_feature(2, "A-Weg 1", coords=(51.0657, 13.7505)), CITY, "S")
    assert (swapped.lat, swapped.lon) == (51.0657, 13.7505)
    metres = _feature(3, "A-Weg 2", coords=(412000.0, 5657000.0))
    metres["geometry"]["crs"]["properties"]["name"] = "urn:ogc:def:crs:EPSG::25833"
    projected = point_from_feature(metres, CITY, "S")
    assert 51.0 < projected.lat < 51.1 and 13.7 < projected.lon < 13.8
    split = point_from_feature(_feature(4, "", strasse="Hauptstraße", hnr=5, hnr_zusatz="b"),
                               CITY, "S")
    assert (split.street, split.housenumber) == ("Hauptstraße", "5b")
    assert point_from_feature({"geometry": None, "properties": {}}, CITY, "S") is None


def _env(http_server, tmp_path, monkeypatch):
    city_file = tmp_path / "city.yaml"
    text = (ROOT / "resources" / "city.yaml").read_text(encoding="utf-8")
    text = text.replace("https://kommisdd.dresden.de/net4/public/ogcapi/collections",
                        http_server.url("/collections"))
    city_file.write_text(text, encoding="utf-8")
    monkeypatch.setenv("ATLAS_CITY_FILE", str(city_file))
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ATLAS_HTTP_TIMEOUT", "5")
    return load_config(), load_city(city_file)


def test_fetch_follows_next_links_and_offset_paging(http_server, tmp_path, monkeypatch):
    all_features = [_feature(i, f"Teststraße {i}") for i in range(1, 2501)]

    def items(path: str) -> Route:
        query = parse_qs(urlsplit(path).query)
        limit, offset = int(query["limit"][0]), int(query.get("offset", ["0"])[0])
        page = all_features[offset:offset + limit]
        links = []
        if offset == 0:  # first page announces the next one; later pages do not
            links.append({"rel": "next", "href": http_server.url(
                f"/collections/L134/items?f=json&limit={limit}&offset={offset + limit}")})
        body = {"type": "FeatureCollection", "links": links, "numberReturned": len(page),
                "features": page}
        return Route(json.dumps(body).encode())

    http_server.routes["/collections/L134/items"] = items
    config, city = _env(http_server, tmp_path, monkeypatch)
    points = fetch_address_points(config, city)
    assert len(points) == 2500
    assert [p.housenumber for p in points[:3]] == ["1", "2", "3"]
    assert "Layer L134" in points[0].source
    assert len(http_server.requests) == 3  # 1000 + 1000 (next link) + 500 (offset)


def test_fetch_errors_are_german(http_server, tmp_path, monkeypatch):
    config, city = _env(http_server, tmp_path, monkeypatch)
    with pytest.raises(AtlasError, match="L134"):
        fetch_address_points(config, city)
    http_server.routes["/collections/L134/items"] = Route(b"<html>kaputt</html>")
    with pytest.raises(AtlasError, match="L134"):
        fetch_address_points(config, city)
    useless = {"type": "FeatureCollection", "features": [{"type": "Feature", "id": 1,
               "geometry": None, "properties": {"adresse": "A-Weg 1"}}]}
    http_server.routes["/collections/L134/items"] = Route(json.dumps(useless).encode())
    with pytest.raises(GeocodeError, match="keine verwendbaren Adresspunkte"):
        fetch_address_points(config, city)


def test_cache_round_trip_and_cli(http_server, tmp_path, monkeypatch, capsys):
    body = {"type": "FeatureCollection", "features": [_feature(1, "Königsbrücker Str. 13")]}
    http_server.routes["/collections/L134/items"] = Route(json.dumps(body).encode())
    _env(http_server, tmp_path, monkeypatch)
    cache = tmp_path / "cache"
    assert load_address_index(cache) is None
    assert main(["fetch"]) == 0
    index = load_address_index(cache)
    assert index.resolve("koenigsbruecker strasse 13").lat == 51.0657
    assert read_manifest(cache)["count"] == 1
    assert main(["info"]) == 0
    assert "count: 1" in capsys.readouterr().out
    assert not list(cache.glob("*.tmp"))


def test_corrupt_cache_is_reported_in_german(tmp_path):
    save_address_points([_point("A-Weg", "1")], tmp_path)
    (tmp_path / "addresses.json").write_text("{kaputt", encoding="utf-8")
    with pytest.raises(GeocodeError, match="beschädigt oder unlesbar"):
        load_address_index(tmp_path)
