"""Unit tests of the map's pure parts: payload, filters, view state, areas, colours, escaping."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from karte_testdata import INTERNAL_NAMES, PUBLIC_NAMES, records

from atlas import texts
from atlas.access.roles import Role, filter_for_role
from atlas.city import load_city
from atlas.citymap.areas import find_area, locate_area, msa_region_areas, stadtbezirk_areas
from atlas.citymap.build import build_base_map, build_place_group, legend_html
from atlas.citymap.choropleth import (
    NO_DATA,
    MetricValues,
    accommodation_places_by_district,
    colour_areas,
    count_offers_by_district,
    latest_metric_values,
)
from atlas.citymap.details import export_row, place_details
from atlas.citymap.filters import FilterState, apply_filters
from atlas.citymap.layers import build_place_payloads, places_at, script_json, tooltip_text
from atlas.citymap.params import ViewState, parse_query_params, to_query_params
from atlas.citymap.symbols import SYMBOLS, symbol_svg
from atlas.markup import escape_markdown
from atlas.model import Category
from atlas.settings import ROOT

TODAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def city():
    return load_city(ROOT / "resources" / "city.yaml")


def _names(recs):
    return {r.name for r in recs}


def _square(x0, y0, x1, y1):
    return {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}


def _districts():
    """Two made-up Stadtbezirke and one Ortschaft, side by side."""
    feats = [
        ("Neustadt", "Stadtbezirk", _square(13.70, 51.05, 13.75, 51.10)),
        ("Pieschen", "Stadtbezirk", _square(13.75, 51.05, 13.80, 51.10)),
        ("Weixdorf", "Ortschaft", _square(13.75, 51.08, 13.80, 51.10)),
    ]
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": g, "properties": {"name": n, "art": a}}
        for n, a, g in feats]}


# --- payload -------------------------------------------------------------------------
def test_public_payload_has_one_feature_per_position_and_no_internal_record():
    public = filter_for_role(records(), Role.PUBLIC)
    payloads = build_place_payloads(public)
    features = [f for fc in payloads.values() for f in fc["features"]]
    positioned = {(r.category, round(r.lat, 5), round(r.lon, 5)) for r in public if r.has_position}
    assert len(features) == len(positioned)
    text = script_json(payloads)
    for name in INTERNAL_NAMES:
        assert name not in text
    assert "unterkunft" not in payloads


def test_places_at_one_address_are_grouped_within_a_category():
    recs = [r.model_copy(update={"category": Category.MSA}) if r.id == "t-buero" else r
            for r in records()]
    payloads = build_place_payloads(recs)
    grouped = [f for f in payloads["msa"]["features"] if f["properties"].get("n") == 2]
    assert len(grouped) == 1
    assert "Test-Vorortbüro Nord" in grouped[0]["properties"]["t"]
    lon, lat = grouped[0]["geometry"]["coordinates"]
    assert {r.id for r in places_at(recs, lat, lon)} == {"t-buero", "t-msa"}


def test_coordinator_payload_marks_internal_and_approximate():
    payloads = build_place_payloads(records())
    heim = payloads["unterkunft"]["features"][0]["properties"]
    assert heim["i"] == 1 and f"[{texts.MAP['internal_mark']}]" in heim["t"]
    treff = next(f for f in payloads["initiative"]["features"]
                 if "Treff" in f["properties"]["t"])
    assert treff["properties"]["a"] == 1
    assert tooltip_text(payloads["initiative"], treff).endswith(
        " – " + texts.PLACE["position_stadtteil"])


def test_position_labels_travel_once_per_category_not_once_per_marker():
    from bench.map import synthetic_records

    payloads = build_place_payloads(synthetic_records(2000))
    for collection in payloads.values():
        assert len(collection["labels"]) <= 3 < len(collection["features"])
    assert script_json(payloads).count(texts.PLACE["position_stadtteil"]) <= len(payloads)


def test_payload_json_cannot_close_a_script_element():
    text = script_json(build_place_payloads(records()))
    assert "<" not in text and ">" not in text
    decoded = json.loads(text)
    assert any("<script>" in f["properties"]["t"]
               for fc in decoded.values() for f in fc["features"])


def test_place_group_renders_payload_not_one_marker_object_per_place():
    group = build_place_group(build_place_payloads(records() * 1))
    assert len(group._children) == 1  # one layer element holding the whole payload


# --- filters -------------------------------------------------------------------------
def test_default_filter_hides_closed_places(city):
    shown = apply_filters(records(), FilterState(), city=city, today=TODAY)
    assert "Test-Altcafé geschlossen" not in _names(shown)
    past = apply_filters(records(), FilterState(day=dt.date(2018, 1, 1)), city=city, today=TODAY)
    assert "Test-Altcafé geschlossen" in _names(past)


def test_filters_by_category_field_district_and_text(city):
    recs = records()
    assert _names(apply_filters(recs, FilterState(categories=("msa",)), city=city,
                                today=TODAY)) == {"Test-MSA Nord"}
    by_field = apply_filters(recs, FilterState(handlungsfelder=("F",)), city=city, today=TODAY)
    assert _names(by_field) == {"Test-Treff Neustadt", "Test-Dorftreff Weixdorf"}
    klotzsche = apply_filters(recs, FilterState(districts=("Klotzsche",)), city=city,
                              today=TODAY)
    assert _names(klotzsche) == {"Test-Dorftreff Weixdorf"}  # Ortschaft counts for it
    text = apply_filters(recs, FilterState(text="sprachcafé"), city=city, today=TODAY)
    assert _names(text) == {"Test-Treff Neustadt"}  # found in the notes
    provider = apply_filters(recs, FilterState(text="TEST-VEREIN"), city=city, today=TODAY)
    assert _names(provider) == {"Test-MSA Nord"}


# --- view state ----------------------------------------------------------------------
def test_view_state_round_trip(city):
    state = ViewState(FilterState(("beratung", "msa"), ("S",), ("Langebrück/Schönborn",),
                                  "Café", dt.date(2019, 3, 31)), "stadtteile", "offers", "05")
    params = to_query_params(state)
    parsed, notices = parse_query_params(params, city=city)
    assert parsed == state and notices == []


def test_history_stichtag_round_trips_only_with_a_day(city):
    state = ViewState(FilterState(day=dt.date(2026, 6, 1), history=True))
    assert to_query_params(state) == {"datum": "2026-06-01", "verlauf": "1"}
    assert parse_query_params(to_query_params(state), city=city) == (state, [])
    alone, notices = parse_query_params({"verlauf": "1"}, city=city)  # no day: today's data
    assert not alone.filters.history and notices == []
    odd, notices = parse_query_params({"datum": "2026-06-01", "verlauf": "ja"}, city=city)
    assert not odd.filters.history and "„ja“" in " ".join(notices)


def test_default_view_has_empty_url(city):
    assert to_query_params(ViewState()) == {}
    assert parse_query_params({}, city=city) == (ViewState(), [])


def test_unknown_values_are_ignored_with_notice(city):
    parsed, notices = parse_query_params(
        {"hf": "S,X", "kat": "zoo", "bezirk": "Atlantis", "datum": "gestern",
         "ebene": "welt"}, city=city)
    assert parsed.filters.handlungsfelder == ("S",)
    assert parsed.filters.categories == () and parsed.filters.districts == ()
    assert parsed.filters.day is None and parsed.level == "stadtbezirke"
    joined = " ".join(notices)
    for bad in ("X", "zoo", "Atlantis", "gestern", "welt"):
        assert f"„{bad}“" in joined


def test_hf_link_from_fachplan(city):
    parsed, _ = parse_query_params({"hf": "s"}, city=city)
    assert parsed.filters.handlungsfelder == ("S",)


# --- areas and choropleth ------------------------------------------------------------
def test_msa_region_dissolves_its_districts(city):
    class Region:
        id, name, kind, provider = "nord", "Region Nord", "msa_region", "Test <e.V.>"
        stadtbezirke = ("Neustadt", "Pieschen", "Weixdorf")

    areas = msa_region_areas(_districts(), [Region()], city)
    assert len(areas["features"]) == 1
    assert areas["features"][0]["geometry"]["type"] == "Polygon"  # one shape, no seams
    assert locate_area(areas, 51.07, 13.77)["id"] == "nord"
    assert locate_area(areas, 51.0, 13.0) is None


def test_profile_and_map_agree_which_region_covers_a_district(city):
    """A region may name its districts by slug or alias; the profile's MSA section and the
    map's region outline both read them through City.canonical_districts."""
    from atlas.city import District
    from atlas.profile.sections import msa_regions_for

    class Region:
        id, name, kind, provider = "nord", "Region Nord", "msa_region", ""
        stadtbezirke = ("neustadt", "Pieschen")  # a slug and a name

    districts = {n: District(n, "Stadtbezirk", ()) for n in ("Neustadt", "Plauen")}
    assert [r.id for r in msa_regions_for([Region()], districts["Neustadt"], city)] == ["nord"]
    assert msa_regions_for([Region()], districts["Plauen"], city) == []

    class Ortschaft(Region):  # named by an alias of the configured unit
        id, stadtbezirke = "langebrueck", ("Langebrück",)

    unit = District("Langebrück/Schönborn", "Ortschaft", (), "Klotzsche")
    assert [r.id for r in msa_regions_for([Region(), Ortschaft()], unit, city)] == ["langebrueck"]
    assert locate_area(msa_region_areas(_districts(), [Region()], city), 51.07, 13.72)["id"] \
        == "nord"
    assert city.canonical_districts(["Langebrück", "langebrueck-schoenborn", "Atlantis"]) == (
        "Langebrück/Schönborn", "Atlantis")


