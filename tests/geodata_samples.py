"""Small self-made boundary fixtures and server routes for the geodata tests (no ../shared).

A grid of Stadtteile near Dresden whose shared borders are wiggly polylines
with many vertices, identical on both sides, so it is a valid polygon coverage
that simplification can visibly reduce.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import math
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import shapely
from conftest import Route
from shapely.geometry import mapping, shape

from atlas.city import City, load_city

ROOT = Path(__file__).resolve().parent.parent
# Rows south -> north, columns west -> east; numbers follow city.yaml's hierarchy.
GRID = [
    ["01", "02", "11", "12"],
    ["31", "35", "36", "41"],
    ["45", "46", "47", "91"],
]
WEST, SOUTH, STEP_LON, STEP_LAT = 13.66, 51.00, 0.04, 0.025
WIGGLES = 24  # points per cell edge


def sample_city(min_stadtteile: int = 3) -> City:
    """The real city configuration with a small minimum, for small fixtures."""
    city = load_city(ROOT / "resources" / "city.yaml")
    return dataclasses.replace(city, min_stadtteile=min_stadtteile)


def _node(i: int, j: int) -> tuple[float, float]:
    return WEST + j * STEP_LON, SOUTH + i * STEP_LAT


def _edge(a: tuple[int, int], b: tuple[int, int]) -> list[list[float]]:
    """Points from node a to node b (excluding b); the same points in reverse for b -> a."""
    forward = a <= b
    start, end = (a, b) if forward else (b, a)
    (x0, y0), (x1, y1) = _node(*start), _node(*end)
    seed = start[0] * 7 + start[1] * 3 + end[0] * 5 + end[1]
    pts = []
    for k in range(WIGGLES + 1):
        t = k / WIGGLES
        offset = 0.0008 * math.sin(t * math.pi * 6 + seed) * math.sin(t * math.pi)
        dx, dy = x1 - x0, y1 - y0
        length = math.hypot(dx, dy)
        px, py = -dy / length, dx / length
        pts.append([x0 + dx * t + px * offset, y0 + dy * t + py * offset])
    if not forward:
        pts.reverse()
    return pts[:-1]


def cell_ring(i: int, j: int) -> list[list[float]]:
    """Closed ring of grid cell (row i, column j), counter-clockwise."""
    corners = [(i, j), (i, j + 1), (i + 1, j + 1), (i + 1, j)]
    ring: list[list[float]] = []
    for a, b in zip(corners, corners[1:] + corners[:1], strict=True):
        ring.extend(_edge(a, b))
    ring.append(ring[0])
    return ring


def grid_collection(style: str = "l137") -> dict[str, Any]:
    """The grid as a FeatureCollection with L137, OSM or normalised property names."""
    features = []
    for i, row in enumerate(GRID):
        for j, nr in enumerate(row):
            name = f"Teil {nr}"
            props = {
                "l137": {"blocknr": nr, "bez": name, "bez_lang": f"{name} (lang)"},
                "osm": {"ref": str(int(nr)), "name": name, "official_name": f"{name} (lang)"},
                "plain": {"nr": nr, "name": name, "name_long": f"{name} (lang)"},
            }[style]
            features.append({"type": "Feature", "id": len(features) + 1, "properties": props,
                             "geometry": {"type": "Polygon", "coordinates": [cell_ring(i, j)]}})
    return {"type": "FeatureCollection", "features": features}


def dumps(data: Any) -> bytes:
    return json.dumps(data).encode("utf-8")


ITEMS = "/ogcapi/collections/L137/items"
CRS_MEMBER = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4326"}}


def with_geometry_crs(features: list[dict], crs: dict = CRS_MEMBER) -> list[dict]:
    """Features as the city's service sends them: a ``crs`` member in each geometry."""
    out = copy.deepcopy(features)
    for feature in out:
        feature["geometry"]["crs"] = crs
    return out


def paged(server, features: list[dict], *, next_links: bool = True, relative: bool = False):
    """A route serving ``features`` by limit/offset, with `next` links like the city's service."""
    def route(path: str) -> Route:
        query = dict(parse_qsl(urlsplit(path).query))
        limit, offset = int(query.get("limit", 10)), int(query.get("offset", 0))
        page = features[offset:offset + limit]
        links = [{"href": "https://example.invalid/doc", "rel": "serviceDocumentation"}]
        if next_links and offset + limit < len(features):
            target = f"items?f=json&limit={limit}&offset={offset + limit}"
            href = target if relative else server.url(f"{ITEMS}?{target.split('?')[1]}")
            links.append({"href": href, "rel": "next", "type": "application/geo+json"})
        body = {"type": "FeatureCollection", "links": links, "timeStamp": "2026-11-26T00:00:00Z",
                "numberReturned": len(page), "features": page}
        return Route(dumps(body), content_type="application/geo+json")
    return route


def l139_from(stadtteile, city):
    """An L139-like layer: Stadtbezirke without Ortschaften, Ortschaften split by name."""
    parts = {f["properties"]["nr"]: shape(f["geometry"]) for f in stadtteile["features"]}
    ortschaft_nrs = {n for members in city.ortschaften.values() for n in members}
    features = []
    for digit, name in city.stadtbezirke.items():
        own = [g for n, g in parts.items() if n[0] == digit and n not in ortschaft_nrs]
        if own:
            features.append(("Stadtbezirk", name, shapely.union_all(own)))
    names = {"35": "Weixdorf", "36": "Langebrück", "45": "Schönfeld-Weißig",
             "46": "Schönfeld-Weißig", "47": "Schönfeld-Weißig", "90": "Cossebaude",
             "99": "Gompitz"}
    for nr, name in names.items():
        if nr in parts:
            features.append(("Ortschaft", name, parts[nr]))
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": i, "properties": {"art": art, "bez": name},
         "geometry": {**mapping(g), "crs": {
             "type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4326"}}}}
        for i, (art, name, g) in enumerate(features)
    ]}
