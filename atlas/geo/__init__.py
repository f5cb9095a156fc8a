"""Boundaries, address points and geocoding: download, cache, snapshot, GIS."""
