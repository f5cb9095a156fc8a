"""Browser: sign in through the sidebar form, see the internal view, sign out in one click."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from conftest import start_app, stop_app
from playwright.sync_api import expect

from atlas.access.roles import Role
from atlas.access.users import add_user, save_users

pytestmark = pytest.mark.browser
SECRET = "browser-signin-geheim"


def test_sign_in_wrong_password_and_sign_out(tmp_path: Path, browser) -> None:
    users = add_user({}, "kora", SECRET, Role.KOORDINATION, display_name="Kora K.",
                     hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    save_users(tmp_path / "users.json", users)
    server = start_app({"ATLAS_USERS_FILE": str(tmp_path / "users.json"),
                        "ATLAS_AUDIT_LOG": str(tmp_path / "audit.jsonl"),
                        "ATLAS_AUTH_MODE": "embedded"},
                       tmp_path / "streamlit.log", script="tests/apps/signin_app.py")
    page = browser.new_page()
    try:
        page.goto(server.url)
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar).to_contain_text("Öffentliche Ansicht", timeout=60_000)
        sidebar.get_by_text("Anmeldung").click()
        page.get_by_label("Benutzername").fill("kora")
        page.get_by_label("Passwort").fill("ganz-falsches-passwort")
        page.get_by_role("button", name="Anmelden").click()
        expect(sidebar).to_contain_text("Benutzername oder Passwort ist falsch")
        expect(page.get_by_text("Rolle: public")).to_be_visible()

        page.get_by_label("Benutzername").fill("kora")
        page.get_by_label("Passwort").fill(SECRET)
        page.get_by_role("button", name="Anmelden").click()
        expect(sidebar).to_contain_text("Interne Ansicht – Kora K.")
        expect(page.get_by_text("Rolle: koordination")).to_be_visible()
        assert SECRET not in page.content()
        assert "ganz-falsches-passwort" not in page.content()

        page.get_by_role("button", name="Abmelden").click()
        expect(sidebar).to_contain_text("Öffentliche Ansicht")
        expect(page.get_by_text("Rolle: public")).to_be_visible()
    finally:
        page.close()
        stop_app(server)
    results = [json.loads(x)["result"] for x in (tmp_path / "audit.jsonl").read_text().splitlines()]
    assert results == ["signin_failed", "signin_ok", "signout"]
    log = (tmp_path / "streamlit.log").read_text()
    assert SECRET not in log and "ganz-falsches-passwort" not in log
