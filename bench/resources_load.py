"""Loading the places: time of a full load, and district assignment by point-in-polygon
with one geopandas sjoin (atlas.geo.geocode.DistrictLocator) vs. a naive loop over all polygons.

``python -m bench.resources_load`` uses the boundaries in ATLAS_CACHE_DIR, or builds a
cache from ../shared's L137 file in a temporary folder.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_L137 = ROOT.parent / "shared" / "geodata" / "stadtteile_64_L137.geojson"
POINTS = 2000
NAIVE_SAMPLE = 40  # the naive loop is slow: time a sample and scale up


def _boundaries(city):
    from atlas.geo.geodata import ensure_boundaries, load_cached_boundaries
    from atlas.settings import load_config

    cache = os.environ.get("ATLAS_CACHE_DIR")
    if cache and (Path(cache) / "manifest.json").exists():
        return load_cached_boundaries(Path(cache))
    if not SHARED_L137.exists():
        return None
    folder = tempfile.mkdtemp(prefix="bench-resources-")
    config = load_config({"ATLAS_CONFIG": "none.toml", "ATLAS_CACHE_DIR": folder,
                          "ATLAS_GEODATA_URL": str(SHARED_L137)})
    return ensure_boundaries(config, city).boundaries


def _naive_locate(features, lat: float, lon: float):
    from shapely.geometry import Point, shape

    point = Point(lon, lat)
    for feature in features:
        if shape(feature["geometry"]).contains(point):
            return feature["properties"]
    return None


def main() -> None:
    from atlas.city import load_city
    from atlas.geo.geocode import DistrictLocator
    from atlas.resources import load_resources

    city = load_city(ROOT / "resources" / "city.yaml")
    bounds = _boundaries(city)
    start = time.perf_counter()
    result = load_resources(ROOT / "resources", city)
    plain = time.perf_counter() - start
    print(f"load_resources ohne Grenzen: {len(result.records)} Orte in {plain * 1000:.0f} ms")
    if bounds is None:
        print("Keine Grenzen verfügbar: Punkt-in-Polygon-Messung übersprungen.")
        return
    start = time.perf_counter()
    result = load_resources(ROOT / "resources", city, bounds)
    print(f"load_resources mit Grenzen (Zentroide): {(time.perf_counter() - start) * 1000:.0f} ms")
    rng = random.Random(1)
    west, south, east, north = city.bbox
    points = [(rng.uniform(south, north), rng.uniform(west, east)) for _ in range(POINTS)]
    start = time.perf_counter()
    locator = DistrictLocator(bounds, city)
    built = time.perf_counter() - start
    start = time.perf_counter()
    fast = locator.locate_points(points)
    indexed = time.perf_counter() - start
    sample = points[:NAIVE_SAMPLE]
    start = time.perf_counter()
    slow = [_naive_locate(bounds.stadtteile["features"], lat, lon) for lat, lon in sample]
    naive = (time.perf_counter() - start) * POINTS / NAIVE_SAMPLE
    same = all((a or {}).get("nr") == (b or {}).get("nr")
               for a, b in zip(fast[:NAIVE_SAMPLE], slow, strict=True))
    print(f"Punkt-in-Polygon, {POINTS} Punkte: sjoin {indexed * 1000:.0f} ms "
          f"(+ Aufbau {built * 1000:.0f} ms) vs. naiv ~{naive * 1000:.0f} ms "
          f"(hochgerechnet aus {len(sample)}); gleiche Ergebnisse: {same}")


if __name__ == "__main__":
    main()
