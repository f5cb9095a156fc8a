"""Smoke test of the shipped places: loads with 0 errors, sources and dates everywhere,
districts known, accommodation internal, and the build script reproduces the file."""

from __future__ import annotations

import csv

import pytest

from atlas.city import load_city
from atlas.dates import normalise_partial_date
from atlas.model import Category, Status, Visibility
from atlas.resources import load_resources
from atlas.settings import ROOT

CITY = load_city(ROOT / "resources" / "city.yaml")
RESOURCES = ROOT / "resources"


@pytest.fixture(scope="module")
def shipped():
    return load_resources(RESOURCES, CITY)


def test_shipped_data_loads_without_errors(shipped):
    assert shipped.rejected == []
    assert len(shipped.records) >= 102
    assert {a.id for a in shipped.service_areas} == {"msa-nord", "msa-west", "msa-mitte",
                                                    "msa-sued"}
    assert not [w for w in shipped.warnings if "Unterkunft" in w]


def test_every_row_has_a_source_and_a_date(shipped):
    for record in shipped.records:
        assert record.source_url or record.source_title, record.id
        normalise_partial_date(record.source_date)


def test_every_district_is_a_configured_one(shipped):
    for record in shipped.records:
        if record.stadtbezirk:
            assert CITY.canonical_district(record.stadtbezirk) == record.stadtbezirk
    for area in shipped.service_areas:
        for name in area.stadtbezirke:
            assert CITY.canonical_district(name) == name


def test_accommodation_is_internal_and_closed_sites_keep_their_end(shipped):
    sites = [r for r in shipped.records if r.category == Category.UNTERKUNFT]
    assert len(sites) == 38
    assert all(r.visibility == Visibility.INTERNAL for r in sites)
    for record in shipped.records:
        if record.status == Status.GESCHLOSSEN:
            assert record.valid_to, record.id


def test_msa_regions_cover_every_stadtbezirk_once():
    areas = load_resources(RESOURCES, CITY).service_areas
    covered = [d for a in areas for d in a.stadtbezirke if d in CITY.stadtbezirke.values()]
    assert sorted(covered) == sorted(CITY.stadtbezirke.values())
    mitte = next(a for a in areas if a.id == "msa-mitte")
    assert "Ausschluss" in (mitte.notes or "")


def test_neustadt_seed_profile_is_in_the_data(shipped):
    seed = [r for r in shipped.records if r.source_title and "V2927/19" in r.source_title]
    assert {r.category for r in seed} >= {Category.MSA, Category.INITIATIVE}
    assert all(r.source_date == "2019" for r in seed)
    weltclub = next(r for r in shipped.records if r.street == "Königsbrücker Straße")
    assert (weltclub.housenumber, weltclub.category) == ("13", Category.VORORTBUERO)
    assert weltclub.service_area == "msa-nord"


def test_stadtteil_names_match_the_official_layer(shared_dir):
    import json

    layer = json.loads((shared_dir / "geodata" / "stadtteile_64_L137.geojson").read_text())
    names = {f["properties"]["bez"] for f in layer["features"]}
    with (RESOURCES / "places.csv").open(encoding="utf-8") as fh:
        used = {row["stadtteil"] for row in csv.DictReader(fh) if row["stadtteil"]}
    assert used <= names


def test_shipped_data_with_boundaries_positions_every_row_with_a_district(boundaries_cache):
    from atlas.geo.geodata import load_cached_boundaries

    bounds = load_cached_boundaries(boundaries_cache)
    result = load_resources(RESOURCES, CITY, bounds)
    assert result.rejected == []
    assert not [w for w in result.warnings if "unbekannt" in w]
    for record in result.records:
        assert record.has_position == bool(record.stadtbezirk), record.id
        if record.has_position:
            assert record.is_approximate and record.location_precision is not None
    for name in bounds.district_names():
        assert CITY.canonical_district(name) == name


def test_build_script_reproduces_the_shipped_csv(shared_dir, tmp_path):
    from tools.build_places import main

    out = tmp_path / "places.csv"
    assert main(["--shared", str(shared_dir / "facts" / "dresden_resources.csv"),
                 "--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (RESOURCES / "places.csv").read_text(
        encoding="utf-8")
