"""Display copies of boundary coverages: simplified in a metric CRS, shared borders kept.

Coverage simplification (Visvalingam-Whyatt on shared edges, shapely >= 2.1)
simplifies every shared edge once, so neighbours stay edge-matched: no gaps and
no overlaps. Coordinates are rounded to 5 decimals (about 1 m in Dresden).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely
from shapely.geometry import shape

from atlas.geo.stadtteile import geometry_json

DISPLAY_TOLERANCE_M = 15.0  # roughly the side of the smallest kept triangle, in metres
DECIMALS = 5  # 1e-5 degree ~ 1.1 m north-south, 0.7 m east-west at 51° N


def reproject(geoms: np.ndarray, source: str, target: str) -> np.ndarray:
    """Geometries transformed between CRSs (x/y = lon/lat order for geographic CRSs)."""
    from atlas.geo.vector import to_crs  # geopandas loads only when boundaries are fetched

    return to_crs(geoms, source, target)


def round_coordinates(geoms: np.ndarray, decimals: int = DECIMALS) -> np.ndarray:
    """Coordinates rounded; identical vertices stay identical, so shared edges still match."""
    rounded = shapely.transform(geoms, lambda c: np.round(c, decimals))
    bad = ~shapely.is_valid(rounded)
    if bad.any():
        rounded[bad] = shapely.make_valid(rounded[bad], method="structure", keep_collapsed=False)
    return rounded


def simplify_geometries(
    geoms: list[shapely.Geometry] | np.ndarray, *, projected_crs: str,
    tolerance_m: float = DISPLAY_TOLERANCE_M, decimals: int = DECIMALS,
) -> np.ndarray:
    """Simplify a lon/lat polygon coverage in ``projected_crs`` and round it in lon/lat."""
    array = np.asarray(geoms, dtype=object)
    metric = reproject(array, "EPSG:4326", projected_crs)
    simple = shapely.coverage_simplify(metric, tolerance_m)
    return round_coordinates(reproject(simple, projected_crs, "EPSG:4326"), decimals)


def simplify_collection(
    collection: dict[str, Any], *, projected_crs: str,
    tolerance_m: float = DISPLAY_TOLERANCE_M, group_by: str | None = None,
) -> dict[str, Any]:
    """Display copy of a FeatureCollection whose features form one coverage per group.

    ``group_by`` names a property whose values split the features into separate
    coverages (e.g. ``art``: Stadtbezirke and Ortschaften overlap each other).
    """
    features = collection["features"]
    groups: dict[Any, list[int]] = {}
    for i, feature in enumerate(features):
        key = feature["properties"].get(group_by) if group_by else None
        groups.setdefault(key, []).append(i)
    out: list[dict[str, Any] | None] = [None] * len(features)
    for indices in groups.values():
        geoms = [shape(features[i]["geometry"]) for i in indices]
        simple = simplify_geometries(geoms, projected_crs=projected_crs, tolerance_m=tolerance_m)
        for i, geom in zip(indices, simple, strict=True):
            out[i] = {"type": "Feature", "properties": dict(features[i]["properties"]),
                      "geometry": geometry_json(geom)}
    return {"type": "FeatureCollection", "features": out}


def round_collection(collection: dict[str, Any], decimals: int = DECIMALS) -> dict[str, Any]:
    """A FeatureCollection with coordinates rounded (and repaired where rounding broke them)."""
    features = collection["features"]
    geoms = round_coordinates(np.asarray([shape(f["geometry"]) for f in features]), decimals)
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": dict(f["properties"]), "geometry": geometry_json(g)}
        for f, g in zip(features, geoms, strict=True)
    ]}
