"""Map payload of the boundaries: display copy vs the raw geometry (target ≤ 300 KB).

``python -m bench.geodata_payload`` prints the bytes that the start-page map
embeds for Stadtteile + Stadtbezirke (two folium GeoJson layers with name
tooltips), once from the simplified display copies and once, naively, from the
unsimplified geometry, plus the time the simplification takes. Reads
ATLAS_GEODATA_URL or ../shared/geodata/stadtteile_64_L137.geojson (never the
network) and writes no cache.
"""

from __future__ import annotations

import os
import statistics
import time
from typing import Any

import folium

from atlas.city import City, load_city
from atlas.citymap.basemap import new_map
from atlas.geo.districts import STADTBEZIRK, dissolve_districts
from atlas.geo.geodata import Boundaries, fetch_boundaries
from atlas.geo.simplify import round_collection, simplify_collection
from atlas.settings import ROOT, load_config

SHARED_L137 = ROOT.parent / "shared" / "geodata" / "stadtteile_64_L137.geojson"
TARGET_BYTES = 300_000


def stadtbezirke(collection: dict[str, Any]) -> dict[str, Any]:
    """Only the Stadtbezirke of a district collection."""
    return {"type": "FeatureCollection", "features": [
        f for f in collection["features"] if f["properties"]["art"] == STADTBEZIRK]}


def embedded_bytes(city: City, *layers: dict[str, Any]) -> int:
    """Bytes that GeoJson layers (with a name tooltip) add to a rendered folium map."""
    empty = len(new_map(city, tiles="none").get_root().render().encode("utf-8"))
    m = new_map(city, tiles="none")
    for layer in layers:
        folium.GeoJson(layer, tooltip=folium.GeoJsonTooltip(fields=["name"])).add_to(m)
    return len(m.get_root().render().encode("utf-8")) - empty


def time_display(boundaries: Boundaries, city: City, repeats: int = 3) -> float:
    """Median seconds to simplify the Stadtteile and dissolve the display districts."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        display = simplify_collection(boundaries.stadtteile, projected_crs=city.projected_crs)
        round_collection(dissolve_districts(display, city))
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    source = os.environ.get("ATLAS_GEODATA_URL") or str(SHARED_L137)
    config = load_config({**os.environ, "ATLAS_GEODATA_URL": source})
    city = load_city(config.path("CITY_FILE"))
    start = time.perf_counter()
    b = fetch_boundaries(config, city)
    total = time.perf_counter() - start
    naive = embedded_bytes(city, b.stadtteile, stadtbezirke(b.districts))
    display = embedded_bytes(city, b.stadtteile_display, stadtbezirke(b.districts_display))
    st_only = embedded_bytes(city, b.stadtteile_display)
    print(f"Quelle: {source}")
    print(f"naiv (folium, Rohgeometrie):     {naive:>10,} Bytes")
    print(f"Anzeigekopie (EPSG:25833, 5 Stellen): {display:>10,} Bytes "
          f"(davon Stadtteile {st_only:,}); Ziel ≤ {TARGET_BYTES:,} -> "
          f"{'OK' if display <= TARGET_BYTES else 'ZU GROSS'}")
    print(f"Faktor: {naive / display:.1f}x kleiner")
    print(f"Vereinfachen + Bezirke auflösen: {time_display(b, city) * 1000:.0f} ms "
          f"(ganzer Abruf aus Datei inkl. Prüfung: {total * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
