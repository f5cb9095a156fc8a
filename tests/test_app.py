"""The app starts and the start page renders, with boundaries and without."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def _run(monkeypatch, cache_dir) -> AppTest:
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(cache_dir))
    monkeypatch.delenv("ATLAS_GEODATA_URL", raising=False)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    return at


def test_start_page_renders_with_boundaries(monkeypatch, boundaries_cache):
    at = _run(monkeypatch, boundaries_cache)
    assert not at.exception
    assert any("Öffentliche Ansicht" in m.value for m in at.sidebar.markdown)
    texts = " ".join(w.value for w in at.warning)
    assert "keine Stadtteilgrenzen" not in texts


def test_start_page_renders_without_boundaries(monkeypatch, tmp_path):
    monkeypatch.setenv("ATLAS_SNAPSHOT_DIR", "")  # neither a cache nor the shipped snapshot
    at = _run(monkeypatch, tmp_path / "empty-cache")
    assert not at.exception
    banners = " ".join(str(w.value) for w in list(at.warning) + list(at.info) + list(at.error))
    assert "Stadtteilgrenzen" in banners


@pytest.mark.parametrize("broken", ["stadtteile_display.geojson", "manifest.json"])
def test_start_page_survives_a_corrupt_cache(monkeypatch, tmp_path, boundaries_cache, broken):
    import shutil

    cache = tmp_path / "cache"
    shutil.copytree(boundaries_cache, cache)
    (cache / broken).write_text("{ abgeschnitten", encoding="utf-8")
    at = _run(monkeypatch, cache)
    assert not at.exception
