"""Positions: counts per precision and the address-point figure as the app starts (shipped
snapshot + L134 extract), against the naive start without gazetteer (centroids only); the
first nearby results from "Bürgerstraße 68" with both; and start-up time of the shipped
snapshot against building boundaries from L137 at start.

``python -m bench.positions`` (no network; the L137 comparison needs ../shared).
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_L137 = ROOT.parent / "shared" / "geodata" / "stadtteile_64_L137.geojson"
START = "Bürgerstraße 68"


def _print_counts(title: str, records) -> None:
    from atlas.places.placeinfo import position_label

    print(title)
    for label, count in Counter(position_label(r) for r in records).most_common():
        print(f"  {label:<66} {count:>4}")


def _nearest(records, start, city, k: int = 5):
    from atlas.access.roles import filter_for_role
    from atlas.nearby.search import build_index, current_offers, find_offers

    offers = current_offers(filter_for_role(records, "public"), dt.date.today())
    return find_offers(build_index(offers, crs=city.projected_crs), start.lat, start.lon,
                       k=k).hits


def main() -> None:
    from atlas.city import load_city
    from atlas.geo.geocode import address_point_coverage
    from atlas.nearby.startpoint import locate_address
    from atlas.resources import load_resources, startup_geodata
    from atlas.settings import load_config

    city = load_city(ROOT / "resources" / "city.yaml")
    config = load_config({"ATLAS_CONFIG": "none.toml",
                          "ATLAS_CACHE_DIR": tempfile.mkdtemp(prefix="bench-positions-")})
    t0 = time.perf_counter()
    bounds, index = startup_geodata(config)
    t_start = time.perf_counter() - t0
    print(f"Start aus dem mitgelieferten Stand: Grenzen + {len(index)} Adresspunkte in "
          f"{t_start * 1000:.0f} ms ({bounds.origin})")
    if SHARED_L137.exists():
        from atlas.geo.geodata import fetch_boundaries

        naive_cfg = load_config({"ATLAS_CONFIG": "none.toml",
                                 "ATLAS_GEODATA_URL": str(SHARED_L137)})
        t0 = time.perf_counter()
        fetch_boundaries(naive_cfg, city)
        print(f"naiv: Grenzen beim Start aus L137 ableiten: "
              f"{(time.perf_counter() - t0) * 1000:.0f} ms")

    exact = load_resources(ROOT / "resources", city, bounds, index).records
    naive = load_resources(ROOT / "resources", city, bounds, None).records
    _print_counts("\nmit Adresspunkten (wie die App startet):", exact)
    _print_counts("naiv, ohne Adresspunkte (nur Mittelpunkte):", naive)
    for title, records in (("mit Adresspunkten", exact), ("naiv", naive)):
        c = address_point_coverage(records, dt.date.today())
        print(f"Kennzahl {title}: {c.with_point} von {c.house_numbered} aktuellen öffentlichen "
              f"Orten mit Hausnummer haben einen Adresspunkt ({c.share:.0%})")

    start = locate_address(START, index)
    print(f"\nIn der Nähe von „{START}“ ({start.lat:.6f}, {start.lon:.6f}):")
    naive_by_id = {h.record.id: h for h in _nearest(naive, start, city, k=200)}
    for hit in _nearest(exact, start, city):
        before = naive_by_id.get(hit.record.id)
        was = f"{before.distance_m:7.0f} m" if before else "   –   "
        print(f"  {hit.distance_m:7.0f} m (naiv {was})  {hit.record.name[:60]}")


if __name__ == "__main__":
    main()
