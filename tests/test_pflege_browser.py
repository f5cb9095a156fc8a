"""Browser: one whole upkeep cycle – propose, approve, public map, history, revert."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from conftest import start_app, stop_app
from karte_testdata import write_resources
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from atlas.access.roles import Role
from atlas.access.users import add_user, save_users, with_bezirke

pytestmark = pytest.mark.browser
MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"
TIMEOUT = 60_000
OLD, NEW = "Test-Dorftreff Weixdorf", "Test-Dorftreff Weixdorf am Markt"
FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
SHOTS = Path(__file__).resolve().parent.parent / "test-results"


@pytest.fixture(autouse=True)
def _patient_expect():
    """Assertions wait up to 30 s: this machine is shared and often busy."""
    expect.set_options(timeout=30_000)
    yield
    expect.set_options(timeout=5_000)


@pytest.fixture
def server(tmp_path: Path, boundaries_cache):
    users = {}
    for name in ("kora", "karl"):
        users = add_user(users, name, f"{name}-geheim-123", Role.KOORDINATION,
                         display_name=name.title(), hasher=FAST)
        users = with_bezirke(users, name, ("Weixdorf", "Neustadt"))
    save_users(tmp_path / "users.json", users)
    app = start_app({"ATLAS_USERS_FILE": str(tmp_path / "users.json"),
                     "ATLAS_AUDIT_LOG": str(tmp_path / "audit.jsonl"),
                     "ATLAS_AUTH_MODE": "embedded", "ATLAS_TILES": "none",
                     "ATLAS_CACHE_DIR": str(boundaries_cache),
                     "ATLAS_RESOURCES_DIR": str(write_resources(tmp_path / "resources"))},
                    tmp_path / "app.log")
    yield app
    stop_app(app)


def signed_in(browser, server, name: str, width: int = 1366, height: int = 900):
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(server.url)
    expand = page.get_by_test_id("stExpandSidebarButton")
    expect(page.get_by_test_id("stApp")).to_be_visible()
    if width < 600:  # phones start with the sidebar folded away
        expand.click()
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar).to_contain_text("Öffentliche Ansicht")
    sidebar.get_by_text("Anmeldung").click()
    page.get_by_label("Benutzername").fill(name)
    page.get_by_label("Passwort").fill(f"{name}-geheim-123")
    page.get_by_role("button", name="Anmelden").click()
    expect(sidebar).to_contain_text("Interne Ansicht")
    return page


def open_pflege(page, place: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Pflege").click()
    expect(page.get_by_role("heading", name="Pflege")).to_be_visible()
    for _ in range(5 if page.viewport_size["width"] < 600 else 0):
        # On a phone the open sidebar covers the page; a click while it slides can get lost.
        collapse = page.get_by_test_id("stSidebarCollapseButton")
        if collapse.is_visible():
            collapse.click()
        try:
            expect(page.get_by_test_id("stSelectbox").first).to_be_visible(timeout=5_000)
            break
        except AssertionError:
            continue
    option = page.get_by_role("option", name=re.compile(re.escape(place))).first
    for _ in range(10):  # a rerun still in flight may redraw the list under the pointer
        expect(page.get_by_test_id("stStatusWidget")).to_be_hidden()
        page.get_by_test_id("stSelectbox").filter(has_text="Ort").first.click()
        try:
            option.click(timeout=3_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    expect(page.get_by_text(re.compile(r"Version \d+ · zuletzt geprüft"))).to_be_visible()


def approve_first(page) -> None:
    page.get_by_role("tab", name="Freigaben").click()
    page.get_by_role("button", name="Freigeben").first.click()
    expect(page.get_by_text("Freigegeben:")).to_be_visible()


def public_marker_titles(browser, server) -> list[str]:
    page = browser.new_page()
    try:
        page.goto(f"{server.url}/?kat=regelangebot")
        frame = page.frame_locator(MAP_FRAME)
        expect(frame.locator(".atlas-marker").first).to_be_attached(timeout=TIMEOUT)
        return frame.locator(".atlas-marker").evaluate_all("els => els.map(e => e.title)")
    finally:
        page.close()


def test_propose_approve_publish_history_revert(browser, server):
    kora = signed_in(browser, server, "kora")
    open_pflege(kora, OLD)
    kora.get_by_label("Name", exact=True).first.fill(NEW)
    kora.get_by_label("Grund der Änderung").first.fill("Neuer Standort laut Aushang")
    kora.get_by_role("button", name="Änderung speichern").first.click()
    expect(kora.get_by_text("wartet auf die Freigabe")).to_be_visible()
    assert not any(t.startswith(NEW) for t in public_marker_titles(browser, server))

    karl = signed_in(browser, server, "karl")
    open_pflege(karl, OLD)
    expect(karl.get_by_text("wartet ein Vorschlag von kora")).to_be_visible()
    approve_first(karl)
    assert any(t.startswith(NEW) for t in public_marker_titles(browser, server))

    open_pflege(karl, NEW)
    history = karl.get_by_test_id("stExpander").filter(has_text="Version 2")
    expect(history).to_contain_text(f"{OLD} → {NEW}")
    expect(history).to_contain_text("freigegeben von karl")
    SHOTS.mkdir(exist_ok=True)
    karl.screenshot(path=str(SHOTS / "pflege-verlauf.png"), full_page=True)
    karl.get_by_test_id("stExpander").filter(has_text="Version 1 ·").get_by_text(
        "Version 1 ·").click()
    karl.get_by_role("button", name="Auf Version 1 zurücksetzen").click()
    expect(karl.get_by_text("wartet auf die Freigabe")).to_be_visible()

    open_pflege(kora, NEW)
    approve_first(kora)
    titles = public_marker_titles(browser, server)
    assert any(t.startswith(OLD) for t in titles) and not any(t.startswith(NEW) for t in titles)


def test_pflege_on_a_phone(browser, server):
    page = signed_in(browser, server, "kora", width=390, height=844)
    open_pflege(page, OLD)
    expect(page.get_by_role("button", name="Geprüft")).to_be_visible()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "pflege-telefon.png"), full_page=False)
    page.get_by_role("button", name="Geprüft").click()
    expect(page.get_by_text("Version 2 ·", exact=False).first).to_be_visible()


def test_map_click_sets_the_position(browser, server):
    page = signed_in(browser, server, "kora")
    open_pflege(page, "Test-Treff Neustadt")
    switch = page.get_by_label("Lage per Klick auf die Karte setzen").first
    for _ in range(5):  # a click during a rerun can get lost: check the switch's state
        expect(page.get_by_test_id("stStatusWidget")).to_be_hidden()
        if not switch.is_checked():
            page.get_by_text("Lage per Klick auf die Karte setzen").first.click()
        try:
            expect(switch).to_be_checked(timeout=5_000)
            break
        except AssertionError:
            continue
    frame = page.frame_locator(MAP_FRAME).first
    expect(frame.locator(".leaflet-container")).to_be_visible()
    box = frame.locator(".leaflet-container").bounding_box()
    frame.locator(".leaflet-container").click(position={"x": box["width"] / 2 + 40,
                                                        "y": box["height"] / 2})
    method = page.get_by_label("Wie die Lage bestimmt wurde").first
    expect(method).to_have_value(re.compile(r"Kartenklick \(Zoomstufe 17\)"))
    lat = float(page.get_by_label("Breite (lat)").first.input_value())
    lon = float(page.get_by_label("Länge (lon)").first.input_value())
    assert abs(lat - 51.0655) < 0.001 and 13.7560 < lon < 13.760  # a little east of the pin
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "pflege-kartenklick.png"))
