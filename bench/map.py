"""City map figures (issues 2 and 4): payload bytes, warm reruns, time until the map shows.

``python -m bench.map`` prints a table at 100 / 1,000 / 10,000 synthetic places,
each beside a naive version (one folium.Marker per place; folium.GeoJson of the
raw boundaries). Synthetic places are random points in the city box, marked
"Synthetisch" in their names; nothing here is real data. Pass ``--no-browser``
to skip the chromium timing.
"""

from __future__ import annotations

import csv
import random
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import folium

from atlas.city import load_city
from atlas.model import HANDLUNGSFELDER, Category, Resource
from atlas.settings import ROOT, load_config

SIZES = (100, 1_000, 10_000)
CITY = load_city(ROOT / "resources" / "city.yaml")
SHARED_GEO = ROOT.parent / "shared" / "geodata" / "stadtteile_64_L137.geojson"


def synthetic_rows(n: int, seed: int = 4) -> list[dict[str, str]]:
    """``n`` made-up public places spread over the city box."""
    rng = random.Random(seed)
    west, south, east, north = CITY.bbox
    cats = [c.value for c in Category if c != Category.UNTERKUNFT]
    bezirke = list(CITY.stadtbezirke.values())
    rows = []
    for i in range(n):
        rows.append({
            "id": f"syn-{i}", "name": f"Synthetisch Angebot {i}", "category": rng.choice(cats),
            "handlungsfelder": ";".join(rng.sample(HANDLUNGSFELDER, 2)),
            "stadtbezirk": rng.choice(bezirke),
            "lat": f"{rng.uniform(south + 0.03, north - 0.03):.6f}",
            "lon": f"{rng.uniform(west + 0.05, east - 0.05):.6f}",
            "location_precision": rng.choice(["exact", "exact", "stadtteil"]),
            "status": "aktiv", "source_url": "https://example.org/synthetisch",
            "source_date": "2026-11"})
    return rows


def synthetic_records(n: int) -> list[Resource]:
    out = []
    for row in synthetic_rows(n):
        data = {**row, "handlungsfelder": tuple(row["handlungsfelder"].split(";")),
                "lat": float(row["lat"]), "lon": float(row["lon"])}
        out.append(Resource(**data))
    return out


def _kb(n: int) -> str:
    return f"{n / 1024:,.0f} KB"


# --- payload bytes -------------------------------------------------------------------------
def place_payload_bytes(records: list[Resource]) -> tuple[int, int]:
    """(ours, naive): bytes of the place layer script as st_folium ships it."""
    from streamlit_folium import _get_feature_group_string

    from atlas.citymap.build import build_base_map, build_place_group
    from atlas.citymap.layers import build_place_payloads

    base = build_base_map(CITY, tiles="none", tiles_attribution="", areas=None, metric=None,
                          categories=[], data_attribution="")
    ours = _get_feature_group_string(build_place_group(build_place_payloads(records)), base)
    naive_map = build_base_map(CITY, tiles="none", tiles_attribution="", areas=None,
                               metric=None, categories=[], data_attribution="")
    group = folium.FeatureGroup(name="naiv")
    for r in records:
        folium.Marker([r.lat, r.lon], tooltip=r.name, popup=r.name).add_to(group)
    naive = _get_feature_group_string(group, naive_map)
    return len(ours.encode()), len(naive.encode())


def boundary_payload_bytes(cache_dir: Path) -> tuple[int, int] | None:
    """(ours, naive): Stadtteile + Stadtbezirke as the map embeds them vs raw folium.GeoJson."""
    from atlas.citymap.areas import stadtbezirk_areas, stadtteil_areas
    from atlas.citymap.layers import script_json
    from atlas.geo.geodata import load_cached_boundaries

    bounds = load_cached_boundaries(cache_dir)
    if bounds is None:
        return None
    ours = len(script_json(stadtteil_areas(bounds.stadtteile_display)).encode()) + len(
        script_json(stadtbezirk_areas(bounds.districts_display)).encode())
    m = folium.Map(tiles=None)
    folium.GeoJson(bounds.stadtteile).add_to(m)
    folium.GeoJson(bounds.districts).add_to(m)
    naive = len(m.get_root().render().encode())
    return ours, naive


