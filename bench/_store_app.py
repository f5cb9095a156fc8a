"""App-level store figures for bench.store: map rerun store- vs. file-backed, edit visibility."""

from __future__ import annotations

import csv
import importlib
import os
import statistics
import tempfile
import time
from pathlib import Path

from bench.map import _boundary_cache, synthetic_rows

ROOT = Path(__file__).resolve().parent.parent
PLACES = 1_000


def _resources() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="bench-store-app-"))
    rows = synthetic_rows(PLACES)
    with (folder / "places.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return folder


def _warm_rerun(at) -> float:
    times = []
    for _ in range(5):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    if at.exception:
        raise RuntimeError(at.exception[0].message)
    return statistics.median(times)


def main() -> None:
    import streamlit as st
    from streamlit import logger
    from streamlit.testing.v1 import AppTest

    import ui.data

    logger.set_log_level("error")
    importlib.reload(ui.data)  # bench.map swaps ui.data.load_result for its fakes
    cache = _boundary_cache()
    os.environ.update({"ATLAS_RESOURCES_DIR": str(_resources()), "ATLAS_TILES": "none",
                       "ATLAS_DATABASE_URL":
                           f"sqlite:///{tempfile.mkdtemp(prefix='bench-db-')}/atlas.db"})
    if cache is not None:
        os.environ["ATLAS_CACHE_DIR"] = str(cache)
    import ui.storage

    store_backed = (ui.storage.places_result, ui.storage.figure_tables)
    ui.storage.places_result = lambda *args: None  # the file-backed loader of issue 4
    ui.storage.figure_tables = lambda: None
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    files = _warm_rerun(at)
    ui.storage.places_result, ui.storage.figure_tables = store_backed
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    stored = _warm_rerun(at)
    print(f"Karte, Rerun bei {PLACES:,} Orten: aus der Datenbank {stored:.3f} s vs. aus Dateien "
          f"{files:.3f} s (Ziel: nicht langsamer; Issue 4: 0,04 s)", flush=True)
    visible, cold = _edit_visible(at, ui.data, ui.storage, st)
    print(f"Freigegebene Änderung auf der Karte desselben Servers nach {visible:.2f} s "
          f"(Ziel ≤ 1 s) vs. naiv ohne Cache neu laden {cold:.2f} s", flush=True)


def _edit_visible(at, data, storage, st) -> tuple[float, float]:
    """(approve + rerun until the map's records hold the edit, cold rerun without caches)."""
    store = storage.store()
    record, version = store.place("syn-7")
    renamed = record.model_copy(update={"name": "Synthetisch umbenannt"})
    start = time.perf_counter()
    proposal = store.save(renamed, base_version=version, action="edit", author="a",
                          reason="bench", review_needed=True).proposal_id
    store.approve(proposal, "b")
    storage.refresh()  # what ui.pflege.approve does on this server
    at.run()
    visible = time.perf_counter() - start
    assert any(r.name == "Synthetisch umbenannt" for r in data.load_result().records)
    st.cache_resource.clear()
    start = time.perf_counter()
    at.run()
    return visible, time.perf_counter() - start
