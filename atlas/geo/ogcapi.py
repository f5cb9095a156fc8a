"""Client for OGC API Features (Dresden's kommisdd service): paged items as GeoJSON features.

The city's service puts a non-standard ``crs`` member into every geometry; the
client checks that it means lon/lat and removes it, so callers get plain GeoJSON.
Every failure becomes a :class:`GeodataError` with a German message that names
the source (URL and layer) and the problem.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import requests

from atlas import texts
from atlas.errors import GeodataError
from atlas.geo.crs import crs_name, is_lonlat
from atlas.geo.deadline import DeadlineExceeded, call_with_deadline
from atlas.numbers import format_decimal

MAX_PAGES = 1000  # guard against a server that keeps sending `next` links


def fetch_json(
    url: str, *, source: str, timeout: float, session: requests.Session | None = None,
    params: dict[str, Any] | None = None,
) -> Any:
    """GET ``url`` and parse its JSON body; every failure is a German GeodataError.

    ``timeout`` is the wall time for the whole download (connect to last byte),
    so a server that trickles bytes cannot hold the caller longer.
    """
    http = session or requests
    msg = texts.GEODATA
    opened: list[requests.Response] = []

    def download() -> requests.Response:
        response = http.get(url, params=params, timeout=timeout, stream=True,
                            headers={"Accept": "application/geo+json, application/json"})
        opened.append(response)
        _ = response.content  # the whole body, inside the deadline
        return response

    try:
        response = call_with_deadline(download, timeout,
                                      on_timeout=lambda: [r.close() for r in opened])
    except (requests.Timeout, DeadlineExceeded) as e:
        raise GeodataError(
            msg["http_timeout"].format(source=source, timeout=format_decimal(timeout), url=url)
        ) from e
    except requests.ConnectionError as e:
        key = "http_no_dns" if "resolve" in str(e).lower() else "http_refused"
        raise GeodataError(msg[key].format(source=source, url=url)) from e
    except requests.RequestException as e:
        raise GeodataError(msg["http_failed"].format(source=source, url=url, detail=e)) from e
    shown = response.url or url
    if response.status_code >= 400:
        raise GeodataError(
            msg["http_status"].format(source=source, status=response.status_code, url=shown)
        )
    try:
        return json.loads(response.content)
    except (ValueError, UnicodeDecodeError) as e:
        raise GeodataError(msg["invalid_json"].format(source=source, url=shown, detail=e)) from e


def require_collection(data: Any, *, source: str, url: str) -> list[dict[str, Any]]:
    """The features of a GeoJSON FeatureCollection; anything else is a GeodataError."""
    found = data.get("type") if isinstance(data, dict) else type(data).__name__
    if not isinstance(data, dict) or found != "FeatureCollection":
        raise GeodataError(
            texts.GEODATA["not_collection"].format(source=source, found=found, url=url)
        )
    features = data.get("features")
    if not isinstance(features, list):
        raise GeodataError(
            texts.GEODATA["not_collection"].format(
                source=source, found="FeatureCollection ohne features-Liste", url=url
            )
        )
    return features


def strip_geometry_crs(feature: dict[str, Any], *, source: str) -> dict[str, Any]:
    """The feature without its geometry's ``crs`` member; a non-lon/lat CRS is an error."""
    geometry = feature.get("geometry") if isinstance(feature, dict) else None
    if not isinstance(geometry, dict) or "crs" not in geometry:
        return feature
    name = crs_name(geometry)
    if not is_lonlat(name):
        raise GeodataError(texts.GEODATA["wrong_crs"].format(source=source, crs=name))
    clean = {k: v for k, v in geometry.items() if k != "crs"}
    return {**feature, "geometry": clean}


def items_url(base_url: str, layer: str) -> str:
    """The items endpoint of a collection: ``<base>/<layer>/items``."""
    return f"{base_url.rstrip('/')}/{layer}/items"


def _with_query(url: str, params: dict[str, Any]) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.update({k: str(v) for k, v in params.items()})
    return urlunsplit(parts._replace(query=urlencode(query)))


def _next_link(page: dict[str, Any], current: str) -> str | None:
    for link in page.get("links") or []:
        if isinstance(link, dict) and link.get("rel") == "next" and link.get("href"):
            return urljoin(current, str(link["href"]))
    return None


def fetch_features(
    base_url: str,
    layer: str,
    *,
    limit: int = 100,
    timeout: float = 20.0,
    session: requests.Session | None = None,
) -> list[dict[str, Any]]:
    """All features of an OGC API Features collection, page by page.

    Sends ``limit``/``offset`` and follows ``rel=next`` links. A server without
    next links is paged by offset while pages come back full. Raises
    GeodataError for a timeout, HTTP error, invalid JSON, a response that is not
    a FeatureCollection, or an empty collection.
    """
    source = f"OGC API {layer} ({base_url})"
    first = _with_query(items_url(base_url, layer), {"f": "json", "limit": limit, "offset": 0})
    url: str | None = first
    offset, features, seen = 0, [], set()
    ids: set[Any] = set()
    while url and len(seen) < MAX_PAGES:
        seen.add(url)
        page = fetch_json(url, source=source, timeout=timeout, session=session)
        batch = require_collection(page, source=source, url=url)
        batch_ids = [f.get("id") for f in batch if isinstance(f, dict)]
        if batch and None not in batch_ids and ids.issuperset(batch_ids):
            break  # the server ignores offset and repeats a page
        ids.update(i for i in batch_ids if i is not None)
        features.extend(strip_geometry_crs(f, source=source) for f in batch)
        offset += len(batch)
        url = _next_link(page, url)
        if url is None and batch and len(batch) >= limit:
            url = _with_query(first, {"offset": offset})
        if not batch or url in seen:
            break
    if not features:
        raise GeodataError(texts.GEODATA["empty"].format(source=source, url=first))
    return features
