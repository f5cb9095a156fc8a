"""The contacts research merged into the shipped places: corrections, new offers, honest
status, closed places out of the current view, and opening hours never certain when old."""

from __future__ import annotations

import datetime as dt

import pytest

from atlas.access.roles import filter_for_role
from atlas.city import load_city
from atlas.nearby.search import current_offers
from atlas.places.placeinfo import hours_text, open_state, status_note, visit_facts
from atlas.resources import load_resources, startup_geodata
from atlas.settings import ROOT, load_config
from tools.contacts import parse_languages, read_contacts, source_pairs

CITY = load_city(ROOT / "resources" / "city.yaml")
TODAY = dt.date(2026, 12, 1)
BERLIN = dt.timezone(dt.timedelta(hours=1))


@pytest.fixture(scope="module")
def places():
    config = load_config({"ATLAS_CACHE_DIR": str(ROOT / "tests" / "no-such-cache")})
    boundaries, index = startup_geodata(config)
    result = load_resources(ROOT / "resources", CITY, boundaries, index)
    assert result.rejected == []
    return {r.id: r for r in result.records}


def test_rows_with_unquoted_commas_are_read_back_together(tmp_path):
    header = ("id,name,street,housenumber,postcode,website,phone,email,opening_hours,"
              "languages,status,status_date,source_url,source_date,confidence,notes\n")
    row = ("x,X,,,,,,,,,aktiv,2026-09-26,Notiz eines Projekts, 26.09.2026 (geprüft gegen a, b)"
           " | https://e.org,2026-09-26 | 2020,medium,\"Text, mit Komma\"\n")
    (tmp_path / "c.csv").write_text(header + row, encoding="utf-8")
    got = read_contacts(tmp_path / "c.csv")["x"]
    assert got["source_url"].endswith("(geprüft gegen a, b) | https://e.org")
    assert (got["confidence"], got["notes"]) == ("medium", "Text, mit Komma")
    assert source_pairs(got["source_url"], got["source_date"]).endswith("2020: https://e.org")
    assert parse_languages("de, en, ru, uk, Dari, Farsi") == ("de;en;ru;uk;prs;fa", None)
    assert parse_languages("Benutzerordnung in 20 Sprachen")[0] == ""


def test_documented_corrections_are_taken(places):
    welcome = places["behoerde-dresden-welcome-center-auslaenderbehoerde-und"]
    assert (welcome.street, welcome.housenumber, welcome.postcode) == ("Lingnerallee", "3",
                                                                       "01069")
    assert welcome.address_detail.startswith("Eingang Nord")
    assert welcome.location_method == "adresspunkte_l134"
    jmd = places["beratung-jugendmigrationsdienst-jmd-dresden"]
    assert (jmd.street, jmd.housenumber) == ("Canalettostraße", "10")
    kuemmerer = places["netzwerk-neustadtkuemmerin-kontaktbuero"]
    assert "Scheune" in kuemmerer.address_detail and kuemmerer.opening_hours == "We 16:00-18:00"
    ambulanz = places["beratung-fluechtlingsambulanz-dresden"]
    assert ambulanz.status.value == "geschlossen" and ambulanz.valid_to == "2025-12-31"
    assert places["regelangebot-café-halva-begegnungsstaette-fuer-gefluechtete"].provider == \
        "Ausländerrat Dresden e.V."


def test_every_value_keeps_its_source_and_confidence(places):
    public = [r for r in places.values() if r.visibility.value == "public"]
    merged = [r for r in public if r.last_checked == "2026-12-01"]
    assert len(merged) == 67 + 15
    for r in merged:
        assert r.confidence is not None, r.id
        assert r.contact_sources or r.status_date is None, r.id  # no source: no date claimed
        assert r.source_url or r.source_title, r.id


def test_the_fifteen_proposed_offers_are_places_with_a_source(places):
    new = [r for r in places.values() if "Kontakte/Status laut Recherche" in (r.notes or "")
           and "Recherchenotiz" not in (r.notes or "") and r.source_title != "Landeshauptstadt "
           "Dresden, Sozialamt: Präsentation „Fachplan Asyl und Integration 2022“, V2927/19"]
    assert len(new) == 15
    assert all(r.source_date and "category" in r.editorial for r in new)
    kolibri = places["regelangebot-kolibri-interkultureller-familientreff"]
    assert kolibri.opening_hours == "Fr 15:30-18:30" and "uk" in kolibri.languages


def test_closed_places_leave_the_current_view_but_stay_on_a_stichtag(places):
    public = filter_for_role(list(places.values()), "public")
    current = {r.id for r in current_offers(public, TODAY)}
    assert "beratung-fluechtlingsambulanz-dresden" not in current
    assert "behoerde-dresden-welcome-center-auslaenderbehoerde-und" in current
    back_then = {r.id for r in public if r.active_on(dt.date(2019, 6, 1))}
    assert "beratung-fluechtlingsambulanz-dresden" in back_then


def test_unclear_and_low_confidence_are_said_honestly(places):
    note = status_note(places["initiative-café-international-klotzsche"])
    assert note == "letzter Beleg 2016 – ob das Angebot noch besteht, ist nicht bestätigt"
    glueck = places["beratung-afropa-cafe-glueck"]  # aktiv, but low confidence
    assert "nicht bestätigt" in status_note(glueck)
    assert status_note(places["vorortbuero-weltclub-integrationsbuero-region-dresden-nord"]) \
        is None


def test_jetzt_geoeffnet_only_on_current_machine_readable_hours(places):
    friday = dt.datetime(2026, 12, 4, 16, 0, tzinfo=BERLIN)
    kolibri = places["regelangebot-kolibri-interkultureller-familientreff"]
    assert open_state(kolibri, friday) is True
    assert "jetzt geöffnet" in hours_text(kolibri, friday)
    monday = dt.datetime(2026, 11, 30, 15, 0, tzinfo=BERLIN)
    caritas = places["vorortbuero-integrationsberatung-gamigstrasse-22-caritas-msa"]
    assert caritas.opening_hours  # machine-readable, but stated 2018
    assert open_state(caritas, monday) is None
    text = hours_text(caritas, monday)
    assert "jetzt" not in text and "Angabe von 2018" in text


def test_volunteers_view_has_what_is_needed_to_go_there(places):
    now = dt.datetime(2026, 12, 1, 10, 0, tzinfo=BERLIN)
    facts = {f.label: f for f in visit_facts(places["regelangebot-villa-der-kulturen-kolibri-e-v"],
                                             now, start=(51.07, 13.74))}
    assert facts["Adresse"].text.startswith("Kraftwerk Mitte 2")
    assert facts["Telefon"].text == "0351 2068441"
    assert facts["Website"].url.startswith("https://")
    assert facts["Weg"].url.startswith("https://www.openstreetmap.org/directions?")
    assert facts[""].text == "Lage: Adresspunkt (amtlich)"
    assert "Russisch" in facts["Sprachen"].text or "ru" in facts["Sprachen"].text
