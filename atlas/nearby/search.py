"""Offers near a point: a KD-tree on metric coordinates, exact great-circle distances.

The index is a ``scipy.spatial.cKDTree`` on EPSG:25833 (UTM 33N) coordinates,
built once per data version. UTM distances differ from great-circle distances
by well under 1 % around Dresden, so the tree only *preselects* candidates
with a safety factor and every result is then measured and sorted by the
haversine distance ("Luftlinie"). That makes the results identical to a brute
force haversine scan, only much faster.

Accommodation (category ``unterkunft``) never enters the index; callers pass
role-filtered records (``atlas.access.roles.filter_for_role``) on top of that.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlencode

import numpy as np
from pyproj import Transformer
from scipy.spatial import cKDTree

from atlas import texts
from atlas.city import City
from atlas.errors import AtlasError
from atlas.geo.crs import transformer
from atlas.model import Category, Resource
from atlas.numbers import format_decimal, format_distance, format_int

EARTH_RADIUS_M = 6_371_008.8  # mean Earth radius (IUGG)
WALK_SPEED_KMH = 4.5  # a relaxed walking pace
DETOUR_FACTOR = 1.3  # streets are longer than the straight line
RADIUS_MIN_M = 500
RADIUS_MAX_M = 10_000
K_MAX = 50
FALLBACK_K = 5
# Upper bound on UTM distance / haversine distance: around Dresden the ratio
# is 1.0001..1.003 (UTM scale factor plus sphere vs. ellipsoid; see the tests).
_SLACK = 1.01


class NearbyError(AtlasError):
    """A nearby search cannot run: bad radius, count or point; the message says which."""


@dataclass(frozen=True, slots=True)
class Hit:
    """One offer found: the record, its distance in metres and the walking estimate."""

    record: Resource
    distance_m: float
    walk_minutes: int
    approximate: bool


@dataclass(frozen=True)
class OfferIndex:
    """Records with positions, their coordinates and the KD-tree over them."""

    records: tuple[Resource, ...]
    lat: np.ndarray
    lon: np.ndarray
    tree: cKDTree | None
    transformer: Transformer

    def __len__(self) -> int:
        return len(self.records)


def haversine_m(lat1, lon1, lat2, lon2):  # noqa: ANN001 (floats or numpy arrays)
    """Great-circle distance in metres; works on floats and numpy arrays alike."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi, dlmb = p2 - p1, np.radians(lon2) - np.radians(lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


def walking_minutes(distance_m: float) -> int:
    """Estimated walking time: straight line × detour factor at 4.5 km/h, rounded up."""
    metres_per_minute = WALK_SPEED_KMH * 1000 / 60
    return max(1, math.ceil(distance_m * DETOUR_FACTOR / metres_per_minute))


def current_offers(records: Iterable[Resource], day: dt.date) -> list[Resource]:
    """Offers current on ``day``, the searcher's today (:meth:`Resource.is_current`);
    never accommodation."""
    return [r for r in records
            if r.category != Category.UNTERKUNFT and r.is_current(day, today=day)]


def _to_metres(crs: str) -> Transformer:
    """WGS84 -> ``crs`` transformer (made once per CRS)."""
    return transformer("EPSG:4326", crs)


def build_index(records: Iterable[Resource], *, crs: str = "EPSG:25833") -> OfferIndex:
    """Index the records that have a position; accommodation is always left out."""
    kept: list[Resource] = []
    lats: list[float] = []
    lons: list[float] = []
    for record in records:  # one plain loop: this runs over every record per data version
        lat, lon = record.lat, record.lon
        if lat is None or lon is None or record.category == Category.UNTERKUNFT:
            continue
        kept.append(record)
        lats.append(lat)
        lons.append(lon)
    lat_arr, lon_arr = np.array(lats, dtype=float), np.array(lons, dtype=float)
    transformer = _to_metres(crs)
    tree = None
    if kept:
        x, y = transformer.transform(lon_arr, lat_arr)
        # Sliding-midpoint splits without node compaction: about 2x faster to build
        # at 100k points, with query times as good (see bench/nearby.py).
        tree = cKDTree(np.column_stack((x, y)), balanced_tree=False, compact_nodes=False)
    return OfferIndex(tuple(kept), lat_arr, lon_arr, tree, transformer)


def _hits(index: OfferIndex, rows: np.ndarray, dist: np.ndarray) -> list[Hit]:
    minutes = np.maximum(1, np.ceil(dist * DETOUR_FACTOR / (WALK_SPEED_KMH * 1000 / 60)))
    records = index.records
    return [
        Hit(records[i], d, int(w), records[i].is_approximate)
        for i, d, w in zip(rows.tolist(), dist.tolist(), minutes.tolist(), strict=True)
    ]


