"""The city configuration: hierarchy, slugs and name resolution."""

from pathlib import Path

import pytest

from atlas.city import load_city, slugify
from atlas.errors import CityConfigError

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def city():
    return load_city(ROOT / "resources" / "city.yaml")


def test_districts_cover_every_stadtteil_once_per_level(city):
    numbers = [f"{d}{u}" for d in range(10) for u in range(1, 8)] + ["35", "36", "90", "99"]
    districts = city.districts(numbers)
    bezirke = [d for d in districts if d.art == "Stadtbezirk"]
    ortschaften = [d for d in districts if d.art == "Ortschaft"]
    assert len(bezirke) == 10 and len(ortschaften) == 5
    covered = [n for d in bezirke for n in d.stadtteile]
    assert sorted(covered) == sorted(set(numbers))
    assert all(o.parent in {b.name for b in bezirke} for o in ortschaften)


def test_slug_forms_and_aliases_resolve(city):
    assert city.canonical_district("neustadt") == "Neustadt"
    assert city.canonical_district(slugify("Schönfeld-Weißig")) == "Schönfeld-Weißig"
    assert city.canonical_district("schoenfeld-weissig") == "Schönfeld-Weißig"
    assert city.canonical_district("Cossebaude") == "Cossebaude/Mobschatz/Oberwartha"
    assert city.canonical_district("Atlantis") is None
    assert city.canonical_district("") is None


def test_broken_city_file_is_reported_in_german(tmp_path):
    bad = tmp_path / "city.yaml"
    bad.write_text("name: X\n")
    with pytest.raises(CityConfigError, match="fehlt"):
        load_city(bad)
    with pytest.raises(CityConfigError, match="nicht lesbar"):
        load_city(tmp_path / "missing.yaml")
