"""The shipped snapshot: built by our pipeline, attributed, used when no cache exists, never
overwritten by a refresh, and no raw copy of ../shared."""

from __future__ import annotations

import hashlib
import json

import pytest

from atlas.city import load_city
from atlas.geo.geodata import build_snapshot, ensure_boundaries, load_boundaries, write_boundaries
from atlas.geo.snapshot import (
    ORIGIN_CACHE,
    ORIGIN_SHIPPED,
    boundaries_dir,
    load_gazetteer,
    read_points_manifest,
)
from atlas.settings import ROOT, load_config

SNAPSHOT = ROOT / "resources" / "geodata"
CITY = load_city(ROOT / "resources" / "city.yaml")


def config(tmp_path, **extra):
    return load_config({"ATLAS_CONFIG": str(tmp_path / "none.toml"),
                        "ATLAS_CACHE_DIR": str(tmp_path / "cache"), **extra})


def digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_shipped_snapshot_is_complete_and_attributed(tmp_path):
    bounds = load_boundaries(config(tmp_path))
    assert bounds is not None and bounds.manifest["origin"] == ORIGIN_SHIPPED
    assert len(bounds.stadtteile_display["features"]) == 64
    counts = bounds.manifest["counts"]
    assert (counts["stadtbezirke"], counts["ortschaften"]) == (10, 5)
    assert bounds.manifest["licence"] == "dl-de/by-2-0"
    assert "Landeshauptstadt Dresden" in bounds.attribution
    assert bounds.manifest["source_url"] == ""  # never the builder's local path
    assert bounds.origin.startswith("Grenzen: Stand ") and bounds.origin.endswith("mitgeliefert")
    points = read_points_manifest(SNAPSHOT)
    assert points["licence"] == "dl-de/by-2-0" and "Geodaten Sachsen" in points["attribution"]
    index, origin = load_gazetteer(tmp_path / "cache", SNAPSHOT)
    assert origin == ORIGIN_SHIPPED and len(index) == points["count"] == 70


def test_cache_wins_over_the_snapshot_and_an_empty_setting_disables_it(tmp_path):
    shipped = load_boundaries(config(tmp_path))
    write_boundaries(shipped, tmp_path / "cache")
    cached = load_boundaries(config(tmp_path))
    assert cached.manifest["origin"] == ORIGIN_CACHE and "abgerufen am" in cached.origin
    assert load_boundaries(config(tmp_path / "x", ATLAS_SNAPSHOT_DIR="")) is None


def test_a_failed_refresh_keeps_the_cache_and_never_touches_the_snapshot(tmp_path):
    cfg = config(tmp_path)
    write_boundaries(load_boundaries(cfg), tmp_path / "cache")
    before, shipped = digests(tmp_path / "cache"), digests(SNAPSHOT)
    broken = config(tmp_path, ATLAS_GEODATA_URL=str(tmp_path / "missing.geojson"))
    report = ensure_boundaries(broken, CITY, force=True)
    assert report.status == "failed"
    assert digests(tmp_path / "cache") == before and digests(SNAPSHOT) == shipped


def test_no_raw_copy_of_shared_files_is_shipped(shared_dir):
    shared = {hashlib.sha256(p.read_bytes()).hexdigest()
              for p in [*shared_dir.glob("geodata/*"), *shared_dir.glob("facts/*")]}
    assert not set(digests(SNAPSHOT).values()) & shared


def test_snapshot_is_what_our_pipeline_builds_from_l137(shared_dir, tmp_path):
    source = shared_dir / "geodata" / "stadtteile_64_L137.geojson"
    cfg = config(tmp_path, ATLAS_GEODATA_URL=str(source))
    build_snapshot(cfg, CITY, tmp_path / "snap", shared_dir / "facts" /
                   "dresden_address_points.csv")
    for name in ("stadtteile_display.geojson", "districts_display.geojson"):
        fresh = json.loads((boundaries_dir(tmp_path / "snap") / name).read_bytes())
        shipped = json.loads((boundaries_dir(SNAPSHOT) / name).read_bytes())
        assert fresh == shipped, name
    assert (tmp_path / "snap" / "address_points.csv").read_bytes() == \
        (SNAPSHOT / "address_points.csv").read_bytes()


def test_shipped_display_copy_places_every_address_point_as_the_full_layer_does(shared_dir):
    from shapely.geometry import Point, shape

    full = json.loads((shared_dir / "geodata" / "stadtteile_64_L137.geojson").read_bytes())
    shipped = json.loads((boundaries_dir(SNAPSHOT) / "stadtteile.geojson").read_bytes())
    full_shapes = [(f["properties"]["blocknr"], shape(f["geometry"])) for f in full["features"]]
    shipped_shapes = [(f["properties"]["nr"], shape(f["geometry"]))
                      for f in shipped["features"]]
    index, _ = load_gazetteer(shared_dir / "no-cache", SNAPSHOT)
    for p in index.points:
        here = Point(p.lon, p.lat)
        assert [n for n, g in full_shapes if g.contains(here)] == \
            [n for n, g in shipped_shapes if g.contains(here)], p.label()


@pytest.mark.parametrize("text", ["Hauptstraße 99", "Irgendwo 1"])
def test_an_address_outside_the_extract_gets_a_german_hint(text, tmp_path):
    from atlas.geo.addresses import AddressNotFoundError
    from atlas.nearby.startpoint import locate_address

    index, _ = load_gazetteer(tmp_path, SNAPSHOT)
    with pytest.raises(AddressNotFoundError) as caught:
        locate_address(text, index)
    message = str(caught.value)
    assert "Stadtteil" in message and "Karte" in message
    assert "python" not in message and "make" not in message


def test_a_failed_register_download_keeps_the_cached_register(tmp_path, monkeypatch):
    from atlas.geo.addresses import AddressPoint, save_address_points
    from atlas.geo.addresses_cli import main

    cache = tmp_path / "cache"
    save_address_points([AddressPoint("Altmarkt", "1", "01067", "Dresden", 51.05, 13.74,
                                      "Test")], cache)
    before = digests(cache)
    city_file = tmp_path / "city.yaml"
    city_file.write_text((ROOT / "resources" / "city.yaml").read_text(encoding="utf-8")
                         .replace("https://kommisdd.dresden.de", "http://127.0.0.1:9"),
                         encoding="utf-8")
    for key, value in {"ATLAS_CACHE_DIR": str(cache), "ATLAS_CITY_FILE": str(city_file),
                       "ATLAS_HTTP_TIMEOUT": "2"}.items():
        monkeypatch.setenv(key, value)
    assert main(["fetch"]) == 1
    assert digests(cache) == before
    index, origin = load_gazetteer(cache, SNAPSHOT)
    assert origin == ORIGIN_CACHE and index.complete and len(index) == 1
