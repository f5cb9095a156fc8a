"""OGC API Features client against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlsplit

import pytest
from conftest import Route
from geodata_samples import dumps, grid_collection, paged, with_geometry_crs

from atlas.errors import GeodataError
from atlas.geo.ogcapi import fetch_features

ITEMS = "/ogcapi/collections/L137/items"


def fetch(server, **kwargs) -> list[dict]:
    options = {"limit": 5, "timeout": 5.0, **kwargs}
    return fetch_features(server.url("/ogcapi/collections"), "L137", **options)


def test_follows_next_links_over_the_64_l137_stadtteile(http_server, shared_dir):
    source = json.loads((shared_dir / "geodata" / "stadtteile_64_L137.geojson").read_bytes())
    features = with_geometry_crs(source["features"])
    http_server.routes[ITEMS] = paged(http_server, features)

    got = fetch(http_server, limit=10)

    assert len(got) == 64
    assert sorted(f["properties"]["blocknr"] for f in got) == sorted(
        f["properties"]["blocknr"] for f in source["features"])
    assert all("crs" not in f["geometry"] for f in got)
    offsets = [dict(parse_qsl(urlsplit(p).query))["offset"] for p in http_server.requests]
    assert offsets == ["0", "10", "20", "30", "40", "50", "60"]
    assert all("limit=10" in p for p in http_server.requests)


def test_relative_next_links_are_resolved(http_server):
    features = grid_collection()["features"]
    http_server.routes[ITEMS] = paged(http_server, features, relative=True)

    assert len(fetch(http_server, limit=5)) == len(features)
    assert len(http_server.requests) == 3


def test_pages_by_offset_when_the_server_sends_no_next_links(http_server):
    features = grid_collection()["features"]
    http_server.routes[ITEMS] = paged(http_server, features, next_links=False)

    got = fetch(http_server, limit=5)

    assert [f["id"] for f in got] == [f["id"] for f in features]


def test_stops_when_the_server_ignores_offset(http_server):
    features = grid_collection()["features"][:5]
    body = dumps({"type": "FeatureCollection", "features": features})
    http_server.routes[ITEMS] = Route(body)

    got = fetch(http_server, limit=5)

    assert len(got) == 5
    assert len(http_server.requests) == 2


def test_raw_l1565_response_with_crs_member_in_each_geometry(http_server, shared_dir):
    raw = (shared_dir / "geodata" / "ogcapi_L1565_wahlbezirke_2024.json").read_bytes()
    http_server.routes["/ogcapi/collections/L1565/items"] = Route(raw)

    got = fetch_features(http_server.url("/ogcapi/collections"), "L1565", limit=1000,
                         timeout=10.0)

    assert len(got) == 408
    assert all("crs" not in f["geometry"] for f in got)
    assert {f["geometry"]["type"] for f in got} <= {"Polygon", "MultiPolygon"}
    assert len(http_server.requests) == 1


def test_geometry_crs_other_than_lonlat_is_rejected(http_server):
    utm = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25833"}}
    features = with_geometry_crs(grid_collection()["features"], utm)
    http_server.routes[ITEMS] = paged(http_server, features)

    with pytest.raises(GeodataError, match="EPSG::25833") as info:
        fetch(http_server)
    assert "L137" in str(info.value)


@pytest.mark.parametrize(("route", "expected"), [
    (Route(b'{"error": "boom"}', status=500), "HTTP 500"),
    (Route(b'{"type": "FeatureCollection", "features": [{"type": "Fea'), "abgeschnitten"),
    (Route(b'{"type": "FeatureCollection", "features": []}'), "keine Objekte"),
    (Route(b'{"type": "Feature", "properties": {}}'), "„Feature“"),
    (Route(b"<html>Wartung</html>", content_type="text/html"), "kein vollständiges JSON"),
])
def test_bad_answers_give_a_german_message_naming_the_source(http_server, route, expected):
    http_server.routes[ITEMS] = route

    with pytest.raises(GeodataError) as info:
        fetch(http_server)

    message = str(info.value)
    assert expected in message
    assert "OGC API L137" in message
    assert http_server.base_url in message


def test_a_hanging_server_times_out(http_server):
    http_server.routes[ITEMS] = Route(dumps(grid_collection()), delay=3.0)

    with pytest.raises(GeodataError, match=r"keine vollständige Antwort innerhalb von 0,5 s"):
        fetch(http_server, timeout=0.5)


def test_an_unreachable_server_is_reported(http_server):
    base = http_server.url("/ogcapi/collections").replace(
        http_server.base_url, "http://127.0.0.1:9")

    with pytest.raises(GeodataError, match="nicht erreichbar.*127.0.0.1:9/"):
        fetch_features(base, "L137", limit=5, timeout=2.0)
