"""Recognise the names GeoJSON sources give to lon/lat WGS84 (EPSG:4326 / CRS84)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pyproj import Transformer

# Every spelling of "WGS84 longitude/latitude" seen in GeoJSON, OGC API and GDAL output.
_LONLAT_NAMES = {
    "epsg:4326",
    "urn:ogc:def:crs:epsg::4326",
    "urn:ogc:def:crs:epsg:4326",
    "urn:ogc:def:crs:ogc:1.3:crs84",
    "urn:ogc:def:crs:ogc::crs84",
    "ogc:crs84",
    "crs84",
    "wgs84",
    "http://www.opengis.net/def/crs/ogc/1.3/crs84",
    "https://www.opengis.net/def/crs/ogc/1.3/crs84",
    "http://www.opengis.net/def/crs/epsg/0/4326",
    "https://www.opengis.net/def/crs/epsg/0/4326",
}


def crs_name(obj: Any) -> str | None:
    """The CRS name of a GeoJSON object's (non-standard) ``crs`` member, or None.

    Accepts the 2008 form ``{"type": "name", "properties": {"name": ...}}`` and a
    plain string.
    """
    if not isinstance(obj, dict):
        return None
    crs = obj.get("crs")
    if crs is None:
        return None
    if isinstance(crs, str):
        return crs
    if isinstance(crs, dict):
        props = crs.get("properties")
        if isinstance(props, dict) and props.get("name") is not None:
            return str(props["name"])
        return str(crs)
    return str(crs)


def is_lonlat(name: str | None) -> bool:
    """True if ``name`` (or no name at all, the GeoJSON default) means WGS84 lon/lat."""
    if name is None:
        return True
    return name.strip().lower() in _LONLAT_NAMES


@lru_cache(maxsize=16)
def transformer(source: str, target: str) -> Transformer:
    """A lon/lat-ordered transformer, made once per CRS pair (making one costs milliseconds)."""
    return Transformer.from_crs(source, target, always_xy=True)
