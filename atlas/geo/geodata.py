"""Official district boundaries: fetch from the configured sources, normalise, cache.

Sources are tried in the order of ``ATLAS_GEODATA_SOURCES`` (``ogcapi`` = the
city's OGC API Features layers L137/L139, ``osm`` = the OpenStreetMap export);
``ATLAS_GEODATA_URL`` (a path or http(s) URL) replaces them all. The result is
cached in ``ATLAS_CACHE_DIR`` (see ``geodata/README.md``).

CLI: ``python -m atlas.geo.geodata ensure|fetch|info``.
"""

from __future__ import annotations

import json
import logging
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests
from shapely.geometry import shape

from atlas import texts
from atlas.city import City, load_city
from atlas.errors import AtlasError, GeodataError
from atlas.files import write_atomic
from atlas.geo.districts import ORTSCHAFT, STADTBEZIRK, dissolve_districts
from atlas.geo.geocache import read_cache, read_manifest, write_cache
from atlas.geo.geosource import SourceData, read_source
from atlas.geo.simplify import (
    DECIMALS,
    DISPLAY_TOLERANCE_M,
    round_collection,
    simplify_collection,
)
from atlas.geo.snapshot import (
    ORIGIN_CACHE,
    ORIGIN_SHIPPED,
    POINTS_FILE,
    POINTS_MANIFEST,
    boundaries_dir,
    extract_points,
    snapshot_dir,
)
from atlas.settings import Config, load_config


@dataclass
class Boundaries:
    """Stadtteile and districts (full and display copies, EPSG:4326) with their manifest.

    Treat the collections as read-only: the UI shares one instance per cache version.
    """

    stadtteile: dict[str, Any]
    districts: dict[str, Any]
    stadtteile_display: dict[str, Any]
    districts_display: dict[str, Any]
    manifest: dict[str, Any]
    _memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def district_names(self, art: str | None = None) -> list[str]:
        """Names of the districts in file order (Stadtbezirke, then Ortschaften)."""
        return [f["properties"]["name"] for f in self.districts["features"]
                if art is None or f["properties"]["art"] == art]

    def districts_of_art(self, art: str, *, display: bool = True) -> dict[str, Any]:
        """A FeatureCollection of only the Stadtbezirke or only the Ortschaften."""
        source = self.districts_display if display else self.districts
        return {"type": "FeatureCollection",
                "features": [f for f in source["features"] if f["properties"]["art"] == art]}

    def stadtteil_centroids(self) -> dict[str, tuple[float, float]]:
        """Stadtteil number -> (lat, lon) of its centre (a point inside the area)."""
        if "st" not in self._memo:
            self._memo["st"] = _centres(self.stadtteile, "nr")
        return self._memo["st"]

    def district_centroids(self) -> dict[str, tuple[float, float]]:
        """District name -> (lat, lon) of its centre (a point inside the area)."""
        if "d" not in self._memo:
            self._memo["d"] = _centres(self.districts, "name")
        return self._memo["d"]

    @property
    def origin(self) -> str:
        """ "Grenzen: Stand …, mitgeliefert" / "Grenzen: abgerufen am …" (date and origin)."""
        return origin_label(self.manifest)

    @property
    def attribution(self) -> str:
        """Attribution text of the boundary source for the map's attribution line."""
        return str(self.manifest.get("attribution") or texts.KEINE_ANGABE)


def _centres(collection: dict[str, Any], key: str) -> dict[str, tuple[float, float]]:
    """Centroid, or a point on the surface where the centroid falls outside (concave shapes)."""
    out = {}
    for feature in collection["features"]:
        geom = shape(feature["geometry"])
        point = geom.centroid
        if not geom.contains(point):
            point = geom.point_on_surface()
        out[feature["properties"][key]] = (round(point.y, 6), round(point.x, 6))
    return out


@dataclass(frozen=True)
class EnsureReport:
    """Outcome of :func:`ensure_boundaries`: status "cached" | "fetched" | "failed"."""

    status: str
    cache_dir: Path
    boundaries: Boundaries | None
    messages: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status != "failed"


def load_cached_boundaries(cache_dir: Path) -> Boundaries | None:
    """The cached boundaries, None when there is no cache; GeodataError if it is broken."""
    cached = read_cache(Path(cache_dir))
    if cached is None:
        return None
    collections, manifest = cached
    return Boundaries(manifest=manifest, **collections)


def load_boundaries(config: Config) -> Boundaries | None:
    """What the app starts with: the cache if one exists, else the shipped snapshot.

    Never touches the network. The manifest's ``origin`` says which one
    (``cache`` | ``shipped``); None when neither exists.
    """
    cached = load_cached_boundaries(config.path("CACHE_DIR"))
    if cached is not None:
        cached.manifest["origin"] = ORIGIN_CACHE
        return cached
    folder = snapshot_dir(config)
    shipped = load_cached_boundaries(boundaries_dir(folder)) if folder else None
    if shipped is not None:
        shipped.manifest["origin"] = ORIGIN_SHIPPED
    return shipped


