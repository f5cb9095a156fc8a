"""Browser: public pages speak to the public. No developer command, file path, checksum
or setting name on any page, even when caches and the users file are missing; every
page links the legal pages."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import pytest
from conftest import start_app, stop_app
from leakcheck import registered_pages
from playwright.sync_api import expect

from atlas import texts
from atlas.i18n import use

pytestmark = pytest.mark.browser
FORBIDDEN = ("python -m", "resources/", "Prüfsumme", "checksum", "ATLAS_", "users.json", "make run",
             "places.csv", "/root/", "/work/", "Traceback")


@pytest.fixture(scope="module", params=["ready", "bare"])
def app(request, tmp_path_factory, boundaries_cache):
    tmp = tmp_path_factory.mktemp(f"wording-{request.param}")
    cache = boundaries_cache if request.param == "ready" else tmp / "leer"
    server = start_app({"ATLAS_CACHE_DIR": str(cache), "ATLAS_TILES": "none",
                        "ATLAS_USERS_FILE": str(tmp / "fehlt" / "users.json"),
                        "ATLAS_AUDIT_LOG": str(tmp / "audit.jsonl")}, tmp / "app.log")
    yield server
    stop_app(server)


def _text(page) -> str:
    parts = [page.content()]
    for frame in page.frames[1:]:
        try:
            parts.append(frame.content())
        except Exception:  # noqa: BLE001 - a frame may detach while it is read
            continue
    return "\n".join(parts)


@pytest.mark.parametrize("lang", ["de", "en"])  # a stale translation once named a command
def test_no_public_page_shows_operator_details(app, browser, lang):
    context = browser.new_context()
    page = context.new_page()
    try:
        for target in registered_pages():
            params = {"lang": "en"} if lang == "en" else {}
            if target.url_path == "naehe":
                params["adresse"] = "Nirgendwoweg 99"
            query = f"?{urlencode(params)}" if params else ""
            page.goto(f"{app.url}/{target.url}{query}")
            expect(page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]'))\
                .to_have_count(1, timeout=60_000)
            page.wait_for_timeout(800)
            text = _text(page)
            hits = [word for word in FORBIDDEN if word in text]
            assert not hits, (target.url_path, hits)
            sidebar = page.get_by_test_id("stSidebar")
            with use(lang):
                names = [texts.LEGAL[kind]
                         for kind in ("impressum", "datenschutz", "barrierefreiheit")]
            for name in names:
                expect(sidebar.get_by_role("link", name=name).first).to_be_visible()
        with use(lang):
            unavailable = texts.AUTH["unavailable"]
        expect(page.get_by_test_id("stSidebar")).to_contain_text(unavailable)
    finally:
        context.close()
    assert "users.json" in Path(app.log).read_text()  # the cause went to the log


def test_legal_pages_say_they_are_not_filled_in(app, browser):
    page = browser.new_page()
    try:
        page.goto(f"{app.url}/impressum")
        expect(page.get_by_text(texts.LEGAL["placeholder_note"])).to_be_visible(timeout=60_000)
        expect(page.get_by_text("Dieses Impressum ist noch nicht ausgefüllt.")).to_be_visible()
    finally:
        page.close()