def _sorted(rows: np.ndarray, dist: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = np.lexsort((rows, dist))  # by distance, ties by record order
    return rows[order], dist[order]


def within_radius(
    index: OfferIndex, lat: float, lon: float, radius_m: float,
    *, keep: Callable[[Resource], bool] | None = None,
) -> list[Hit]:
    """Offers within ``radius_m`` metres (great-circle), nearest first."""
    if index.tree is None:
        return []
    x, y = index.transformer.transform(lon, lat)
    rows = np.asarray(index.tree.query_ball_point((x, y), radius_m * _SLACK + 1.0), dtype=int)
    if keep is not None:
        rows = rows[[keep(index.records[i]) for i in rows.tolist()]] if rows.size else rows
    dist = haversine_m(lat, lon, index.lat[rows], index.lon[rows])
    inside = dist <= radius_m
    return _hits(index, *_sorted(rows[inside], dist[inside]))


def nearest(
    index: OfferIndex, lat: float, lon: float, k: int,
    *, keep: Callable[[Resource], bool] | None = None,
) -> list[Hit]:
    """The ``k`` nearest offers (great-circle), nearest first; ``keep`` filters records.

    The tree returns the m nearest by UTM distance; every record not among them
    is at least ``farthest / _SLACK`` away, so candidates closer than that are
    final. m grows until k such candidates pass ``keep`` or all rows are seen.
    """
    n = len(index)
    if index.tree is None or k <= 0:
        return []
    x, y = index.transformer.transform(lon, lat)
    m = min(n, max(2 * k, 16))
    while True:
        utm, rows = index.tree.query((x, y), k=m)
        rows, utm = np.atleast_1d(rows), np.atleast_1d(utm)
        dist = haversine_m(lat, lon, index.lat[rows], index.lon[rows])
        rows, dist = _sorted(rows, dist)
        if keep is not None:
            mask = np.fromiter((keep(index.records[i]) for i in rows.tolist()), bool, rows.size)
            rows, dist = rows[mask], dist[mask]
        if m >= n:
            return _hits(index, rows[:k], dist[:k])
        safe = dist <= float(utm.max()) / _SLACK
        if int(safe.sum()) >= k:
            return _hits(index, rows[:k], dist[:k])
        m = min(n, m * 4)


def nearest_naive(records: Sequence[Resource], lat: float, lon: float, k: int) -> list[Resource]:
    """Brute force: haversine to every row, then sort (the tests' and benchmark's reference)."""
    rows = [r for r in records if r.has_position and r.category != Category.UNTERKUNFT]
    dist = haversine_m(lat, lon, np.array([r.lat for r in rows]), np.array([r.lon for r in rows]))
    order = np.lexsort((np.arange(len(rows)), dist))
    return [rows[i] for i in order[:k].tolist()]


# --- validation -----------------------------------------------------------------
def validate_radius(value: object) -> int:
    """The radius in whole metres, or a German NearbyError quoting the bad value."""
    try:
        radius = float(str(value).replace(",", ".").strip())
    except ValueError as e:
        raise NearbyError(texts.NEARBY["radius_invalid"].format(radius=value)) from e
    if not math.isfinite(radius):
        raise NearbyError(texts.NEARBY["radius_invalid"].format(radius=value))
    if not RADIUS_MIN_M <= radius <= RADIUS_MAX_M:
        raise NearbyError(texts.NEARBY["radius_out_of_range"].format(
            radius=format_decimal(radius, digits=2), low=format_int(RADIUS_MIN_M),
            high=format_int(RADIUS_MAX_M)))
    return int(round(radius))


def validate_k(value: object) -> int:
    """The number of nearest offers (1..K_MAX), or a German NearbyError."""
    try:
        k = int(str(value).strip())
    except ValueError as e:
        raise NearbyError(texts.NEARBY["k_out_of_range"].format(k=value, high=K_MAX)) from e
    if not 1 <= k <= K_MAX:
        raise NearbyError(texts.NEARBY["k_out_of_range"].format(k=k, high=K_MAX))
    return k


def city_genitive(name: str) -> str:
    """ "Dresden" -> "Dresdens" (for "außerhalb Dresdens")."""
    return f"von {name}" if name.endswith(("s", "ß", "x", "z")) else f"{name}s"


def validate_point(lat: object, lon: object, city: City, area=None) -> tuple[float, float]:  # noqa: ANN001
    """(lat, lon) as floats inside the city, else a German NearbyError.

    ``area`` (a shapely geometry in lon/lat, e.g. the union of the Stadtteile)
    sharpens the check; without it the city's bbox plus its margin decides.
    """
    try:
        flat, flon = float(str(lat).replace(",", ".")), float(str(lon).replace(",", "."))
    except ValueError as e:
        raise NearbyError(texts.NEARBY["point_invalid"].format(lat=lat, lon=lon)) from e
    if not (math.isfinite(flat) and math.isfinite(flon)):
        raise NearbyError(texts.NEARBY["point_invalid"].format(lat=lat, lon=lon))
    west, south, east, north = city.bbox
    margin_lat = city.outside_margin_m / 111_320
    margin_lon = margin_lat / max(math.cos(math.radians(flat)), 0.1)
    inside = (south - margin_lat <= flat <= north + margin_lat
              and west - margin_lon <= flon <= east + margin_lon)
    if inside and area is not None:
        import shapely

        inside = bool(shapely.dwithin(area, shapely.Point(flon, flat), margin_lon))
    if not inside:
        raise NearbyError(texts.NEARBY["point_outside"].format(
            lat=flat, lon=flon, city=city.name, city_genitive=city_genitive(city.name)))
    return flat, flon


# --- links and labels -------------------------------------------------------------
def route_url(from_lat: float | None, from_lon: float | None, to_lat: float,
              to_lon: float) -> str:
    """An OpenStreetMap walking route between two points (start left open when None)."""
    start = "" if from_lat is None or from_lon is None else f"{from_lat:.6f},{from_lon:.6f}"
    query = urlencode({
        "engine": "fossgis_osrm_foot",
        "route": f"{start};{to_lat:.6f},{to_lon:.6f}",
    })
    return f"https://www.openstreetmap.org/directions?{query}"


@lru_cache(maxsize=512)
def language_label(code: str) -> str:
    """ "ar" -> "Arabisch (ar)"; the code alone where babel does not know it."""
    from babel import Locale

    name = Locale("de").languages.get(str(code).lower().replace("-", "_"))
    return f"{name} ({code})" if name else str(code)


# --- filters and the search itself ----------------------------------------------------
@dataclass(frozen=True)
class OfferFilter:
    """What the user narrowed the results to; empty selections mean "all"."""

    categories: frozenset[str] = frozenset()
    handlungsfelder: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    open_now: bool = False

    def accepts(self, record: Resource, open_state: bool | None = None) -> bool:
        """Whether the record passes; unknown opening hours pass "jetzt geöffnet"."""
        if self.categories and str(record.category) not in self.categories:
            return False
        if self.handlungsfelder and not self.handlungsfelder & set(record.handlungsfelder):
            return False
        if self.languages and not self.languages & set(record.languages):
            return False
        return not (self.open_now and open_state is False)


@dataclass(frozen=True)
class SearchResult:
    """Hits nearest first, and a German notice when the answer is a fallback."""

    hits: list[Hit]
    notice: str | None = None
    fallback: bool = False


def find_offers(
    index: OfferIndex, lat: float, lon: float, *, radius_m: int | None = None,
    k: int | None = None, offer_filter: OfferFilter | None = None,
    open_state: Callable[[Resource], bool | None] | None = None,
) -> SearchResult:
    """Offers within ``radius_m`` (or the ``k`` nearest) that pass the filter.

    An empty radius search falls back to the nearest five offers and says so.
    ``open_state`` tells whether a record is open now (None = unknown).
    """
    chosen = offer_filter or OfferFilter()

    def keep(record: Resource) -> bool:
        state = open_state(record) if (open_state and chosen.open_now) else None
        return chosen.accepts(record, state)

    if len(index) == 0:
        return SearchResult([], texts.NEARBY["no_offers_at_all"])
    if radius_m is None:
        hits = nearest(index, lat, lon, k or FALLBACK_K, keep=keep)
        return SearchResult(hits, None if hits else texts.NEARBY["no_offers_after_filter"])
    hits = within_radius(index, lat, lon, radius_m, keep=keep)
    if hits:
        return SearchResult(hits)
    hits = nearest(index, lat, lon, FALLBACK_K, keep=keep)
    if not hits:
        return SearchResult([], texts.NEARBY["no_offers_after_filter"])
    notice = texts.NEARBY["no_offers_in_range"].format(
        radius=format_distance(radius_m), k=len(hits))
    return SearchResult(hits, notice, fallback=True)
