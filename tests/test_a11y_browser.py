"""Accessibility in chromium: axe-core on every page, keyboard alone, phones, languages.

Runs on the shipped data. axe-core comes from the pinned PyPI package
axe-playwright-python (tests/axe.py); violations of impact critical or serious
fail, the others are listed as warnings in the test output.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from axe import EXCLUDED_RULES, MAP_FRAME, choose, format_counts, run_axe, settle, visit_signed_in
from conftest import start_app, stop_app
from phone import PHONE, horizontal_overflow, screens, small_map_controls, small_touch_targets
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from atlas import texts
from atlas.access.roles import Role
from atlas.access.users import add_user, save_users

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parent.parent / "test-results" / "phone"
TIMEOUT = 60_000
USER, SECRET = "kora", "a11y-browser-geheim"
PUBLIC = ("/", "/?ebene=stadtteile&farbe=places", "/bezirk?bezirk=neustadt", "/naehe",
          "/naehe?stadtteil=Pieschen-Süd", "/versorgung", "/fachplan", "/qualitaet",
          "/daten", "/pflege",
          "/?lang=en", "/naehe?stadtteil=Pieschen-Süd&lang=en", "/bezirk?bezirk=cotta&lang=en")
# Signed in, pages are opened through the navigation (a reload would start a public session).
SIGNED_IN = ("nav_map", "nav_profile", "nav_nearby", "nav_versorgung", "nav_fachplan",
             "nav_quality", "nav_data", "nav_pflege")


@pytest.fixture(scope="module")
def app(boundaries_cache, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("a11y")
    users = add_user({}, USER, SECRET, Role.KOORDINATION, display_name="Kora K.",
                     hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    save_users(tmp / "users.json", users)
    env = {"ATLAS_CACHE_DIR": str(boundaries_cache), "ATLAS_TILES": "none",
           "ATLAS_USERS_FILE": str(tmp / "users.json"), "ATLAS_AUDIT_LOG": str(tmp / "a.jsonl"),
           "ATLAS_AUTH_MODE": "embedded"}
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


@pytest.fixture
def phone(app, browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    yield page
    context.close()


def _check(page, path: str, label: str) -> None:
    report = run_axe(page)
    others = [v for v in report.counted() if v not in report.blocking()]
    if others:
        warnings.warn(f"axe {label} {path}: {format_counts(report.by_impact())}\n"
                      + "\n".join(report.lines()), stacklevel=2)
    assert not report.blocking(), f"{label} {path}:\n" + "\n".join(report.lines())


def _sign_in(page, base: str) -> None:
    page.goto(base + "/qualitaet")
    settle(page)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text(texts.AUTH["heading"]).click()
    page.get_by_label(texts.AUTH["name_label"]).fill(USER)
    page.get_by_label(texts.AUTH["password_label"]).fill(SECRET)
    page.get_by_role("button", name=texts.AUTH["submit"]).click()
    expect(sidebar.get_by_text("Interne Ansicht – Kora K.")).to_be_visible()


def test_excluded_rules_each_have_a_reason() -> None:
    assert all(len(reason) > 40 for reason in EXCLUDED_RULES.values())


@pytest.mark.parametrize("path", PUBLIC)
def test_public_pages_have_no_serious_violations(page, app, path: str) -> None:
    page.goto(app.url + path)
    settle(page)
    _check(page, path, "öffentlich")


def test_axe_waits_for_the_page_style_that_streamlit_loads_late(page, app) -> None:
    """CI failed twice on caption contrast: Streamlit loads st.html's script on demand,
    and on a loaded runner the captions were drawn before the style that darkens them.
    Holding that script back reproduces it; settle() must wait for it."""
    held = []
    page.route("**/static/js/Html.*.js", lambda route: held.append(route))
    page.goto(app.url + "/")
    page.wait_for_selector("[data-testid='stMain'] h1")
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state",
                                                           "notRunning")
    caption = "() => getComputedStyle(document.querySelector(" \
              "'[data-testid=stMain] [data-testid=stCaptionContainer]')).opacity"
    assert held and page.evaluate(caption) != "1"  # Streamlit's own faded caption
    with pytest.raises(PlaywrightTimeout):
        settle(page, timeout=3_000)
    for route in held:
        route.continue_()
    settle(page)
    assert page.evaluate(caption) == "1"
    _check(page, "/", "öffentlich")


def test_signed_in_pages_have_no_serious_violations(page, app) -> None:
    _sign_in(page, app.url)
    for key in SIGNED_IN:
        visit_signed_in(page, texts.APP[key])
        if key == "nav_nearby":
            choose(page, texts.NEARBY["stadtteil_label"], "Pieschen-Süd")
            expect(page.get_by_text(re.compile(r"Angebote, nach Entfernung"))).to_be_visible()
        expect(page.get_by_test_id("stSidebar")).to_contain_text("Interne Ansicht")
        _check(page, page.url.replace(app.url, ""), "angemeldet")


def _tab_to(page, predicate_js: str, limit: int = 250) -> None:
    """Press Tab until the focused element matches (keyboard only: no clicks)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate_js):
            return
    raise AssertionError(f"Tab erreicht das Element nicht: {predicate_js}")


