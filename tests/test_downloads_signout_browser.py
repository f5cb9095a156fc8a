"""Browser: internal download URLs (/media/<id>) die with the sign-in (issue 18, risk 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from argon2 import PasswordHasher
from conftest import start_app, stop_app
from playwright.sync_api import expect

from atlas.access.roles import Role
from atlas.access.users import add_user, save_users

pytestmark = pytest.mark.browser
SECRET = "download-signout-geheim"


def test_internal_download_is_gone_after_sign_out(tmp_path: Path, browser) -> None:
    users = add_user({}, "kora", SECRET, Role.KOORDINATION, display_name="Kora K.",
                     hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    save_users(tmp_path / "users.json", users)
    server = start_app({"ATLAS_USERS_FILE": str(tmp_path / "users.json"),
                        "ATLAS_AUDIT_LOG": str(tmp_path / "audit.jsonl"),
                        "ATLAS_AUTH_MODE": "embedded"},
                       tmp_path / "streamlit.log", script="tests/apps/download_app.py")
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    stranger = browser.new_context()  # no session, no cookies
    try:
        page.goto(server.url)
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar).to_contain_text("Öffentliche Ansicht", timeout=60_000)
        sidebar.get_by_text("Anmeldung").click()
        page.get_by_label("Benutzername").fill("kora")
        page.get_by_label("Passwort").fill(SECRET)
        page.get_by_role("button", name="Anmelden").click()
        expect(page.get_by_text("Rolle: koordination")).to_be_visible(timeout=30_000)
        with page.expect_download() as info:
            page.get_by_role("button", name="Interne Liste").click()
        url = info.value.url
        assert "/media/" in url
        before = stranger.request.get(url)
        assert before.status == 200 and b"GEHEIM-INTERN" in before.body()  # the risk

        page.get_by_role("button", name="Abmelden").click()
        expect(page.get_by_text("Rolle: public")).to_be_visible(timeout=30_000)
        after = stranger.request.get(url)
        assert after.status == 404, after.status
        assert b"GEHEIM-INTERN" not in after.body()
    finally:
        stranger.close()
        context.close()
        stop_app(server)
