"""The areas the map can draw: Stadtbezirke, Stadtteile or MSA regions.

Each level becomes a GeoJSON FeatureCollection whose features carry ``id``,
``name``, ``label`` (tooltip text) and ``profile`` (the slug of the Stadtbezirk
profile to link, or null). MSA regions are not a boundary layer of their own:
they are dissolved from the Stadtbezirke and Ortschaften each region covers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

import shapely
from shapely.geometry import mapping, shape

from atlas.city import City, fold, slugify

_DIGITS = 5


class RegionLike(Protocol):
    """What the map needs of a service area (``atlas.resources.ServiceArea``)."""

    id: str
    name: str
    kind: str
    stadtbezirke: tuple[str, ...]
    provider: str | None


def _round_coords(obj: Any) -> Any:
    if isinstance(obj, float):
        return round(obj, _DIGITS)
    if isinstance(obj, (list, tuple)):
        return [_round_coords(v) for v in obj]
    return obj


def _collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}


def _feature(geometry: dict[str, Any], props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "geometry": geometry, "properties": props}


def stadtbezirk_areas(districts: Mapping[str, Any]) -> dict[str, Any]:
    """The Stadtbezirke (with their Ortschaften) of a district collection."""
    features = []
    for f in districts.get("features", []):
        props = f.get("properties") or {}
        if props.get("art", "Stadtbezirk") != "Stadtbezirk":
            continue
        name = str(props.get("name", ""))
        slug = props.get("slug") or slugify(name)
        features.append(_feature(f["geometry"], {
            "id": slug, "name": name, "label": name, "profile": slug}))
    return _collection(features)


def stadtteil_areas(stadtteile: Mapping[str, Any]) -> dict[str, Any]:
    """The Stadtteile, labelled "Name (Stadtbezirk)", linking to their Stadtbezirk."""
    features = []
    for f in stadtteile.get("features", []):
        props = f.get("properties") or {}
        name = str(props.get("name", ""))
        bezirk = props.get("stadtbezirk")
        label = f"{name} ({bezirk})" if bezirk else name
        features.append(_feature(f["geometry"], {
            "id": str(props.get("nr", name)), "name": name, "label": label,
            "profile": slugify(bezirk) if bezirk else None}))
    return _collection(features)


def msa_region_areas(districts: Mapping[str, Any], regions: Iterable[RegionLike],
                     city: City) -> dict[str, Any]:
    """MSA regions as areas: the union of the districts each region lists."""
    from atlas.geo.vector import dissolve, polygon_index

    geoms = {fold(str((f.get("properties") or {}).get("name", ""))): shape(f["geometry"])
             for f in districts.get("features", [])}
    chosen = [r for r in regions if r.kind == "msa_region"]
    rows = [(region.id, geoms[key]) for region in chosen
            for key in map(fold, city.canonical_districts(region.stadtbezirke)) if key in geoms]
    parts = polygon_index([g for _, g in rows])
    parts["region"] = [r for r, _ in rows]
    merged = dissolve(parts, "region")  # Stadtbezirke and Ortschaften overlap: union fallback
    features = []
    for region in chosen:
        if region.id not in merged:
            continue
        label = region.name if not region.provider else f"{region.name} – {region.provider}"
        features.append(_feature(_round_coords(mapping(merged[region.id])), {
            "id": region.id, "name": region.name, "label": label, "profile": None}))
    return _collection(features)


def locate_area(areas: Mapping[str, Any], lat: float, lon: float) -> dict[str, Any] | None:
    """Properties of the area containing the point, or None outside every area."""
    from atlas.geo.vector import locate_points, polygon_index

    features = list(areas.get("features", []))
    polygons = polygon_index([shape(f["geometry"]) for f in features])
    [found] = locate_points(polygons, [(lon, lat)])
    return None if found is None else dict(features[found].get("properties") or {})


def find_area(areas: Mapping[str, Any], area_id: str) -> dict[str, Any] | None:
    """Properties of the area with this id, or None."""
    for f in areas.get("features", []):
        props = f.get("properties") or {}
        if str(props.get("id")) == area_id:
            return dict(props)
    return None


def focus_areas(districts: Mapping[str, Any], msa: Mapping[str, Any] | None,
                focus: str | None, names: Iterable[str] = ()) -> dict[str, Any] | None:
    """The outline(s) the map zooms to: a district slug or MSA region id (``focus``),
    else the districts chosen in the filter (``names``); None for the whole city."""
    chosen = []
    wanted = {fold(n) for n in names}
    for f in districts.get("features", []):
        props = f.get("properties") or {}
        name = str(props.get("name", ""))
        slug = props.get("slug") or slugify(name)
        if (focus and focus in (slug, slugify(name, transliterate=True))) or (
                not focus and fold(name) in wanted):
            chosen.append(_feature(f["geometry"], {"id": slug, "name": name}))
    if focus and not chosen and msa is not None:
        chosen = [f for f in msa.get("features", [])
                  if str((f.get("properties") or {}).get("id")) == focus]
    return _collection(chosen) if chosen else None


def bounds_of(collection: Mapping[str, Any]) -> list[list[float]]:
    """[[south, west], [north, east]] of a FeatureCollection (for Leaflet's fitBounds)."""
    geoms = [shape(f["geometry"]) for f in collection.get("features", [])]
    west, south, east, north = shapely.union_all(geoms).bounds
    return [[south, west], [north, east]]


def neighbours(districts: Mapping[str, Any], names: Iterable[str]) -> list[str]:
    """Districts sharing a border with any of ``names`` (not those themselves), by name."""
    geoms = {str((f.get("properties") or {}).get("name", "")): shape(f["geometry"])
             for f in districts.get("features", [])}
    chosen = [geoms[n] for n in names if n in geoms]
    if not chosen:
        return []
    core = shapely.union_all(chosen).buffer(1e-6)
    return [n for n, g in geoms.items() if n not in names and g.intersects(core)
            and not g.within(core)]
