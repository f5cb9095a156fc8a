"""Start points: gazetteer first, Nominatim only if configured, fallback when it is unreachable."""

from __future__ import annotations

import json

import pytest

from atlas.city import load_city
from atlas.geo.addresses import AddressIndex, AddressNotFoundError, AddressPoint
from atlas.nearby.params import MODE_NEAREST, parse_params, to_params
from atlas.nearby.search import NearbyError
from atlas.nearby.startpoint import (
    GeocoderUnreachable,
    click_start,
    locate_address,
    nominatim_search,
    stadtteil_start,
)
from atlas.settings import ROOT
from tests.conftest import Route, free_port

CITY = load_city(ROOT / "resources" / "city.yaml")
INDEX = AddressIndex.from_points(
    [AddressPoint("Königsbrücker Straße", "13", "01099", "Dresden", 51.0657, 13.7505, "L134")])
HIT = [{"lat": "51.0500", "lon": "13.7400", "display_name": "Altmarkt, Dresden"}]


def online_via(server_url: str, timeout: float = 2.0):
    return lambda text: nominatim_search(text, CITY, url=server_url,
                                         user_agent="integrationsatlas-test", timeout=timeout)


def test_gazetteer_answers_without_asking_nominatim(http_server):
    http_server.routes["/search"] = Route(json.dumps(HIT).encode())
    online = online_via(http_server.base_url)
    start = locate_address("koenigsbruecker strasse 13", INDEX, online=online)
    assert (start.lat, start.lon, start.kind) == (51.0657, 13.7505, "adresse")
    assert http_server.requests == []


def test_nominatim_is_asked_only_when_configured_and_offline_fails(http_server):
    http_server.routes["/search"] = Route(json.dumps(HIT).encode())
    start = locate_address("Altmarkt 1", INDEX, online=online_via(http_server.base_url))
    assert (start.lat, start.lon, start.source) == (51.05, 13.74, "Nominatim")
    assert "Dresden" in http_server.requests[0] and "bounded=1" in http_server.requests[0]
    with pytest.raises(AddressNotFoundError, match="Adresse nicht gefunden – Stadtteil wählen"):
        locate_address("Altmarkt 1", INDEX)  # not configured: offline only


def test_slow_or_unreachable_geocoder_falls_back_to_offline_suggestions(http_server):
    http_server.routes["/search"] = Route(json.dumps(HIT).encode(), delay=1.5)
    with pytest.raises(AddressNotFoundError) as err:
        locate_address("Königsbrücker Str 99", INDEX, online=online_via(http_server.base_url, 0.3))
    assert "nicht erreichbar oder zu langsam" in str(err.value)
    assert err.value.suggestions[0].point.housenumber == "13"
    closed = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(GeocoderUnreachable, match="nicht erreichbar"):
        online_via(closed)("Altmarkt 1")


def test_nominatim_nothing_found_and_no_gazetteer():
    with pytest.raises(AddressNotFoundError, match="Adressauszug nicht enthalten") as err:
        locate_address("Altmarkt 1", None)
    assert "python -m" not in str(err.value)  # the public reads a way on, not a command
    with pytest.raises(AddressNotFoundError, match="Adresse nicht gefunden"):
        locate_address("Nirgendwo 1", None, online=lambda text: None)
    with pytest.raises(AddressNotFoundError, match="Bitte eine Adresse eingeben"):
        locate_address("  ", INDEX)


def test_stadtteil_by_name_slug_or_number():
    centroids, names = {"11": (51.068, 13.753)}, {"11": "Äußere Neustadt (Antonstadt)"}
    for given in ("Äußere Neustadt (Antonstadt)", "aeussere-neustadt-antonstadt", "11"):
        start = stadtteil_start(given, centroids, names)
        assert (start.lat, start.approximate) == (51.068, True)
    with pytest.raises(NearbyError, match="Der Stadtteil „Atlantis“ ist unbekannt"):
        stadtteil_start("Atlantis", centroids, names)
    assert "51.10000" in click_start(51.1, 13.7).label


def test_url_parameters_round_trip_and_bad_values():
    query = parse_params({"adresse": "Prager Str. 2", "k": "7", "kat": "beratung,unterkunft,xyz",
                          "hf": "s,F", "sprache": "AR", "offen": "1"})
    assert query.mode == MODE_NEAREST and query.k == 7
    assert query.categories == ("beratung",)  # accommodation is no filter choice
    assert query.handlungsfelder == ("S", "F") and query.languages == ("ar",)
    assert parse_params(to_params(query)) == query
    bad = parse_params({"lat": "51.05", "lon": "13.74", "radius": "99999"})
    assert bad.radius_m == 1500 and "99.999" in bad.notices[0]
    assert parse_params(to_params(bad)).lat == "51.05"