def test_stadtbezirk_level_leaves_out_ortschaften():
    areas = stadtbezirk_areas(_districts())
    assert [f["properties"]["name"] for f in areas["features"]] == ["Neustadt", "Pieschen"]
    assert find_area(areas, "pieschen")["profile"] == "pieschen"


def test_districts_without_data_are_no_data_not_zero():
    metric = MetricValues("Personen", {"Neustadt": 0}, "2019-03-31", "Quelle X")
    coloured = colour_areas(stadtbezirk_areas(_districts()), metric)
    fills = {f["properties"]["name"]: f["properties"]["fill"] for f in coloured["features"]}
    assert fills["Pieschen"] == NO_DATA and fills["Neustadt"] != NO_DATA
    labels = {f["properties"]["name"]: f["properties"]["label"] for f in coloured["features"]}
    assert texts.KEINE_ANGABE in labels["Pieschen"] and labels["Neustadt"].endswith(" 0")


def test_legend_shows_date_and_source():
    metric = MetricValues("Personen", {"Neustadt": 10}, "2019-03-31", "Quelle <X>")
    text = legend_html(["beratung"], metric)
    assert "31.03.2019" in text and "Quelle &lt;X&gt;" in text
    assert texts.MAP["legend_no_data"] in text


def test_counts_return_numbers_only(city):
    sums, date = accommodation_places_by_district(records(), city, day=TODAY)
    assert sums == {"Neustadt": 50} and date == "2024-01"
    offers = count_offers_by_district(records(), city, day=TODAY)
    assert offers["Klotzsche"] == 1 and "Prohlis" in offers  # internal counsel counted
    assert all(isinstance(v, int) for v in offers.values())


