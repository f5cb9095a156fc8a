"""AppTest of /naehe: address -> results, Stadtteil -> results, URL restores, no accommodation."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import streamlit as st
from sessions import shown
from streamlit.testing.v1 import AppTest

from tests.naehe_testdata import write_nearby_data

ROOT = Path(__file__).resolve().parent.parent
PAGE = str(ROOT / "pages" / "naehe.py")


@pytest.fixture(scope="module")
def nearby_env(boundaries_cache: Path, tmp_path_factory: pytest.TempPathFactory):
    """A cache with boundaries and two address points, and a tiny places table."""
    env = write_nearby_data(tmp_path_factory.mktemp("naehe"), boundaries_cache)
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield env
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    st.cache_data.clear()
    st.cache_resource.clear()


def run_page(params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


def result_names(at: AppTest) -> list[str]:
    return [m.value.split("**")[1].split(". ", 1)[1].replace("\\", "").replace("\u2060", "")
            for m in at.markdown if m.value.startswith("**") and ". " in m.value.split("**")[1]]


def distances(at: AppTest) -> list[str]:
    return [shown(m.value) for m in at.markdown if "Luftlinie" in m.value]


def test_typed_address_gives_sorted_public_results(nearby_env):
    at = run_page()
    assert not at.exception
    assert any("Startpunkt wählen" in shown(i.value) for i in at.info)
    at.text_input(key="naehe_address").input("koenigsbruecker strasse 13")
    at.button[0].click().run()  # the form's "Suchen"
    assert not at.exception
    assert result_names(at) == ["Beratung am Eck", "Bibliothek Test"]
    assert all(d.startswith("Luftlinie:") and "Schätzung" in d for d in distances(at))
    assert at.query_params["adresse"] == "koenigsbruecker strasse 13"
    assert any("openstreetmap.org/directions" in shown(m.value) for m in at.markdown)


def test_stadtteil_gives_results_marked_approximate_start(nearby_env):
    at = run_page({"radius": "3000"})
    at.selectbox(key="naehe_stadtteil").select("Äußere Neustadt (Antonstadt)").run()
    assert not at.exception
    assert result_names(at)[:2] == ["Beratung am Eck", "Bibliothek Test"]
    assert any("Mittelpunkt des Stadtteils" in shown(m.value) for m in at.markdown)
    assert at.query_params["stadtteil"] == "Äußere Neustadt (Antonstadt)"


def test_url_restores_a_search_with_filters(nearby_env):
    at = run_page({"lat": "51.0657", "lon": "13.7505", "radius": "5000", "kat": "vorortbuero"})
    assert not at.exception
    assert result_names(at) == ["Vorortbüro Süd"]
    assert any(d.startswith("Luftlinie: ca.") and "Lage ungefähr" in d for d in distances(at))
    assert at.selectbox(key="naehe_radius").value == 5000
    assert at.multiselect(key="naehe_kat").value == ["vorortbuero"]
    odd = run_page({"lat": "51.0657", "lon": "13.7505", "radius": "1234"})
    assert odd.selectbox(key="naehe_radius").value == 1234
    assert result_names(odd) == ["Beratung am Eck", "Bibliothek Test"]
    nearest = run_page({"adresse": "Prager Str. 2", "k": "1"})
    assert result_names(nearest) == ["Vorortbüro Süd"]
    assert nearest.radio(key="naehe_mode").value == "naechste"


def test_no_accommodation_or_internal_record_ever_listed(nearby_env):
    at = run_page({"lat": "51.0658", "lon": "13.7506", "radius": "10000"})
    names = result_names(at)
    assert names == ["Beratung am Eck", "Bibliothek Test", "Vorortbüro Süd"]
    page_text = " ".join(shown(e.value) for e in at.markdown) + str(at.get("iframe"))
    assert "Heim Geheim" not in page_text and "Interne Beratung" not in page_text


def test_bad_input_gets_german_messages(nearby_env):
    outside = run_page({"lat": "52.52", "lon": "13.405"})
    assert any("außerhalb Dresdens" in w.value for w in outside.warning)
    radius = run_page({"adresse": "Königsbrücker Str. 13", "radius": "50"})
    assert any("Der Umkreis 50 m liegt außerhalb" in w.value for w in radius.warning)
    assert result_names(radius)  # the default radius still gives results
    unknown = run_page({"adresse": "Konigsbrucker Strase 99"})
    assert any("Adresse nicht gefunden" in w.value for w in unknown.warning)
    assert any("Königsbrücker Straße 13" in b.label for b in unknown.button)
    unknown.button(key="naehe_suggestion_0").click().run()
    assert result_names(unknown)[0] == "Beratung am Eck"
    empty = run_page({"lat": "51.0000", "lon": "13.8000", "radius": "500"})
    assert any("keine Angebote gefunden" in i.value for i in empty.info)
    assert len(result_names(empty)) == 3
    assert not (outside.exception or radius.exception or unknown.exception or empty.exception)


def test_unknown_address_says_how_to_go_on_and_the_map_shows_the_city(nearby_env):
    import json

    at = run_page({"adresse": "Qwertzuiop 1"})
    warnings = [w.value for w in at.warning]
    assert any(w.startswith("Adresse nicht gefunden – Stadtteil wählen oder in die Karte "
                            "klicken") for w in warnings)
    assert not any("python -m" in w for w in warnings)
    (component,) = at.get("component_instance")
    script = json.loads(component.proto.json_args)["script"]
    assert '"fill": false' in script and "#1f3b57" in script  # the city outline, no start
