"""Normalisation, validation and districts of Stadtteil boundaries (atlas.geo)."""

from __future__ import annotations

import copy
import json

import pytest
import shapely
from geodata_samples import GRID, grid_collection, l139_from, sample_city
from shapely.geometry import shape

from atlas.city import load_city
from atlas.errors import GeodataError
from atlas.geo.districts import dissolve_districts, official_districts
from atlas.geo.stadtteile import normalise_stadtteile, validate_stadtteile
from atlas.settings import ROOT

SOURCE = "Testquelle"


@pytest.fixture(scope="module")
def city():
    return load_city(ROOT / "resources" / "city.yaml")


def normalised(data, city, **kwargs):
    collection, key = normalise_stadtteile(data, city, source=SOURCE, **kwargs)
    return collection, key


def read_shared(shared_dir, name):
    return json.loads((shared_dir / "geodata" / name).read_bytes())


@pytest.fixture(scope="module")
def l137(shared_dir, city):
    """The 64 shared L137 Stadtteile, normalised once for this module (do not mutate)."""
    return normalised(read_shared(shared_dir, "stadtteile_64_L137.geojson"), city)[0]


# --- parsers against ../shared ----------------------------------------------
def test_l137_file_normalises_to_64_stadtteile(shared_dir, city):
    collection, key = normalised(read_shared(shared_dir, "stadtteile_64_L137.geojson"), city)
    validate_stadtteile(collection, city, source=SOURCE)

    props = {f["properties"]["nr"]: f["properties"] for f in collection["features"]}
    assert key == "ogcapi"
    assert len(props) == 64
    assert set(props["01"]) == {"nr", "name", "name_long", "stadtbezirk", "ortschaft"}
    assert props["01"]["name"] == "Innere Altstadt"
    assert props["01"]["stadtbezirk"] == "Altstadt" and props["01"]["ortschaft"] is None
    assert props["36"]["stadtbezirk"] == "Klotzsche"
    assert props["36"]["ortschaft"] == "Langebrück/Schönborn"
    assert {props[n]["ortschaft"] for n in ("45", "46", "47")} == {"Schönfeld-Weißig"}
    assert props["99"]["stadtbezirk"] == "Cotta"
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon")
               for f in collection["features"])


def test_osm_file_normalises_to_61_stadtteile(shared_dir, city):
    collection, key = normalised(read_shared(shared_dir, "stadtteile_61_osm.geojson"), city)
    validate_stadtteile(collection, city, source=SOURCE)

    props = {f["properties"]["nr"]: f["properties"] for f in collection["features"]}
    assert key == "osm"
    assert len(props) == 61
    assert {"36", "90", "99"}.isdisjoint(props)
    assert props["11"]["name"] == "Äußere Neustadt"
    assert props["11"]["name_long"] == "Äußere Neustadt (Antonstadt)"
    assert props["11"]["stadtbezirk"] == "Neustadt"


# --- normalisation on small fixtures -------------------------------------------
@pytest.mark.parametrize("style", ["l137", "osm", "plain"])
def test_each_schema_gives_the_same_stadtteile(style):
    collection, _ = normalised(grid_collection(style), sample_city())

    assert [f["properties"]["nr"] for f in collection["features"]] == sorted(
        n for row in GRID for n in row)
    first = collection["features"][0]["properties"]
    assert first == {"nr": "01", "name": "Teil 01", "name_long": "Teil 01 (lang)",
                     "stadtbezirk": "Altstadt", "ortschaft": None}


def test_osm_ref_without_leading_zero_becomes_two_digits():
    data = grid_collection("osm")
    assert data["features"][0]["properties"]["ref"] == "1"

    collection, key = normalised(data, sample_city())

    assert key == "osm"
    assert collection["features"][0]["properties"]["nr"] == "01"


def test_missing_long_name_falls_back_to_name_and_missing_name_to_keine_angabe():
    data = grid_collection("l137")
    del data["features"][0]["properties"]["bez_lang"]
    data["features"][1]["properties"]["bez"] = None
    data["features"][1]["properties"]["bez_lang"] = ""

    collection, _ = normalised(data, sample_city())

    props = {f["properties"]["nr"]: f["properties"] for f in collection["features"]}
    assert props["01"]["name_long"] == "Teil 01"
    assert props["02"]["name"] == props["02"]["name_long"] == "keine Angabe"


