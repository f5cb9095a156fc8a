"""Playwright: /bezirk?bezirk=neustadt shows a map zoomed to Neustadt, its markers, the sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from atlas.geo.geodata import load_cached_boundaries
from tests.conftest import start_app, stop_app

pytestmark = pytest.mark.browser

# The map variable folium gives the Leaflet map, read inside the component's iframe.
MAP_STATE = """() => {
  const key = Object.keys(window).find(k => k.startsWith('map_') && window[k] && window[k].getZoom);
  if (!key) return null;
  const m = window[key];
  const c = m.getCenter();
  return {zoom: m.getZoom(), lat: c.lat, lon: c.lng};
}"""


def neustadt_bbox(cache_dir: Path) -> tuple[float, float, float, float]:
    feature = next(f for f in load_cached_boundaries(cache_dir).districts["features"]
                   if f["properties"]["name"] == "Neustadt")
    points = []

    def walk(c):
        if isinstance(c[0], (int, float)):
            points.append(c)
        else:
            for part in c:
                walk(part)

    walk(feature["geometry"]["coordinates"])
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return min(lons), min(lats), max(lons), max(lats)


def test_neustadt_map_markers_and_sources(browser, boundaries_cache, tmp_path):
    from playwright.sync_api import expect

    server = start_app({"ATLAS_CACHE_DIR": str(boundaries_cache), "ATLAS_TILES": "none"},
                       tmp_path / "streamlit.log")
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 1600})
        page.goto(server.url + "/bezirk?bezirk=neustadt")
        expect(page.get_by_role("heading", name="Neustadt", exact=True)).to_be_visible(
            timeout=60_000)
        expect(page.get_by_role("heading", name="Quellen")).to_be_visible(timeout=60_000)
        expect(page.get_by_text("Fachplan Asyl und Integration 2022").first).to_be_attached()

        frame_el = page.locator("iframe[title*='st_folium']").first
        expect(frame_el).to_be_visible(timeout=30_000)
        frame = frame_el.content_frame
        expect(frame.locator(".atlas-marker").first).to_be_visible(timeout=30_000)
        assert frame.locator(".atlas-marker").count() >= 3

        handle = frame_el.element_handle().content_frame()
        state = None
        for _ in range(50):
            state = handle.evaluate(MAP_STATE)
            if state:
                break
            page.wait_for_timeout(100)
        assert state is not None
        min_lon, min_lat, max_lon, max_lat = neustadt_bbox(boundaries_cache)
        assert min_lat <= state["lat"] <= max_lat and min_lon <= state["lon"] <= max_lon
        assert state["zoom"] > 11  # closer than the whole-city view

        # Print view (Ctrl+P): no sidebar, no export buttons, the map stays.
        page.emulate_media(media="print")
        expect(page.get_by_test_id("stSidebar")).to_be_hidden()
        expect(page.locator(".st-key-profile_export")).to_be_hidden()
        expect(frame_el).to_be_visible()
        header = page.locator(".atlas-print-header")
        expect(header).to_be_visible()  # district, date and sender, only in print
        expect(header).to_contain_text("Stadtbezirk Neustadt")
        expect(header).to_contain_text("Herausgeber noch nicht eingetragen")
        expect(frame.locator(".leaflet-control-zoom")).to_be_hidden()  # no zoom buttons
        expect(frame.locator(".leaflet-control-scale-line")).to_have_count(1)  # metric only
        pdf = page.pdf(prefer_css_page_size=True)
        import io

        from pypdf import PdfReader

        box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 hoch
        page.emulate_media(media="screen")
        expect(header).to_be_hidden()
        page.close()
    finally:
        stop_app(server)
