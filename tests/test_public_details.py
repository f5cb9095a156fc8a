"""The public never sees server details (issue 18, defect 8): a broken boundary cache
gives a short German message on every page, the detail goes to the server log."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sessions import shown
from streamlit.testing.v1 import AppTest

from atlas import texts

PAGES = Path(__file__).resolve().parent.parent / "pages"


@pytest.fixture
def broken_cache(boundaries_cache: Path, tmp_path: Path, monkeypatch) -> Path:
    import streamlit as st

    cache = tmp_path / "geheimer-serverordner"
    shutil.copytree(boundaries_cache, cache)
    (cache / "stadtteile.geojson").write_text("{kaputt", encoding="utf-8")
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(cache))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield cache
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.mark.parametrize("page", ["karte.py", "bezirk.py", "naehe.py"])
def test_broken_boundary_cache_shows_no_server_path(broken_cache, page, caplog):
    at = AppTest.from_file(str(PAGES / page), default_timeout=90).run()
    assert not at.exception
    text = "\n".join(shown(e.value) for e in (*at.warning, *at.info, *at.caption,
                                                 *at.markdown, *at.error))
    assert texts.GEODATA["cache_broken_public"] in text
    assert str(broken_cache) not in text and "geheimer-serverordner" not in text
    assert "geheimer-serverordner" in caplog.text  # the detail is in the server log
