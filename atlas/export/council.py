"""Producing the council presentation files from loaded data, without Streamlit.

Glue between the loaders (boundaries, resources, figure tables), the district
profiles and the two writers: :func:`export_files` gives PPTX and PDF bytes for
a list of profiles, :func:`build_export_profiles` builds those profiles the
same way the profile page does (public: role-filtered records plus
accommodation counts only), and :func:`build_overview` draws the optional city
overview (choropleth of persons housed, allocations per year). The benchmark
and the tests load data with :func:`load_export_data`; the app uses its
cached loaders in ``ui/data.py`` instead.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import logging
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from atlas import texts
from atlas.access.audit import AuditResult, write_audit
from atlas.access.disclosure import DEFAULT_MIN_SITES
from atlas.city import City, District, slugify
from atlas.errors import AtlasError
from atlas.export.pdfdeck import write_pdf
from atlas.export.presentation import (
    Deck,
    MapInput,
    Overview,
    build_presentation,
)
from atlas.export.slides import write_pptx
from atlas.export.staticmap import render_bar_chart, render_choropleth
from atlas.model import Resource
from atlas.numbers import format_date, format_decimal, source_label
from atlas.profile.build import DistrictProfile, Source, build_profiles
from atlas.settings import Config, load_config

T = texts.EXPORT
logger = logging.getLogger(__name__)
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ExportData:
    """Everything a presentation is built from; ``records`` holds public and internal rows."""

    city: City
    records: tuple[Resource, ...]
    service_areas: tuple[Any, ...] = ()
    figures: Any = None  # atlas.figures.tables.Figures
    boundaries: Any = None  # atlas.geo.geodata.Boundaries
    version: str = ""
    address_points: tuple[Any, ...] | None = None  # atlas.geo.addresses.AddressPoint, if cached
    min_sites: int = DEFAULT_MIN_SITES  # public decks' small-number rule (atlas.access.disclosure)


@dataclass(frozen=True)
class ExportFiles:
    """The generated files with a file name stem and the time it took."""

    pptx: bytes
    pdf: bytes
    stem: str
    seconds: float
    slides: int


def load_export_data(config: Config) -> ExportData:
    """Load boundaries, resources and figure tables from the configured folders.

    Like the app's loaders but uncached and without online geocoding.
    """
    from atlas.city import load_city
    from atlas.figures.tables import load_figures
    from atlas.geo.addresses import read_address_points
    from atlas.resources import load_resources, startup_geodata

    city = load_city(config.path("CITY_FILE"))
    bounds, addresses = startup_geodata(config)
    # Versorgung weights by residential addresses: only the full register, never the
    # shipped extract (which holds just the offers' own addresses).
    points = read_address_points(config.path("CACHE_DIR"))
    result = load_resources(config.path("RESOURCES_DIR"), city, bounds, addresses)
    figures = load_figures(config.path("RESOURCES_DIR"), city)
    return ExportData(city, tuple(result.records), tuple(result.service_areas), figures, bounds,
                      data_version(result.version, bounds),
                      None if points is None else tuple(points),
                      min_sites=int(config.min_public_sites))


def data_version(records_version: str, boundaries: Any) -> str:
    """Cache key of the drawn maps: records version plus boundary retrieval time."""
    manifest = getattr(boundaries, "manifest", None) or {}
    return f"{records_version}|{manifest.get('retrieved_at', '')}"


def export_districts(data: ExportData) -> list[District]:
    """Every Stadtbezirk and Ortschaft with the Stadtteil numbers of the boundaries."""
    bounds = data.boundaries
    numbers = [f["properties"]["nr"] for f in bounds.stadtteile["features"]] if bounds else []
    return data.city.districts(numbers)


def build_export_profiles(data: ExportData, names: Sequence[str] | None = None, *,
                          internal: bool, today: dt.date | None = None
                          ) -> list[DistrictProfile]:
    """Profiles of the named districts (all if None), as the profile page builds them."""
    districts = export_districts(data)
    chosen = [d for d in districts if names is None or d.name in names]
    return build_profiles(chosen, districts=districts, records=data.records,
                          service_areas=data.service_areas, figures=data.figures,
                          boundaries=data.boundaries, city=data.city, include_internal=internal,
                          today=today, min_sites=data.min_sites,
                          versorgung=versorgung_model(data, internal=internal, today=today))


def versorgung_model(data: ExportData, *, internal: bool, today: dt.date | None = None) -> Any:
    """The city-wide Versorgung model the profiles take their section from (None without
    boundaries). Public unless ``internal``: internal offers never enter a public model."""
    if data.boundaries is None:
        return None
    from atlas.versorgung.grid import build_grid
    from atlas.versorgung.model import build_model

    grid = build_grid(data.boundaries.stadtteile, crs=data.city.projected_crs,
                      address_points=data.address_points)
    figures = data.figures
    rows = [*getattr(figures, "population", ()), *getattr(figures, "stadtteil_population", ())]
    return build_model(grid, data.records, city=data.city, districts=export_districts(data),
                       population_rows=rows, day=today or dt.date.today(),
                       include_internal=internal)


def map_input(boundaries: Any, version: str) -> MapInput | None:
    """Boundary features by district name and Stadtteil number, or None without boundaries."""
    if boundaries is None:
        return None
    districts = {f["properties"]["name"]: f for f in boundaries.districts_display["features"]}
    stadtteile = {str(f["properties"]["nr"]).zfill(2): f
                  for f in boundaries.stadtteile_display["features"]}
    return MapInput(districts, stadtteile, version, str(boundaries.attribution))


def build_overview(figures: Any, boundaries: Any, city: City) -> Overview | None:
    """City overview pictures from the figure tables; None if there is nothing to draw."""
    if figures is None:
        return None
    images: list[bytes] = []
    captions: list[str] = []
    sources: list[str] = []
    housed = [r for r in getattr(figures, "district_figures", ())
              if r.metric == "persons_housed" and r.district in city.stadtbezirke.values()]
    if housed and boundaries is not None:
        from atlas.figures.queries import date_key

        # the date with the most Stadtbezirke, the newest of those on a tie
        counts = Counter(r.date for r in housed)
        chosen = max(counts, key=lambda d: (counts[d], date_key(d)))
        rows = [r for r in housed if r.date == chosen]
        values = {r.district: float(r.value) for r in rows}
        title = T["overview_housed"].format(date=format_date(chosen, missing=""))
        images.append(render_choropleth(boundaries.districts_display["features"], values,
                                        title=title, attribution=str(boundaries.attribution)))
        captions.append(title)
        sources += [_row_source(r) for r in rows]
    allocations = list(getattr(figures, "allocations", ()))
    if allocations:
        bars = _allocation_bars(allocations)
        images.append(render_bar_chart(bars, title=T["overview_allocations"]))
        captions.append(T["overview_allocations_caption"])
        sources += [_row_source(r) for r in allocations]
    if not images:
        return None
    return Overview(tuple(images), tuple(captions), tuple(dict.fromkeys(sources)))


def _allocation_bars(rows: Sequence[Any]) -> list[tuple[str, float, bool]]:
    """One bar per year: the actual figure where known, else the first forecast (hollow)."""
    by_year: dict[int, tuple[float, bool]] = {}
    for r in sorted(rows, key=lambda r: (r.year, r.kind != "actual")):
        by_year.setdefault(r.year, (float(r.value), r.kind != "actual"))
    return [(str(year), value, forecast) for year, (value, forecast) in sorted(by_year.items())]


def _row_source(row: Any) -> Source:
    return Source(source_label(row.source_title, row.source_url), row.source_url or None,
                  row.source_date or None)


def export_files(
    profiles: Sequence[DistrictProfile],
    *,
    internal: bool,
    boundaries: Any = None,
    version: str = "",
    overview: Overview | None = None,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> ExportFiles:
    """PPTX and PDF of the given profiles (one slide each) plus title and sources."""
    start = time.perf_counter()
    deck = build_presentation(
        profiles, internal=internal, maps=map_input(boundaries, version), overview=overview,
        progress=progress, today=today,
    )
    return ExportFiles(write_pptx(deck), write_pdf(deck), file_stem(deck, profiles),
                       time.perf_counter() - start, deck.slide_count)


def file_stem(deck: Deck, profiles: Sequence[DistrictProfile]) -> str:
    """A file name without extension: integrationsatlas-neustadt[-intern]."""
    what = profiles[0].slug if len(profiles) == 1 else "stadt-dresden"
    stem = f"integrationsatlas-{slugify(what, transliterate=True)}"
    return stem + ("-intern" if deck.internal else "")


# --- python -m atlas.export -------------------------------------------------------------
# The same files as the app's buttons: one PPTX and one PDF per --bezirk (as on the
# profile page) and, with --stadt, the whole-city deck with the overview. The command
# line asks no one who is exporting, so an internal deck needs an explicit --intern
# and is written to the audit log (user cli:<login name>, result export_intern).


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m atlas.export", description=T["cli_help"])
    parser.add_argument("--bezirk", action="append", default=[], metavar="KÜRZEL",
                        help=T["cli_bezirk"])
    parser.add_argument("--stadt", action="store_true", help=T["cli_stadt"])
    parser.add_argument("--intern", action="store_true", help=T["cli_intern"])
    parser.add_argument("--out", type=Path, required=True, metavar="ORDNER", help=T["cli_out"])
    return parser


def _operator() -> str:
    try:
        return "cli:" + getpass.getuser()
    except (KeyError, OSError):
        return "cli:unbekannt"


def run(args: argparse.Namespace, out: TextIO = sys.stdout,
        today: dt.date | None = None) -> list[Path]:
    """Write the files; returns their paths. Raises AtlasError with a German message."""
    config = load_config()
    data = load_export_data(config)
    names = []
    for slug in args.bezirk:
        name = data.city.canonical_district(slug)
        if name is None:
            raise AtlasError(T["cli_unknown"].format(value=slug[:60]))
        names.append(name)
    if args.intern:
        write_audit(config.path("AUDIT_LOG"), _operator(), AuditResult.EXPORT_INTERNAL)
        logger.warning("Interne Präsentation über die Kommandozeile von %s", _operator())
        print(T["cli_intern_logged"], file=out)
    jobs = [([name], False) for name in names] + ([(None, True)] if args.stadt else [])
    args.out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for chosen, overview in jobs:
        profiles = build_export_profiles(data, chosen, internal=args.intern, today=today)
        extra = build_overview(data.figures, data.boundaries, data.city) if overview else None
        files = export_files(profiles, internal=args.intern, boundaries=data.boundaries,
                             version=data.version, overview=extra, today=today)
        for suffix, content in (("pptx", files.pptx), ("pdf", files.pdf)):
            path = args.out / f"{files.stem}.{suffix}"
            path.write_bytes(content)
            written.append(path)
        print(T["cli_written"].format(stem=files.stem, slides=files.slides,
                                      seconds=format_decimal(files.seconds)), file=out)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.bezirk and not args.stadt:
        parser.error(T["cli_nothing"])
    try:
        run(args)
    except AtlasError as e:
        print(str(e), file=sys.stderr)
        return 1
    return 0

