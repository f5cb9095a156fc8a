"""geopandas for the GIS work (atlas.geo.vector): any vector format and CRS for boundaries,
sjoin for point-in-polygon, dissolve for districts."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import shapely
from geodata_samples import dumps, grid_collection, sample_city
from shapely.geometry import shape

from atlas.errors import GeodataError
from atlas.geo.geodata import fetch_boundaries
from atlas.geo.vector import dissolve, frame, locate_points, polygon_index, to_crs
from atlas.settings import load_config


def make_config(tmp_path: Path, location: Path):
    return load_config({"ATLAS_CONFIG": str(tmp_path / "none.toml"),
                        "ATLAS_CACHE_DIR": str(tmp_path / "cache"),
                        "ATLAS_GEODATA_URL": str(location)})


def _utm_grid():
    return frame(grid_collection()).to_crs("EPSG:25833")


def _write_zipped_shapefile(folder: Path) -> Path:
    shp = folder / "shp"
    shp.mkdir()
    _utm_grid().to_file(shp / "stadtteile.shp")
    path = folder / "stadtteile.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for part in shp.iterdir():
            archive.write(part, part.name)
    return path


@pytest.mark.parametrize("kind", ["gpkg", "zip"])
def test_geopackage_and_zipped_shapefile_in_utm_read_like_the_geojson(tmp_path, kind):
    geojson = tmp_path / "stadtteile.geojson"
    geojson.write_bytes(dumps(grid_collection()))
    if kind == "gpkg":
        other = tmp_path / "stadtteile.gpkg"
        _utm_grid().to_file(other, driver="GPKG")
    else:
        other = _write_zipped_shapefile(tmp_path)
    city = sample_city()
    want = fetch_boundaries(make_config(tmp_path / "a", geojson), city).stadtteile
    got = fetch_boundaries(make_config(tmp_path / "b", other), city).stadtteile
    assert [f["properties"] for f in got["features"]] == [
        f["properties"] for f in want["features"]]
    for a, b in zip(got["features"], want["features"], strict=True):
        # back from EPSG:25833 to lon/lat: the same shape within a few centimetres
        assert shape(a["geometry"]).hausdorff_distance(shape(b["geometry"])) < 1e-6


def test_a_file_that_is_no_vector_data_gives_a_german_message(tmp_path):
    path = tmp_path / "teile.geojson"
    path.write_text("Stadtteil;Nummer\nNeustadt;11\n", encoding="utf-8")
    with pytest.raises(GeodataError, match="nicht lesbar.*GeoPackage"):
        fetch_boundaries(make_config(tmp_path, path), sample_city())


def test_sjoin_finds_the_same_polygon_as_a_plain_loop():
    features = grid_collection()["features"]
    shapes = [shape(f["geometry"]) for f in features]
    west, south, east, north = shapely.total_bounds(shapes)
    points = [(west + (east - west) * i / 23, south + (north - south) * j / 17)
              for i in range(24) for j in range(18)]
    found = locate_points(polygon_index(shapes), points)
    expected = [next((k for k, s in enumerate(shapes) if s.intersects(shapely.Point(p))), None)
                for p in points]
    assert found == expected
    assert None in found and any(f is not None for f in found)  # inside and outside
    assert locate_points(polygon_index(shapes), []) == []


def test_dissolve_merges_a_coverage_into_one_shape_per_group():
    grid = frame(grid_collection())
    grid["half"] = [i % 2 for i in range(len(grid))]
    merged = dissolve(grid, "half")
    for key, geom in merged.items():
        parts = grid.geometry[grid["half"] == key].values
        assert geom.equals(shapely.union_all(parts))


def test_to_crs_round_trips():
    shapes = [shape(f["geometry"]) for f in grid_collection()["features"]]
    back = to_crs(to_crs(shapes, "EPSG:4326", "EPSG:25833"), "EPSG:25833", "EPSG:4326")
    assert all(a.hausdorff_distance(b) < 1e-9 for a, b in zip(shapes, back, strict=True))


@pytest.mark.parametrize("suffix", ["geojson", "gpkg", "zip"])
def test_places_upload_as_points_in_any_vector_format(tmp_path, suffix):
    import geopandas as gpd

    from atlas.resources import check_upload

    places = gpd.GeoDataFrame(  # source_date and stadtbezirk are cut to 10 in a Shapefile
        {"id": ["p1", "p2"], "name": ["Treff", "Café"], "category": ["initiative", "zirkus"],
         "stadtbezirk": ["Neustadt", "Neustadt"], "source_url": ["https://example.org"] * 2,
         "source_date": ["2024-05"] * 2},
        geometry=gpd.points_from_xy([13.745, 13.75], [51.065, 51.06]), crs="EPSG:4326")
    path = tmp_path / f"orte.{suffix}"
    if suffix == "zip":
        shp = tmp_path / "shp"
        shp.mkdir()
        with pytest.warns((UserWarning, RuntimeWarning)):
            places.to_crs("EPSG:25833").to_file(shp / "orte.shp")
        with zipfile.ZipFile(path, "w") as archive:
            for part in shp.iterdir():
                archive.write(part, part.name)
    else:
        places.to_file(path, driver="GPKG" if suffix == "gpkg" else "GeoJSON")
    check = check_upload(path.read_bytes(), path.name, sample_city_dresden())
    [record] = check.records
    assert (record.id, round(record.lat, 5), round(record.lon, 5)) == ("p1", 51.065, 13.745)
    [error] = check.rejected
    assert (error.row, error.column) == (3, "category") and "„zirkus“" in error.reason


def test_an_upload_of_areas_is_refused_in_german(tmp_path):
    from atlas.resources import check_upload

    path = tmp_path / "flaechen.geojson"
    path.write_bytes(dumps(grid_collection()))
    [error] = check_upload(path.read_bytes(), path.name, sample_city_dresden()).rejected
    assert "Punkte" in error.reason and "Polygon" in error.reason


def sample_city_dresden():
    from atlas.city import load_city
    from atlas.settings import ROOT

    return load_city(ROOT / "resources" / "city.yaml")


def test_a_zip_without_a_shapefile_is_refused_in_german(tmp_path):
    from atlas.resources import check_upload

    path = tmp_path / "orte.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("liesmich.txt", "keine Geodaten")
    [error] = check_upload(path.read_bytes(), path.name, sample_city_dresden()).rejected
    assert error.row is None and "GeoPackage" in error.reason and "orte.zip" in error.reason
