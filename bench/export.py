"""Presentation export speed: one district (≤ 5 s) and the whole city (≤ 60 s).

``python -m bench.export`` prints the time for a single-district and a
whole-city export (profiles, static maps, PPTX and PDF), cold (map cache
empty) and warm (maps already drawn for this data version), against a naive
version that draws the maps from the full-resolution boundaries without a
cache. Uses the boundary cache of ATLAS_CACHE_DIR; without one it builds a
temporary cache from ../shared/geodata (never the network).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from atlas.city import load_city
from atlas.export.council import (
    ExportData,
    build_export_profiles,
    build_overview,
    export_files,
    load_export_data,
)
from atlas.export.staticmap import MAP_CACHE
from atlas.settings import ROOT, load_config

SHARED_L137 = ROOT.parent / "shared" / "geodata" / "stadtteile_64_L137.geojson"
LIMIT_ONE_S = 5.0
LIMIT_CITY_S = 60.0


def _config():
    """Settings with a boundary cache: the configured one, else a temporary one from ../shared."""
    cfg = load_config()
    if (cfg.path("CACHE_DIR") / "manifest.json").is_file() or not SHARED_L137.is_file():
        return cfg
    from atlas.geo.geodata import ensure_boundaries

    folder = tempfile.mkdtemp(prefix="bench-export-")
    cfg = load_config({"ATLAS_CACHE_DIR": folder, "ATLAS_GEODATA_URL": str(SHARED_L137),
                       "ATLAS_CONFIG": str(Path(folder) / "none.toml")})
    ensure_boundaries(cfg, load_city(cfg.path("CITY_FILE")))
    return cfg


def _run(data: ExportData, names: list[str] | None, *, overview: bool) -> tuple[float, int]:
    """Seconds for profiles + overview + maps + PPTX + PDF, and the slide count."""
    start = time.perf_counter()
    profiles = build_export_profiles(data, names, internal=False)
    extra = build_overview(data.figures, data.boundaries, data.city) if overview else None
    files = export_files(profiles, internal=False, boundaries=data.boundaries,
                         version=data.version, overview=extra)
    return time.perf_counter() - start, files.slides


def _naive(data: ExportData) -> ExportData:
    """The same data with full-resolution boundaries as "display" copies."""
    bounds = data.boundaries
    full = replace(bounds, stadtteile_display=bounds.stadtteile,
                   districts_display=bounds.districts)
    return replace(data, boundaries=full, version=data.version + "|naive")


def _verdict(seconds: float, limit: float) -> str:
    return "ok" if seconds <= limit else f"ZU LANGSAM (Ziel ≤ {limit:.0f} s)"


def _cold(data: ExportData, names: list[str] | None, *, overview: bool) -> tuple[float, int]:
    """Median of three runs, each with an empty map cache (one run varies by ±20 % here)."""
    runs = []
    for _ in range(3):
        MAP_CACHE.clear()
        runs.append(_run(data, names, overview=overview))
    return statistics.median(seconds for seconds, _ in runs), runs[0][1]


def main() -> None:
    cfg = _config()
    start = time.perf_counter()
    data = load_export_data(cfg)
    print(f"Daten laden: {time.perf_counter() - start:.2f} s "
          f"({len(data.records)} Einträge, Grenzen: {'ja' if data.boundaries else 'nein'})")
    one = ["Neustadt"]
    # One untimed export first: the first in a process also pays imports and font loading,
    # which the naive runs below would not, so "kalt" means only an empty map cache.
    _run(data, one, overview=False)
    rows = [("Neustadt, kalt (Median aus 3)", *_cold(data, one, overview=False), LIMIT_ONE_S),
            ("Neustadt, warm", *_run(data, one, overview=False), LIMIT_ONE_S),
            ("ganze Stadt, kalt (Median aus 3)", *_cold(data, None, overview=True), LIMIT_CITY_S),
            ("ganze Stadt, warm", *_run(data, None, overview=True), LIMIT_CITY_S)]
    if data.boundaries is not None:
        naive = _naive(data)
        rows.append(("naiv: Neustadt, volle Geometrie, ohne Cache",
                     *_cold(naive, one, overview=False), LIMIT_ONE_S))
        rows.append(("naiv: ganze Stadt, volle Geometrie, ohne Cache",
                     *_cold(naive, None, overview=True), LIMIT_CITY_S))
        MAP_CACHE.clear()
    for label, seconds, slides, limit in rows:
        print(f"{label:<48} {seconds:6.2f} s  {slides:3d} Folien  {_verdict(seconds, limit)}")


if __name__ == "__main__":
    main()
