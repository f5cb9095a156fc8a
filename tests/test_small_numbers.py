"""Small counts must not identify single accommodation sites (issue 18, risk 1).

Public figures derived from the internal site register follow atlas.access.disclosure:
fewer than 3 sites read "weniger als 3" without places, and the public time view
moves in yearly steps. The tests step through the dates of the shipped data and
find no figure (and no change between steps) that comes from a single site.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sessions import shown
from streamlit.testing.v1 import AppTest

from atlas.access.disclosure import protect_summary, public_step
from atlas.city import load_city
from atlas.citymap.choropleth import _sites_with_capacity, public_accommodation_places
from atlas.profile.model import AccommodationSummary
from atlas.resources import load_resources

ROOT = Path(__file__).resolve().parent.parent
MIN = 3


@pytest.fixture(scope="module")
def shipped():
    city = load_city(ROOT / "resources" / "city.yaml")
    return city, load_resources(ROOT / "resources", city).records


def test_one_of_one_site_shows_no_count_and_no_places():
    summary = AccommodationSummary(sites_total=1, sites_active=1, places_active=60,
                                   sites_with_capacity=1)
    public = protect_summary(summary, MIN, step=dt.date(2025, 12, 31))
    assert (public.sites_total, public.sites_active, public.places_active) == (None, None, None)
    assert public.as_of == "2025-12-31" and public.min_sites == MIN
    many = protect_summary(AccommodationSummary(5, 4, 400, sites_with_capacity=2), MIN)
    assert (many.sites_total, many.sites_active, many.places_active) == (5, 4, None)
    assert protect_summary(AccommodationSummary(0, 0), MIN).sites_total == 0


def test_public_steps_are_year_ends():
    assert public_step(dt.date(2024, 12, 30)) == dt.date(2023, 12, 31)
    assert public_step(dt.date(2024, 12, 31)) == dt.date(2024, 12, 31)
    assert public_step(dt.date(2025, 1, 1)) == dt.date(2024, 12, 31)


def test_stepping_through_dates_finds_no_single_site_figure(shipped):
    city, records = shipped
    day = dt.date(2013, 1, 1)
    seen_steps: dict[str, dict[str, int]] = {}
    shown_sets: dict[str, set[frozenset[str]]] = {}
    while day <= dt.date(2026, 12, 31):
        sums, step, hidden = public_accommodation_places(records, city, day=day, min_sites=MIN)
        assert step.endswith("-12-31")
        if step in seen_steps:
            assert sums == seen_steps[step], day  # no finer than the yearly step
        seen_steps[step] = sums
        groups = _sites_with_capacity(records, city, dt.date.fromisoformat(step))
        for bezirk, value in sums.items():
            assert len(groups[bezirk]) >= MIN, (day, bezirk)
            assert value not in {r.capacity for r in groups[bezirk]} or len(groups[bezirk]) > 1
        for bezirk in sums:  # no two public values differ by exactly one site
            ids = frozenset(r.id for r in groups[bezirk])
            for old in shown_sets.setdefault(bezirk, set()):
                assert len(ids ^ old) != 1, (step, bezirk, ids ^ old)
            shown_sets[bezirk].add(ids)
        day += dt.timedelta(days=7)
    assert len(seen_steps) >= 13


@pytest.fixture
def app_env(boundaries_env):
    return boundaries_env


def test_schoenfeld_weissig_public_profile_hides_its_single_site(app_env):
    at = AppTest.from_file(str(ROOT / "pages" / "bezirk.py"), default_timeout=90)
    at.query_params["bezirk"] = "schoenfeld-weissig"
    at.run()
    assert not at.exception
    text = "\n".join(shown(e.value) for e in (*at.markdown, *at.caption))
    assert "1 von 1" not in text and "60 Plätze" not in text
    assert "weniger als 3" in text and "Schutz kleiner Zahlen" in text


def test_public_map_district_places_follow_the_rule(app_env):
    at = AppTest.from_file(str(ROOT / "pages" / "karte.py"), default_timeout=90)
    at.query_params["farbe"] = "places"
    at.query_params["datum"] = "2023-06-15"
    at.run()
    assert not at.exception
    captions = " ".join(shown(c.value) for c in at.caption)
    assert "31.12.2022" in captions and "Schutz kleiner Zahlen" in captions


def test_a_change_of_one_site_is_held_back():
    from atlas.access.disclosure import protect_series

    three = {"A": {"s1": 100, "s2": 50, "s3": 30}}
    four = {"A": {"s1": 100, "s2": 50, "s3": 30, "s4": 65}}  # 4 - 3 = one site's 65 places
    five = {"A": {**four["A"], "s5": 20}}
    assert protect_series([three], 3) == ({"A": 180}, frozenset())
    assert protect_series([three, four], 3) == ({}, frozenset({"A"}))
    assert protect_series([three, four, five], 3) == ({"A": 265}, frozenset())
    assert protect_series([{"A": {"s1": 10, "s2": 20}}], 3) == ({}, frozenset({"A"}))


def test_council_register_counts_follow_the_rule():
    """The deck's "Erfasste Unterkünfte am …" line counts planned, stand-by and unknown
    sites apart (issue 17); each of those counts and the places "in Betrieb" obey the
    small-number rule too, so no single site is identifiable on a public slide."""
    from atlas.export.deckcontent import register_line

    summary = AccommodationSummary(sites_total=6, sites_active=4, places_active=300,
                                   sites_planned=1, sites_standby=2, sites_unknown=0,
                                   places_running=240, sites_with_capacity=4,
                                   running_with_capacity=2, day="2026-03-02")
    public = protect_summary(summary, MIN, step=dt.date(2025, 12, 31))
    assert (public.sites_planned, public.sites_standby, public.sites_unknown) == (None, None, 0)
    assert public.places_running is None  # two sites with a known capacity add up to it
    line = register_line(public, dt.date(2026, 3, 2))
    assert line == ("Erfasste Unterkünfte am 31.12.2025: 4 in Betrieb, weniger als 3 geplant, "
                    "weniger als 3 in Bereitschaft")
    few = protect_summary(AccommodationSummary(sites_total=1, sites_active=1, places_active=60,
                                               places_running=60, sites_with_capacity=1,
                                               running_with_capacity=1), MIN)
    assert register_line(few, dt.date(2026, 3, 2)) == \
        "Unterkünfte: weniger als 3 (Schutz kleiner Zahlen)"
    exact = register_line(summary, dt.date(2026, 3, 2))  # internal: exact counts
    assert exact is not None and "1 geplant" in exact and "2 in Bereitschaft" in exact


@pytest.mark.shared
def test_public_deck_of_a_single_site_district_shows_no_count(boundaries_cache):
    from atlas.export.council import build_export_profiles, load_export_data
    from atlas.export.presentation import build_presentation, deck_text
    from atlas.settings import load_config

    config = load_config({"ATLAS_CONFIG": str(ROOT / "tests" / "no-such-config.toml"),
                          "ATLAS_CACHE_DIR": str(boundaries_cache)})
    data = load_export_data(config)
    assert data.min_sites == MIN  # ATLAS_MIN_PUBLIC_SITES reaches the export (and its CLI)
    profiles = build_export_profiles(data, ["Schönfeld-Weißig"], internal=False)
    text = "\n".join(deck_text(build_presentation(profiles)))
    assert "weniger als 3" in text
    assert "1 mit unbekanntem Status" not in text and "1 in Betrieb" not in text  # internal: exact
