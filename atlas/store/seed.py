"""Seed the store from ``resources/``: idempotent, and it never overwrites an edit.

A place the store does not know yet is added. A place whose live version
still comes from the files (author ``seed``) follows the files when they
change. A place edited in the app keeps the edit. Figure rows are added by
key. Rows the loader sets aside are reported, never stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from atlas.city import City
from atlas.figures.tables import SPECS, Figures, load_figures
from atlas.model import Resource
from atlas.resources import LoadResult, load_resources
from atlas.store import figures as figure_store
from atlas.store.places import write_version
from atlas.store.tables import place_versions, places

SEED_AUTHOR = "seed"


@dataclass
class SeedReport:
    """What a seed run did, with the files' own load report."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    figures_added: int = 0
    load: LoadResult = field(default_factory=LoadResult)
    figures: Figures = field(default_factory=Figures)


def read_files(resources_dir: Path, city: City) -> tuple[LoadResult, Figures]:
    """Places (not geocoded: positions are filled when the app reads) and figures."""
    return load_resources(resources_dir, city), load_figures(resources_dir, city)


def seed_places(conn: sa.Connection, result: LoadResult, report: SeedReport) -> None:
    heads = {r.id: (r.version, r.data) for r in conn.execute(
        sa.select(places.c.id, places.c.version, places.c.data)).all()}
    authors = dict(conn.execute(
        sa.select(place_versions.c.place_id, place_versions.c.author)
        .join(places, sa.and_(places.c.id == place_versions.c.place_id,
                              places.c.version == place_versions.c.version))).all())
    for record in result.records:
        head = heads.get(record.id)
        if head is None:
            write_version(conn, record, base_version=0, action="seed", author=SEED_AUTHOR)
            report.added += 1
            continue
        same = Resource.model_validate_json(head[1]) == record
        if same or authors.get(record.id) != SEED_AUTHOR:
            report.unchanged += 1
            continue
        write_version(conn, record, base_version=head[0], action="seed", author=SEED_AUTHOR)
        report.updated += 1


def seed_figures(conn: sa.Connection, figures: Figures, report: SeedReport) -> None:
    for table in SPECS:
        rows = list(getattr(figures, table))
        if table == "population":
            rows += list(figures.stadtteil_population)
        report.figures_added += figure_store.insert_rows(conn, table, rows, author=SEED_AUTHOR)


def seed_store(store, resources_dir: Path, city: City, *, stamp: str = "") -> SeedReport:
    """Read the files and seed places and figures in one transaction.

    A file that cannot be read at all (no records, a file-level error) seeds
    nothing from that file; the store keeps what it has.
    """
    result, figures = read_files(Path(resources_dir), city)
    return seed_loaded(store, result, figures, stamp=stamp)


def seed_loaded(store, result: LoadResult, figures: Figures, *, stamp: str = "") -> SeedReport:
    """Seed from files already read (the app reads them once for its data-quality page)."""
    report = SeedReport(load=result, figures=figures)
    with store.write() as conn:
        seed_places(conn, result, report)
        seed_figures(conn, figures, report)
        if stamp:
            store.set_meta(conn, "seed_stamp", stamp)
    return report
