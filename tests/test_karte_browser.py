"""Playwright: the start page's map in headless chromium (shapes, markers, clicks, URL, hosts)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from conftest import start_app, stop_app
from karte_testdata import INTERNAL_NAMES, write_resources
from playwright.sync_api import expect

from atlas import texts

pytestmark = pytest.mark.browser
MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"
TIMEOUT = 60_000


@pytest.fixture(scope="module")
def app(boundaries_cache, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("karte")
    env = {"ATLAS_CACHE_DIR": str(boundaries_cache), "ATLAS_TILES": "none",
           "ATLAS_RESOURCES_DIR": str(write_resources(tmp / "resources")),
           "ATLAS_USERS_FILE": str(tmp / "users.json")}
    server = start_app(env, tmp / "app.log")
    yield server
    stop_app(server)


@pytest.fixture
def page(app, browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    yield page
    context.close()


def _open(page, app, query: str = ""):
    page.goto(f"{app.url}/{query}")
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".leaflet-container")).to_be_visible(timeout=TIMEOUT)
    return frame


def test_one_shape_per_stadtteil(page, app):
    frame = _open(page, app, "?ebene=stadtteile")
    expect(frame.locator("path[data-area]")).to_have_count(64, timeout=TIMEOUT)


def test_filtered_markers_show(page, app):
    frame = _open(page, app, "?kat=beratung,regelangebot")
    markers = frame.locator(".leaflet-marker-icon.atlas-marker")
    expect(markers).to_have_count(2, timeout=TIMEOUT)
    titles = sorted(m.get_attribute("title") for m in markers.all())
    assert titles[0].startswith("<script>alert('x')</script> Test-Beratung")  # text, not markup
    assert "Test-Dorftreff Weixdorf" in titles[1]
    for name in INTERNAL_NAMES:
        assert name not in frame.locator("body").inner_html()


def test_marker_click_shows_details(page, app):
    frame = _open(page, app, "?kat=regelangebot")
    frame.locator(".atlas-marker[title*='Weixdorf']").click()
    details = page.get_by_text(texts.MAP["field_handlungsfelder"] + ":")
    expect(details).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("F Bildung und Freizeit, P Partizipation")).to_be_visible()


def test_district_click_leads_to_profile(page, app):
    frame = _open(page, app, "?kat=msa")
    frame.locator("path[data-area='cotta']").click()
    link = page.get_by_role("link", name=re.compile("Profil von Cotta"))
    expect(link).to_be_visible(timeout=TIMEOUT)
    expect(page).to_have_url(re.compile(r"gebiet=cotta"))
    link.click()
    expect(page).to_have_url(re.compile(r"/bezirk\?bezirk=cotta"), timeout=TIMEOUT)


def test_csv_download_has_the_selection(page, app):
    _open(page, app, "?hf=F")
    with page.expect_download(timeout=TIMEOUT) as info:
        page.get_by_role("button", name=texts.MAP["download_csv"]).click()
    text = open(info.value.path(), encoding="utf-8-sig").read()
    assert "Test-Treff Neustadt" in text and "Test-Dorftreff Weixdorf" in text
    assert "Test-Beratung" not in text
    for name in INTERNAL_NAMES:
        assert name not in text


def test_url_with_filters_restores_them(page, app):
    _open(page, app, "?hf=S&q=Test&ebene=msa")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("S – Sprache und Verständigung")).to_be_visible(timeout=TIMEOUT)
    expect(sidebar.get_by_label(texts.MAP["text"])).to_have_value("Test")
    expect(sidebar.get_by_role("radio", name=texts.GEODATA["level_msa"])).to_be_checked()
    expect(page.get_by_text(texts.MAP["hits"].format(count=2))).to_be_visible()


def test_with_tiles_none_every_request_stays_on_the_app_host(page, app):
    hosts = []
    page.on("request", lambda request: hosts.append(urlsplit(request.url).netloc))
    frame = _open(page, app, "?ebene=stadtteile")
    expect(frame.locator(".atlas-marker").first).to_be_visible(timeout=TIMEOUT)
    own = urlsplit(app.url).netloc
    assert hosts and {h for h in hosts if h} == {own}


def test_dresden_fits_on_a_phone(app, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    try:
        frame = _open(page, app)
        areas = frame.locator("path[data-area]")
        expect(areas).to_have_count(10, timeout=TIMEOUT)
        box = frame.locator(".leaflet-container").bounding_box()
        for shape in areas.all():
            b = shape.bounding_box()
            assert b["x"] >= box["x"] - 1 and b["y"] >= box["y"] - 1
            assert b["x"] + b["width"] <= box["x"] + box["width"] + 1
            assert b["y"] + b["height"] <= box["y"] + box["height"] + 1
    finally:
        context.close()


_BOUNDS_JS = """() => {
  for (const k of Object.keys(window)) {
    const m = window[k];
    if (k.startsWith('map_') && m && typeof m.getBounds === 'function') {
      const b = m.getBounds();
      return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()];
    }
  }
  return null;
}"""


def _map_frame(page):
    expect(page.locator(MAP_FRAME)).to_have_count(1, timeout=TIMEOUT)
    frames = [f for f in page.frames if "streamlit_folium" in f.url]
    assert frames, "Kartenrahmen fehlt"
    return frames[-1]


def _neustadt_bbox(boundaries_cache):
    import shapely
    from shapely.geometry import shape

    from atlas.geo.geodata import load_cached_boundaries

    bounds = load_cached_boundaries(boundaries_cache)
    (feature,) = [f for f in bounds.districts_display["features"]
                  if f["properties"]["name"] == "Neustadt"]
    west, south, east, north = shapely.bounds(shape(feature["geometry"]))
    return south, west, north, east


def test_selecting_neustadt_zooms_to_its_bounds(page, app, boundaries_cache):
    _open(page, app)
    city = _map_frame(page).evaluate(_BOUNDS_JS)
    sidebar = page.get_by_test_id("stSidebar")
    box = sidebar.get_by_test_id("stMultiSelect").filter(has_text=texts.MAP["stadtbezirk"])
    box.click()
    page.keyboard.type("Neustadt")
    page.get_by_role("option", name="Neustadt", exact=True).click()
    expect(page).to_have_url(re.compile(r"bezirk=neustadt"), timeout=TIMEOUT)
    south, west, north, east = _neustadt_bbox(boundaries_cache)
    expect(page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')) \
        .to_have_count(1, timeout=TIMEOUT)
    for _ in range(60):
        got = _map_frame(page).evaluate(_BOUNDS_JS)
        if got and (got[2] - got[0]) < (city[2] - city[0]) * 0.8:
            break
        page.wait_for_timeout(500)
    s, w, n, e = got
    assert s <= south and w <= west and n >= north and e >= east  # all of Neustadt in view
    assert (n - s) < 0.6 * (city[2] - city[0])  # and zoomed in (the legend keeps some room)
    page.reload()  # the shared link keeps the view
    expect(page.frame_locator(MAP_FRAME).locator(".leaflet-container")).to_be_visible()
    page.wait_for_timeout(1500)
    again = _map_frame(page).evaluate(_BOUNDS_JS)
    assert abs(again[0] - s) < 0.01 and abs(again[2] - n) < 0.01


def test_cluster_click_zooms_and_selects_no_district(page, app):
    frame = _open(page, app, "?kat=msa,vorortbuero,initiative")  # three places, two positions
    cluster = frame.locator(".marker-cluster").first
    expect(cluster).to_be_visible(timeout=TIMEOUT)
    before = _map_frame(page).evaluate("() => Object.keys(window).filter(k => "
                                       "k.startsWith('map_')).map(k => window[k].getZoom())[0]")
    cluster.click()
    page.wait_for_timeout(2500)
    after = _map_frame(page).evaluate("() => Object.keys(window).filter(k => "
                                      "k.startsWith('map_')).map(k => window[k].getZoom())[0]")
    assert after > before
    assert "gebiet=" not in page.url
    expect(page.get_by_role("link", name=re.compile("Profil von"))).to_have_count(0)
