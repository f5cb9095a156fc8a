"""AppTest of the sidebar sign-in: form, sign-out, lockout across sessions, expiry, bad files."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from streamlit.testing.v1 import AppTest

from atlas import texts
from atlas.access.roles import Role
from atlas.access.users import add_user, save_users

SECRET = "koordination-geheim-1"
FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def sidebar_app() -> None:
    """A page that shows only what the shared sidebar decided."""
    import streamlit as st

    from ui import data, sidebar

    sidebar.render()
    st.write(f"ROLE={data.session_role().value}")


@pytest.fixture
def accounts(tmp_path: Path, monkeypatch) -> Path:
    """A users file with one coordinator and one admin; settings point at tmp_path."""
    import streamlit as st

    users = add_user({}, "kora", SECRET, Role.KOORDINATION, display_name="Kora K.", hasher=FAST)
    users = add_user(users, "adam", SECRET, Role.ADMIN, hasher=FAST)
    path = tmp_path / "users.json"
    save_users(path, users)
    monkeypatch.setenv("ATLAS_USERS_FILE", str(path))
    monkeypatch.setenv("ATLAS_AUDIT_LOG", str(tmp_path / "audit.jsonl"))
    monkeypatch.setenv("ATLAS_AUTH_MODE", "embedded")
    st.cache_resource.clear()
    st.cache_data.clear()
    yield path
    st.cache_resource.clear()
    st.cache_data.clear()


def new_app() -> AppTest:
    return AppTest.from_function(sidebar_app, default_timeout=30).run()


def role_of(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("ROLE="))[5:]


def sign_in(at: AppTest, name: str, password: str) -> AppTest:
    at.sidebar.text_input(key="atlas_signin_name").input(name)
    at.sidebar.text_input(key="atlas_signin_password").input(password)
    return at.sidebar.button[0].click().run()


def page_text(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "success", "error", "warning", "info")
             for e in getattr(at.sidebar, kind)]
    return re.sub(r"\\(.)", r"\1", "\n".join(str(p) for p in parts))  # as shown, unescaped


def audit(tmp: Path) -> list[dict]:
    log = tmp / "audit.jsonl"
    return [json.loads(x) for x in log.read_text().splitlines()] if log.exists() else []


def test_sign_in_and_out(accounts: Path) -> None:
    at = new_app()
    assert role_of(at) == "public" and "Öffentliche Ansicht" in page_text(at)
    at = sign_in(at, "Kora", SECRET)
    assert not at.exception
    assert role_of(at) == "koordination"
    assert "Interne Ansicht – Kora K." in page_text(at)
    assert SECRET not in page_text(at)
    at.sidebar.button(key="atlas_signout").click().run()
    assert role_of(at) == "public" and "Öffentliche Ansicht" in page_text(at)
    assert [(r["user"], r["result"]) for r in audit(accounts.parent)] == [
        ("kora", "signin_ok"), ("kora", "signout")]


def test_wrong_password_and_unknown_user_same_message(accounts: Path) -> None:
    at = sign_in(new_app(), "kora", "falsches-passwort")
    wrong = [e.value for e in at.sidebar.error]
    at = sign_in(new_app(), "niemand", SECRET)
    unknown = [e.value for e in at.sidebar.error]
    assert wrong == unknown and len(wrong) == 1
    assert role_of(at) == "public"
    assert "falsches-passwort" not in page_text(at)
    log = (accounts.parent / "audit.jsonl").read_text()
    assert SECRET not in log and "falsches-passwort" not in log


@pytest.mark.parametrize(("name", "password"), [("", SECRET), ("kora", ""),
                                                  ("kora<script>", SECRET), ("x" * 300, SECRET)])
def test_bad_input_is_refused_politely(accounts: Path, name: str, password: str) -> None:
    at = sign_in(new_app(), name, password)
    assert not at.exception
    assert role_of(at) == "public"
    assert len(at.sidebar.warning) == 1


def test_lockout_is_shared_across_sessions(accounts: Path) -> None:
    for i in range(5):
        at = sign_in(new_app(), "kora", f"falsch-{i}-xxxxx")  # every attempt a new session
    assert "Fehlversuche" in page_text(at)
    at = sign_in(new_app(), "kora", SECRET)
    assert role_of(at) == "public" and "Fehlversuche" in page_text(at)
    assert role_of(sign_in(new_app(), "adam", SECRET)) == "admin"
    results = [r["result"] for r in audit(accounts.parent)]
    assert results == ["signin_failed"] * 4 + ["locked", "locked", "signin_ok"]


def test_idle_session_expires(accounts: Path) -> None:
    at = sign_in(new_app(), "kora", SECRET)
    assert role_of(at) == "koordination"
    at.session_state["atlas_last_seen"] = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=31)
    at.run()
    assert role_of(at) == "public"
    assert "abgelaufen" in page_text(at)
    assert audit(accounts.parent)[-1]["result"] == "expired"


def test_removed_account_is_signed_out(accounts: Path) -> None:
    at = sign_in(new_app(), "kora", SECRET)
    save_users(accounts, {})
    at.run()
    assert role_of(at) == "public"


BROKEN_ACCOUNT = '{"users": {"geheim-konto": {"role": "chef", "hash": "$argon2id$x"}}}'


@pytest.mark.parametrize("content", [None, "{kaputt", '{"version": 1, "users": {}}',
                                     BROKEN_ACCOUNT])
def test_missing_or_corrupt_users_file_runs_public(accounts: Path, content, caplog) -> None:
    if content is None:
        accounts.unlink()
    else:
        accounts.write_text(content)
    at = new_app()
    assert not at.exception
    assert role_of(at) == "public"
    message = at.sidebar.warning[0].value
    assert message == texts.AUTH["unavailable"]  # no file name or operations detail publicly
    assert "Anmeldung derzeit nicht verfügbar" in message
    for detail in ("users.json", "geheim-konto", "chef", str(accounts.parent)):
        assert detail not in page_text(at)
    assert "Anmeldung abgeschaltet" in caplog.text  # the detail is in the server log
    assert "users.json" in caplog.text
    if content == BROKEN_ACCOUNT:
        assert "geheim-konto" in caplog.text
    assert not at.sidebar.text_input


def test_unknown_names_are_logged_as_a_keyed_hash(accounts: Path) -> None:
    """A password typed into the name field never reaches the audit log."""
    for name in ("Mein-Passwort-42", "mein-passwort-42", "anderer-text"):
        sign_in(new_app(), name, "irgendwas-langes")
    sign_in(new_app(), "kora", "falsches-passwort")
    lines = audit(accounts.parent)
    log = (accounts.parent / "audit.jsonl").read_text()
    assert "passwort-42" not in log.lower() and "anderer-text" not in log
    assert [r["user"] for r in lines] == ["unbekannt"] * 3 + ["kora"]
    hashes = [r.get("name_hash") for r in lines]
    assert hashes[0] == hashes[1] != hashes[2] and hashes[3] is None
    assert (accounts.parent / "audit.key").stat().st_mode & 0o777 == 0o600


def test_auth_mode_off_and_unknown(accounts: Path, monkeypatch, caplog) -> None:
    import streamlit as st

    monkeypatch.setenv("ATLAS_AUTH_MODE", "off")
    st.cache_resource.clear()
    at = new_app()
    assert not at.sidebar.text_input and role_of(at) == "public"
    monkeypatch.setenv("ATLAS_AUTH_MODE", "ldap")
    st.cache_resource.clear()
    at = new_app()
    assert at.sidebar.warning[0].value == texts.AUTH["unavailable"] and role_of(at) == "public"
    assert "ldap" in caplog.text and "ATLAS_AUTH_MODE" not in page_text(at)


def test_oidc_without_configuration_runs_public(accounts: Path, monkeypatch, caplog) -> None:
    import streamlit as st

    monkeypatch.setenv("ATLAS_AUTH_MODE", "oidc")
    st.cache_resource.clear()
    at = new_app()
    assert not at.exception
    assert role_of(at) == "public"
    assert at.sidebar.warning[0].value == texts.AUTH["unavailable"]
    assert "Single Sign-on" in caplog.text


SSO_SECRETS = {
    "auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
             "client_id": "atlas", "client_secret": "geheim",
             "server_metadata_url": "https://sso.invalid/.well-known/openid-configuration"},
    "atlas_roles": {"claim": "groups", "koordination": ["atlas-koordination"],
                    "admin": "atlas-admin"},
}


@pytest.fixture
def sso(accounts: Path, monkeypatch):
    """OIDC mode with st.user seeded by AppTest (never a live provider)."""
    import streamlit as st
    import streamlit.auth_util

    monkeypatch.setenv("ATLAS_AUTH_MODE", "oidc")
    monkeypatch.setattr(streamlit.auth_util, "is_authlib_installed", lambda: True)
    st.cache_resource.clear()
    at = AppTest.from_function(sidebar_app, default_timeout=30)
    at.secrets = SSO_SECRETS
    return at


def test_sso_claims_map_to_roles(sso: AppTest, accounts: Path) -> None:
    sso.user = {"is_logged_in": False}
    sso.run()
    assert role_of(sso) == "public"
    assert sso.sidebar.button(key="atlas_sso_signin")
    sso.user = {"is_logged_in": True, "name": "Kora SSO", "email": "kora@example.org",
                "groups": ["atlas-koordination", "staff"]}
    sso.run()
    assert role_of(sso) == "koordination"
    assert "Interne Ansicht – Kora SSO" in page_text(sso)
    assert audit(accounts.parent)[-1] == {**audit(accounts.parent)[-1], "user": "kora@example.org",
                                          "result": "signin_ok"}
    sso.sidebar.button(key="atlas_signout").click().run()
    assert role_of(sso) == "public"
    assert audit(accounts.parent)[-1]["result"] == "signout"


def test_sso_without_a_mapped_group_stays_public(sso: AppTest) -> None:
    sso.user = {"is_logged_in": True, "email": "gast@example.org", "groups": ["staff"]}
    sso.run()
    assert role_of(sso) == "public"
    assert "keine Rolle" in sso.sidebar.info[0].value


def test_sso_without_secrets_runs_public(accounts: Path, monkeypatch, caplog) -> None:
    import streamlit as st
    import streamlit.auth_util

    monkeypatch.setenv("ATLAS_AUTH_MODE", "oidc")
    monkeypatch.setattr(streamlit.auth_util, "is_authlib_installed", lambda: True)
    st.cache_resource.clear()
    at = new_app()
    assert not at.exception
    assert role_of(at) == "public"
    assert at.sidebar.warning[0].value == texts.AUTH["unavailable"]
    assert "[auth] fehlt" in caplog.text


def test_expiry_and_sign_out_drop_the_session_downloads(accounts: Path, monkeypatch) -> None:
    """Both ends of a sign-in remove its /media files (the browser test shows the effect)."""
    import ui.session

    dropped: list[int] = []
    monkeypatch.setattr(ui.session, "drop_downloads", lambda: dropped.append(1))
    at = sign_in(new_app(), "kora", SECRET)
    at.session_state["atlas_last_seen"] = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=31)
    at.run()
    assert role_of(at) == "public" and dropped == [1]
    at = sign_in(new_app(), "kora", SECRET)
    at.sidebar.button(key="atlas_signout").click().run()
    assert dropped == [1, 1]
