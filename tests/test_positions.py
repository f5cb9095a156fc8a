"""Positions true on the ground: the order of precision, the shipped gazetteer, the figure,
the one wording of precision, and nearby distances from address points."""

from __future__ import annotations

import csv
import datetime as dt
import math

import pytest
from test_geocode import CITY, record, tiny_boundaries

from atlas import texts
from atlas.geo.addresses import AddressIndex, AddressPoint
from atlas.geo.geocode import (
    METHOD_ADDRESS,
    METHOD_STADTBEZIRK,
    METHOD_STADTTEIL,
    METHOD_STREET,
    METHOD_SUFFIX,
    address_point_coverage,
    geocode_records,
)
from atlas.model import Precision
from atlas.places.placeinfo import position_label
from atlas.resources import load_resources, startup_geodata
from atlas.settings import ROOT, load_config

RESOURCES = ROOT / "resources"


def point(street: str, number: str, lat: float, lon: float) -> AddressPoint:
    return AddressPoint(street, number, "01099", "Dresden", lat, lon, "Test")


INDEX = AddressIndex([
    point("Alaunstraße", "40", 51.0655, 13.7555),
    point("Königsbrücker Straße", "26a", 51.0651, 13.7551),
    point("Louisenstraße", "10", 51.0652, 13.7552),
])


@pytest.mark.parametrize(("changes", "precision", "method"), [
    ({"street": "Alaunstraße", "housenumber": "40"}, Precision.EXACT, METHOD_ADDRESS),
    ({"street": "Alaunstraße", "housenumber": "36-40"}, Precision.EXACT, METHOD_ADDRESS),
    ({"street": "Königsbrücker Str.", "housenumber": "26"}, Precision.SUFFIX, METHOD_SUFFIX),
    ({"street": "Louisenstraße", "housenumber": "32"}, Precision.STREET, METHOD_STREET),
    ({"stadtteil": "Pieschen-Süd"}, Precision.STADTTEIL, METHOD_STADTTEIL),
    ({"stadtbezirk": "Pieschen"}, Precision.STADTBEZIRK, METHOD_STADTBEZIRK),
    ({}, None, None),
])
def test_order_of_precision(changes, precision, method):
    [out] = geocode_records([record(**changes)], CITY, boundaries=tiny_boundaries(),
                            address_index=INDEX).records
    assert (out.location_precision, out.location_method) == (precision, method)
    if precision is Precision.STREET:  # the street's Stadtteil decides, at its centre
        assert (out.lat, out.lon) == tiny_boundaries().stadtteil_centroids()["11"]
        assert out.stadtteil == "Äußere Neustadt (Antonstadt)"


def test_one_wording_of_precision_for_every_view():
    P = texts.PLACE
    cases = {
        P["position_address_point"]: {"street": "Alaunstraße", "housenumber": "40"},
        P["position_suffix"]: {"street": "Königsbrücker Str.", "housenumber": "26"},
        P["position_street"]: {"street": "Louisenstraße", "housenumber": "32"},
        P["position_stadtteil"]: {"stadtteil": "Pieschen-Süd"},
        P["position_stadtbezirk"]: {"stadtbezirk": "Pieschen"},
        P["position_none"]: {},
    }
    for label, changes in cases.items():
        [out] = geocode_records([record(**changes)], CITY, boundaries=tiny_boundaries(),
                                address_index=INDEX).records
        assert position_label(out) == label
    assert P["position_address_point"] == "Lage: Adresspunkt (amtlich)"
    assert P["position_stadtteil"] == "Lage ungefähr: Mitte des Stadtteils"


@pytest.fixture(scope="module")
def shipped():
    """The shipped places loaded exactly as the app starts: shipped snapshot, no cache."""
    config = load_config({"ATLAS_CACHE_DIR": str(ROOT / "tests" / "no-such-cache")})
    boundaries, index = startup_geodata(config)
    assert boundaries is not None and index is not None and not index.complete
    return load_resources(RESOURCES, CITY, boundaries, index)


def test_at_least_90_percent_of_house_numbered_places_have_an_address_point(shipped):
    coverage = address_point_coverage(shipped.records, dt.date(2026, 12, 1))
    assert coverage.house_numbered >= 30
    assert coverage.share >= 0.9, coverage


def test_the_address_point_decides_the_district_and_the_check_reports_it(shipped):
    by_id = {r.id: r for r in shipped.records}
    site = by_id["unterkunft-wohncontainer-windmuehlenstrasse-59"]
    assert (site.stadtbezirk, site.stadtteil) == ("Prohlis", "Niedersedlitz")
    assert any("windmuehlenstrasse-59" in w and "„Leuben“" in w and "Prohlis" in w
               for w in shipped.warnings)
    assert by_id["beratung-jugendmigrationsdienst-jmd-dresden"].location_method == METHOD_ADDRESS


def test_check_command_prints_counts_per_precision(capsys, monkeypatch, tmp_path):
    from atlas.resources import main

    monkeypatch.setenv("ATLAS_CACHE_DIR", str(tmp_path))
    assert main(["check", str(RESOURCES)]) == 0
    out = capsys.readouterr().out
    assert texts.PLACE["position_address_point"] in out
    assert texts.RESOURCES["coverage"].split("{")[0] in out
    assert "windmuehlenstrasse-59" in out


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6_371_008.8
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * r * math.asin(math.sqrt(a))


def test_nearby_from_buergerstrasse_68_measures_from_address_points(shipped, shared_dir):
    from atlas.access.roles import filter_for_role
    from atlas.geo.geocode import housenumber_candidates
    from atlas.nearby.search import build_index, current_offers, find_offers
    from atlas.nearby.startpoint import locate_address

    rows = list(csv.DictReader((shared_dir / "facts" / "dresden_address_points.csv")
                               .open(encoding="utf-8")))
    points = {(r["strasse"], r["hausnummer"]): (float(r["lat"]), float(r["lon"])) for r in rows}
    _boundaries, index = startup_geodata(load_config({"ATLAS_CACHE_DIR": "/nonexistent"}))
    start = locate_address("Bürgerstraße 68", index)
    assert (start.lat, start.lon) == pytest.approx(points[("Bürgerstraße", "68")], abs=1e-6)
    public = filter_for_role(shipped.records, "public")
    offers = build_index(current_offers(public, dt.date(2026, 12, 1)), crs=CITY.projected_crs)
    hits = find_offers(offers, start.lat, start.lon, k=5).hits
    assert len(hits) == 5
    for hit in hits:
        r = hit.record
        assert r.location_method == METHOD_ADDRESS and not hit.approximate, r.id
        [here] = [points[(r.street, n)] for n in housenumber_candidates(r.housenumber)
                  if (r.street, n) in points][:1]
        expected = haversine_m(start.lat, start.lon, *here)
        assert hit.distance_m == pytest.approx(expected, rel=0.01, abs=3), r.id
