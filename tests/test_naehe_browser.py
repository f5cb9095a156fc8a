"""Playwright on /naehe: type an address -> sorted list and markers; a map click updates."""

from __future__ import annotations

import re

import pytest

from tests.conftest import start_app, stop_app
from tests.naehe_testdata import write_nearby_data

pytestmark = pytest.mark.browser


def test_address_then_map_click(browser, boundaries_cache, tmp_path):
    from playwright.sync_api import expect

    env = write_nearby_data(tmp_path, boundaries_cache)
    server = start_app(env, tmp_path / "streamlit.log")
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 1800},
                                      geolocation={"latitude": 51.0402, "longitude": 13.7302},
                                      permissions=["geolocation"])
        page = context.new_page()
        page.goto(server.url + "/")
        page.get_by_role("link", name="In der Nähe").click()
        field = page.get_by_label("Adresse")
        expect(field).to_be_visible(timeout=60_000)
        field.fill("Königsbrücker Str 13")
        field.press("Enter")

        first = page.locator(".st-key-naehe_hit_1")
        expect(first).to_contain_text("Beratung am Eck", timeout=30_000)
        expect(page.locator(".st-key-naehe_hit_2")).to_contain_text("Bibliothek Test")
        expect(page.locator(".st-key-naehe_hit_3")).to_have_count(0)
        expect(first).to_contain_text("Luftlinie")
        assert "adresse=" in page.url
        body = page.content()
        assert "Heim Geheim" not in body and "Interne Beratung" not in body

        frame = page.frame_locator("iframe[title*='st_folium']").first
        expect(frame.locator(".atlas-offer")).to_have_count(2, timeout=30_000)
        expect(frame.locator(".atlas-start")).to_have_count(1)

        # Click the map south-west of the start (no marker there): a new start and results.
        # streamlit-folium starts reporting clicks a moment after the map has drawn, so a
        # click that comes too early is lost: click again, as a user would.
        started = page.get_by_text(re.compile("Startpunkt: Punkt auf der Karte"))
        for _attempt in range(4):
            frame.locator(".leaflet-container").first.click(position={"x": 60, "y": 380})
            try:
                expect(started).to_be_visible(timeout=10_000)
                break
            except AssertionError:
                continue
        expect(started).to_be_visible(timeout=10_000)
        expect(page).to_have_url(re.compile(r"lat=51\.\d+.*lon=13\.\d+"))
        expect(frame.locator(".atlas-start")).to_have_count(1)

        # "Mein Standort" turns the browser's position (near Vorortbüro Süd) into the start.
        frame.get_by_role("button", name="Mein Standort").click()
        expect(page.get_by_text(re.compile(r"Punkt auf der Karte \(51\.0402"))).to_be_visible(
            timeout=30_000)
        expect(page.locator(".st-key-naehe_hit_1")).to_contain_text("Vorortbüro Süd")
        context.close()
    finally:
        stop_app(server)
