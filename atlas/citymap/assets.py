"""Self-hosted map assets: Leaflet and its plugins from the PyPI xstatic packages.

The app never asks a CDN for scripts or styles. ``python -m atlas.citymap.assets install``
copies the packaged files into ``static/vendor/``, which Streamlit serves at
``/app/static/vendor/`` (``server.enableStaticServing``). The folium maps are
told to load these URLs instead of their CDN defaults.
"""

from __future__ import annotations

import importlib
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from atlas.settings import ROOT

STATIC_DIR = ROOT / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
URL_PREFIX = "/app/static/vendor"


@dataclass(frozen=True)
class AssetPackage:
    """One xstatic package and the files of it the maps need."""

    module: str
    folder: str
    js: tuple[str, ...]
    css: tuple[str, ...]
    extra_dirs: tuple[str, ...] = ()


PACKAGES: tuple[AssetPackage, ...] = (
    AssetPackage("xstatic.pkg.leaflet", "leaflet", ("leaflet.js",), ("leaflet.css",), ("images",)),
    AssetPackage(
        "xstatic.pkg.leaflet_markercluster",
        "markercluster",
        ("leaflet.markercluster.js",),
        ("MarkerCluster.css", "MarkerCluster.Default.css"),
    ),
)


def _source_dir(package: AssetPackage) -> Path:
    module = importlib.import_module(package.module)
    return Path(module.BASE_DIR)


def install_assets(target: Path = VENDOR_DIR) -> list[Path]:
    """Copy every needed asset file into ``target``; return the files written."""
    written: list[Path] = []
    for package in PACKAGES:
        src = _source_dir(package)
        dest = target / package.folder
        dest.mkdir(parents=True, exist_ok=True)
        for name in package.js + package.css:
            shutil.copyfile(src / name, dest / name)
            written.append(dest / name)
        for extra in package.extra_dirs:
            shutil.copytree(src / extra, dest / extra, dirs_exist_ok=True)
            written.append(dest / extra)
    return written


def js_urls(*, cluster: bool = False) -> list[tuple[str, str]]:
    """(name, URL) pairs of the scripts a map needs, served by the app itself."""
    urls = [("leaflet", f"{URL_PREFIX}/leaflet/leaflet.js")]
    if cluster:
        urls.append(("markercluster", f"{URL_PREFIX}/markercluster/leaflet.markercluster.js"))
    return urls


def css_urls(*, cluster: bool = False) -> list[tuple[str, str]]:
    """(name, URL) pairs of the style sheets a map needs, served by the app itself."""
    urls = [("leaflet_css", f"{URL_PREFIX}/leaflet/leaflet.css")]
    if cluster:
        urls += [
            ("markercluster_css", f"{URL_PREFIX}/markercluster/MarkerCluster.css"),
            ("markercluster_default_css", f"{URL_PREFIX}/markercluster/MarkerCluster.Default.css"),
        ]
    return urls


def main(argv: list[str]) -> int:
    if argv[:1] != ["install"]:
        print("Aufruf: python -m atlas.citymap.assets install", file=sys.stderr)
        return 2
    files = install_assets()
    print(f"Kartenbibliotheken installiert: {len(files)} Dateien in {VENDOR_DIR}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
