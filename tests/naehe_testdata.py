"""A tiny data set for the /naehe page tests: boundaries, two address points, five places."""

from __future__ import annotations

import shutil
from pathlib import Path

from atlas.geo.addresses import AddressPoint, save_address_points

COLUMNS = ("id,name,category,handlungsfelder,street,housenumber,postcode,lat,lon,"
           "location_precision,opening_hours,languages,visibility,source_url,source_date")
PLACES = [
    "o-near,Beratung am Eck,beratung,S,,,,51.0660,13.7510,exact,24/7,ar;de,public,"
    "https://example.org/a,2026-01",
    "o-mid,Bibliothek Test,regelangebot,F,,,,51.0720,13.7600,exact,,,public,"
    "https://example.org/b,2026-01",
    "o-far,Vorortbüro Süd,vorortbuero,M,,,,51.0400,13.7300,stadtteil,,,public,"
    "https://example.org/c,2026-01",
    "u-site,Heim Geheim,unterkunft,W,,,,51.0658,13.7506,exact,,,public,"
    "https://example.org/d,2026-01",
    "i-note,Interne Beratung,beratung,M,,,,51.0659,13.7507,exact,,,internal,"
    "https://example.org/e,2026-01",
]


def write_nearby_data(base: Path, boundaries_cache: Path) -> dict[str, str]:
    """Create cache and resources folders under ``base``; return the ATLAS_* settings."""
    cache = base / "cache"
    shutil.copytree(boundaries_cache, cache)
    save_address_points([
        AddressPoint("Königsbrücker Straße", "13", "01099", "Dresden", 51.0657, 13.7505, "Test"),
        AddressPoint("Prager Straße", "2", "01069", "Dresden", 51.0440, 13.7360, "Test"),
    ], cache)
    resources = base / "resources"
    resources.mkdir()
    (resources / "places.csv").write_text("\n".join([COLUMNS, *PLACES]) + "\n", encoding="utf-8")
    return {"ATLAS_CACHE_DIR": str(cache), "ATLAS_RESOURCES_DIR": str(resources),
            "ATLAS_TILES": "none", "ATLAS_AUTH_MODE": "off"}
