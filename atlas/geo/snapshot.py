"""The embedded geodata the app starts with: a boundary snapshot and an address-point extract.

Both live in ``ATLAS_SNAPSHOT_DIR`` (default ``resources/geodata/``) and are
built by the project's own pipeline, never copied:

- ``boundaries/``: the four collections and ``manifest.json`` exactly as
  :func:`atlas.geo.geodata.write_boundaries` writes a cache, derived from the
  official Stadtteile (L137) by :func:`atlas.geo.geodata.build_boundaries`;
- ``address_points.csv`` + ``address_points.json``: the extract of the city's
  address register L134 that places the shipped places exactly, in the
  gazetteer's own columns, with licence, attribution and origin.

The app reads the cache first and falls back to this snapshot; it never
writes here (``make update-geodata`` refreshes the cache only). The snapshot
is built by ``python -m atlas.geo.geodata snapshot [ADDRESS_CSV]``
(:func:`atlas.geo.geodata.build_snapshot`).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from pathlib import Path
from typing import Any

from atlas import texts
from atlas.errors import GeocodeError
from atlas.geo.addresses import AddressIndex, AddressPoint, normalise_housenumber

BOUNDARIES_DIR = "boundaries"
POINTS_FILE = "address_points.csv"
POINTS_MANIFEST = "address_points.json"
POINT_COLUMNS = ("adr_nr", "street", "housenumber", "postcode", "city", "lat", "lon")
ORIGIN_SHIPPED = "shipped"
ORIGIN_CACHE = "cache"


def boundaries_dir(snapshot_dir: Path) -> Path:
    return Path(snapshot_dir) / BOUNDARIES_DIR


def snapshot_dir(config: Any) -> Path | None:
    """``ATLAS_SNAPSHOT_DIR`` as a path, or None when it is set empty (no snapshot)."""
    if not str(config.snapshot_dir or "").strip():
        return None
    return config.path("SNAPSHOT_DIR")


# --- address points ---------------------------------------------------------------
def _point_from_row(row: dict[str, str], source: str) -> AddressPoint:
    return AddressPoint(
        street=row["street"].strip(), housenumber=normalise_housenumber(row["housenumber"]),
        postcode=row.get("postcode") or None, city=row.get("city") or None,
        lat=round(float(row["lat"]), 7), lon=round(float(row["lon"]), 7), source=source)


def read_shipped_points(snapshot_dir: Path) -> list[AddressPoint] | None:
    """The shipped extract, or None when there is none; GeocodeError if it is broken."""
    path = Path(snapshot_dir) / POINTS_FILE
    if not path.is_file():
        return None
    meta = read_points_manifest(snapshot_dir) or {}
    source = str(meta.get("attribution") or meta.get("source") or POINTS_FILE)
    try:
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
        return [_point_from_row(row, source) for row in rows]
    except (OSError, ValueError, KeyError) as e:
        raise GeocodeError(texts.NEARBY["address_cache_bad"].format(path=path, reason=e)) from e


def read_points_manifest(snapshot_dir: Path) -> dict[str, Any] | None:
    """Licence, attribution and origin of the shipped extract (None when absent)."""
    from atlas.geo.addresses import read_manifest

    return read_manifest(snapshot_dir, POINTS_MANIFEST)


def load_gazetteer(cache_dir: Path, snapshot_dir: Path | None) -> tuple[AddressIndex | None, str]:
    """(index, origin): the full register from the cache if fetched, else the shipped extract.

    ``origin`` is ``cache``, ``shipped`` or "" when neither exists.
    """
    from atlas.geo.addresses import load_address_index

    index = load_address_index(cache_dir)
    if index is not None:
        return index, ORIGIN_CACHE
    points = read_shipped_points(snapshot_dir) if snapshot_dir else None
    if points is None:
        return None, ""
    return AddressIndex(points, complete=False), ORIGIN_SHIPPED


def extract_points(research_csv: Path) -> tuple[str, dict[str, Any]]:
    """(CSV text, manifest) of the shipped extract from the research copy of L134.

    Columns are renamed to the gazetteer's own; the manifest keeps licence,
    attribution and origin from the research file's description.
    """
    rows = list(csv.DictReader(io.StringIO(Path(research_csv).read_text(encoding="utf-8"))))
    if not rows:
        raise GeocodeError(texts.NEARBY["address_none_usable"].format(layer="L134"))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(POINT_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for row in sorted(rows, key=lambda r: (r["strasse"], r["hausnummer"])):
        writer.writerow({"adr_nr": row["adr_nr"], "street": row["strasse"],
                         "housenumber": normalise_housenumber(row["hausnummer"]),
                         "postcode": row["plz"], "city": row["ort"],
                         "lat": f"{float(row['lat']):.7f}", "lon": f"{float(row['lon']):.7f}"})
    text = out.getvalue()
    manifest = {
        "what": "Auszug aus dem Adressverzeichnis L134 (Adressen) für die mitgelieferten Orte",
        "layer": "L134",
        "licence": "dl-de/by-2-0",
        "licence_url": "https://www.govdata.de/dl-de/by-2-0",
        "attribution": "Landeshauptstadt Dresden / Quelle: Geodaten Sachsen (L134, dl-de/by-2-0)",
        "origin": ("Öffentliche Kopie des Registers (WFS L134, abgerufen 2026-10-09); "
                   "jeder Punkt zweifach abgeglichen"),
        "observed_at": "2026-10-09",
        "built_at": dt.date.today().isoformat(),
        "count": len(rows),
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
    }
    return text, manifest
