"""Vector GIS work through geopandas: read any format, reproject, join points, dissolve.

The app's contract stays GeoJSON FeatureCollections in EPSG:4326 (cached,
hashed and served as they are); this module turns them into GeoDataFrames for
the GIS work and back, so a GeoDataFrame never becomes a cache key. It is the
only module that imports geopandas.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from atlas import texts
from atlas.errors import GeodataError

LONLAT = "EPSG:4326"
#: File endings an upload or ATLAS_GEODATA_URL may have (GDAL also sniffs the content).
VECTOR_SUFFIXES = (".geojson", ".json", ".gpkg", ".zip", ".shp")


def read_vector(source: Path | bytes, *, name: str, label: str) -> gpd.GeoDataFrame:
    """Any vector file GDAL reads (GeoJSON, GeoPackage, zipped Shapefile) in EPSG:4326.

    A file without a CRS is taken as lon/lat (the GeoJSON default); any other
    CRS is transformed with ``to_crs``. ``label`` names the source in the German
    :class:`GeodataError` raised for an unreadable or empty file.
    """
    import pyogrio.errors

    data = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        with warnings.catch_warnings():  # bytes have no file name, so GDAL cannot check it
            warnings.filterwarnings("ignore", message=".*non conformant file extension")
            frame = gpd.read_file(data)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, OSError,
            ValueError) as e:
        raise GeodataError(texts.GEODATA["vector_unreadable"].format(
            source=label, path=name, detail=str(e).splitlines()[0] if str(e) else e)) from e
    if frame.crs is None:
        return frame.set_crs(LONLAT)
    return frame if frame.crs.equals(LONLAT) else frame.to_crs(LONLAT)


def to_collection(frame: gpd.GeoDataFrame) -> dict[str, Any]:
    """A GeoDataFrame as a plain GeoJSON FeatureCollection (missing values as None)."""
    plain = frame.astype({c: object for c in frame.columns if c != frame.geometry.name})
    plain = plain.where(plain.notna(), None)
    features = [
        {"type": "Feature", "properties": {k: v for k, v in row.items() if k != "geometry"},
         "geometry": None if row["geometry"] is None else row["geometry"].__geo_interface__}
        for row in plain.to_dict("records")
    ]
    return {"type": "FeatureCollection", "features": features}


def frame(collection: Mapping[str, Any], crs: str = LONLAT) -> gpd.GeoDataFrame:
    """A FeatureCollection as a GeoDataFrame (properties as columns)."""
    return gpd.GeoDataFrame.from_features(list(collection.get("features") or []), crs=crs)


def to_crs(geoms: Sequence[shapely.Geometry] | np.ndarray, source: str,
           target: str) -> np.ndarray:
    """Geometries transformed between two CRSs (lon/lat order for geographic ones)."""
    return gpd.GeoSeries(np.asarray(geoms, dtype=object), crs=source).to_crs(target).values


def polygon_index(polygons: Sequence[shapely.Geometry]) -> gpd.GeoDataFrame:
    """Polygons ready for :func:`locate_points` (the spatial index is built on first use)."""
    return gpd.GeoDataFrame(geometry=list(polygons), crs=LONLAT)


def locate_points(polygons: gpd.GeoDataFrame,
                  lonlats: Sequence[tuple[float, float]]) -> list[int | None]:
    """For each (lon, lat): the row position of the first polygon holding it, or None.

    One spatial join (``sjoin``) for all points; a point on a shared border goes
    to the first polygon, as with a single lookup.
    """
    if not lonlats or polygons.empty:
        return [None] * len(lonlats)
    xs, ys = zip(*lonlats, strict=True)
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(xs, ys), crs=polygons.crs)
    joined = gpd.sjoin(points, polygons.reset_index(drop=True), how="inner",
                       predicate="intersects")
    out: list[int | None] = [None] * len(lonlats)
    hits = zip(joined.index.to_numpy()[::-1], joined["index_right"].to_numpy()[::-1],
               strict=True)
    for point, polygon in hits:  # backwards, so the first polygon of a point wins
        out[int(point)] = int(polygon)
    return out


def dissolve(parts: gpd.GeoDataFrame, by: str) -> dict[Any, shapely.Geometry]:
    """Geometries of ``parts`` merged per value of column ``by``.

    Edge-matched polygons (a coverage, like Stadtteile) are merged with the fast
    coverage union; where that does not give a valid shape of the same area, the
    general union is used instead.
    """
    if parts.empty:
        return {}
    columns = [by, parts.geometry.name]
    try:
        merged = parts[columns].dissolve(by=by, method="coverage")
    except shapely.errors.GEOSException:  # overlapping parts: no coverage at all
        return dict(parts[columns].dissolve(by=by, method="unary").geometry.items())
    areas = pd.Series(shapely.area(parts.geometry.values), index=parts.index).groupby(
        parts[by]).sum()
    out: dict[Any, shapely.Geometry] = {}
    for key, geom in merged.geometry.items():
        total = float(areas[key])
        if not geom.is_valid or abs(geom.area - total) > 1e-9 * max(total, 1e-12):
            geom = shapely.union_all(parts.geometry[parts[by] == key].values)
        out[key] = geom
    return out