def _focused_label(name: str) -> str:
    return (f"() => {{ const e = document.activeElement;"
            f" return !!e && (e.getAttribute('aria-label') || '').startsWith({name!r}); }}")


def test_keyboard_alone_picks_a_district_and_opens_its_profile(page, app) -> None:
    page.goto(app.url + "/")
    settle(page)
    _tab_to(page, _focused_label(texts.A11Y["area_select"]))
    page.keyboard.type("Cotta")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"gebiet=cotta"))
    link = page.get_by_role("link", name=re.compile("Profil von Cotta"))
    expect(link).to_be_visible()
    _tab_to(page, "() => (document.activeElement.innerText || '').includes('Profil von Cotta')")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/bezirk\?bezirk=cotta"))
    expect(page.get_by_role("heading", name="Cotta", exact=True)).to_be_visible()


def test_keyboard_alone_opens_a_place_and_starts_a_nearby_search(page, app) -> None:
    page.goto(app.url + "/?kat=vorortbuero")
    settle(page)
    _tab_to(page, _focused_label(texts.A11Y["place_select"]))
    page.keyboard.type("Weltclub")
    page.keyboard.press("Enter")
    details = page.get_by_text(texts.MAP["field_handlungsfelder"] + ":").first
    expect(details).to_be_visible()
    # Export: the download buttons are in the Tab order.
    _tab_to(page, "() => (document.activeElement.innerText || '')"
                  f".includes({texts.MAP['download_csv']!r})")

    page.goto(app.url + "/naehe")
    settle(page)
    _tab_to(page, _focused_label(texts.NEARBY["stadtteil_label"]))
    page.keyboard.type("Pieschen-Süd")
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile(r"Angebote, nach Entfernung"))).to_be_visible()
    expect(page).to_have_url(re.compile(r"stadtteil=Pieschen"))


@pytest.mark.parametrize("path", ["/naehe?stadtteil=Pieschen-Süd", "/bezirk?bezirk=neustadt",
                                  "/"])
def test_phone_width(phone, app, path: str) -> None:
    phone.goto(app.url + path)
    settle(phone)
    frame = phone.frame_locator(MAP_FRAME).first
    expect(frame.locator(".leaflet-control-zoom")).to_be_visible()
    map_frame = phone.locator(MAP_FRAME).first.element_handle().content_frame()
    assert small_map_controls(map_frame) == []
    folder = SHOTS  # git-ignored; open them and look
    shots = screens(phone, folder, path.strip("/").split("?")[0] or "karte")
    print(f"Bildschirmfotos 390 × 844 von {path}: {folder} ({len(shots)} Bilder)")
    assert horizontal_overflow(phone) <= 0
    assert small_touch_targets(phone) == []
    box = phone.locator(MAP_FRAME).first.bounding_box()
    assert box["width"] >= 340 and box["height"] >= 300  # the map is readable
    if path.startswith("/naehe"):  # the result list comes before the map
        results = phone.locator(".st-key-naehe_results").bounding_box()
        assert results["y"] < box["y"]
    if path == "/":  # the legend starts collapsed and hides nothing
        assert frame.locator(".atlas-legend details").get_attribute("open") is None


def test_language_switch_is_kept_in_the_url(page, app) -> None:
    page.goto(app.url + "/?lang=en")
    settle(page)
    expect(page.get_by_role("heading", name="City map")).to_be_visible()
    assert page.evaluate("document.documentElement.lang") == "en"
    page.get_by_test_id("stSidebarNav").get_by_text("Nearby").click()  # drops the query
    expect(page.get_by_role("heading", name="Services nearby")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/naehe\?.*lang=en"))
    page.get_by_test_id("stSidebar").get_by_text("Deutsch", exact=True).click()
    expect(page.get_by_role("heading", name=texts.NEARBY["title"])).to_be_visible()
    expect(page).not_to_have_url(re.compile(r"lang="))
    assert page.evaluate("document.documentElement.lang") == "de"


def test_map_data_shows_within_three_seconds_on_a_first_visit(browser, app) -> None:
    """Issue 15 keeps the first-visit figure (issue 4): measured in bench.a11y; here a bound."""
    import time

    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(app.url + "/")
    page.frame_locator(MAP_FRAME).locator("path[data-area]").first.wait_for(timeout=TIMEOUT)
    elapsed = time.perf_counter() - start
    context.close()
    print(f"Karte sichtbar nach {elapsed:.2f} s")
    assert elapsed < 15  # a generous bound for a shared CI machine; the figure is in bench


def test_phone_shows_the_language_switch_without_opening_the_sidebar(phone, app) -> None:
    phone.goto(app.url + "/naehe?lang=en")
    settle(phone)
    top = phone.locator(".st-key-atlas_lang_top")
    expect(top).to_be_visible()
    top.get_by_text("Deutsch", exact=True).click()
    expect(phone.get_by_role("heading", name=texts.NEARBY["title"])).to_be_visible()
    expect(phone).not_to_have_url(re.compile(r"lang="))


def test_desktop_has_one_language_switch(page, app) -> None:
    page.goto(app.url + "/")
    settle(page)
    expect(page.locator(".st-key-atlas_lang_top")).to_be_hidden()
    expect(page.get_by_role("radiogroup", name=texts.A11Y["language_label"])).to_have_count(1)
