"""AppTest: no public session on any page of app.py receives an internal record.

For every page registered in app.py, everything the server sends is searched
(each element's protobuf, which holds markdown, captions, dataframes' Arrow
data and the st_folium component's arguments, plus dataframe values and
every download's bytes) for the name, address and coordinates of every
restricted record in the shipped data. Signing in as koordination shows
them; signing out hides them again.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from argon2 import PasswordHasher
from leakcheck import Needles, find_leaks, names_present, registered_pages
from leakcheck import shipped_needles as load_shipped_needles
from streamlit import config as st_config
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from atlas.access.roles import Role
from atlas.access.users import add_user, save_users

ROOT = Path(__file__).resolve().parent.parent
SECRET = "leak-test-geheim-1"
PAGES = registered_pages()


@pytest.fixture(scope="module")
def shipped_needles(boundaries_cache: Path) -> Needles:
    """Needles from the shipped data (``ui.data.load_result()``, engineer B's loader)."""
    missing = [p.script for p in PAGES if not (ROOT / p.script).exists()]
    if missing:
        pytest.fail(f"app.py registriert Seiten ohne Datei: {missing}")
    found = load_shipped_needles(boundaries_cache)
    if found is None:
        pytest.skip("ui.data.load_result() ist noch nicht gebaut (Ressourcen-Lader fehlt)")
    assert found.texts, "die ausgelieferten Daten haben keine internen Einträge zum Prüfen"
    return found


@pytest.fixture
def app_env(tmp_path: Path, monkeypatch, boundaries_cache: Path, shipped_needles: Needles):
    """Settings for an app run: users file with a coordinator, boundaries, captured downloads."""
    from ui import data

    users = add_user({}, "kora", SECRET, Role.KOORDINATION, display_name="Kora",
                     hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    save_users(tmp_path / "users.json", users)
    monkeypatch.setenv("ATLAS_USERS_FILE", str(tmp_path / "users.json"))
    monkeypatch.setenv("ATLAS_AUDIT_LOG", str(tmp_path / "audit.jsonl"))
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(boundaries_cache))
    monkeypatch.setenv("ATLAS_AUTH_MODE", "embedded")
    data.config.clear()  # settings are read once per process; other caches stay warm
    data.lockout_store.clear()
    downloads: list[bytes] = []
    original = MemoryMediaFileStorage.load_and_get_id

    def capture(self, path_or_data, *args, **kwargs):
        if isinstance(path_or_data, (bytes, str)):
            data = path_or_data if isinstance(path_or_data, bytes) else path_or_data.encode()
            downloads.append(data)
        return original(self, path_or_data, *args, **kwargs)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", capture)
    shown = st_config.get_option("client.showErrorDetails")
    st_config.set_option("client.showErrorDetails", "full")  # tracebacks in failures
    yield downloads
    st_config.set_option("client.showErrorDetails", shown)
    data.config.clear()


def rendered_text(at: AppTest, downloads: list[bytes]) -> str:
    """Everything the server produced for this run, as one text."""
    from leakcheck import document_text

    parts: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "SerializeToString"):
            parts.append(proto.SerializeToString().decode("utf-8", "replace"))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    parts += [frame.value.to_csv() for frame in [*at.dataframe, *at.table]]
    parts += [document_text(data) for data in downloads]
    downloads.clear()
    return "\n".join(parts)


def visit(at: AppTest, script: str) -> AppTest:
    """Open one page in the same session (app.py runs, then the page)."""
    at.switch_page(script).run()
    assert not at.exception, f"{script}: {[(e.value, e.stack_trace) for e in at.exception]}"
    return at


def view_of(at: AppTest) -> str:
    return at.sidebar.markdown[0].value


def sign_in(at: AppTest) -> AppTest:
    """Sign in as koordination through the sidebar form."""
    at.sidebar.text_input(key="atlas_signin_name").input("kora")
    at.sidebar.text_input(key="atlas_signin_password").input(SECRET)
    at.sidebar.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Interne Ansicht – Kora" in view_of(at)
    return at


def new_app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def leaks_on_every_page(at: AppTest, downloads: list[bytes], found: Needles,
                        label: str) -> dict[str, list[str]]:
    leaks: dict[str, list[str]] = {}
    for page in PAGES:
        visit(at, page.script)
        assert "Öffentliche Ansicht" in view_of(at), page.script
        if hits := find_leaks(rendered_text(at, downloads), found):
            leaks[f"{label} {page.script}"] = hits
    return leaks


def test_public_session_sees_no_internal_record_on_any_page(app_env, shipped_needles) -> None:
    leaks = leaks_on_every_page(new_app(), app_env, shipped_needles, "öffentlich")
    assert not leaks, leaks


def test_signed_in_sees_them_and_signing_out_hides_them(app_env, shipped_needles) -> None:
    at = sign_in(new_app())
    shown: set[str] = set()
    for page in PAGES:
        visit(at, page.script)
        assert "Interne Ansicht – Kora" in view_of(at), page.script
        text = rendered_text(at, app_env)
        assert SECRET not in text
        shown |= names_present(text, shipped_needles)
    assert shown, "angemeldet zeigt keine Seite einen internen Eintrag"
    print(f"angemeldet sichtbar: {len(shown)} von "
          f"{len(set(shipped_needles.texts.values()))} internen Einträgen")

    at.sidebar.button(key="atlas_signout").click().run()
    leaks = leaks_on_every_page(at, app_env, shipped_needles, "abgemeldet")
    assert not leaks, leaks
