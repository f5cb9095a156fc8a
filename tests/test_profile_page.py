"""AppTest of /bezirk: every district renders, Neustadt shows the seed, links and protection."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sessions import as_coordinator, shown
from streamlit.testing.v1 import AppTest

from atlas import texts
from atlas.city import slugify
from atlas.geo.geodata import load_cached_boundaries

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "bezirk.py")


@pytest.fixture(scope="module")
def app_env(boundaries_env: Path):
    return boundaries_env


def run_profile(slug: str | None, *, coordinator: bool = False) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    if slug is not None:
        at.query_params["bezirk"] = slug
    if coordinator:
        as_coordinator(at)
    return at.run()


def page_text(at: AppTest) -> str:
    """All visible text of the page: headings, Markdown, metrics, captions, messages."""
    parts = [shown(e.value) for e in (*at.title, *at.header, *at.markdown, *at.caption)]
    parts += [f"{m.label}: {m.value}" for m in at.metric]
    parts += [shown(e.value) for e in (*at.warning, *at.info)]
    return "\n".join(str(p) for p in parts)


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_every_district_renders(app_env):
    names = load_cached_boundaries(app_env).district_names()
    assert len(names) == 15
    empty_seen = False
    at = AppTest.from_file(PAGE, default_timeout=60)  # one session, the link changes
    for name in names:
        at.query_params["bezirk"] = slugify(name, transliterate=True)
        at.run()
        assert not at.exception, (name, at.exception)
        assert at.title[0].value == name
        assert [s.value for s in at.header][-1] == texts.PROFILE["sources_heading"]
        values = [m.value for m in at.metric]
        assert len(values) == 8
        empty_seen |= texts.KEINE_ANGABE in values
    assert empty_seen  # districts without figures say "keine Angabe", not 0


def test_neustadt_shows_the_fachplan_seed(app_env):
    at = run_profile("neustadt")
    assert not at.exception
    assert metric(at, texts.PROFILE["uewh_places"]) == "119"
    assert metric(at, texts.PROFILE["gww_places"]) == "192"
    text = page_text(at)
    # The seed writes "Königsbrücker Str. 13"; the shipped row spells the street out.
    assert re.search(r"Königsbrücker Str(\.|aße) 13", text)
    for expected in ("Afropa e.V.", "Montagscafé", "Bibliothek Neustadt",
                     "Neustadtkümmerer", "Fachplan Asyl und Integration 2022",
                     "Innere Neustadt", "dl-de/by-2-0"):
        assert expected in text, expected
    assert at.selectbox(key="profile_district").value == "Neustadt"


@pytest.mark.parametrize("slug", ["schönfeld-weißig", "schoenfeld-weissig", "Schönfelder Hochland"])
def test_both_slug_forms_and_aliases_resolve(app_env, slug):
    at = run_profile(slug)
    assert not at.exception
    assert at.title[0].value == "Schönfeld-Weißig"


def test_unknown_district_lists_all_districts(app_env):
    at = run_profile("atlantis")
    assert not at.exception
    assert "„atlantis“" in at.warning[0].value
    links = at.markdown[-1].value
    assert "/bezirk?bezirk=neustadt" in links and "/bezirk?bezirk=schönfeld-weißig" in links
    assert links.count("- [") == 15
    assert not at.metric


def test_choosing_a_district_updates_the_link(app_env):
    at = run_profile("neustadt")
    at.selectbox(key="profile_district").select("Pieschen").run()
    assert not at.exception
    assert at.title[0].value == "Pieschen"
    assert at.query_params["bezirk"] == "pieschen"


def test_accommodation_addresses_only_for_coordinators(app_env):
    public = run_profile("neustadt")
    internal = run_profile("neustadt", coordinator=True)
    assert not public.exception and not internal.exception
    public_text = page_text(public)
    assert "Katharinenstraße" not in public_text
    assert texts.PROFILE["timeline_public"] in public_text
    site = texts.PROFILE["timeline_site"]
    assert not [d for d in public.table if site in d.value.columns]
    table = next(d.value for d in internal.table if site in d.value.columns)
    assert any("K9" in str(name) for name in table[texts.PROFILE["timeline_site"]])
    assert any(str(a).startswith("Katharinenstraße 9")
               for a in table[texts.PROFILE["timeline_address"]])
    assert internal.get("vega_lite_chart")  # the time line of the sites


def test_profile_without_boundaries_still_renders(app_env, tmp_path, monkeypatch):
    """No cached boundaries yet: a German note, no map outlines, the rest of the profile."""
    import streamlit as st

    monkeypatch.setenv("ATLAS_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("ATLAS_SNAPSHOT_DIR", "")  # and no shipped snapshot either
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        at = run_profile("neustadt")
        assert not at.exception
        assert texts.PROFILE["no_boundaries"] in [shown(i.value) for i in at.info]
        assert metric(at, texts.PROFILE["uewh_places"]) == "119"
        assert texts.PROFILE["stadtteile"] in page_text(at)
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()


def test_msa_research_notes_stay_internal(app_env):
    """Issue 18: notes of the MSA regions appeared on public profiles."""
    public = page_text(run_profile("neustadt"))
    internal = page_text(run_profile("neustadt", coordinator=True))
    research = "Integrationsbüro im Weltclub"  # from the notes of MSA-Region Nord
    hint = "Die Stadtbezirke rechts der Elbe mit ihren Ortschaften."
    assert research not in public and "afropa.org/?p=35" not in public
    assert hint in public
    assert research in internal and hint in internal
