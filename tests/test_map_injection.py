"""No text on a map runs as template code: branca re-parses rendered elements as Jinja."""

from __future__ import annotations

from pathlib import Path

import folium

from atlas.city import load_city
from atlas.citymap.basemap import new_map
from atlas.citymap.inert import inert_html, inert_properties
from atlas.model import Category, Precision, Resource

ROOT = Path(__file__).resolve().parent.parent
PAYLOAD = "X{{ 7*7 }}X"
EVALUATED = "X49X"


def _record() -> Resource:
    return Resource(id="evil", name=PAYLOAD, category=Category.INITIATIVE, lat=51.06, lon=13.75,
                    location_precision=Precision.STADTTEIL, source_date="2024")


def _rendered(m: folium.Map) -> str:
    return m.get_root().render()


def test_inert_text_renders_the_same_but_is_no_template():
    text = inert_html("<b>{{ a }}</b>")
    assert "{" not in text and "<b>" not in text
    collection = inert_properties({"features": [{"properties": {"name": PAYLOAD, "nr": 1}}]})
    assert collection["features"][0]["properties"] == {"name": inert_html(PAYLOAD), "nr": 1}


def test_attribution_is_not_evaluated():
    city = load_city(ROOT / "resources" / "city.yaml")
    html = _rendered(new_map(city, tiles="none", data_attribution=PAYLOAD))
    assert EVALUATED not in html


def test_nearby_map_does_not_evaluate_names_or_typed_addresses():
    from atlas.nearby.result_map import build_nearby_map
    from atlas.nearby.search import Hit
    from atlas.nearby.startpoint import StartPoint

    city = load_city(ROOT / "resources" / "city.yaml")
    start = StartPoint(lat=51.05, lon=13.74, label=PAYLOAD, kind="address")
    hit = Hit(record=_record(), distance_m=120.0, walk_minutes=2, approximate=True)
    html = _rendered(build_nearby_map(city, start, [hit], radius_m=1000, tiles="none"))
    assert EVALUATED not in html


def test_profile_map_does_not_evaluate_names():
    from atlas.profile.district_map import PlaceMarkers

    city = load_city(ROOT / "resources" / "city.yaml")
    m = new_map(city, tiles="none")
    PlaceMarkers([_record()]).add_to(m)
    outlines = {"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"name": PAYLOAD},
        "geometry": {"type": "Point", "coordinates": [13.75, 51.06]}}]}
    folium.GeoJson(inert_properties(outlines),
                   tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False)).add_to(m)
    assert EVALUATED not in _rendered(m)
