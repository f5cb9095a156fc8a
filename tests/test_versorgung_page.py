"""AppTest of /versorgung and the profile's Versorgung section (issue 14), shipped data."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from atlas import texts

ROOT = Path(__file__).resolve().parent.parent
PAGE = str(ROOT / "pages" / "versorgung.py")
PROFILE = str(ROOT / "pages" / "bezirk.py")
V = texts.VERSORGUNG


@pytest.fixture(scope="module")
def app_env(boundaries_env: Path):
    return boundaries_env


def text_of(at: AppTest) -> str:
    parts = [e.value for e in (*at.title, *at.header, *at.markdown, *at.caption,
                               *at.info, *at.warning)]
    return "\n".join(str(p) for p in parts)


def test_page_shows_figures_with_source_method_and_ranking(app_env):
    at = AppTest.from_file(PAGE, default_timeout=90).run()
    assert not at.exception, at.exception
    text = text_of(at)
    assert at.title[0].value == V["title"]
    assert V["weighting_even"] in text  # the test cache has no address register
    assert "Stand 30.06.2026" in text and "dl-de/by-2-0" in text
    assert V["gaps_heading"] in text and V["method_heading"]
    assert "Luftlinie" in text
    tables = [d.value for d in at.dataframe]
    districts = next(t for t in tables if t.columns[0] == V["col_area"])
    assert len(districts) == 15  # every Stadtbezirk and Ortschaft
    ranked = [t for t in tables if t.columns[0] == V["col_rank"]]
    if ranked:  # offers with an exact position exist
        assert len(ranked[0]) == 10 and ranked[0].columns[1] == V["col_name"]
    else:  # without them: no ranking, and no distance is shown as a number
        assert any(V["gaps_none"].split(":")[0] in str(i.value) for i in at.info)
        assert set(districts[V["col_median"]]) == {texts.KEINE_ANGABE}


def test_field_and_distance_change_the_figures(app_env):
    at = AppTest.from_file(PAGE, default_timeout=90).run()
    at.selectbox(key="versorgung_feld").set_value("M").run()
    at.selectbox(key="versorgung_entfernung").set_value(500).run()
    assert not at.exception
    assert at.query_params["feld"] == "M" and at.query_params["entfernung"] == "500"
    text = text_of(at)
    assert "M – Migrationssozialarbeit" in text
    assert all(V["col_share"].format(distance="500 m") in d.value.columns for d in at.dataframe)


def _resources_without_field(target: Path, field: str) -> Path:
    """A copy of the shipped resources in which no place serves ``field``."""
    import csv
    import shutil

    shutil.copytree(ROOT / "resources", target)
    places = target / "places.csv"
    with places.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header, rows = reader.fieldnames, list(reader)
    for row in rows:
        row["handlungsfelder"] = ";".join(
            f for f in row["handlungsfelder"].split(";") if f != field) or "R"
    with places.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return target


def test_a_field_without_offers_ranks_nothing(app_env, monkeypatch, tmp_path):
    monkeypatch.setenv("ATLAS_RESOURCES_DIR", str(_resources_without_field(tmp_path / "res", "C")))
    at = AppTest.from_file(PAGE, default_timeout=90)
    at.query_params["feld"] = "C"
    at.run()
    assert not at.exception
    # no offer serves Handlungsfeld C: nothing is ranked, nothing reads "0 m"
    assert any(V["gaps_none"].split(":")[0] in str(i.value) for i in at.info)
    for table in (d.value for d in at.dataframe):
        assert set(table[V["col_median"]]) == {texts.KEINE_ANGABE}


def test_profile_has_the_versorgung_section(app_env):
    at = AppTest.from_file(PROFILE, default_timeout=90)
    at.query_params["bezirk"] = "neustadt"
    at.run()
    assert not at.exception
    headings = [s.value for s in at.header]
    assert V["profile_heading"] in headings
    assert headings[-1] == texts.PROFILE["sources_heading"]
    table = next(d.value for d in at.dataframe if V["col_foreigners"] in d.value.columns)
    assert table.iloc[-1][V["col_name"]] == "Neustadt"
    assert "7.061" in set(table[V["col_foreigners"]])  # StB 1 Neustadt, 30.06.2026


def test_a_district_focus_lists_only_its_stadtteile(app_env):
    at = AppTest.from_file(PAGE, default_timeout=90)
    at.query_params["bezirk"] = "schoenfeld-weissig"
    at.run()
    assert not at.exception
    assert at.selectbox(key="versorgung_bezirk").value == "Schönfeld-Weißig"
    names = set()
    for table in (d.value for d in at.dataframe):
        if V["col_name"] in table.columns:
            names |= set(table[V["col_name"]])
    assert names and names <= {"Schönfeld/Schullwitz", "Weißig", "Gönnsdorf/Pappritz"}


def test_coordinators_count_internal_offers_and_are_told_so(app_env):
    from sessions import as_coordinator

    public = AppTest.from_file(PAGE, default_timeout=90).run()
    internal = as_coordinator(AppTest.from_file(PAGE, default_timeout=90)).run()
    assert not public.exception and not internal.exception
    line = V["offers_line_internal"].split("(")[0]
    assert line not in text_of(public) and line in text_of(internal)
