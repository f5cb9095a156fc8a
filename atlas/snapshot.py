"""The embedded geodata the app starts with: a boundary snapshot and an address-point extract.

Both live in ``ATLAS_SNAPSHOT_DIR`` (default ``resources/geodata/``) and are
built by the project's own pipeline, never copied:

- ``boundaries/``: the four collections and ``manifest.json`` exactly as
  :func:`atlas.geodata.write_boundaries` writes a cache, derived from the
  official Stadtteile (L137) by :func:`atlas.geodata.build_boundaries`;
- ``address_points.csv`` + ``address_points.json``: the extract of the city's
  address register L134 that places the shipped places exactly, in the
  gazetteer's own columns, with licence, attribution and origin.

The app reads the cache first and falls back to this snapshot; it never
writes here (``make update-geodata`` refreshes the cache only).

CLI: ``python -m atlas.snapshot build [ADDRESS_CSV]`` (boundaries from
``ATLAS_GEODATA_URL`` or the configured sources).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from atlas import texts
from atlas.addresses import AddressIndex, AddressPoint, normalise_housenumber
from atlas.errors import AtlasError, GeocodeError
from atlas.files import write_atomic

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
    from atlas.addresses import read_manifest

    return read_manifest(snapshot_dir, POINTS_MANIFEST)


def load_gazetteer(cache_dir: Path, snapshot_dir: Path | None) -> tuple[AddressIndex | None, str]:
    """(index, origin): the full register from the cache if fetched, else the shipped extract.

    ``origin`` is ``cache``, ``shipped`` or "" when neither exists.
    """
    from atlas.addresses import load_address_index

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


# --- building -----------------------------------------------------------------------
def build_snapshot(config: Any, city: Any, snapshot_dir: Path,
                   research_csv: Path | None) -> list[str]:
    """Write the boundary snapshot (and the address extract, when given); German report lines."""
    from atlas.geodata import Boundaries, fetch_boundaries, write_boundaries

    fetched = fetch_boundaries(config, city)
    # Only the display copies are shipped (small, and every shipped address point lies in
    # the same Stadtteil as at full resolution; a test checks that). The full-resolution
    # files come with ``make update-geodata`` into the cache.
    boundaries = Boundaries(fetched.stadtteile_display, fetched.districts_display,
                            fetched.stadtteile_display, fetched.districts_display,
                            fetched.manifest)
    boundaries.manifest["resolution"] = "Anzeigekopie (in beiden Dateipaaren)"
    boundaries.manifest["origin"] = ORIGIN_SHIPPED
    boundaries.manifest["source_label"] = _public_label(boundaries.manifest)
    boundaries.manifest["source_url"] = ""  # never the builder's local path
    written = write_boundaries(boundaries, boundaries_dir(snapshot_dir))
    counts = written.manifest["counts"]
    lines = [texts.GEODATA["snapshot_written"].format(
        stadtteile=counts["stadtteile"], districts=counts["stadtbezirke"] + counts["ortschaften"],
        path=boundaries_dir(snapshot_dir))]
    if research_csv is not None:
        text, manifest = extract_points(research_csv)
        write_atomic(Path(snapshot_dir) / POINTS_FILE, text.encode("utf-8"))
        write_atomic(Path(snapshot_dir) / POINTS_MANIFEST,
                     (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode())
        lines.append(texts.GEODATA["snapshot_points"].format(count=manifest["count"]))
    return lines


def _public_label(manifest: dict[str, Any]) -> str:
    """The source without a local path: a snapshot must not name the builder's folders."""
    if manifest.get("schema") == "ogcapi":
        return "Landeshauptstadt Dresden, Stadtteile (L137)"
    return str(manifest.get("attribution") or texts.KEINE_ANGABE)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m atlas.snapshot build [ADDRESS_CSV]``."""
    from atlas.city import load_city
    from atlas.settings import load_config

    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] != "build" or len(args) > 2:
        print("Aufruf: python -m atlas.snapshot build [ADRESSPUNKTE.csv]", file=sys.stderr)
        return 2
    try:
        config = load_config()
        city = load_city(config.path("CITY_FILE"))
        research = Path(args[1]) if len(args) == 2 else None
        target = snapshot_dir(config) or config.path("SNAPSHOT_DIR")
        for line in build_snapshot(config, city, target, research):
            print(line)
    except (AtlasError, OSError) as e:
        print(str(e), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
