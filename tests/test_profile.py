"""build_profile on small hand-made, Neustadt-like data: figures, structures, protection."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from atlas import texts
from atlas.access.disclosure import protect_summary
from atlas.city import District, load_city
from atlas.figures.tables import CapacityFigure, DistrictFigure, Figures, PopulationFigure
from atlas.model import Resource, ServiceArea
from atlas.profile.build import (
    AccommodationSummary,
    build_profile,
    count_accommodation_by_district,
)
from atlas.profile.chart import timeline_chart, timeline_rows
from atlas.profile.district_map import build_profile_map
from atlas.settings import ROOT

FACHPLAN = "Präsentation „Fachplan Asyl und Integration 2022“, V2927/19"
TODAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def city():
    return load_city(ROOT / "resources" / "city.yaml")


def square(x: float, y: float, size: float = 0.01) -> dict:
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.fixture(scope="module")
def bounds():
    """Two Neustadt Stadtteile side by side and the district around them."""
    def st_feature(nr, name, x):
        return {"type": "Feature", "geometry": square(x, 51.06),
                "properties": {"nr": nr, "name": name, "stadtbezirk": "Neustadt"}}

    stadtteile = {"type": "FeatureCollection", "features": [
        st_feature("11", "Innere Neustadt", 13.74), st_feature("12", "Leipziger Vorstadt", 13.75),
    ]}
    district = {"type": "Feature", "geometry": {
        "type": "Polygon",
        "coordinates": [[[13.74, 51.06], [13.76, 51.06], [13.76, 51.07], [13.74, 51.07],
                         [13.74, 51.06]]]},
        "properties": {"name": "Neustadt", "slug": "neustadt", "art": "Stadtbezirk",
                       "parent": None, "stadtteile": ["11", "12"]}}
    districts = {"type": "FeatureCollection", "features": [district]}
    manifest = {"attribution": "Landeshauptstadt Dresden, opendata.dresden.de",
                "licence": "dl-de/by-2-0", "retrieved_at": "2026-11-20T10:00:00+00:00"}
    return SimpleNamespace(stadtteile=stadtteile, stadtteile_display=stadtteile,
                           districts=districts, districts_display=districts, manifest=manifest,
                           attribution=manifest["attribution"])


NEUSTADT = District("Neustadt", "Stadtbezirk", ("11", "12"))
PIESCHEN = District("Pieschen", "Stadtbezirk", ("21",))
WEIXDORF = District("Weixdorf", "Ortschaft", ("35",), "Klotzsche")


def res(id_: str, category: str, **kw) -> Resource:
    base = {"id": id_, "name": kw.pop("name", id_), "category": category,
            "stadtbezirk": "Neustadt", "source_date": "2024-12",
            "source_url": f"https://example.org/{id_}"}
    return Resource(**{**base, **kw})


@pytest.fixture(scope="module")
def records():
    return [
        res("msa-afropa", "msa", name="Afropa e.V. – MSA Region Nord", provider="Afropa e.V.",
            service_area="msa-nord", handlungsfelder=("M",)),
        res("vob-nord", "vorortbuero", name="Integrationsbüro Dresden-Nord (Weltclub)",
            street="Königsbrücker Str.", housenumber="13", postcode="01099",
            phone="0351 000", service_area="msa-nord", lat=51.065, lon=13.745,
            location_precision="exact"),
        res("kuemmerin", "netzwerk", name="Neustadtkümmerin", handlungsfelder=("Q",)),
        res("montagscafe", "initiative", name="Montagscafé", handlungsfelder=("S", "B"),
            description="Begegnung und Beratung am Montag", website="https://example.org/mc",
            lat=51.061, lon=13.741, location_precision="stadtteil"),
        res("bibliothek", "regelangebot", name="Bibliothek Neustadt", handlungsfelder=("R", "S")),
        res("ohne-hf", "initiative", name="Kulturelle Initiative",
            stadtteil="Leipziger Vorstadt"),  # the loader sets the district from the Stadtteil
        res("k9", "unterkunft", name="ÜWH K9", street="Katharinenstraße", housenumber="9",
            capacity=66, valid_from="2015-10", valid_to="2025-06", status="geschlossen",
            lat=51.066, lon=13.752, location_precision="exact"),
        res("new-site", "unterkunft", name="Neue Unterkunft", capacity=40, valid_from="2024-01",
            status="aktiv"),
        res("secret", "initiative", name="Interne Runde", visibility="internal"),
        res("pieschen-ini", "initiative", name="Pieschen für alle", stadtbezirk="Pieschen"),
    ]


@pytest.fixture(scope="module")
def areas():
    return [ServiceArea(id="msa-nord", name="Nord", kind="msa_region",
                        stadtbezirke=("Neustadt", "Pieschen", "Klotzsche", "Loschwitz",
                                      "Weixdorf", "Langebrück/Schönborn", "Schönfeld-Weißig"),
                        provider="Afropa e.V.", source_url="https://example.org/msa",
                        source_date="2019-02-14")]


@pytest.fixture(scope="module")
def tables():
    def row(district, date, metric, value, **kw):
        return DistrictFigure(district=district, date=date, metric=metric, value=value,
                              source_url=kw.get("url"), source_title=kw.get("title"),
                              source_date=kw.get("source_date", date), notes=kw.get("notes"))

    return Figures(
        district_figures=(
            row("Neustadt", "2019", "uewh_places", 119, title=FACHPLAN),
            row("Neustadt", "2019", "gww_places", 192, title=FACHPLAN),
            row("Neustadt", "2016-05-06", "persons_housed", 510, url="https://example.org/dnn"),
            row("Neustadt", "2019-03-31", "persons_housed", 251, url="https://example.org/dnn2",
                source_date="2019-06"),
            row("Pieschen", "2016-05-06", "persons_housed", 237, url="https://example.org/dnn"),
        ),
        capacity=(CapacityFigure(date="2019-03-31", segment="gesamt", persons_housed=2718,
                                 source_url="https://example.org/dnn2", source_date="2019-06"),),
        population=(PopulationFigure(level="stadtbezirk", district="Neustadt", name="Neustadt",
                                     reference_date="2026-06-30", population=53633,
                                     foreigners=5000, source_title="Einwohner 30.06.2026",
                                     source_date="2026-06-30"),),
    )


def neustadt(city, records, areas, tables, bounds, *, internal=False, **kw):
    return build_profile(NEUSTADT, records=records, service_areas=areas, figures=tables,
                         boundaries=bounds, city=city, include_internal=internal,
                         today=TODAY, **kw)


def test_key_figures_with_date_source_and_change(city, records, areas, tables, bounds):
    p = neustadt(city, records, areas, tables, bounds)
    uewh = p.uewh_places
    assert (uewh.value, uewh.date, uewh.source) == (119, "2019", FACHPLAN)
    assert p.gww_places.value == 192
    assert p.persons_housed.value == 251
    assert p.persons_housed.change == 251 - 510
    assert p.persons_housed.previous_date == "2016-05-06"
    assert p.persons_housed.source_url == "https://example.org/dnn2"


def test_header_stadtteile_and_bbox(city, records, areas, tables, bounds):
    p = neustadt(city, records, areas, tables, bounds)
    assert (p.name, p.slug, p.art) == ("Neustadt", "neustadt", "Stadtbezirk")
    assert p.stadtteile == ("Innere Neustadt", "Leipziger Vorstadt")
    assert p.bbox == pytest.approx((13.74, 51.06, 13.76, 51.07))


def test_structures_msa_vorortbuero_network(city, records, areas, tables, bounds):
    s = neustadt(city, records, areas, tables, bounds).structures
    assert [(r.name, r.provider) for r in s.msa_regions] == [("Nord", "Afropa e.V.")]
    assert [e.provider for e in s.msa] == ["Afropa e.V."]
    office = s.vorortbueros[0]
    assert office.address.startswith("Königsbrücker Str. 13")
    assert office.contact == "0351 000" and office.located_in is None
    assert [e.name for e in s.network_nodes] == ["Neustadtkümmerin"]


def test_neighbour_district_sees_the_regions_office(city, records, areas, tables, bounds):
    p = build_profile(PIESCHEN, records=records, service_areas=areas, figures=tables,
                      boundaries=None, city=city, include_internal=False)
    assert [e.located_in for e in p.structures.vorortbueros] == ["Neustadt"]
    assert [e.name for g in p.projects for e in g.entries] == ["Pieschen für alle"]


def test_projects_grouped_by_first_handlungsfeld(city, records, areas, tables, bounds):
    p = neustadt(city, records, areas, tables, bounds)
    groups = {g.code: [e.name for e in g.entries] for g in p.projects}
    assert groups == {"R": ["Bibliothek Neustadt"], "S": ["Montagscafé"],
                      "": ["Kulturelle Initiative"]}
    assert [g.code for g in p.projects] == ["R", "S", ""]
    montag = p.projects[1].entries[0]
    assert montag.line == "Begegnung und Beratung am Montag"
    assert montag.link == "https://example.org/mc"


def test_public_profile_has_no_accommodation_or_internal_record(city, records, areas, tables,
                                                               bounds):
    counts = {"Neustadt": AccommodationSummary(2, 1, 40, "2024-12")}
    p = neustadt(city, records, areas, tables, bounds, accommodation=counts)
    ids = {r.id for r in p.records}
    assert "k9" not in ids and "new-site" not in ids and "secret" not in ids
    assert p.sites == ()
    assert p.accommodation == protect_summary(counts["Neustadt"], 3,
                                              step=dt.date(TODAY.year - 1, 12, 31))
    assert p.accommodation.sites_total is None  # 2 sites: "weniger als 3" (atlas.access.disclosure)
    everything = repr(p)
    assert "Katharinenstraße" not in everything and "Interne Runde" not in everything


def test_internal_profile_shows_sites_with_addresses(city, records, areas, tables, bounds):
    p = neustadt(city, records, areas, tables, bounds, internal=True)
    assert [s.name for s in p.sites] == ["ÜWH K9", "Neue Unterkunft"]
    assert p.sites[0].address.startswith("Katharinenstraße 9")
    assert p.accommodation.sites_total == 2 and p.accommodation.sites_active == 1
    assert p.accommodation.places_active == 40
    assert any(e.internal for g in p.projects for e in g.entries)


def test_offers_by_handlungsfeld_and_per_1000(city, records, areas, tables, bounds):
    p = neustadt(city, records, areas, tables, bounds)
    assert p.offers_total.value == 6  # msa, office, network, 3 projects
    by_code = {f.key: f.value for f in p.offers_by_field}
    assert by_code["S"] == 2 and by_code["R"] == 1 and by_code["W"] == 0
    assert p.comparison.population.value == 53633
    assert p.comparison.offers_per_1000.value == pytest.approx(round(6000 / 53633, 2))


def test_share_of_city_only_where_a_total_exists(city, records, areas, tables, bounds):
    c = neustadt(city, records, areas, tables, bounds).comparison
    assert c.share_persons.value == pytest.approx(9.2)
    assert c.share_persons.date == "2019-03-31"
    assert c.share_places.value is None  # no citywide ÜWH places for 2019


def test_sources_and_attributions(city, records, areas, tables, bounds):
    p = neustadt(city, records, areas, tables, bounds)
    titles = {s.title: s.date for s in p.sources}
    by_url = {s.url: s for s in p.sources}
    assert titles[FACHPLAN] == "2019"
    # a source without a title is named by its host (atlas.numbers.source_label)
    assert (by_url["https://example.org/dnn2"].title, by_url["https://example.org/dnn2"].date) \
        == ("example.org", "2019-06")
    assert by_url["https://example.org/msa"].date == "2019-02-14"
    assert "https://example.org/vob-nord" in by_url
    assert any("dl-de/by-2-0" in a and "opendata.dresden.de" in a for a in p.attributions)
    assert texts.PROFILE["population_licence"] in p.attributions


def test_missing_data_gives_none_everywhere(city, areas):
    p = build_profile(WEIXDORF, records=[], service_areas=areas, figures=None, boundaries=None,
                      city=city, include_internal=False)
    assert [f.value for f in p.key_figures] == [None, None, None, 0]
    assert p.comparison.share_places.value is None and p.comparison.population.value is None
    assert p.comparison.offers_per_1000.value is None
    assert p.projects == () and p.structures.vorortbueros == ()
    assert [r.name for r in p.structures.msa_regions] == ["Nord"]
    assert p.bbox is None and p.stadtteile == ()
    assert [s.title for s in p.sources] == ["https://example.org/msa"]  # only the region's


def test_accommodation_counts_per_district(city, records):
    counts = count_accommodation_by_district(records, city, [NEUSTADT, PIESCHEN],
                                             day=TODAY)
    assert counts["Neustadt"].sites_total == 2 and counts["Neustadt"].sites_active == 1
    assert counts["Neustadt"].places_active == 40
    assert counts["Pieschen"].sites_total == 0 and counts["Pieschen"].places_active is None


def test_timeline_rows_open_sites_run_to_today(city, records, areas, tables, bounds):
    p = neustadt(city, records, areas, tables, bounds, internal=True)
    rows = timeline_rows(p.sites, TODAY)
    assert rows[0]["end"] == "2025-06-30" and rows[1]["end"] == TODAY.isoformat()
    assert rows[1][texts.PROFILE["timeline_to"]] == texts.PROFILE["timeline_open"]
    assert timeline_chart(p.sites, TODAY).to_dict()["mark"]["type"] == "bar"


def test_map_is_fitted_to_the_district_with_markers(city, records, areas, tables, bounds):
    p = neustadt(city, records, areas, tables, bounds)
    html = build_profile_map(p, city, bounds, tiles="none").get_root().render()
    assert "fitBounds" in html and "51.07" in html
    assert html.count("atlas-marker") == 2  # office (exact) and Montagscafé (approximate)
    assert "atlas-approx" in html and texts.APPROXIMATE in html
    assert "Innere Neustadt" in html
    for cdn in ("jsdelivr", "unpkg", "cdnjs", "code.jquery", "bootstrapcdn"):
        assert cdn not in html


def test_find_district_accepts_slugs_and_aliases_and_refuses_unknown(city):
    from atlas.profile.build import UnknownDistrictError, find_district

    districts = city.districts(["11", "45", "90"])
    assert find_district(districts, "schoenfeld-weissig", city).name == "Schönfeld-Weißig"
    assert find_district(districts, "Cossebaude", city).name == "Cossebaude/Mobschatz/Oberwartha"
    with pytest.raises(UnknownDistrictError, match="„Atlantis“"):
        find_district(districts, "Atlantis", city)