@pytest.mark.parametrize("crs", [
    "urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:EPSG::4326", "EPSG:4326",
    "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
])
def test_lonlat_crs_names_are_accepted(crs):
    data = grid_collection()
    data["crs"] = {"type": "name", "properties": {"name": crs}}
    for feature in data["features"]:
        feature["geometry"]["crs"] = {"type": "name", "properties": {"name": crs}}

    collection, _ = normalised(data, sample_city())

    assert all("crs" not in f["geometry"] for f in collection["features"])


def test_a_declared_projected_crs_is_rejected(city):
    data = grid_collection()
    data["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25833"}}

    with pytest.raises(GeodataError, match="EPSG::25833") as info:
        normalised(data, city)
    assert SOURCE in str(info.value)


def test_undeclared_utm_coordinates_are_rejected():
    data = grid_collection()
    for feature in data["features"]:
        ring = feature["geometry"]["coordinates"][0]
        feature["geometry"]["coordinates"][0] = [[411000 + x * 1000, 5650000 + y * 1000]
                                                 for x, y in ring]
    collection, _ = normalised(data, sample_city())

    with pytest.raises(GeodataError, match="EPSG:25833") as info:
        validate_stadtteile(collection, sample_city(), source=SOURCE)
    assert "keine Längen-/Breitengrade" in str(info.value)


def test_geometries_outside_the_city_are_rejected_naming_one():
    data = grid_collection()
    ring = data["features"][3]["geometry"]["coordinates"][0]
    data["features"][3]["geometry"]["coordinates"][0] = [[x - 1.3, y + 0.3] for x, y in ring]
    collection, _ = normalised(data, sample_city())

    with pytest.raises(GeodataError, match="außerhalb von Dresden") as info:
        validate_stadtteile(collection, sample_city(), source=SOURCE)
    assert "Teil 12" in str(info.value) and SOURCE in str(info.value)


def test_too_few_stadtteile_are_rejected(city):
    collection, _ = normalised(grid_collection(), city)

    with pytest.raises(GeodataError, match="nur 12 Stadtteile.*mindestens 55"):
        validate_stadtteile(collection, city, source=SOURCE)


def test_duplicate_numbers_are_rejected():
    data = grid_collection()
    data["features"][1]["properties"]["blocknr"] = "01"
    collection, _ = normalised(data, sample_city())

    with pytest.raises(GeodataError, match="mehrfach vergeben: 01"):
        validate_stadtteile(collection, sample_city(), source=SOURCE)


def test_empty_collection_is_rejected(city):
    with pytest.raises(GeodataError, match="keine Objekte"):
        normalised({"type": "FeatureCollection", "features": []}, city)


@pytest.mark.parametrize("value", ["A1", "100", "00", "-3"])
def test_bad_numbers_are_rejected_quoting_the_value(value):
    data = grid_collection()
    data["features"][0]["properties"]["blocknr"] = value

    with pytest.raises(GeodataError, match=f"„{value}“"):
        normalised(data, sample_city())


def test_unknown_fields_are_rejected_listing_what_was_found(city):
    data = grid_collection()
    for feature in data["features"]:
        feature["properties"] = {"kennung": "x"}

    with pytest.raises(GeodataError, match="kennung"):
        normalised(data, city)


def test_non_polygon_geometry_is_rejected(city):
    data = grid_collection()
    data["features"][2]["geometry"] = {"type": "Point", "coordinates": [13.7, 51.05]}

    with pytest.raises(GeodataError, match="Teil 11.*Point"):
        normalised(data, city)


def test_self_intersecting_polygon_is_repaired():
    data = grid_collection()
    bowtie = [[13.70, 51.01], [13.72, 51.03], [13.72, 51.01], [13.70, 51.03], [13.70, 51.01]]
    data["features"][0]["geometry"]["coordinates"] = [bowtie]

    collection, _ = normalised(data, sample_city())

    geom = shape(collection["features"][0]["geometry"])
    assert geom.is_valid and geom.area > 0


