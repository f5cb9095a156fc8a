"""ui.data.boundaries(): the cached loader follows the manifest and shares one object."""

from __future__ import annotations

import os
import shutil

import streamlit as st

from ui import data


def test_boundaries_loader_follows_the_manifest(boundaries_cache, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    shutil.copytree(boundaries_cache, cache)
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(cache))
    st.cache_resource.clear()
    try:
        first = data.boundaries()
        assert first is not None
        assert len(first.stadtteile["features"]) == 64
        assert data.boundaries() is first  # no reload while the manifest is unchanged

        manifest = cache / "manifest.json"
        stat = manifest.stat()
        os.utime(manifest, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        assert data.boundaries() is not first  # a new fetch is picked up

        monkeypatch.setenv("ATLAS_CACHE_DIR", str(tmp_path / "leer"))
        st.cache_resource.clear()
        shipped = data.boundaries()  # no cache: the shipped snapshot
        assert shipped is not None and shipped.origin.endswith("mitgeliefert")
        monkeypatch.setenv("ATLAS_SNAPSHOT_DIR", "")
        st.cache_resource.clear()
        assert data.boundaries() is None
    finally:
        st.cache_resource.clear()
