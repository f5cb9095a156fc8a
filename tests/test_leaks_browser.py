"""Browser: a public session's pages, map frames, websocket traffic and downloads hold no
internal record; after signing in through the sidebar form the internal records appear.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from argon2 import PasswordHasher
from conftest import start_app, stop_app
from leakcheck import Needles, Page, document_text, find_leaks, names_present, registered_pages
from leakcheck import shipped_needles as load_shipped_needles
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from atlas.access.roles import Role
from atlas.access.users import add_user, save_users

pytestmark = pytest.mark.browser
SECRET = "browser-test-geheim-1"
PAGES = registered_pages()


@pytest.fixture(scope="module")
def found(boundaries_cache: Path) -> Needles:
    result = load_shipped_needles(boundaries_cache)
    if result is None:
        pytest.skip("ui.data.load_result() ist noch nicht gebaut (Ressourcen-Lader fehlt)")
    assert result.texts
    return result


@pytest.fixture(scope="module")
def app(tmp_path_factory, boundaries_cache: Path, found: Needles):
    tmp = tmp_path_factory.mktemp("leak-browser")
    users = add_user({}, "kora", SECRET, Role.KOORDINATION, display_name="Kora",
                     hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    save_users(tmp / "users.json", users)
    server = start_app({"ATLAS_USERS_FILE": str(tmp / "users.json"),
                        "ATLAS_AUDIT_LOG": str(tmp / "audit.jsonl"),
                        "ATLAS_CACHE_DIR": str(boundaries_cache),
                        "ATLAS_AUTH_MODE": "embedded"}, tmp / "streamlit.log")
    yield server
    stop_app(server)


class Recorder:
    """Everything the browser received over the app's websocket."""

    def __init__(self, page) -> None:
        self.frames: list[str] = []
        self.sockets: list = []
        page.on("websocket", self._attach)

    def _attach(self, ws) -> None:
        self.sockets.append(ws)
        ws.on("framereceived", self._keep)

    def _keep(self, payload) -> None:
        data = payload if isinstance(payload, bytes) else str(payload).encode()
        self.frames.append(data.decode("utf-8", "replace"))

    def take(self) -> str:
        text, self.frames = "\n".join(self.frames), []
        return text


def wait_idle(page, view: str) -> None:
    """Wait until the script finished, every element is drawn and maps are loaded.

    The script state turns "notRunning" before lazily loaded elements (download
    buttons, components) replace their skeletons, so those are waited for too.
    """
    expect(page.get_by_test_id("stSidebar")).to_contain_text(view, timeout=60_000)
    expect(page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')) \
        .to_have_count(1, timeout=60_000)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=60_000)
    maps = page.locator('iframe[title="streamlit_folium.st_folium"]')
    for i in range(maps.count()):
        expect(maps.nth(i).content_frame.locator(".leaflet-container")) \
            .to_have_count(1, timeout=60_000)


def page_content(page) -> str:
    """Full HTML of the page and of every frame (the map iframes included)."""
    parts = [page.content()]
    for frame in page.frames[1:]:
        try:
            frame.wait_for_load_state("load", timeout=15_000)
            parts.append(frame.content())
        except PlaywrightError as e:  # a frame may detach while we read it
            parts.append(f"<!-- frame {frame.url}: {type(e).__name__} -->")
    return "\n".join(parts)


def download_all(page) -> str:
    """Click every download button on the page and return the files' text."""
    texts = []
    buttons = page.get_by_test_id("stDownloadButton")
    for i in range(buttons.count()):
        with page.expect_download(timeout=60_000) as info:
            buttons.nth(i).locator("button, a").first.click()
        texts.append(document_text(Path(info.value.path()).read_bytes()))
    return "\n".join(texts)


def open_via_nav(page, recorder: Recorder, target: Page) -> None:
    """Switch page through the sidebar navigation (keeps the websocket session).

    Returns once the server answered, so that a following ``wait_idle`` waits
    for the new page's run and not the old page's finished state.
    """
    link = page.get_by_test_id("stSidebarNav").locator("a").nth(PAGES.index(target))
    with recorder.sockets[-1].expect_event("framereceived", timeout=60_000):
        link.click()


def test_public_pages_hold_no_internal_record_and_signed_in_shows_them(
    app, browser, found: Needles,
) -> None:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    recorder = Recorder(page)
    leaks: dict[str, list[str]] = {}
    try:
        for target in PAGES:
            page.goto(f"{app.url}/{target.url}")
            wait_idle(page, "Öffentliche Ansicht")
            html, files, traffic = page_content(page), download_all(page), recorder.take()
            print(f"{target.url_path}: {len(page.frames) - 1} Frames, HTML {len(html)} Zeichen, "
                  f"Downloads {len(files)} Zeichen, Websocket {len(traffic)} Zeichen")
            hits = find_leaks(html + files + traffic, found)
            if hits:
                leaks[target.url_path] = hits
        assert not leaks, leaks

        page.get_by_test_id("stSidebar").get_by_text("Anmeldung").click()
        page.get_by_label("Benutzername").fill("kora")
        page.get_by_label("Passwort").fill(SECRET)
        page.get_by_role("button", name="Anmelden").click()
        wait_idle(page, "Interne Ansicht – Kora")
        shown: set[str] = set()
        for target in PAGES:
            open_via_nav(page, recorder, target)
            wait_idle(page, "Interne Ansicht – Kora")
            text = page_content(page) + recorder.take()
            assert SECRET not in text
            shown |= names_present(text, found)
        assert shown, "angemeldet zeigt keine Seite einen internen Eintrag"

        page.get_by_role("button", name="Abmelden").click()
        wait_idle(page, "Öffentliche Ansicht")
        recorder.take()
        for target in PAGES:
            open_via_nav(page, recorder, target)
            wait_idle(page, "Öffentliche Ansicht")
            hits = find_leaks(page_content(page) + recorder.take(), found)
            assert not hits, f"nach dem Abmelden {target.url_path}: {hits}"
    finally:
        context.close()
    log = Path(app.log).read_text()
    assert SECRET not in log


def test_first_request_to_a_page_runs_app_py(tmp_path: Path, browser) -> None:
    """The first visitor after a restart who opens a page URL directly gets the sidebar.

    Streamlit treats an app with a ``pages/`` folder as an old-style multipage
    app until ``st.navigation`` has run once; this guards against the page
    script then running without app.py (and so without sign-in and view label).
    """
    server = start_app({"ATLAS_USERS_FILE": str(tmp_path / "users.json"),
                        "ATLAS_AUTH_MODE": "embedded"}, tmp_path / "streamlit.log")
    page = browser.new_page()
    try:
        page.goto(f"{server.url}/{PAGES[-1].url}")
        expect(page.get_by_test_id("stSidebar")).to_contain_text("Öffentliche Ansicht",
                                                                 timeout=20_000)
    finally:
        page.close()
        stop_app(server)
