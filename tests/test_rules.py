"""Each rule of "one home per rule" (issue 16) pinned on the shipped data: every view that
asks the same question gets the same answer."""

from __future__ import annotations

import datetime as dt

import pytest

from atlas.city import load_city
from atlas.citymap.choropleth import count_offers_by_district
from atlas.citymap.filters import FilterState, apply_filters
from atlas.figures.fachplan import count_offers_by_field
from atlas.nearby.search import current_offers
from atlas.profile.build import build_profiles
from atlas.resources import load_resources
from atlas.settings import ROOT

CITY = load_city(ROOT / "resources" / "city.yaml")
TODAY = dt.date(2026, 12, 1)
WINTER_2015 = dt.date(2016, 1, 16)  # the café was open on Saturdays Dec 2015 – Mar 2016
DISTRICTS = CITY.districts([f"{n:02d}" for n in range(100)])
CAFE = "initiative-strehlen-fuer-alle-begegnungscafé"


@pytest.fixture(scope="module")
def records():
    return load_resources(ROOT / "resources", CITY).records


@pytest.fixture(scope="module")
def cafe(records):
    return next(r for r in records if r.id == CAFE)


def _without(records, record):
    return [r for r in records if r.id != record.id]


# --- rule 1: is this offer current on day D? ---------------------------------------------
def test_a_closed_offer_is_current_only_on_a_past_day_within_its_dates(cafe):
    assert not cafe.is_current(TODAY, today=TODAY)
    assert cafe.is_current(WINTER_2015, today=TODAY)
    assert not cafe.is_current(dt.date(2016, 6, 1), today=TODAY)  # after valid_to


def test_the_closed_cafe_counts_nowhere_today(records, cafe):
    districts = [d for d in DISTRICTS if d.name == "Prohlis"]
    kwargs = {"districts": DISTRICTS, "city": CITY, "include_internal": False, "today": TODAY}
    with_cafe = build_profiles(districts, records=records, **kwargs)[0]
    without = build_profiles(districts, records=_without(records, cafe), **kwargs)[0]
    assert CITY.in_district(cafe, "Prohlis")  # the café does lie in Prohlis …
    assert CAFE not in {r.id for r in with_cafe.records}  # … but is neither listed nor mapped
    assert CAFE not in {e.resource_id for g in with_cafe.projects for e in g.entries}
    assert with_cafe.offers_total.value == without.offers_total.value  # … nor counted
    assert [f.value for f in with_cafe.offers_by_field] == [
        f.value for f in without.offers_by_field]
    assert count_offers_by_field(records, TODAY) == count_offers_by_field(
        _without(records, cafe), TODAY)
    assert count_offers_by_district(records, CITY, day=TODAY, today=TODAY) == (
        count_offers_by_district(_without(records, cafe), CITY, day=TODAY, today=TODAY))
    assert cafe not in apply_filters(records, FilterState(), city=CITY, today=TODAY)
    assert cafe not in current_offers(records, TODAY)
    from atlas.export.presentation import map_points

    placed = cafe.model_copy(update={"lat": 51.02, "lon": 13.78,  # its Stadtteil centroid
                                     "location_precision": "stadtteil"})
    assert map_points([placed], internal=False, day=TODAY) == []  # nor on the slide map
    assert len(map_points([placed], internal=False, day=WINTER_2015)) == 1


def test_the_closed_cafe_counts_everywhere_on_a_past_day(records, cafe):
    prohlis = [d for d in DISTRICTS if d.name == "Prohlis"]
    kwargs = {"districts": DISTRICTS, "city": CITY, "include_internal": False}
    then = build_profiles(prohlis, records=records, today=WINTER_2015, **kwargs)[0]
    before = build_profiles(prohlis, records=_without(records, cafe), today=WINTER_2015,
                            **kwargs)[0]
    assert CAFE in {r.id for r in then.records}
    assert then.offers_total.value == before.offers_total.value + 1
    past = count_offers_by_field(records, WINTER_2015)
    assert past["B"] == count_offers_by_field(_without(records, cafe), WINTER_2015)["B"] + 1
    shown = apply_filters(records, FilterState(day=WINTER_2015), city=CITY, today=TODAY)
    assert cafe in shown
    by_district = count_offers_by_district(records, CITY, day=WINTER_2015, today=TODAY)
    assert by_district["Prohlis"] == count_offers_by_district(
        _without(records, cafe), CITY, day=WINTER_2015, today=TODAY)["Prohlis"] + 1


# --- rule 2: which Stadtbezirk does this record belong to? ------------------------------
def test_stadtbezirk_for_reads_the_record_and_lifts_ortschaften(cafe):
    assert CITY.stadtbezirk_for(cafe) == "Prohlis"
    weixdorf = cafe.model_copy(update={"stadtbezirk": "Weixdorf"})
    assert CITY.stadtbezirk_for(weixdorf) == "Klotzsche"
    assert CITY.in_district(weixdorf, "Weixdorf") and CITY.in_district(weixdorf, "Klotzsche")
    assert not CITY.in_district(cafe.model_copy(update={"stadtbezirk": "Klotzsche"}),
                                "Weixdorf")
    assert CITY.stadtbezirk_for(cafe.model_copy(update={"stadtbezirk": None})) is None


