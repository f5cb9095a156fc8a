"""AppTest of the start page (city map): filters, URL state, protection, boundaries or none."""

from __future__ import annotations

import json

import pytest
from karte_testdata import INTERNAL_NAMES, fake_result, records
from sessions import shown
from streamlit.testing.v1 import AppTest

from atlas import texts
from atlas.access.roles import Role
from atlas.settings import ROOT

APP = str(ROOT / "app.py")


@pytest.fixture
def app_env(monkeypatch, tmp_path):
    """The made-up places instead of the shipped data; no boundaries unless a test sets them."""
    import ui.data

    monkeypatch.setattr(ui.data, "load_result", lambda: fake_result())
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(tmp_path / "no-boundaries"))
    monkeypatch.setenv("ATLAS_USERS_FILE", str(tmp_path / "users.json"))
    ui.data.config.clear()
    yield monkeypatch
    ui.data.config.clear()


def _run(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def _table_names(at: AppTest) -> set[str]:
    frame = at.dataframe[0].value
    return set(frame[texts.MAP["field_name"]]) if len(frame) else set()


def _component_args(at: AppTest) -> list[dict]:
    """The arguments each custom component (the map) received, decoded."""
    return [json.loads(c.proto.json_args) for c in at.get("component_instance")]


def _all_output(at: AppTest) -> str:
    """Every text the page sent: elements, dataframes and the map component's arguments."""
    parts = []
    for node in at.main:
        parts.append(repr(node))
    for frame in at.dataframe:
        parts.append(frame.value.to_csv())
    for args in _component_args(at):
        parts.extend(str(v) for v in args.values())
    for sidebar in at.sidebar:
        parts.append(repr(sidebar))
    return "\n".join(parts)


def test_start_page_renders_without_boundaries(app_env):
    app_env.setenv("ATLAS_SNAPSHOT_DIR", "")  # neither a cache nor the shipped snapshot
    at = _run()
    notes = " ".join(shown(w.value) for w in [*at.warning, *at.info])
    assert texts.GEODATA["boundaries_missing_public"] in notes
    assert "python -m" not in notes and "make run" not in notes  # commands are for operators
    assert at.title[0].value == texts.MAP["title"]
    assert len(at.dataframe) == 1


def test_start_page_renders_with_boundaries(app_env, boundaries_cache):
    app_env.setenv("ATLAS_CACHE_DIR", str(boundaries_cache))
    at = _run({"ebene": "stadtteile"})
    assert texts.GEODATA["boundaries_missing"] not in " ".join(shown(w.value) for w in at.warning)
    (args,) = _component_args(at)
    assert args["script"].count('"profile"') == 64  # one area per Stadtteil


def test_filters_narrow_the_table(app_env):
    at = _run()
    everything = _table_names(at)
    assert "Test-Treff Neustadt" in everything and "Test-Altcafé geschlossen" not in everything
    at.multiselect(key="karte_hf").set_value(["F"]).run()
    assert _table_names(at) == {"Test-Treff Neustadt", "Test-Dorftreff Weixdorf"}
    at.multiselect(key="karte_bezirk").set_value(["Klotzsche"]).run()
    assert _table_names(at) == {"Test-Dorftreff Weixdorf"}
    assert at.query_params["hf"] == "F" and at.query_params["bezirk"] == "klotzsche"
    at.text_input(key="karte_q").input("nichts passt hier").run()
    info = " ".join(shown(i.value) for i in at.info)  # with boundaries: the neighbours, else a hint
    assert texts.MAP["no_hits"] in info or "In Klotzsche kein Angebot zu" in info
    at.button(key="karte_reset_main").click().run()
    assert _table_names(at) == everything


def test_date_filter_shows_what_was_active_then(app_env):
    at = _run({"datum": "2018-06-01"})
    assert at.toggle(key="karte_aktuell").value is False
    assert "Test-Altcafé geschlossen" in _table_names(at)


def test_query_params_restore_the_view(app_env):
    at = _run({"hf": "S", "kat": "beratung", "q": "test", "ebene": "msa", "farbe": "offers"})
    assert at.multiselect(key="karte_hf").value == ["S"]
    assert at.multiselect(key="karte_kat").value == ["beratung"]
    assert at.text_input(key="karte_q").value == "test"
    assert at.radio(key="karte_ebene").value == "msa"
    assert at.selectbox(key="karte_farbe").value == "offers"
    assert _table_names(at) == {"<script>alert('x')</script> Test-Beratung"}


def test_unknown_query_values_are_ignored_with_a_notice(app_env):
    at = _run({"hf": "Z", "bezirk": "Atlantis", "kat": "unterkunft"})
    captions = " ".join(shown(c.value) for c in at.caption)
    assert "„Z“" in captions and "„Atlantis“" in captions
    assert "unbekannt" not in captions.lower().split("„unterkunft")[0][-40:]
    assert "nur nach Anmeldung sichtbar" in captions
    assert at.multiselect(key="karte_kat").value == []
    assert len(_table_names(at)) == 6


def test_restricted_link_value_applies_after_sign_in(app_env):
    import ui.data

    at = _run({"kat": "unterkunft"})
    assert "nur nach Anmeldung sichtbar" in " ".join(c.value for c in at.caption)
    assert at.query_params["kat"] in ("unterkunft", ["unterkunft"])  # the link stays shareable
    assert not set(INTERNAL_NAMES) & _table_names(at)
    app_env.setattr(ui.data, "session_role", lambda: Role.KOORDINATION)
    at.run()
    assert at.multiselect(key="karte_kat").value == ["unterkunft"]
    assert _table_names(at) == {"Test-Heim Geheimweg"}
    assert "nur nach Anmeldung" not in " ".join(c.value for c in at.caption)


def test_public_page_contains_no_internal_record(app_env):
    at = _run({"kat": "beratung,unterkunft"})
    at.multiselect(key="karte_kat").set_value([]).run()
    output = _all_output(at)
    for name in INTERNAL_NAMES:
        assert name not in output
    assert "Geheimweg" not in output
    assert "unterkunft" not in at.multiselect(key="karte_kat").options


def test_coordinators_see_internal_records_marked_intern(app_env):
    import ui.data

    app_env.setattr(ui.data, "session_role", lambda: Role.KOORDINATION)
    at = _run()
    names = _table_names(at)
    assert set(INTERNAL_NAMES) <= names
    frame = at.dataframe[0].value
    marks = dict(zip(frame[texts.MAP["field_name"]], frame[texts.MAP["field_visibility"]],
                     strict=True))
    assert marks["Test-Heim Geheimweg"] == texts.MAP["internal_mark"]
    assert marks["Test-Treff Neustadt"] == texts.MAP["visibility_public"]


def test_choropleth_of_accommodation_places_reveals_only_counts(app_env, boundaries_cache):
    app_env.setenv("ATLAS_CACHE_DIR", str(boundaries_cache))
    at = _run({"farbe": "places"})
    output = _all_output(at)
    assert "Test-Heim Geheimweg" not in output and "Geheimweg" not in output
    assert "Unterbringungspl" in output and "50" in output
    assert texts.KEINE_ANGABE in output  # districts without accommodation data


def test_html_names_stay_text(app_env):
    at = _run({"kat": "beratung"})
    frame = at.dataframe[0].value
    assert frame[texts.MAP["field_name"]].iloc[0] == records()[0].name
    (args,) = _component_args(at)
    assert "<script>alert" not in args["feature_group"]  # JSON-escaped, set as textContent
    assert "\\u003cscript\\u003ealert" in args["feature_group"]


def test_map_component_gets_places_as_feature_group(app_env):
    """Places ride in the swappable feature group; scripts come from the app itself."""
    at = _run()
    (args,) = _component_args(at)
    assert "markerClusterGroup" in args["feature_group"]
    # pan/zoom do not rerun; the tooltip tells a cluster click from a marker or area
    assert args["returned_objects"] == ["last_object_clicked", "last_object_clicked_tooltip"]
    assert all("/app/static/vendor/" in url for url in args["js_links"] + args["css_links"])


def test_selected_district_from_url_shows_figures_and_profile_link(app_env, boundaries_cache):
    app_env.setenv("ATLAS_CACHE_DIR", str(boundaries_cache))
    at = _run({"gebiet": "neustadt"})
    (link,) = at.get("page_link")
    assert link.proto.page == "bezirk" and link.proto.query_string == "bezirk=neustadt"
    text = " ".join(shown(m.value) for m in at.markdown)
    assert texts.MAP["district_places"] in text  # the one test home: held back publicly
    assert "50" not in text and "weniger als 3 Standorte" in text
    at = _run({"gebiet": "atlantis"})
    assert "„atlantis“" in " ".join(shown(c.value) for c in at.caption)


def test_changing_the_level_drops_the_selected_area(app_env, boundaries_cache):
    app_env.setenv("ATLAS_CACHE_DIR", str(boundaries_cache))
    at = _run({"gebiet": "neustadt"})
    assert at.get("page_link")
    at.radio(key="karte_ebene").set_value("stadtteile").run()
    assert "gebiet" not in at.query_params and not at.get("page_link")
    assert not any("„neustadt“" in shown(c.value) for c in at.caption)


def test_filter_change_swaps_only_the_place_layer(app_env, boundaries_cache):
    app_env.setenv("ATLAS_CACHE_DIR", str(boundaries_cache))
    at = _run()
    (before,) = _component_args(at)
    at.multiselect(key="karte_kat").set_value(["msa"]).run()
    (after,) = _component_args(at)
    assert after["script"] == before["script"]  # same base map: the component is not rebuilt
    assert after["feature_group"] != before["feature_group"]
    assert "Test-MSA Nord" in after["feature_group"]
    assert "Test-Treff" not in after["feature_group"]


def test_out_of_range_date_is_ignored_with_a_notice(app_env):
    at = _run({"datum": "1900-01-01"})
    assert "„1900-01-01“" in " ".join(shown(c.value) for c in at.caption)
    assert at.toggle(key="karte_aktuell").value is True


def test_choosing_a_district_or_region_zooms_and_outlines_it(app_env, boundaries_cache):
    app_env.setenv("ATLAS_CACHE_DIR", str(boundaries_cache))
    at = _run({"bezirk": "neustadt"})
    (args,) = _component_args(at)
    assert '"name": "Neustadt"' in args["script"] or '"name":"Neustadt"' in args["script"]
    assert "interactive: false" in args["script"]  # the outline never takes a click
    city_wide = _component_args(_run())[0]["script"]
    assert "interactive: false" not in city_wide
    from karte_testdata import fake_result as fake

    import ui.data
    from atlas.model import ServiceArea

    region = ServiceArea(id="msa-nord", name="MSA-Region Nord", kind="msa_region",
                         stadtbezirke=("Neustadt", "Pieschen"), source_date="2024")
    with_region = fake()
    with_region.service_areas = [region]
    app_env.setattr(ui.data, "load_result", lambda: with_region)
    at = _run({"fokus": "msa-nord"})
    assert at.selectbox(key="karte_fokus").value == "msa-nord"
    assert at.query_params["fokus"] in ("msa-nord", ["msa-nord"])  # kept in the shared link
    (args,) = _component_args(at)
    assert "MSA-Region Nord" in args["script"]
    at = _run({"fokus": "atlantis"})
    assert "„atlantis“" in " ".join(c.value for c in at.caption)


def test_empty_result_offers_the_neighbouring_districts(app_env, boundaries_cache):
    app_env.setenv("ATLAS_CACHE_DIR", str(boundaries_cache))
    at = _run({"bezirk": "pieschen", "hf": "F"})
    assert not _table_names(at)
    info = " ".join(i.value for i in at.info)
    assert "In Pieschen kein Angebot zu" in info and "angrenzenden Stadtbezirken" in info
    links = {link.proto.label: link.proto.query_string for link in at.get("page_link")}
    assert links["Neustadt: 1"] == "hf=F&bezirk=neustadt"
    assert all("pieschen" not in q for q in links.values())


def test_table_names_fields_and_sorts_dates(app_env):
    import ui.data

    at = _run()
    frame = at.dataframe[0].value
    m = texts.MAP
    assert texts.HANDLUNGSFELD_LABELS["S"] in " ".join(frame[m["field_handlungsfelder"]])
    for column in (m["field_status"], m["field_checked"], m["field_position"]):
        assert column in frame.columns
    assert m["field_capacity"] not in frame.columns  # public: no capacity column
    dates = [d for d in frame[m["field_source_date"]] if d]
    assert sorted(dates) == sorted(dates, key=lambda d: tuple(map(int, d.split("-"))))
    app_env.setattr(ui.data, "session_role", lambda: Role.KOORDINATION)
    frame = _run().dataframe[0].value
    assert m["field_capacity"] in frame.columns


HISTORY_PLACES = (
    "id,name,category,stadtbezirk,source_title,source_date,visibility\n"
    "cafe-v,Café Verlauf,initiative,Pieschen,Test,2026-01,public\n"
)


@pytest.fixture
def stored_env(monkeypatch, tmp_path):
    """A real store seeded from one place whose first version is backdated to January,
    then renamed today: the Stichtag in between must show the old name from the history."""
    import sqlalchemy as sa

    import ui.data
    from atlas.store.tables import place_versions
    from ui import storage

    resources = tmp_path / "resources"
    resources.mkdir()
    (resources / "places.csv").write_text(HISTORY_PLACES, encoding="utf-8")
    monkeypatch.setenv("ATLAS_RESOURCES_DIR", str(resources))
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(tmp_path / "no-boundaries"))
    monkeypatch.setenv("ATLAS_USERS_FILE", str(tmp_path / "users.json"))
    ui.data.config.clear()
    store = storage.store()
    with store.write() as conn:
        conn.execute(sa.update(place_versions).values(created_at="2026-01-15T09:00:00+00:00"))
    record, version = store.place("cafe-v")
    store.save(record.model_copy(update={"name": "Café Umbenannt"}), base_version=version,
               action="edit", author="kora")
    storage.refresh()
    yield monkeypatch
    ui.data.config.clear()


