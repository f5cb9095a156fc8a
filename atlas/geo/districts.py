"""Stadtbezirke and Ortschaft units: dissolved from Stadtteile or taken from L139.

District properties: ``name``, ``slug``, ``art`` ("Stadtbezirk" | "Ortschaft"),
``parent`` (an Ortschaft's Stadtbezirk, else None) and ``stadtteile`` (numbers).
Stadtbezirke include their assigned Ortschaften, as the city's statistics count
them; the hierarchy comes from ``city.yaml``.
"""

from __future__ import annotations

from typing import Any

import shapely
from shapely.geometry import shape

from atlas import texts
from atlas.city import City, District
from atlas.errors import GeodataError
from atlas.geo.ogcapi import require_collection, strip_geometry_crs
from atlas.geo.stadtteile import geometry_json, polygonal_geometry

STADTBEZIRK = "Stadtbezirk"
ORTSCHAFT = "Ortschaft"
DEFAULT_L139_FIELDS = {"art": "art", "name": "bez"}


def district_feature(district: District, geometry: shapely.Geometry) -> dict[str, Any]:
    """A GeoJSON feature with the district schema."""
    return {
        "type": "Feature",
        "properties": {
            "name": district.name,
            "slug": district.slug,
            "art": district.art,
            "parent": district.parent,
            "stadtteile": list(district.stadtteile),
        },
        "geometry": geometry_json(geometry),
    }


def dissolve_districts(stadtteile: dict[str, Any], city: City) -> dict[str, Any]:
    """The 10 Stadtbezirke and the Ortschaft units as unions of their Stadtteile.

    Units without any Stadtteil in the data (e.g. missing from an OSM export) are
    left out; the manifest lists them.
    """
    by_nr = {f["properties"]["nr"]: shape(f["geometry"]) for f in stadtteile["features"]}
    districts = [d for d in city.districts(list(by_nr)) if d.stadtteile]
    merged = _dissolve({d.name: [by_nr[n] for n in d.stadtteile] for d in districts})
    features = [district_feature(d, merged[d.name]) for d in districts]
    return {"type": "FeatureCollection", "features": features}


def _dissolve(groups: dict[str, list[shapely.Geometry]]) -> dict[str, shapely.Geometry]:
    """Each group's geometries merged into one (GeoDataFrame.dissolve, atlas.geo.vector)."""
    from atlas.geo.vector import dissolve, polygon_index

    names = [name for name, parts in groups.items() for _ in parts]
    parts = polygon_index([g for group in groups.values() for g in group])
    parts["unit"] = names
    return dissolve(parts, "unit")


def official_districts(
    collection: Any, stadtteile: dict[str, Any], city: City, *, source: str, url: str = "",
    fields: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Districts from an official layer like L139 (separate Stadtbezirke and Ortschaften).

    Ortschaften are merged into the configured units (e.g. Langebrück and
    Schönborn) and added to their Stadtbezirk, so that both layers match the
    statistics' "Stadtbezirk mit zugeordneten Ortschaften".
    """
    fields = fields or DEFAULT_L139_FIELDS
    features = require_collection(collection, source=source, url=url or source)
    if not features:
        raise GeodataError(texts.GEODATA["empty"].format(source=source, url=url or source))
    groups: dict[str, list[shapely.Geometry]] = {}
    for feature in features:
        feature = strip_geometry_crs(feature, source=source)
        props = feature.get("properties") or {}
        raw_name = str(props.get(fields["name"]) or "").strip()
        art = str(props.get(fields["art"]) or "").strip()
        name = city.canonical_district(raw_name)
        if name is None:
            raise GeodataError(texts.GEODATA["bad_district"].format(
                source=source, name=raw_name, art=art or texts.KEINE_ANGABE))
        geometry = polygonal_geometry(feature.get("geometry"), source=source, name=raw_name)
        groups.setdefault(name, []).append(shape(geometry))
    numbers = [f["properties"]["nr"] for f in stadtteile["features"]]
    return _assemble_official(groups, city.districts(numbers), source)


def _assemble_official(
    groups: dict[str, list[shapely.Geometry]], districts: list[District], source: str,
) -> dict[str, Any]:
    missing = [d.name for d in districts if d.art == STADTBEZIRK and d.name not in groups]
    if missing:
        raise GeodataError(texts.GEODATA["missing_districts"].format(
            source=source, names=", ".join(missing)))
    members: dict[str, list[shapely.Geometry]] = {}
    for district in districts:
        parts = list(groups.get(district.name, []))
        if district.art == STADTBEZIRK:
            for child in districts:
                if child.art == ORTSCHAFT and child.parent == district.name:
                    parts.extend(groups.get(child.name, []))
        if parts:
            members[district.name] = parts
    merged = _dissolve(members)
    features = [district_feature(d, merged[d.name]) for d in districts if d.name in merged]
    return {"type": "FeatureCollection", "features": features}
