"""Display copies: simplified in EPSG:25833, shared borders without gaps or overlaps, small."""

from __future__ import annotations

import re

import numpy as np
import pytest
import shapely
from geodata_samples import grid_collection, sample_city
from shapely.geometry import shape

from atlas.geo.districts import dissolve_districts
from atlas.geo.geodata import load_cached_boundaries
from atlas.geo.simplify import reproject, round_collection, simplify_collection
from atlas.geo.stadtteile import normalise_stadtteile

PAYLOAD_LIMIT = 300_000


def metric(collection: dict) -> list[shapely.Geometry]:
    geoms = np.asarray([shape(f["geometry"]) for f in collection["features"]])
    return list(reproject(geoms, "EPSG:4326", "EPSG:25833"))


def assert_no_gaps_or_overlaps(original: dict, simplified: dict) -> None:
    """Neighbours still share a border, nothing overlaps, the covered area is kept."""
    before, after = metric(original), metric(simplified)
    union = shapely.union_all(after)
    assert union.area == pytest.approx(sum(g.area for g in after), rel=1e-6)  # no overlaps
    assert union.area == pytest.approx(shapely.union_all(before).area, rel=0.01)
    for i, j in zip(*shapely.STRtree(after).query(after, predicate="intersects"), strict=True):
        if i < j:
            assert after[i].intersection(after[j]).area < 1.0  # m²: pairwise overlaps ~0
    for i, j in zip(*shapely.STRtree(before).query(before, predicate="intersects"), strict=True):
        shared = before[i].intersection(before[j]).length if i < j else 0.0
        if shared > 1.0:  # neighbours before still share (most of) their border
            assert after[i].intersection(after[j]).length > 0.5 * shared
    holes = shapely.union_all(after).interiors if union.geom_type == "Polygon" else []
    assert not any(shapely.Polygon(h).area > 1.0 for h in holes)  # no slivers between


def max_decimals(collection: dict) -> int:
    text = str([f["geometry"]["coordinates"] for f in collection["features"]])
    return max(len(m) for m in re.findall(r"\.(\d+)", text))


@pytest.fixture(scope="module")
def grid():
    stadtteile, _ = normalise_stadtteile(grid_collection(), sample_city(), source="Test")
    return stadtteile


def test_grid_is_simplified_without_gaps_or_overlaps(grid):
    display = simplify_collection(grid, projected_crs="EPSG:25833", tolerance_m=40)

    before = shapely.get_num_coordinates([shape(f["geometry"]) for f in grid["features"]]).sum()
    after = shapely.get_num_coordinates(
        [shape(f["geometry"]) for f in display["features"]]).sum()
    assert after < 0.7 * before
    assert [f["properties"] for f in display["features"]] == [
        f["properties"] for f in grid["features"]]
    assert_no_gaps_or_overlaps(grid, display)
    assert max_decimals(display) <= 5


def test_display_districts_share_the_stadtteile_borders(grid):
    city = sample_city()
    display = simplify_collection(grid, projected_crs="EPSG:25833", tolerance_m=40)

    districts = round_collection(dissolve_districts(display, city))

    bezirke = {f["properties"]["name"]: shape(f["geometry"]) for f in districts["features"]}
    parts = {f["properties"]["nr"]: shape(f["geometry"]) for f in display["features"]}
    expected = shapely.union_all([parts[n] for n in ("01", "02")])
    assert bezirke["Altstadt"].symmetric_difference(expected).area == pytest.approx(0, abs=1e-12)


def test_rounding_keeps_shared_vertices_identical(grid):
    rounded = round_collection(grid, decimals=3)

    assert max_decimals(rounded) <= 3
    assert all(shape(f["geometry"]).is_valid for f in rounded["features"])
    geoms = [shape(f["geometry"]) for f in rounded["features"]]
    assert shapely.coverage_is_valid(geoms)


# --- the real 64 Stadtteile (via the shared cache fixture) -----------------------
@pytest.fixture(scope="module")
def cached(boundaries_cache):
    return load_cached_boundaries(boundaries_cache)


def test_cached_display_copies_have_no_gaps_or_overlaps(cached):
    assert_no_gaps_or_overlaps(cached.stadtteile, cached.stadtteile_display)
    bezirke = cached.districts_of_art("Stadtbezirk", display=False)
    assert_no_gaps_or_overlaps(bezirke, cached.districts_of_art("Stadtbezirk"))
    assert max_decimals(cached.stadtteile_display) <= 5


def test_map_payload_of_stadtteile_and_stadtbezirke_is_at_most_300_kb(cached, shared_dir):
    # shared_dir: only a cache fetched from the raw layer has raw geometry to compare with.
    from atlas.city import load_city
    from atlas.settings import ROOT
    from bench.geodata_payload import embedded_bytes

    city = load_city(ROOT / "resources" / "city.yaml")
    bezirke = cached.districts_of_art("Stadtbezirk")
    display = embedded_bytes(city, cached.stadtteile_display, bezirke)

    assert display <= PAYLOAD_LIMIT
    files = cached.manifest["files"]
    assert files["stadtteile.geojson"]["bytes"] > 4 * display  # the raw geometry is much larger
    assert files["stadtteile_display.geojson"]["bytes"] < PAYLOAD_LIMIT


def test_centroids_lie_inside_their_areas(cached):
    stadtteile = {f["properties"]["nr"]: shape(f["geometry"])
                  for f in cached.stadtteile["features"]}
    for nr, (lat, lon) in cached.stadtteil_centroids().items():
        assert stadtteile[nr].contains(shapely.Point(lon, lat)), nr
    centres = cached.district_centroids()
    assert set(centres) == set(cached.district_names())
    assert len(cached.district_names("Stadtbezirk")) == 10
    assert 51.0 < centres["Altstadt"][0] < 51.1 and 13.6 < centres["Altstadt"][1] < 13.9
