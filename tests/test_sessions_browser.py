"""Browser: a sign-in survives a reload through the signed HttpOnly cookie, ends for
good on sign-out, and a Streamlit session id alone never opens the internal view.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from argon2 import PasswordHasher
from conftest import start_app, stop_app
from playwright.sync_api import expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from atlas.access.roles import Role
from atlas.access.users import add_user, save_users
from atlas.access.websession import COOKIE_NAME

pytestmark = pytest.mark.browser
SECRET = "browser-test-geheim-1"
INTERNAL = "Interne Ansicht – Kora"
PUBLIC = "Öffentliche Ansicht"


@pytest.fixture(scope="module")
def app(tmp_path_factory, boundaries_cache: Path):
    tmp = tmp_path_factory.mktemp("sessions-browser")
    users = add_user({}, "kora", SECRET, Role.KOORDINATION, display_name="Kora",
                     hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    save_users(tmp / "users.json", users)
    server = start_app({"ATLAS_USERS_FILE": str(tmp / "users.json"),
                        "ATLAS_AUDIT_LOG": str(tmp / "audit.jsonl"),
                        "ATLAS_CACHE_DIR": str(boundaries_cache),
                        "ATLAS_TILES": "none",
                        "ATLAS_AUTH_MODE": "embedded"}, tmp / "streamlit.log")
    yield server
    stop_app(server)


def view(page, label: str) -> None:
    expect(page.get_by_test_id("stSidebar")).to_contain_text(label, timeout=60_000)
    expect(page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')) \
        .to_have_count(1, timeout=60_000)


def sign_in(page) -> None:
    page.get_by_test_id("stSidebar").get_by_text("Anmeldung").click()
    page.get_by_label("Benutzername").fill("kora")
    page.get_by_label("Passwort").fill(SECRET)
    page.get_by_role("button", name="Anmelden").click()
    view(page, INTERNAL)


def session_cookie(context) -> dict | None:
    found = [c for c in context.cookies() if c["name"] == COOKIE_NAME]
    return found[0] if found else None


def wait_for_cookie(page, context) -> dict:
    for _ in range(100):
        cookie = session_cookie(context)
        if cookie:
            return cookie
        page.wait_for_timeout(100)
    raise AssertionError("kein Sitzungs-Cookie nach der Anmeldung")


def test_reload_keeps_sign_in_and_sign_out_ends_it_for_copied_cookies(app, browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{app.url}/bezirk?bezirk=neustadt")
        view(page, PUBLIC)
        sign_in(page)
        cookie = wait_for_cookie(page, context)
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
        assert "kora" not in cookie["value"].lower()  # a signed random token, no identity
        page.reload()
        view(page, INTERNAL)
        assert "bezirk=neustadt" in page.url

        other = browser.new_context()  # the cookie works only while the sign-in lives
        other.add_cookies([cookie])
        copy = other.new_page()
        copy.goto(f"{app.url}/")
        view(copy, INTERNAL)
        copy.close()

        page.get_by_role("button", name="Abmelden").click()
        view(page, PUBLIC)
        page.reload()
        view(page, PUBLIC)

        copy = other.new_page()
        copy.goto(f"{app.url}/")
        view(copy, PUBLIC)
        expect(copy.get_by_role("button", name="Abmelden")).to_have_count(0)
        other.close()
    finally:
        context.close()


def test_forged_cookie_gets_the_public_view(app, browser) -> None:
    context = browser.new_context()
    host = app.url.split("//")[1].split(":")[0]
    context.add_cookies([{"name": COOKIE_NAME, "value": "abc.def.ghi", "domain": host,
                          "path": "/"}])
    page = context.new_page()
    try:
        page.goto(f"{app.url}/")
        view(page, PUBLIC)
    finally:
        context.close()


def _session_ids(page) -> list[str]:
    """Streamlit session ids the server sent to this page (NewSession messages)."""
    found: list[str] = []

    def keep(payload) -> None:
        if isinstance(payload, bytes):
            msg = ForwardMsg()
            try:
                msg.ParseFromString(payload)
            except Exception:  # noqa: BLE001 - not every frame is a ForwardMsg
                return
            if msg.HasField("new_session"):
                found.append(msg.new_session.initialize.session_id)

    page.on("websocket", lambda ws: ws.on("framereceived", keep))
    return found


# Makes the page's WebSocket present a given session id, as a reconnecting client does.
_PRESENT_ID = """
const Native = window.WebSocket;
window.WebSocket = function (url, protocols) {
  const list = Array.isArray(protocols) ? protocols.slice(0, 2) : [protocols];
  while (list.length < 2) list.push("PLACEHOLDER_AUTH_TOKEN");
  list.push(%r);
  return new Native(url, list);
};
window.WebSocket.prototype = Native.prototype;
Object.assign(window.WebSocket, Native);
"""


def test_session_id_alone_is_no_bearer_token(app, browser) -> None:
    owner = browser.new_context()
    page = owner.new_page()
    ids = _session_ids(page)
    intruder = browser.new_context()
    try:
        page.goto(f"{app.url}/")
        view(page, PUBLIC)
        sign_in(page)
        assert ids, "keine Sitzungskennung empfangen"
        sid = ids[-1]
        intruder.add_init_script(_PRESENT_ID % sid)
        stolen = intruder.new_page()
        stolen.goto(f"{app.url}/karte?kat=unterkunft")
        view(stolen, PUBLIC)
        expect(stolen.get_by_role("button", name="Abmelden")).to_have_count(0)
        log = Path(app.log).read_text()
        assert f"Session with id {sid} is already connected" in log  # it did take over
    finally:
        intruder.close()
        owner.close()


def test_every_answer_carries_the_security_headers_and_big_bodies_are_refused(app) -> None:
    import urllib.error
    import urllib.request

    for path in ("/", "/bezirk?bezirk=neustadt", "/api/sitzung?t=falsch", "/_stcore/health"):
        with urllib.request.urlopen(app.url + path, timeout=20) as answer:
            headers = answer.headers
        assert "frame-ancestors 'self'" in headers["Content-Security-Policy"], path
        assert headers["X-Frame-Options"] == "SAMEORIGIN"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin"
        assert "Set-Cookie" not in headers or COOKIE_NAME not in headers["Set-Cookie"]
    request = urllib.request.Request(app.url + "/_stcore/upload_file/abc/def", method="PUT",
                                     data=b"x" * 1024,
                                     headers={"Content-Length": str(200 * 1024 * 1024)})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=20)
    assert refused.value.code == 413