# --- districts -------------------------------------------------------------------
def test_districts_are_dissolved_with_their_ortschaften():
    city = sample_city()
    stadtteile, _ = normalised(grid_collection(), city)

    districts = dissolve_districts(stadtteile, city)

    props = {f["properties"]["name"]: f["properties"] for f in districts["features"]}
    assert props["Loschwitz"] == {"name": "Loschwitz", "slug": "loschwitz", "art": "Stadtbezirk",
                                  "parent": None, "stadtteile": ["41", "45", "46", "47"]}
    assert props["Schönfeld-Weißig"]["art"] == "Ortschaft"
    assert props["Schönfeld-Weißig"]["parent"] == "Loschwitz"
    assert props["Klotzsche"]["stadtteile"] == ["31", "35", "36"]
    assert "Pieschen" not in props and "Altfranken/Gompitz" not in props  # no Stadtteile here
    areas = {f["properties"]["name"]: shape(f["geometry"]) for f in districts["features"]}
    parts = {f["properties"]["nr"]: shape(f["geometry"]) for f in stadtteile["features"]}
    expected = shapely.union_all([parts[n] for n in ("41", "45", "46", "47")])
    assert areas["Loschwitz"].symmetric_difference(expected).area < 1e-12
    assert areas["Altstadt"].geom_type == "Polygon"  # 01 + 02 dissolved, no inner border left
    assert len(areas["Altstadt"].interiors) == 0


def test_shared_64_stadtteile_give_10_stadtbezirke_and_5_ortschaften(l137, city):
    stadtteile = l137

    districts = dissolve_districts(stadtteile, city)

    arts = [f["properties"]["art"] for f in districts["features"]]
    assert arts.count("Stadtbezirk") == 10 and arts.count("Ortschaft") == 5
    bezirke = [shape(f["geometry"]) for f in districts["features"]
               if f["properties"]["art"] == "Stadtbezirk"]
    whole = shapely.union_all([shape(f["geometry"]) for f in stadtteile["features"]])
    assert abs(sum(g.area for g in bezirke) - whole.area) < 1e-9


def test_official_l139_districts_are_merged_into_the_configured_units(l137, city):
    stadtteile = l137

    districts = official_districts(l139_from(stadtteile, city), stadtteile, city, source=SOURCE)

    props = {f["properties"]["name"]: f for f in districts["features"]}
    assert props["Langebrück/Schönborn"]["properties"]["parent"] == "Klotzsche"
    klotzsche = shape(props["Klotzsche"]["geometry"])
    weixdorf = shape(props["Weixdorf"]["geometry"])
    assert klotzsche.contains(weixdorf.representative_point())  # with its Ortschaften
    assert props["Klotzsche"]["properties"]["stadtteile"] == ["31", "32", "33", "34", "35", "36"]


def test_official_districts_with_an_unknown_name_are_rejected(l137, city):
    stadtteile = l137
    layer = l139_from(stadtteile, city)
    layer["features"][0]["properties"]["bez"] = "Atlantis"

    with pytest.raises(GeodataError, match="„Atlantis“"):
        official_districts(layer, stadtteile, city, source=SOURCE)


def test_official_districts_missing_a_stadtbezirk_are_rejected():
    city = sample_city()
    stadtteile, _ = normalised(grid_collection(), city)
    layer = l139_from(stadtteile, city)

    with pytest.raises(GeodataError, match="Pieschen"):
        official_districts(copy.deepcopy(layer), stadtteile, city, source=SOURCE)


def test_overlapping_stadtteile_still_dissolve_to_their_union():
    city = sample_city(min_stadtteile=1)
    square = [[13.70, 51.00], [13.74, 51.00], [13.74, 51.03], [13.70, 51.03], [13.70, 51.00]]
    shifted = [[x + 0.02, y] for x, y in square]
    data = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"nr": nr, "name": nr},
         "geometry": {"type": "Polygon", "coordinates": [ring]}}
        for nr, ring in (("01", square), ("02", shifted))]}
    stadtteile, _ = normalised(data, city)

    districts = dissolve_districts(stadtteile, city)

    altstadt = shape(districts["features"][0]["geometry"])
    expected = shapely.union_all([shapely.Polygon(square), shapely.Polygon(shifted)])
    assert altstadt.is_valid
    assert altstadt.symmetric_difference(expected).area < 1e-12
