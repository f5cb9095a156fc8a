"""Boundary sources: the city's OGC API, the OSM export, or a configured file or URL.

Each reader returns validated, normalised Stadtteile plus, where the source
has them, official districts, with licence and attribution from ``city.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import requests

from atlas import texts
from atlas.city import City
from atlas.errors import GeodataError
from atlas.geo.districts import DEFAULT_L139_FIELDS, official_districts
from atlas.geo.ogcapi import fetch_features, fetch_json, items_url
from atlas.geo.stadtteile import normalise_stadtteile, validate_stadtteile
from atlas.settings import ROOT, Config

KNOWN_SOURCES = ("ogcapi", "osm", "url")


@dataclass
class SourceData:
    """What one source delivered, already normalised and validated."""

    key: str
    label: str
    url: str
    stadtteile: dict[str, Any]
    fields_key: str
    licence: str
    licence_url: str
    attribution: str
    districts: dict[str, Any] | None = None
    districts_url: str | None = None
    warnings: list[str] = field(default_factory=list)


def read_source(
    name: str, config: Config, city: City, *, session: requests.Session | None = None,
) -> SourceData:
    """Read one source by key ("ogcapi", "osm" or "url")."""
    timeout = float(config.http_timeout)
    if name == "ogcapi":
        return read_ogcapi(city, timeout=timeout, session=session)
    if name == "osm":
        return read_osm(city, timeout=timeout, session=session)
    if name == "url":
        return read_url(str(config.geodata_url).strip(), city, timeout=timeout, session=session)
    raise GeodataError(texts.GEODATA["unknown_source"].format(
        name=name, known=", ".join(k for k in KNOWN_SOURCES if k != "url")))


def _source_config(city: City, key: str) -> dict[str, Any]:
    cfg = city.sources.get(key)
    if not isinstance(cfg, dict):
        raise GeodataError(texts.GEODATA["unknown_source"].format(
            name=key, known=", ".join(city.sources)))
    return cfg


def _credits(cfg: dict[str, Any]) -> dict[str, str]:
    return {
        "licence": str(cfg.get("licence") or texts.KEINE_ANGABE),
        "licence_url": str(cfg.get("licence_url") or ""),
        "attribution": str(cfg.get("attribution") or texts.KEINE_ANGABE),
    }


def read_ogcapi(
    city: City, *, timeout: float, session: requests.Session | None = None,
) -> SourceData:
    """Stadtteile from the Stadtteil layer (L137), districts from L139 if it works."""
    cfg = _source_config(city, "ogcapi")
    base, limit = str(cfg["base_url"]), int(cfg.get("page_limit", 100))
    layer = str(cfg["stadtteile_layer"])
    label = f"OGC API {layer} ({base})"
    raw = fetch_features(base, layer, limit=limit, timeout=timeout, session=session)
    stadtteile, _, repairs = _checked({"type": "FeatureCollection", "features": raw}, city,
                                      label, items_url(base, layer), "ogcapi")
    data = SourceData("ogcapi", label, items_url(base, layer), stadtteile, "ogcapi",
                      **_credits(cfg), warnings=repairs)
    district_layer = cfg.get("stadtbezirke_layer")
    if district_layer:
        _add_official_districts(data, cfg, city, str(district_layer), timeout, session)
    return data


def _add_official_districts(
    data: SourceData, cfg: dict[str, Any], city: City, layer: str, timeout: float,
    session: requests.Session | None,
) -> None:
    base = str(cfg["base_url"])
    label = f"OGC API {layer} ({base})"
    fields = dict(cfg.get("district_fields") or DEFAULT_L139_FIELDS)
    try:
        raw = fetch_features(base, layer, limit=int(cfg.get("page_limit", 100)),
                             timeout=timeout, session=session)
        data.districts = official_districts(
            {"type": "FeatureCollection", "features": raw}, data.stadtteile, city,
            source=label, url=items_url(base, layer), fields=fields)
        data.districts_url = items_url(base, layer)
    except GeodataError as e:
        data.warnings.append(texts.GEODATA["districts_derived"].format(source=label, detail=e))


def read_osm(
    city: City, *, timeout: float, session: requests.Session | None = None,
) -> SourceData:
    """Stadtteile from the OpenStreetMap export (``sources.osm.url``)."""
    cfg = _source_config(city, "osm")
    url = str(cfg["url"])
    label = f"OpenStreetMap-Export ({url})"
    data = fetch_json(url, source=label, timeout=timeout, session=session)
    stadtteile, _, repairs = _checked(data, city, label, url, "osm")
    return SourceData("osm", label, url, stadtteile, "osm", **_credits(cfg), warnings=repairs)


def read_url(
    location: str, city: City, *, timeout: float, session: requests.Session | None = None,
) -> SourceData:
    """Stadtteile from ATLAS_GEODATA_URL: a local path, file:// or http(s) URL.

    A local file may be any vector format (GeoJSON, GeoPackage, zipped Shapefile)
    in any CRS (``atlas.geo.vector``); an http(s) URL must answer GeoJSON.

    The field names tell which configured source the file follows (e.g. L137's
    ``blocknr``); licence and attribution are taken from that source.
    """
    label = f"ATLAS_GEODATA_URL ({location})"
    scheme = urlsplit(location).scheme.lower()
    if scheme in ("http", "https"):
        data = fetch_json(location, source=label, timeout=timeout, session=session)
    else:
        data = _read_file(_local_path(location), label)
    stadtteile, key, repairs = _checked(data, city, label, location, None)
    credits = _credits(city.sources.get(key) or {}) if key in city.sources else _credits({})
    return SourceData("url", label, location, stadtteile, key, **credits, warnings=repairs)


def _local_path(location: str) -> Path:
    if location.lower().startswith("file://"):
        return Path(unquote(urlsplit(location).path))
    path = Path(location).expanduser()
    if not path.is_absolute() and not path.exists():
        path = ROOT / path
    return path


def _read_file(path: Path, label: str) -> Any:
    """Any vector file (GeoJSON, GeoPackage, zipped Shapefile, any CRS) as lon/lat GeoJSON."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise GeodataError(texts.GEODATA["file_unreadable"].format(
            source=label, path=path, detail=e.strerror or e)) from e
    from atlas.geo.vector import read_vector, to_collection

    return to_collection(read_vector(raw, name=str(path), label=label))


def _checked(
    data: Any, city: City, label: str, url: str, fields_key: str | None,
) -> tuple[dict[str, Any], str, list[str]]:
    """Normalised and validated Stadtteile, the key of the field set they used, and a note
    for every geometry that had to be repaired."""
    repairs: list[str] = []
    stadtteile, key = normalise_stadtteile(data, city, source=label, url=url,
                                           fields_key=fields_key, repairs=repairs)
    validate_stadtteile(stadtteile, city, source=label)
    return stadtteile, key, repairs
