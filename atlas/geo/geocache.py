"""The boundary cache folder: atomic writes of the GeoJSON files and their manifest.

Every file is first written to a temporary file in the same folder and then
moved over the old one with ``os.replace``; the manifest goes last. A fetch
that fails before writing leaves the previous cache byte-identical.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from atlas import texts
from atlas.errors import GeodataError
from atlas.files import write_atomic

FILES = {
    "stadtteile": "stadtteile.geojson",
    "districts": "districts.geojson",
    "stadtteile_display": "stadtteile_display.geojson",
    "districts_display": "districts_display.geojson",
}
MANIFEST = "manifest.json"


def encode_json(data: Any, *, compact: bool = True) -> bytes:
    """UTF-8 JSON; compact (no spaces) for GeoJSON, indented for the manifest."""
    if compact:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_cache(
    cache_dir: Path, collections: dict[str, dict[str, Any]], manifest: dict[str, Any],
) -> dict[str, Any]:
    """Write the four collections and the manifest (with per-file facts); returns it."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        payloads = {FILES[k]: encode_json(collections[k]) for k in FILES}
        files = {
            name: {
                "features": len(collections[key]["features"]),
                "bytes": len(payloads[name]),
                "sha256": hashlib.sha256(payloads[name]).hexdigest(),
            }
            for key, name in FILES.items()
        }
        manifest = {**manifest, "files": files}
        for name, payload in payloads.items():
            write_atomic(cache_dir / name, payload)
        write_atomic(cache_dir / MANIFEST, encode_json(manifest, compact=False))
    except OSError as e:
        raise GeodataError(texts.GEODATA["cache_write"].format(path=cache_dir, detail=e)) from e
    return manifest


def read_manifest(cache_dir: Path) -> dict[str, Any] | None:
    """The manifest, or None when the folder holds no cache yet."""
    path = cache_dir / MANIFEST
    if not path.is_file():
        return None
    return _read_json(path)


def read_cache(cache_dir: Path) -> tuple[dict[str, dict[str, Any]], dict[str, Any]] | None:
    """(collections by key, manifest), or None without a manifest; GeodataError if broken."""
    manifest = read_manifest(cache_dir)
    if manifest is None:
        return None
    collections = {}
    for key, name in FILES.items():
        data = _read_json(cache_dir / name)
        if not isinstance(data, dict) or not isinstance(data.get("features"), list):
            raise GeodataError(texts.GEODATA["cache_corrupt"].format(
                path=cache_dir / name, detail="keine FeatureCollection"))
        collections[key] = data
    return collections, manifest


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError) as e:
        raise GeodataError(texts.GEODATA["cache_corrupt"].format(path=path, detail=e)) from e
