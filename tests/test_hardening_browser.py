"""Playwright against the real server: an echoed payload loads nothing from outside, and an
upload PUT larger than the app's limit is refused (issue 18, defects 1 and 4)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from atlas.settings import default_value
from tests.conftest import start_app, stop_app

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
PAYLOAD = ("![x](http://evil.example/t.png) [klick](http://evil.example/l) www.evil.example "
           "a@evil.example :smile: :red[rot] **b** $x$")


@pytest.fixture(scope="module")
def server(boundaries_cache, tmp_path_factory):
    log = tmp_path_factory.mktemp("hardening") / "streamlit.log"
    app = start_app({"ATLAS_CACHE_DIR": str(boundaries_cache), "ATLAS_TILES": "none"}, log)
    yield app
    stop_app(app)


def _session_id(page) -> str:
    """The Streamlit session id, read from the server's first WebSocket message."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    found: list[str] = []

    def on_ws(ws) -> None:
        def on_frame(payload) -> None:
            if isinstance(payload, (bytes, bytearray)) and not found:
                msg = ForwardMsg()
                try:
                    msg.ParseFromString(bytes(payload))
                except Exception:  # noqa: BLE001 (other frames are not ForwardMsgs)
                    return
                if msg.HasField("new_session") and msg.new_session.initialize.session_id:
                    found.append(msg.new_session.initialize.session_id)
        ws.on("framereceived", on_frame)

    page.on("websocket", on_ws)
    return found  # filled while the page loads


def test_payload_in_bezirk_loads_nothing_from_outside(browser, server):
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def guard(route) -> None:
        if route.request.url.startswith(server.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.goto(f"{server.url}/bezirk?bezirk={PAYLOAD}")
    alert = page.locator("[data-testid='stAlertContainer']").filter(has_text="evil")
    expect(alert.first).to_be_visible(timeout=60_000)
    shown = alert.first.inner_text().replace("\u2060", "")
    assert PAYLOAD in shown  # shown literally, as typed
    page.wait_for_timeout(1500)
    assert page.locator("img[src*='evil']").count() == 0
    assert alert.first.locator("a, img, strong, em, .katex, [data-testid='stIconMaterial']"
                               ).count() == 0
    links = page.locator("a[href*='evil']")
    assert links.count() == 0, [links.nth(i).evaluate("e => e.outerHTML")
                                for i in range(links.count())]
    assert not [u for u in outside if "evil" in u], outside
    page.screenshot(path=str(server.log.parent / "bezirk_payload.png"))
    context.close()


def test_config_upload_limit_is_the_app_limit():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == default_value("MAX_UPLOAD_MB")


def test_upload_put_over_the_limit_is_refused(browser, server):
    context = browser.new_context()
    page = context.new_page()
    found = _session_id(page)
    page.goto(server.url + "/")
    page.wait_for_function("() => document.cookie.includes('_streamlit_xsrf')", timeout=60_000)
    page.wait_for_timeout(500)
    assert found, "no session id seen"
    limit_mb = int(default_value("MAX_UPLOAD_MB"))
    script = """async ([url, size]) => {
      const token = document.cookie.split('; ').find(c => c.startsWith('_streamlit_xsrf='))
        .split('=').slice(1).join('=');
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(size)]), 'x.bin');
      try {
        const r = await fetch(url, {method: 'PUT', body: form, credentials: 'same-origin',
                                    headers: {'X-Xsrftoken': token}});
        return r.status;
      } catch (e) { return -1; }
    }"""
    base = f"{server.url}/_stcore/upload_file/{found[0]}"
    small = page.evaluate(script, [f"{base}/klein", 1024])
    big = page.evaluate(script, [f"{base}/gross", (limit_mb + 5) * 1024 * 1024])
    context.close()
    assert small in (200, 204), small  # the endpoint works for this session ...
    assert big in (413, -1), big  # ... and refuses a body over the limit