def test_the_loader_sets_the_district_from_the_stadtteil_and_the_address_point():
    from atlas.geo.geocode import geocode_records
    from tests.test_geocode import record, tiny_boundaries

    only_stadtteil = record(id="a", stadtteil="Pieschen-Süd")
    point_in_pieschen = record(id="b", lat=51.065, lon=13.765, location_precision="exact",
                               stadtbezirk="Neustadt")
    a, b = geocode_records([only_stadtteil, point_in_pieschen], CITY,
                           boundaries=tiny_boundaries()).records
    assert CITY.stadtbezirk_for(a) == "Pieschen"
    assert CITY.stadtbezirk_for(b) == "Pieschen"  # the address point decides


def test_map_and_profile_count_the_same_accommodation_per_stadtbezirk(records):
    from atlas.citymap.choropleth import accommodation_places_by_district
    from atlas.profile.build import count_accommodation_by_district

    on_map, _ = accommodation_places_by_district(records, CITY, day=TODAY, today=TODAY)
    stadtbezirke = [d for d in DISTRICTS if d.art == "Stadtbezirk"]
    in_profiles = count_accommodation_by_district(records, CITY, stadtbezirke, day=TODAY)
    assert on_map  # the shipped data has accommodation with known places
    assert {name: s.places_active for name, s in in_profiles.items()
            if s.places_active is not None} == on_map


# --- rule 3: is this record internal? -------------------------------------------------
def test_one_internal_predicate_decides_the_role_filter_and_every_mark(records):
    from atlas.access.roles import Role, filter_for_role
    from atlas.citymap.details import place_details
    from atlas.citymap.layers import tooltip_names
    from atlas.profile.district_map import marker_tooltip
    from atlas.profile.sections import to_entry
    from atlas.texts import APP, MAP

    internal = {r.id for r in records if r.is_internal}
    assert internal  # accommodation and internal rows exist in the shipped data
    assert all(r.is_internal for r in records if r.category == "unterkunft")
    assert {r.id for r in filter_for_role(records, Role.PUBLIC)} == (
        {r.id for r in records} - internal)
    assert {r.id for r in filter_for_role(records, Role.KOORDINATION)} == {r.id for r in records}
    district = DISTRICTS[0]
    for r in records:
        marked = {
            "details": (MAP["field_visibility"], MAP["internal_mark"]) in place_details(r),
            "map tooltip": f"[{MAP['internal_mark']}]" in tooltip_names([r]),
            "profile marker": APP["internal_badge"] in marker_tooltip(r),
            "profile entry": to_entry(r, CITY, district).internal,
        }
        assert set(marked.values()) == {r.id in internal}, (r.id, marked)