# --- AppTest reruns ------------------------------------------------------------------------
def warm_reruns(records: list[Resource], cache_dir: Path | None) -> tuple[float, float]:
    """(warm rerun without change, warm rerun after a filter change) in seconds (median of 3)."""
    import os

    from streamlit import logger
    from streamlit.testing.v1 import AppTest

    import ui.data

    logger.set_log_level("error")

    if cache_dir is not None:
        os.environ["ATLAS_CACHE_DIR"] = str(cache_dir)
    os.environ["ATLAS_TILES"] = "none"
    ui.data.load_result = lambda: SimpleNamespace(records=records, service_areas=[],
                                                  version=f"syn{len(records)}")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    plain, changed = [], []
    for i in range(3):
        start = time.perf_counter()
        at.run()
        plain.append(time.perf_counter() - start)
        start = time.perf_counter()
        at.multiselect(key="karte_hf").set_value([HANDLUNGSFELDER[i]]).run()
        changed.append(time.perf_counter() - start)
    if at.exception:
        raise RuntimeError(at.exception[0].message)
    return sorted(plain)[1], sorted(changed)[1]


# --- browser -------------------------------------------------------------------------------
def time_to_map_visible(n: int, cache_dir: Path | None) -> tuple[float, float]:
    """(first visit, second visit) seconds until markers show in headless chromium."""
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CHROMIUM, start_app, stop_app
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="bench-map-"))
    rows = synthetic_rows(n)
    with (tmp / "places.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    env = {"ATLAS_RESOURCES_DIR": str(tmp), "ATLAS_TILES": "none"}
    if cache_dir is not None:
        env["ATLAS_CACHE_DIR"] = str(cache_dir)
    server = start_app(env, tmp / "app.log")
    times = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=["--no-sandbox", "--disable-gpu"])
            for _ in range(2):
                page = browser.new_page(viewport={"width": 1366, "height": 800})
                start = time.perf_counter()
                page.goto(server.url + "/")
                frame = page.frame_locator("iframe[title='streamlit_folium.st_folium']")
                frame.locator(".leaflet-marker-icon").first.wait_for(timeout=120_000)
                times.append(time.perf_counter() - start)
                page.close()
            browser.close()
    finally:
        stop_app(server)
    return times[0], times[1]


def _boundary_cache() -> Path | None:
    """The configured boundary cache, else one built from ../shared for this run."""
    cfg = load_config()
    cache = cfg.path("CACHE_DIR")
    if (cache / "manifest.json").exists():
        return cache
    if not SHARED_GEO.exists():
        return None
    from atlas.geo.geodata import ensure_boundaries

    tmp = Path(tempfile.mkdtemp(prefix="bench-geo-"))
    cfg = load_config({"ATLAS_CACHE_DIR": str(tmp), "ATLAS_GEODATA_URL": str(SHARED_GEO),
                       "ATLAS_CONFIG": "/nonexistent.toml"})
    ensure_boundaries(cfg, CITY)
    return tmp


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    cache = _boundary_cache()
    print("Karte (Issue 4) – synthetische Orte, Ziel: ≤ 400 KB bei 1.000, ≤ 1,5 MB bei 10.000;"
          " Rerun nach Filter ≤ 0,5 s / ≤ 1 s; sichtbar ≤ 3 s")
    print(f"{'Orte':>7} | {'Orte-Payload':>12} | {'naiv (Marker)':>13} | {'Rerun':>7} |"
          f" {'Rerun+Filter':>12}")
    for n in SIZES:
        recs = synthetic_records(n)
        ours, naive = place_payload_bytes(recs)
        plain, changed = warm_reruns(recs, cache)
        print(f"{n:>7,} | {_kb(ours):>12} | {_kb(naive):>13} | {plain:>6.2f}s |"
              f" {changed:>11.2f}s", flush=True)
    if cache is not None:
        sizes = boundary_payload_bytes(cache)
        if sizes:
            print(f"Grenzen-Payload (Issue 2, Ziel ≤ 300 KB): {_kb(sizes[0])} "
                  f"gegenüber naiv (folium.GeoJson, Rohgeometrie) {_kb(sizes[1])}")
    else:
        print("Grenzen fehlen: Grenzen-Payload nicht gemessen.")
    if "--no-browser" in argv:
        return
    for n in (100, 1_000):
        first, second = time_to_map_visible(n, cache)
        print(f"Karte sichtbar in chromium bei {n:,} Orten: erster Aufruf {first:.2f} s, "
              f"zweiter Aufruf {second:.2f} s (Ziel ≤ 3 s)", flush=True)


if __name__ == "__main__":
    main()