def load_public_boundaries(config: Config) -> Boundaries | None:
    """:func:`load_boundaries` for pages: a broken cache is logged with its detail (path,
    reason) on the server, and pages get a short German message without any server path."""
    try:
        return load_boundaries(config)
    except GeodataError as e:
        logging.getLogger(__name__).error("Grenzen-Cache unbrauchbar: %s", e)
        public = GeodataError(texts.GEODATA["cache_broken_public"])
        public.public = True
        raise public from e


def boundaries_manifest_path(config: Config) -> Path | None:
    """The manifest :func:`load_boundaries` would read (its mtime is the UI's cache key)."""
    from atlas.geo.geocache import MANIFEST
    cached = config.path("CACHE_DIR") / MANIFEST
    if cached.is_file():
        return cached
    folder = snapshot_dir(config)
    shipped = boundaries_dir(folder) / MANIFEST if folder else None
    return shipped if shipped is not None and shipped.is_file() else None


def origin_label(manifest: dict[str, Any]) -> str:
    """ "Grenzen: Stand 01.12.2026, mitgeliefert" or "Grenzen: abgerufen am …" for the UI."""
    from atlas.numbers import format_date
    day = format_date(str(manifest.get("retrieved_at") or "")[:10])
    key = "origin_shipped" if manifest.get("origin") == ORIGIN_SHIPPED else "origin_cache"
    return texts.GEODATA[key].format(date=day)


def source_order(config: Config) -> list[str]:
    """Source keys to try: ["url"] if ATLAS_GEODATA_URL is set, else ATLAS_GEODATA_SOURCES."""
    if str(config.geodata_url or "").strip():
        return ["url"]
    raw = config.geodata_sources
    names = raw.split(",") if isinstance(raw, str) else list(raw)
    return [n.strip().lower() for n in names if n.strip()]


def fetch_boundaries(
    config: Config, city: City, *, session: requests.Session | None = None,
) -> Boundaries:
    """Boundaries from the first source that works; GeodataError lists every failure."""
    order = source_order(config)
    if not order:
        raise GeodataError(texts.GEODATA["no_source"])
    reasons = []
    for name in order:
        try:
            data = read_source(name, config, city, session=session)
            boundaries = build_boundaries(data, city)
        except GeodataError as e:
            reasons.append(f"– {e}")
            continue
        if reasons:
            boundaries.manifest["warnings"] = [r[2:] for r in reasons] + \
                boundaries.manifest["warnings"]
        return boundaries
    raise GeodataError(texts.GEODATA["all_failed"].format(reasons="\n".join(reasons)))


def build_boundaries(data: SourceData, city: City) -> Boundaries:
    """Derive districts and display copies from a source's validated Stadtteile."""
    stadtteile = data.stadtteile
    display = simplify_collection(stadtteile, projected_crs=city.projected_crs)
    if data.districts is not None:
        districts = data.districts
        districts_display = simplify_collection(
            districts, projected_crs=city.projected_crs, group_by="art")
        districts_label = data.districts_url
    else:
        districts = dissolve_districts(stadtteile, city)
        # Dissolving the simplified Stadtteile keeps both layers' borders identical.
        districts_display = round_collection(dissolve_districts(display, city))
        districts_label = texts.GEODATA["derived_label"]
    manifest = _manifest(data, city, districts, districts_label)
    return Boundaries(stadtteile, districts, display, districts_display, manifest)


def _manifest(
    data: SourceData, city: City, districts: dict[str, Any], districts_label: str | None,
) -> dict[str, Any]:
    arts = [f["properties"]["art"] for f in districts["features"]]
    numbers = [f["properties"]["nr"] for f in data.stadtteile["features"]]
    present = {f["properties"]["name"] for f in districts["features"]}
    return {
        "source": data.key,
        "source_label": data.label,
        "source_url": data.url,
        "districts_source": districts_label,
        "licence": data.licence,
        "licence_url": data.licence_url,
        "attribution": data.attribution,
        "schema": data.fields_key,
        "retrieved_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "counts": {
            "stadtteile": len(numbers),
            "stadtbezirke": arts.count(STADTBEZIRK),
            "ortschaften": arts.count(ORTSCHAFT),
        },
        "missing_districts": [d.name for d in city.districts(numbers) if d.name not in present],
        "display": {"crs": city.projected_crs, "method": "shapely.coverage_simplify",
                    "tolerance_m": DISPLAY_TOLERANCE_M, "decimals": DECIMALS},
        "warnings": list(data.warnings),
    }


