"""Nearby search: KD-tree results equal brute force, distance maths, validation, fallback."""

from __future__ import annotations

import datetime as dt
import math
import random

import numpy as np
import pytest
import shapely
from pyproj import Transformer

from atlas.city import load_city
from atlas.model import Resource
from atlas.nearby.search import (
    FALLBACK_K,
    NearbyError,
    OfferFilter,
    build_index,
    current_offers,
    find_offers,
    haversine_m,
    language_label,
    nearest,
    nearest_naive,
    route_url,
    validate_k,
    validate_point,
    validate_radius,
    walking_minutes,
    within_radius,
)
from atlas.numbers import format_distance
from atlas.places.opening_hours import is_open
from atlas.settings import ROOT

CITY = load_city(ROOT / "resources" / "city.yaml")


def offer(i: int, lat: float, lon: float, **kw) -> Resource:
    base = {"id": f"r{i}", "name": f"Angebot {i}", "category": "beratung",
            "lat": lat, "lon": lon, "location_precision": "exact", "source_date": "2026"}
    return Resource(**{**base, **kw})


def random_offers(n: int, seed: int) -> list[Resource]:
    rnd = random.Random(seed)
    return [offer(i, rnd.uniform(50.98, 51.17), rnd.uniform(13.59, 13.95)) for i in range(n)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_nearest_equals_brute_force(seed):
    records = random_offers(3000, seed)
    index = build_index(records)
    rnd = random.Random(seed + 100)
    for _ in range(25):
        lat, lon = rnd.uniform(50.98, 51.17), rnd.uniform(13.59, 13.95)
        k = rnd.choice([1, 5, 20, 200])
        got = [h.record.id for h in nearest(index, lat, lon, k)]
        assert got == [r.id for r in nearest_naive(records, lat, lon, k)]


def test_within_radius_equals_brute_force_and_is_sorted():
    records = random_offers(3000, 7)
    index = build_index(records)
    lat, lon = 51.05, 13.74
    for radius in (500, 1500, 4000):
        hits = within_radius(index, lat, lon, radius)
        expected = [r.id for r in records if haversine_m(lat, lon, r.lat, r.lon) <= radius]
        assert sorted(h.record.id for h in hits) == sorted(expected)
        distances = [h.distance_m for h in hits]
        assert distances == sorted(distances) and all(d <= radius for d in distances)


def test_nearest_with_filter_equals_filtered_brute_force():
    records = [r.model_copy(update={"category": "regelangebot"}) if i % 7 == 0 else r
               for i, r in enumerate(random_offers(2000, 9))]
    index = build_index(records)
    keep = [r for r in records if r.category == "regelangebot"]
    got = nearest(index, 51.05, 13.74, 10, keep=lambda r: r.category == "regelangebot")
    assert [h.record.id for h in got] == [r.id for r in nearest_naive(keep, 51.05, 13.74, 10)]


def test_utm_to_great_circle_ratio_stays_within_the_index_slack():
    rng = np.random.default_rng(0)
    lat1, lon1 = rng.uniform(50.9, 51.25, 20000), rng.uniform(13.45, 14.05, 20000)
    lat2, lon2 = lat1 + rng.normal(0, 0.05, 20000), lon1 + rng.normal(0, 0.08, 20000)
    to_utm = Transformer.from_crs("EPSG:4326", "EPSG:25833", always_xy=True)
    (x1, y1), (x2, y2) = to_utm.transform(lon1, lat1), to_utm.transform(lon2, lat2)
    ratio = np.hypot(x2 - x1, y2 - y1) / haversine_m(lat1, lon1, lat2, lon2)
    assert 1.0 < ratio.min() and ratio.max() < 1.01


def test_haversine_known_distances():
    # One degree of latitude on the mean sphere is 111.195 km.
    assert haversine_m(51.0, 13.7, 52.0, 13.7) == pytest.approx(111_195, abs=1)
    # Dresden Hbf -> Altmarkt, about 1 km (reference: geodesic 975 m).
    assert haversine_m(51.0404, 13.7320, 51.0493, 13.7381) == pytest.approx(1081, abs=15)
    assert haversine_m(51.05, 13.74, 51.05, 13.74) == 0


def test_walking_estimate_uses_speed_and_detour():
    assert walking_minutes(750) == 13  # 750 m × 1.3 / 75 m/min = 13 min
    assert walking_minutes(1) == 1
    assert walking_minutes(2000) == math.ceil(2000 * 1.3 / 75)


def test_accommodation_never_enters_the_index():
    records = [offer(1, 51.05, 13.74), offer(2, 51.05, 13.741, category="unterkunft"),
               Resource(id="r3", name="ohne Lage", category="beratung", source_date="2026")]
    index = build_index(records)
    assert [r.id for r in index.records] == ["r1"]
    assert [h.record.id for h in nearest(index, 51.05, 13.741, 5)] == ["r1"]


@pytest.mark.parametrize("value, message", [
    ("100", "Der Umkreis 100 m liegt außerhalb des erlaubten Bereichs"),
    (20000, "Der Umkreis 20.000 m liegt außerhalb"),
    ("weit", "Der Umkreis „weit“ ist keine Zahl"),
    ("nan", "ist keine Zahl"),
])
def test_bad_radius(value, message):
    with pytest.raises(NearbyError, match=message):
        validate_radius(value)


def test_good_radius_and_k():
    assert validate_radius("1500") == 1500
    assert validate_radius("2,5e3") == 2500
    assert validate_k("10") == 10
    with pytest.raises(NearbyError, match="Die Anzahl „0“"):
        validate_k(0)
    with pytest.raises(NearbyError, match="„viele“"):
        validate_k("viele")


def test_point_outside_dresden():
    assert validate_point("51.05", "13.74", CITY) == (51.05, 13.74)
    with pytest.raises(NearbyError, match="außerhalb Dresdens") as err:
        validate_point(52.52, 13.405, CITY)  # Berlin
    assert "52.52000" in str(err.value)
    with pytest.raises(NearbyError, match="keine gültigen Zahlen"):
        validate_point("x", "13.7", CITY)


def test_point_outside_the_city_area_though_inside_the_bbox():
    area = shapely.box(13.70, 51.00, 13.80, 51.10)
    assert validate_point(51.05, 13.75, CITY, area) == (51.05, 13.75)
    with pytest.raises(NearbyError, match="außerhalb Dresdens"):
        validate_point(51.15, 13.62, CITY, area)


def test_empty_radius_falls_back_to_the_nearest_five_and_says_so():
    records = [offer(i, 51.10 + i * 0.001, 13.90) for i in range(8)]
    result = find_offers(build_index(records), 51.00, 13.65, radius_m=500)
    assert result.fallback and len(result.hits) == FALLBACK_K
    assert "Im Umkreis von 500 m keine Angebote gefunden" in result.notice
    assert [h.record.id for h in result.hits] == ["r0", "r1", "r2", "r3", "r4"]
    assert find_offers(build_index([]), 51.0, 13.7, radius_m=500).notice


def test_filters_category_handlungsfeld_language_and_open_now():
    monday_10 = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)
    records = [
        offer(1, 51.050, 13.740, handlungsfelder=("S",), languages=("ar", "de"),
              opening_hours="Mo-Fr 08:00-16:00"),
        offer(2, 51.051, 13.740, category="regelangebot", handlungsfelder=("F",),
              opening_hours="Sa 10:00-12:00"),
        offer(3, 51.052, 13.740, handlungsfelder=("S", "G"), languages=("uk",)),
    ]
    index = build_index(records)

    def ids(**kw):
        result = find_offers(index, 51.05, 13.74, radius_m=1000, offer_filter=OfferFilter(**kw),
                             open_state=lambda r: is_open(r.opening_hours, monday_10))
        return [h.record.id for h in result.hits if not result.fallback]

    assert ids() == ["r1", "r2", "r3"]
    assert ids(categories=frozenset({"regelangebot"})) == ["r2"]
    assert ids(handlungsfelder=frozenset({"S"})) == ["r1", "r3"]
    assert ids(languages=frozenset({"uk", "ar"})) == ["r1", "r3"]
    assert ids(open_now=True) == ["r1", "r3"]  # r3: hours unknown, kept


def test_approximate_flag_and_labels():
    records = [offer(1, 51.05, 13.74, location_precision="stadtteil")]
    hit = nearest(build_index(records), 51.06, 13.74, 1)[0]
    assert hit.approximate
    assert format_distance(hit.distance_m, approximate=True).startswith("ca. 1,1 km")
    assert format_distance(349) == "350 m"
    url = route_url(51.05, 13.74, 51.06, 13.75)
    assert url.startswith("https://www.openstreetmap.org/directions?")
    assert "route=51.050000%2C13.740000%3B51.060000%2C13.750000" in url


def test_current_offers_drop_closed_and_future_places():
    day = dt.date(2026, 11, 26)
    records = [offer(1, 51.05, 13.74), offer(2, 51.05, 13.74, status="geschlossen"),
               offer(3, 51.05, 13.74, valid_to="2025-03"),
               offer(4, 51.05, 13.74, valid_from="2027"),
               offer(5, 51.05, 13.74, category="unterkunft")]
    assert [r.id for r in current_offers(records, day)] == ["r1"]


def test_language_labels_are_german():
    assert language_label("ar") == "Arabisch (ar)"
    assert language_label("uk") == "Ukrainisch (uk)"
    assert language_label("xx-unknown") == "xx-unknown"
