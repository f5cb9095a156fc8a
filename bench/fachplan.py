"""Rerun of /fachplan (AppTest) with the figure caches vs. a naive rerun without them.

``python -m bench.fachplan`` builds a boundary cache from ../shared (or uses
ATLAS_CACHE_DIR), opens /fachplan once, then times reruns: warm (figure tables,
Fachplan text, boundaries and records cached in ``ui/data.py``) and naive
(every cache cleared before each rerun). It also times loading and validating
the figure tables alone.
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

from bench.profile import _prepare_cache, _time_reruns

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5


def _time_loading() -> float:
    from atlas.city import load_city
    from atlas.figures.fachplan import load_fachplan
    from atlas.figures.tables import load_figures

    city = load_city(ROOT / "resources" / "city.yaml")
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        load_figures(ROOT / "resources", city)
        load_fachplan(ROOT / "resources" / "fachplan.yaml")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    os.environ.setdefault("ATLAS_TILES", "none")
    _prepare_cache()
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.switch_page("pages/fachplan.py")
    at.run()
    warm = statistics.median(_time_reruns(at, clear=False))
    naive = statistics.median(_time_reruns(at, clear=True))
    print(f"Tabellen laden und prüfen (ohne Cache): {_time_loading() * 1000:.0f} ms (Median)")
    print(f"/fachplan warm (Caches):  {warm:.2f} s (Median aus {RUNS})")
    print(f"/fachplan naiv (ohne):    {naive:.2f} s (Median aus {RUNS})")
    print(f"Faktor naiv/warm: {naive / warm:.1f}")


if __name__ == "__main__":
    main()