def test_no_module_decides_internal_by_itself():
    """Only Resource.is_internal compares visibility or category for protection."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    own_rule = re.compile(r"Visibility\.(INTERNAL|PUBLIC)|visibility\s*[!=]=")
    offenders = [
        f"{path.relative_to(root)}:{n}"
        for folder in ("atlas", "ui", "pages")
        for path in sorted((root / folder).rglob("*.py"))
        if path.relative_to(root).as_posix() != "atlas/model.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if own_rule.search(line)
    ]
    assert offenders == []


# --- rule 6: one validation toolkit and one pydantic-error translator -----------------
def test_every_table_reports_an_unknown_column_the_same_way(tmp_path):
    from atlas.figures.tables import SPECS, load_table
    from atlas.texts import VALIDATION
    from tests.test_resources_load import row, write_places

    write_places(tmp_path, [{**row(), "farbe": "blau"}])
    (tmp_path / "service_areas.csv").write_text(
        "id,name,kind,stadtbezirke,source_url,source_date,farbe\n"
        "msa-nord,Nord,msa_region,Neustadt,https://example.org,2019,blau\n", encoding="utf-8")
    (tmp_path / "district_figures.csv").write_text(
        "district,date,metric,value,source_url,source_date,farbe\n"
        "Neustadt,2019,uewh_places,119,https://example.org,2019,blau\n", encoding="utf-8")
    loaded = load_resources(tmp_path, CITY)
    _, figure_problems = load_table(tmp_path / "district_figures.csv",
                                    SPECS["district_figures"], CITY)

    def message(file):
        return VALIDATION["unknown_column"].format(file=file, column="farbe")

    assert [r.id for r in loaded.records] == ["a1"] and loaded.service_areas  # rows still load
    assert message("places.csv") in loaded.warnings
    assert message("service_areas.csv") in [e.reason for e in loaded.rejected]
    assert message("district_figures.csv") in [p.reason for p in figure_problems]


def test_pydantic_errors_read_german_everywhere(tmp_path):
    from atlas.errors import SchemaError
    from atlas.figures.fachplan import load_fachplan
    from tests.test_fachplan_data import MINIMAL
    from tests.test_resources_load import row, write_places

    write_places(tmp_path, [row(name="x" * 400)])
    [error] = load_resources(tmp_path, CITY).rejected
    assert error.column == "name" and "höchstens 300 Zeichen" in error.reason
    path = tmp_path / "fachplan.yaml"
    path.write_text(MINIMAL.replace("paper: V1/19", "paper: [1, 2]"), encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        load_fachplan(path)
    assert "„paper“" in str(caught.value) and "Input should" not in str(caught.value)


def test_no_module_reads_pydantic_errors_itself():
    """Only atlas/places/validation.py looks inside a pydantic ValidationError."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    own_translation = re.compile(r"\.errors\(\)\[|\[\"msg\"\]|\.get\(\"msg\"\)")
    offenders = [
        f"{path.relative_to(root)}:{n}"
        for folder in ("atlas", "ui", "pages")
        for path in sorted((root / folder).rglob("*.py"))
        if path.relative_to(root).as_posix() != "atlas/places/validation.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if own_translation.search(line)
    ]
    assert offenders == []


# --- rule 7: the profile reads the typed figure tables through figure_queries ----------
def test_profile_figures_are_the_figure_queries_answers(records):
    from atlas.figures.queries import latest_district_figure, population_of
    from atlas.figures.tables import load_figures

    figures = load_figures(ROOT / "resources", CITY)
    stadtbezirke = [d for d in DISTRICTS if d.art == "Stadtbezirk"]
    profiles = build_profiles(stadtbezirke, districts=DISTRICTS, records=records,
                              figures=figures, city=CITY, include_internal=False, today=TODAY)
    compared = 0
    for profile in profiles:
        for figure in (profile.uewh_places, profile.gww_places, profile.persons_housed):
            latest = latest_district_figure(figures.district_figures, profile.name, figure.key)
            assert figure.value == (latest.value if latest else None)
            if latest:
                compared += 1
                assert (figure.date, figure.change) == (latest.date, latest.change)
        population = population_of(figures.population, profile.name)
        assert profile.comparison.population.value == (
            population.population if population else None)
    assert compared  # the shipped tables do hold district figures


# --- rule 8: auth settings parsed once --------------------------------------------------
def test_auth_settings_are_parsed_once_into_one_value(tmp_path):
    from atlas.access.auth import AuthMode, auth_settings
    from atlas.settings import load_config

    good = auth_settings(load_config({"ATLAS_AUTH_MODE": " Embedded ",
                                      "ATLAS_SESSION_IDLE_MINUTES": "15",
                                      "ATLAS_CONFIG": str(tmp_path / "none.toml")}))
    assert (good.mode, good.idle_minutes, good.problem, good.signs_in) == (
        AuthMode.EMBEDDED, 15, None, True)
    typo = auth_settings(load_config({"ATLAS_AUTH_MODE": "embeded",
                                      "ATLAS_CONFIG": str(tmp_path / "none.toml")}))
    assert typo.mode is AuthMode.OFF and not typo.signs_in and "embeded" in typo.problem


def test_one_data_version_follows_every_input_file(tmp_path, monkeypatch):
    from ui import data

    resources, cache = tmp_path / "resources", tmp_path / "cache"
    resources.mkdir()
    cache.mkdir()
    monkeypatch.setenv("ATLAS_RESOURCES_DIR", str(resources))
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(cache))
    data.config.clear()
    seen = {data.data_version()}
    for path in (resources / "places.csv", resources / "service_areas.csv",
                 resources / "district_figures.csv", resources / "fachplan.yaml",
                 cache / "manifest.json", cache / "addresses.json"):
        path.write_text("x", encoding="utf-8")
        seen.add(data.data_version())
    assert len(seen) == 7  # every file moved the key on
    assert data.data_version() == data.data_version()  # and nothing else does


def test_slide_colours_live_in_one_place():
    """The writers and the static maps take their colours from atlas.export.slidelayout."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    literal = re.compile(r'"#[0-9a-fA-F]{6}"|RGBColor\(0x|= \(0x')
    offenders = [
        f"{name}:{n}" for name in ("export/slides.py", "export/pdfdeck.py",
                                      "export/staticmap.py")
        for n, line in enumerate((root / "atlas" / name).read_text().splitlines(), 1)
        if literal.search(line)
    ]
    assert offenders == []


def test_no_module_builds_a_source_label_itself():
    """A source's name (title, else web host) comes from atlas.numbers.source_label."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    own_label = re.compile(r'removeprefix\("www\."\)|source_title or .*source_url or')
    offenders = [
        f"{path.relative_to(root)}:{n}"
        for folder in ("atlas", "ui", "pages")
        for path in sorted((root / folder).rglob("*.py"))
        if path.relative_to(root).as_posix() != "atlas/numbers.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if own_label.search(line)
    ]
    assert offenders == []