def write_boundaries(boundaries: Boundaries, cache_dir: Path) -> Boundaries:
    """Write all files atomically; the manifest gains per-file counts, sizes and hashes."""
    boundaries.manifest = write_cache(Path(cache_dir), {
        "stadtteile": boundaries.stadtteile,
        "districts": boundaries.districts,
        "stadtteile_display": boundaries.stadtteile_display,
        "districts_display": boundaries.districts_display,
    }, boundaries.manifest)
    return boundaries


def ensure_boundaries(
    config: Config, city: City, *, force: bool = False,
    session: requests.Session | None = None,
) -> EnsureReport:
    """Make sure a cache exists: keep a readable one (no network), else fetch and write it."""
    cache_dir = config.path("CACHE_DIR")
    existing: Boundaries | None = None
    try:
        existing = load_cached_boundaries(cache_dir)
    except GeodataError as e:
        broken = str(e)
    else:
        broken = ""
    if existing is not None and not force:
        return EnsureReport("cached", cache_dir, existing,
                            (texts.GEODATA["ensure_cached"].format(path=cache_dir),))
    try:
        fresh = write_boundaries(fetch_boundaries(config, city, session=session), cache_dir)
    except GeodataError as e:
        messages = tuple(m for m in (broken, str(e), texts.GEODATA["ensure_failed"]) if m)
        return EnsureReport("failed", cache_dir, existing, messages)
    counts = fresh.manifest["counts"]
    done = texts.GEODATA["ensure_fetched"].format(
        source=fresh.manifest["source_label"], stadtteile=counts["stadtteile"],
        districts=counts["stadtbezirke"] + counts["ortschaften"], path=cache_dir)
    return EnsureReport("fetched", cache_dir, fresh, (done, *fresh.manifest["warnings"]))


def build_snapshot(config: Any, city: Any, folder: Path,
                   research_csv: Path | None) -> list[str]:
    """Write the boundary snapshot (and the address extract, when given); German report lines."""
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
    written = write_boundaries(boundaries, boundaries_dir(folder))
    counts = written.manifest["counts"]
    lines = [texts.GEODATA["snapshot_written"].format(
        stadtteile=counts["stadtteile"], districts=counts["stadtbezirke"] + counts["ortschaften"],
        path=boundaries_dir(folder))]
    if research_csv is not None:
        text, manifest = extract_points(research_csv)
        write_atomic(Path(folder) / POINTS_FILE, text.encode("utf-8"))
        write_atomic(Path(folder) / POINTS_MANIFEST,
                     (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode())
        lines.append(texts.GEODATA["snapshot_points"].format(count=manifest["count"]))
    return lines


def _public_label(manifest: dict[str, Any]) -> str:
    """The source without a local path: a snapshot must not name the builder's folders."""
    if manifest.get("schema") == "ogcapi":
        return "Landeshauptstadt Dresden, Stadtteile (L137)"
    return str(manifest.get("attribution") or texts.KEINE_ANGABE)


def main(argv: list[str] | None = None) -> int:
    """CLI: ``ensure`` (exit 0 even on failure, so the app starts), ``fetch``, ``info``,
    ``snapshot [ADDRESS_CSV]`` (rebuild the shipped snapshot)."""
    args = list(sys.argv[1:] if argv is None else argv)
    command = args[0] if args else "ensure"
    if command not in ("ensure", "fetch", "info", "snapshot") or (
            len(args) > (2 if command == "snapshot" else 1)):
        print("Aufruf: python -m atlas.geo.geodata ensure|fetch|info|snapshot [ADRESSPUNKTE.csv]",
              file=sys.stderr)
        return 2
    try:
        config = load_config()
        if command == "info":
            return _print_info(config)
        if command == "snapshot":
            research = Path(args[1]) if len(args) == 2 else None
            target = snapshot_dir(config) or config.path("SNAPSHOT_DIR")
            for line in build_snapshot(config, load_city(config.path("CITY_FILE")), target,
                                       research):
                print(line)
            return 0
        report = ensure_boundaries(config, load_city(config.path("CITY_FILE")),
                                   force=command == "fetch")
    except (AtlasError, OSError) as e:
        print(str(e), file=sys.stderr)
        return 0 if command == "ensure" else 1
    stream = sys.stdout if report.ok else sys.stderr
    for line in report.messages:
        print(line, file=stream)
    return 0 if report.ok or command == "ensure" else 1


def _print_info(config: Config) -> int:
    """The boundaries the app starts with (cache, else shipped snapshot); exit 1 without any."""
    path = boundaries_manifest_path(config)
    manifest = read_manifest(path.parent) if path else None
    if manifest is None:
        print(texts.GEODATA["info_missing"].format(path=config.path("CACHE_DIR")))
        return 1
    manifest["origin"] = ORIGIN_CACHE if path.parent == config.path("CACHE_DIR") \
        else ORIGIN_SHIPPED
    print(origin_label(manifest) + f" ({path.parent})", file=sys.stderr)
    print(json.dumps(manifest, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
