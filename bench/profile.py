"""Warm rerun of a district profile (AppTest) with the caches vs. a naive rerun without them.

``python -m bench.profile`` builds a boundary cache from ../shared (or uses
ATLAS_CACHE_DIR), opens /bezirk?bezirk=neustadt once, then times reruns:
warm (cached profile, boundaries, records) and naive (every cache cleared before
each rerun, i.e. loading and building everything again). Target: warm ≤ 0.5 s.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_L137 = ROOT.parent / "shared" / "geodata" / "stadtteile_64_L137.geojson"
RUNS = 5


def _prepare_cache() -> None:
    """Point ATLAS_CACHE_DIR at a boundary cache, building one from ../shared if needed."""
    if os.environ.get("ATLAS_CACHE_DIR"):
        return
    from atlas.city import load_city
    from atlas.geo.geodata import ensure_boundaries
    from atlas.settings import load_config

    cache_dir = Path(tempfile.mkdtemp(prefix="bench-profile-"))
    env = {"ATLAS_CACHE_DIR": str(cache_dir), "ATLAS_GEODATA_URL": str(SHARED_L137)}
    if SHARED_L137.exists():
        config = load_config({**os.environ, **env})
        ensure_boundaries(config, load_city(config.path("CITY_FILE")))
    os.environ["ATLAS_CACHE_DIR"] = str(cache_dir)


def _time_reruns(at, *, clear: bool) -> list[float]:
    import streamlit as st

    times = []
    for _ in range(RUNS):
        if clear:
            st.cache_resource.clear()
            st.cache_data.clear()
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        if at.exception:
            raise RuntimeError(at.exception[0].message)
    return times


def main() -> None:
    os.environ.setdefault("ATLAS_TILES", "none")
    _prepare_cache()
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "pages" / "bezirk.py"), default_timeout=120)
    at.query_params["bezirk"] = "neustadt"
    start = time.perf_counter()
    at.run()
    cold = time.perf_counter() - start
    warm = _time_reruns(at, clear=False)
    naive = _time_reruns(at, clear=True)
    print(f"Profil Neustadt, erster Lauf (kalt):        {cold:6.3f} s")
    print(f"Warmer Rerun (Median aus {RUNS}):             {statistics.median(warm):6.3f} s"
          f"   (min {min(warm):.3f}, max {max(warm):.3f}; Ziel ≤ 0,5 s)")
    print(f"Naiv ohne Cache (Median aus {RUNS}):          {statistics.median(naive):6.3f} s")
    factor = statistics.median(naive) / statistics.median(warm)
    print(f"Faktor naiv / warm:                          {factor:6.1f}x")


if __name__ == "__main__":
    main()
