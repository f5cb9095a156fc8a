"""Playwright: /versorgung in headless chromium (Stadtteil shapes, click shows figures, phone)."""

from __future__ import annotations

import pytest
from conftest import start_app, stop_app
from playwright.sync_api import expect

from atlas import texts

pytestmark = pytest.mark.browser
MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"
TIMEOUT = 60_000
V = texts.VERSORGUNG


@pytest.fixture(scope="module")
def app(boundaries_cache, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("versorgung")
    env = {"ATLAS_CACHE_DIR": str(boundaries_cache), "ATLAS_TILES": "none",
           "ATLAS_USERS_FILE": str(tmp / "users.json")}
    server = start_app(env, tmp / "app.log")
    yield server
    stop_app(server)


@pytest.fixture
def page(app, browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    yield page
    context.close()


def test_click_on_a_stadtteil_shows_its_figures(page, app):
    page.goto(f"{app.url}/versorgung?feld=G")
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator("path[data-area]")).to_have_count(64, timeout=TIMEOUT)
    details = page.locator(".st-key-versorgung_details")
    for _ in range(5):  # the map hooks its click handlers once it has settled
        frame.locator("path[data-area='86']").click()
        try:
            expect(details).to_be_visible(timeout=5_000)
            break
        except AssertionError:
            continue
    expect(details).to_contain_text("Plauen")
    expect(details).to_contain_text("Stand 30.06.2026")
    expect(details.get_by_role("link")).to_have_attribute("href", "/bezirk?bezirk=plauen")


def test_phone_width_shows_map_and_tables(page, app):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{app.url}/versorgung")
    expect(page.get_by_role("heading", name=V["title"])).to_be_visible()
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator("path[data-area]")).to_have_count(64, timeout=TIMEOUT)
    page.get_by_text(V["table_html"]).first.click()
    table = page.locator("table.atlas-table").first
    expect(table.locator("caption")).to_be_visible()
    assert table.locator("th[scope=col]").count() >= 9