def test_signed_in_stichtag_from_the_history_shows_the_place_as_stored_then(stored_env):
    import ui.data

    stored_env.setattr(ui.data, "session_role", lambda: Role.KOORDINATION)
    at = _run({"datum": "2026-06-01", "verlauf": "1"})
    assert at.toggle(key="karte_verlauf").value is True
    assert _table_names(at) == {"Café Verlauf"}
    at.toggle(key="karte_verlauf").set_value(False).run()
    assert _table_names(at) == {"Café Umbenannt"}  # today's data, valid on that day
    assert "verlauf" not in at.query_params
    at = _run({"datum": "2025-06-01", "verlauf": "1"})  # before the history begins
    assert _table_names(at) == set()
    assert "kein Datenstand" in " ".join(shown(c.value) for c in at.caption)


def test_public_link_with_history_waits_for_sign_in(stored_env):
    import ui.data

    at = _run({"datum": "2026-06-01", "verlauf": "1"})
    assert not [t for t in at.toggle if t.key == "karte_verlauf"]
    assert _table_names(at) == {"Café Umbenannt"}
    assert "nur nach Anmeldung sichtbar" in " ".join(shown(c.value) for c in at.caption)
    assert at.query_params["verlauf"] in ("1", ["1"])  # the link stays shareable
    stored_env.setattr(ui.data, "session_role", lambda: Role.KOORDINATION)
    at.run()
    assert at.toggle(key="karte_verlauf").value is True
    assert _table_names(at) == {"Café Verlauf"}


def test_history_needs_a_past_day_and_a_link_without_its_day_does_not_linger(stored_env):
    import datetime as dt

    import ui.data

    at = _run({"datum": "2026-06-01", "verlauf": "1"})  # public: pending until sign-in
    at.toggle(key="karte_aktuell").set_value(True).run()  # the visitor drops the day
    stored_env.setattr(ui.data, "session_role", lambda: Role.KOORDINATION)
    at.run()
    assert not [t for t in at.toggle if t.key == "karte_verlauf"]
    assert _table_names(at) == {"Café Umbenannt"}
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    at = _run({"datum": future, "verlauf": "1"})  # nothing stored yet for a future day
    assert not [t for t in at.toggle if t.key == "karte_verlauf"]