def test_latest_metric_values_picks_best_covered_date():
    class Row:
        def __init__(self, district, date, value):
            self.district, self.date, self.value = district, date, value
            self.metric, self.source_label = "persons_housed", "Amt"

    rows = [Row("Neustadt", "2017-01", 5), Row("Pieschen", "2017-01", 6),
            Row("Neustadt", "2019-03-31", 7)]
    values = latest_metric_values(rows, "persons_housed", label="P",
                                  names=["Neustadt", "Pieschen"])
    assert values.date == "2017-01" and values.values == {"Neustadt": 5.0, "Pieschen": 6.0}
    assert latest_metric_values([], "persons_housed", label="P", names=[]).values == {}


# --- escaping and symbols ------------------------------------------------------------
def test_markdown_escape_keeps_markup_as_text():
    escaped = escape_markdown("<script>alert('x')</script> **fett** [a](b)")
    assert "<" not in escaped.replace("\\<", "")
    assert "\\*\\*fett\\*\\*" in escaped


def test_details_say_keine_angabe_and_keep_raw_text():
    rec = next(r for r in records() if r.id == "t-treff")
    lines = dict(place_details(rec))
    assert lines[texts.MAP["field_provider"]] == texts.KEINE_ANGABE
    assert lines[texts.MAP["field_source_date"]] == "Mai 2024"
    html_rec = next(r for r in records() if r.id == "t-html")
    assert export_row(html_rec)["name"].startswith("<script>")


def test_every_category_has_its_own_symbol():
    assert len({(s.colour, s.shape) for s in SYMBOLS.values()}) == len(SYMBOLS)
    assert 'stroke-dasharray' in symbol_svg("beratung", approximate=True)
    assert 'stroke-dasharray' not in symbol_svg("beratung")


def test_base_map_references_no_cdn(city):
    m = build_base_map(city, tiles="none", tiles_attribution="", areas=stadtbezirk_areas(
        _districts()), metric=None, categories=["beratung"], data_attribution="Test")
    group = build_place_group(build_place_payloads(records()))
    group.add_to(m)
    html = m.get_root().render()
    for cdn in ("jsdelivr", "unpkg", "cdnjs", "code.jquery", "bootstrapcdn", "googleapis"):
        assert cdn not in html
    assert "/app/static/vendor/markercluster/leaflet.markercluster.js" in html
    assert PUBLIC_NAMES  # fixture sanity


def test_template_syntax_in_names_is_never_evaluated(city):
    rec = records()[0].model_copy(update={"name": "{{ 'zz' ~ 'yy' }} {% if 1 %}ja{% endif %}"})
    m = build_base_map(city, tiles="none", tiles_attribution="", areas=None, metric=None,
                       categories=[], data_attribution="")
    build_place_group(build_place_payloads([rec])).add_to(m)
    rendered = m.get_root().render()
    assert "zzyy" not in rendered
    assert "\\u007b{ 'zz' ~ 'yy' }}" in rendered
