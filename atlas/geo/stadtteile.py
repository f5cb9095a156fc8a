"""Stadtteil boundaries from any source, normalised to one schema and checked.

Schema of every feature: properties ``nr`` ("01".."99"), ``name``, ``name_long``,
``stadtbezirk`` and ``ortschaft`` (or None), geometry Polygon/MultiPolygon in
EPSG:4326 lon/lat. Field names per source come from ``city.sources``; a file
in the normalised schema itself is accepted as well.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any

import shapely
from shapely.geometry import mapping, shape

from atlas import texts
from atlas.city import City
from atlas.errors import GeodataError
from atlas.geo.crs import crs_name, is_lonlat
from atlas.geo.ogcapi import require_collection, strip_geometry_crs

NORMALISED_FIELDS = {"number": "nr", "name": "name", "long_name": "name_long"}
_NUMBER = re.compile(r"^\d{1,2}$")
_METRES_PER_DEGREE = 111_320.0


def field_sets(city: City) -> dict[str, dict[str, str]]:
    """Known field mappings: one per configured source, then the normalised schema."""
    out = {
        key: dict(cfg["fields"])
        for key, cfg in city.sources.items()
        if isinstance(cfg, dict) and isinstance(cfg.get("fields"), dict)
    }
    out["normalised"] = dict(NORMALISED_FIELDS)
    return out


def detect_fields(features: list[dict[str, Any]], city: City, *, source: str) -> str:
    """Key of the first field set whose number field every feature has."""
    sets = field_sets(city)
    for key, fields in sets.items():
        if all(_props(f).get(fields["number"]) not in (None, "") for f in features):
            return key
    found = sorted({k for f in features[:5] for k in _props(f)})
    raise GeodataError(texts.GEODATA["unknown_schema"].format(
        source=source, fields=", ".join(sorted({s["number"] for s in sets.values()})),
        found=", ".join(found) or texts.KEINE_ANGABE,
    ))


def _props(feature: Any) -> dict[str, Any]:
    props = feature.get("properties") if isinstance(feature, dict) else None
    return props if isinstance(props, dict) else {}


def parse_number(value: Any, *, source: str) -> str:
    """A Stadtteil number as two digits: 1, "1", "01", 1.0 -> "01"."""
    text = str(value).strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    if not _NUMBER.match(text) or int(text) == 0:
        raise GeodataError(texts.GEODATA["bad_number"].format(source=source, value=value))
    return text.zfill(2)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def polygonal_geometry(geometry: Any, *, source: str, name: str,
                       repairs: list[str] | None = None) -> dict[str, Any]:
    """The geometry as valid Polygon/MultiPolygon GeoJSON; repaired if self-intersecting.

    Each repair is reported: a German note (name, reason, area change) is appended
    to ``repairs``, which the fetch prints and the manifest keeps.
    """
    def fail(detail: str) -> GeodataError:
        return GeodataError(texts.GEODATA["bad_geometry"].format(
            source=source, name=name, detail=detail))

    if not isinstance(geometry, dict):
        raise fail(texts.VALIDATION["geometry_missing"])
    if geometry.get("type") not in ("Polygon", "MultiPolygon"):
        raise fail(texts.VALIDATION["geometry_type"].format(kind=geometry.get("type")))
    try:
        geom = shape(geometry)
    except (ValueError, TypeError, AttributeError, IndexError, shapely.errors.ShapelyError) as e:
        raise fail(str(e)) from e
    if geom.is_empty:
        raise fail(texts.VALIDATION["geometry_empty"])
    if not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        before = abs(geom.area)
        geom = _polygonal_part(shapely.make_valid(geom))
        if geom.is_empty:
            raise fail(texts.VALIDATION["geometry_invalid"])
        if repairs is not None:
            change = (geom.area - before) / before * 100 if before else 0.0
            repairs.append(texts.GEODATA["geometry_repaired"].format(
                source=source, name=name, reason=reason, change=change))
    return geometry_json(geom)


def geometry_json(geom: shapely.Geometry) -> dict[str, Any]:
    """GeoJSON geometry dict with lists (not tuples), equal to what a cache file reads back."""
    return _listify(mapping(geom))


def _listify(value: Any) -> Any:
    if isinstance(value, (tuple, list)):
        return [_listify(v) for v in value]
    if isinstance(value, dict):
        return {k: _listify(v) for k, v in value.items()}
    return value


def _polygonal_part(geom: shapely.Geometry) -> shapely.Geometry:
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def normalise_stadtteile(
    collection: Any, city: City, *, source: str, url: str = "", fields_key: str | None = None,
    repairs: list[str] | None = None,
) -> tuple[dict[str, Any], str]:
    """Normalise a Stadtteil FeatureCollection; returns (collection, field-set key).

    ``fields_key`` picks a configured field set (e.g. "ogcapi"); None detects it.
    Checks the collection's CRS and each geometry's (non-standard) ``crs`` member.
    """
    features = require_collection(collection, source=source, url=url or source)
    if not features:
        raise GeodataError(texts.GEODATA["empty"].format(source=source, url=url or source))
    name = crs_name(collection)
    if not is_lonlat(name):
        raise GeodataError(texts.GEODATA["wrong_crs"].format(source=source, crs=name))
    key = fields_key or detect_fields(features, city, source=source)
    fields = field_sets(city)[key]
    out = [_normalise_feature(f, city, fields, source, repairs) for f in features]
    out.sort(key=lambda f: f["properties"]["nr"])
    return {"type": "FeatureCollection", "features": out}, key


def _normalise_feature(
    feature: Any, city: City, fields: dict[str, str], source: str,
    repairs: list[str] | None = None,
) -> dict[str, Any]:
    feature = strip_geometry_crs(feature, source=source)
    props = _props(feature)
    nr = parse_number(props.get(fields["number"]), source=source)
    name = _text(props.get(fields["name"])) or _text(props.get(fields.get("long_name", "")))
    long_name = _text(props.get(fields.get("long_name", ""))) or name
    label = name or nr
    geometry = polygonal_geometry(feature.get("geometry"), source=source, name=label,
                                  repairs=repairs)
    return {
        "type": "Feature",
        "properties": {
            "nr": nr,
            "name": name or texts.KEINE_ANGABE,
            "name_long": long_name or texts.KEINE_ANGABE,
            "stadtbezirk": city.stadtbezirk_of(nr),
            "ortschaft": city.ortschaft_of(nr),
        },
        "geometry": geometry,
    }


def validate_stadtteile(collection: dict[str, Any], city: City, *, source: str) -> None:
    """Reject too few features, duplicate numbers, projected or out-of-city coordinates."""
    features = collection["features"]
    msg = texts.GEODATA
    if not features:
        raise GeodataError(msg["empty"].format(source=source, url=source))
    duplicates = sorted(n for n, c in Counter(f["properties"]["nr"] for f in features).items()
                        if c > 1)
    if duplicates:
        raise GeodataError(msg["duplicate_numbers"].format(
            source=source, numbers=", ".join(duplicates)))
    _check_coordinates(features, city, source)
    if len(features) < city.min_stadtteile:
        raise GeodataError(msg["too_few"].format(
            source=source, count=len(features), minimum=city.min_stadtteile))


def expanded_bbox(city: City) -> tuple[float, float, float, float]:
    """The city's bbox widened by ``outside_margin_m`` (lon/lat degrees)."""
    west, south, east, north = city.bbox
    dlat = city.outside_margin_m / _METRES_PER_DEGREE
    dlon = dlat / max(math.cos(math.radians((south + north) / 2)), 0.01)
    return west - dlon, south - dlat, east + dlon, north + dlat


def _check_coordinates(features: list[dict[str, Any]], city: City, source: str) -> None:
    geoms = [shape(f["geometry"]) for f in features]
    bounds = shapely.bounds(geoms)
    for b in bounds:
        if abs(b[0]) > 180 or abs(b[2]) > 180 or abs(b[1]) > 90 or abs(b[3]) > 90:
            coord = f"({b[0]:.1f}, {b[1]:.1f})"
            raise GeodataError(texts.GEODATA["projected_coords"].format(
                source=source, coord=coord))
    west, south, east, north = expanded_bbox(city)
    outside = [
        (f, b) for f, b in zip(features, bounds, strict=True)
        if b[0] < west or b[1] < south or b[2] > east or b[3] > north
    ]
    if outside:
        feature, b = outside[0]
        raise GeodataError(texts.GEODATA["outside_city"].format(
            source=source, count=len(outside), city=city.name,
            example=feature["properties"]["name"],
            bounds="({:.4f}, {:.4f}, {:.4f}, {:.4f})".format(*b),
        ))
