"""AppTest of the export buttons on /bezirk: generate on click only, roles, downloads."""

from __future__ import annotations

from pathlib import Path

import pytest
from sessions import as_coordinator
from streamlit.testing.v1 import AppTest

from atlas import texts

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "bezirk.py")
T = texts.EXPORT


@pytest.fixture(scope="module")
def app_env(boundaries_env: Path):
    return boundaries_env


def _profile_page(*, coordinator: bool = False) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=90)
    at.query_params["bezirk"] = "neustadt"
    if coordinator:
        as_coordinator(at)
    return at.run()


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def _downloads(at: AppTest) -> list[str]:
    return [e.proto.label for e in at.get("download_button")]


def _stored(at: AppTest) -> list:
    return [at.session_state[k] for k in at.session_state
            if str(k).startswith("atlas_export_files")]


def test_files_are_made_on_click_only(app_env):
    at = _profile_page()
    assert not at.exception
    assert _downloads(at) == []  # nothing generated on an ordinary run
    assert T["internal_toggle"] not in [c.label for c in at.checkbox]  # public: no choice
    _button(at, T["create"]).click().run()
    assert not at.exception
    assert _downloads(at) == [T["download_pptx"], T["download_pdf"]]
    (entry,) = _stored(at)
    assert entry["internal"] is False and entry["names"] == ("Neustadt",)
    assert entry["files"].pptx[:2] == b"PK" and entry["files"].pdf[:5] == b"%PDF-"
    assert entry["files"].stem == "integrationsatlas-neustadt"
    at.run()  # a later rerun keeps the files and does not generate again
    assert _downloads(at) == [T["download_pptx"], T["download_pdf"]]


def test_coordinator_may_choose_the_internal_version(app_env):
    at = _profile_page(coordinator=True)
    toggles = [c for c in at.checkbox if c.label == T["internal_toggle"]]
    assert toggles  # one for the district, one for the whole city
    toggles[0].check().run()
    _button(at, T["create"]).click().run()
    assert not at.exception
    (entry,) = _stored(at)
    assert entry["internal"] is True
    assert entry["files"].stem == "integrationsatlas-neustadt-intern"
    # after sign-out the internal files are no longer offered
    at.session_state["atlas_role"] = "public"
    at.session_state["atlas_user_name"] = None
    at.run()
    assert _downloads(at) == []
    assert _stored(at) == []  # the internal bytes left the session
