"""Benchmark of the nearby search: KD-tree index vs. a naive haversine scan, and the gazetteer.

``python -m bench.nearby`` prints one table. Synthetic offers lie uniformly in
Dresden's bbox; each query figure is the median over random start points.
The naive scans are (a) a plain Python loop computing haversine for every
row and (b) the same scan vectorised with numpy; both then sort.
Targets (issue 6): one query at 100k ≤ 5 ms and ≥ 20× faster than the naive
scan; index build at 100k ≤ 300 ms; address lookup in 100k addresses ≤ 50 ms.
"""

from __future__ import annotations

import math
import random
import statistics
import sys
import time
from collections.abc import Callable

import numpy as np

from atlas.geo.addresses import AddressIndex, AddressPoint
from atlas.model import Resource
from atlas.nearby.search import build_index, haversine_m, nearest, within_radius

BBOX = (13.5793, 50.9749, 13.9661, 51.1777)  # west, south, east, north (city.yaml)
SIZES = (1_000, 10_000, 100_000)
QUERIES = 30
RADIUS_M = 1_000
K = 10


def synthetic_offers(n: int, seed: int = 1) -> list[Resource]:
    rnd = random.Random(seed)
    west, south, east, north = BBOX
    return [
        Resource.model_construct(
            id=f"o{i}", name=f"Angebot {i}", category="beratung",
            lat=rnd.uniform(south, north), lon=rnd.uniform(west, east),
            location_precision="exact", source_date="2026", handlungsfelder=(), languages=(),
        )
        for i in range(n)
    ]


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _haversine_py(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6_371_008.8 * math.asin(math.sqrt(a))


def naive_python(records: list[Resource], lat: float, lon: float, k: int) -> list[str]:
    scored = sorted((_haversine_py(lat, lon, r.lat, r.lon), r.id) for r in records)
    return [rid for _, rid in scored[:k]]


def naive_numpy(lats: np.ndarray, lons: np.ndarray, lat: float, lon: float, k: int) -> np.ndarray:
    dist = haversine_m(lat, lon, lats, lons)
    return np.argsort(dist, kind="stable")[:k]


def bench_offers(n: int) -> dict[str, float]:
    records = synthetic_offers(n)
    index = build_index(records)
    build = median_ms(lambda: build_index(records), 3)
    lats = np.array([r.lat for r in records])
    lons = np.array([r.lon for r in records])
    rnd = random.Random(7)
    west, south, east, north = BBOX
    points = [(rnd.uniform(south, north), rnd.uniform(west, east)) for _ in range(QUERIES)]
    it = iter(points * 10)
    knn = median_ms(lambda: nearest(index, *next(it), K), QUERIES)
    radius = median_ms(lambda: within_radius(index, *next(it), RADIUS_M), QUERIES)
    slow = median_ms(lambda: naive_python(records, *next(it), K), 3 if n >= 100_000 else 10)
    vec = median_ms(lambda: naive_numpy(lats, lons, *next(it), K), QUERIES)
    return {"build": build, "knn": knn, "radius": radius, "naive_py": slow, "naive_np": vec}


def synthetic_addresses(n: int, seed: int = 3) -> list[AddressPoint]:
    rnd = random.Random(seed)
    parts = ["Linden", "Berg", "Wald", "Königs", "Brücker", "Rosen", "Schul", "Kirch", "Mühl",
             "Bahnhof", "Garten", "Wiesen", "Eichen", "Birken", "Tal", "See"]
    kinds = ["straße", "weg", "platz", "gasse", "ring", "allee"]
    streets: set[str] = set()
    while len(streets) < n // 25:
        streets.add("".join(rnd.sample(parts, rnd.randint(2, 3))) + rnd.choice(kinds))
    west, south, east, north = BBOX
    out = []
    for street in sorted(streets):
        for number in range(1, 26):
            out.append(AddressPoint(street, str(number), "01099", "Dresden",
                                    rnd.uniform(south, north), rnd.uniform(west, east), "bench"))
    return out[:n]


def bench_addresses(n: int = 100_000) -> dict[str, float]:
    points = synthetic_addresses(n)
    start = time.perf_counter()
    index = AddressIndex.from_points(points)
    build = (time.perf_counter() - start) * 1000
    rnd = random.Random(11)
    sample = [points[rnd.randrange(len(points))] for _ in range(QUERIES)]
    it = iter(sample * 10)

    def exact() -> None:
        p = next(it)
        index.lookup(p.street.replace("straße", "str."), p.housenumber)

    def fuzzy() -> None:
        p = next(it)
        typo = p.street[:3] + p.street[4:]  # one letter dropped
        index.search(f"{typo} {p.housenumber}")

    return {"build": build, "exact": median_ms(exact, QUERIES),
            "fuzzy": median_ms(fuzzy, QUERIES), "n": len(points)}


def main() -> int:
    print("Nearby search: KD-tree (EPSG:25833) + exact haversine vs. naive haversine scan")
    print(f"median of {QUERIES} random queries; k = {K}, radius = {RADIUS_M} m\n")
    header = ("offers", "build ms", "k-NN ms", "radius ms", "naive py ms", "naive np ms",
              "× vs py", "× vs np")
    print("{:>8} {:>9} {:>8} {:>9} {:>12} {:>12} {:>8} {:>8}".format(*header))
    for n in SIZES:
        r = bench_offers(n)
        print(f"{n:>8} {r['build']:>9.1f} {r['knn']:>8.3f} {r['radius']:>9.3f} "
              f"{r['naive_py']:>12.1f} {r['naive_np']:>12.2f} "
              f"{r['naive_py'] / r['knn']:>8.0f} {r['naive_np'] / r['knn']:>8.0f}")
    a = bench_addresses()
    print(f"\nAddress gazetteer, {a['n']} synthetic addresses: build {a['build']:.0f} ms, "
          f"exact lookup {a['exact']:.3f} ms, fuzzy search {a['fuzzy']:.1f} ms (target ≤ 50 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
