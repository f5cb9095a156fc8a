"""Figure tables: validated loading (bad rows set aside in German), queries, shipped data."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from sessions import shown

from atlas.city import load_city
from atlas.errors import SchemaError
from atlas.figures.queries import (
    allocations_series,
    capacity_series,
    district_metric_dates,
    latest_district_figure,
    missing_allocation_years,
    persons_housed_by_district,
    population_of,
    sources_markdown,
)
from atlas.figures.tables import SPECS, keep_good_tables, load_figures, load_table

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
SOURCE = "https://example.org/quelle"


@pytest.fixture(scope="module")
def city():
    return load_city(RESOURCES / "city.yaml")


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def district_csv(tmp_path: Path, rows: str) -> Path:
    header = "district,date,metric,value,source_url,source_title,source_date,notes\n"
    return write(tmp_path / "district_figures.csv", header + rows)


def test_good_rows_load_and_bad_rows_are_reported_in_german(tmp_path, city):
    path = district_csv(tmp_path, (
        f"Neustadt,2016-05-06,persons_housed,510,{SOURCE},,2016-05-06,\n"
        f"Atlantis,2016-05-06,persons_housed,5,{SOURCE},,2016-05-06,\n"
        f"Prohlis,2016-05-06,persons_housed,viele,{SOURCE},,2016-05-06,\n"
        f"Cotta,2016-05-06,bewohner,3,{SOURCE},,2016-05-06,\n"
        f"Plauen,2016-13-40,persons_housed,3,{SOURCE},,2016-05-06,\n"
        "Leuben,2016-05-06,persons_housed,3,,,2016-05-06,\n"
        f"Cossebaude,2016-05-06,persons_housed,21,{SOURCE},,2016-05-06,\n"
    ))
    rows, problems = load_table(path, SPECS["district_figures"], city)
    assert [(r.district, r.value) for r in rows] == [
        ("Neustadt", 510), ("Cossebaude/Mobschatz/Oberwartha", 21)]
    by_line = {p.row: p for p in problems}
    assert sorted(by_line) == [3, 4, 5, 6, 7]
    assert by_line[3].column == "district" and "„Atlantis“" in by_line[3].reason
    assert by_line[4].column == "value" and "„viele“" in by_line[4].reason
    assert by_line[5].column == "metric" and "„bewohner“" in by_line[5].reason
    assert "persons_housed" in by_line[5].reason  # lists what is allowed
    assert by_line[6].column == "date" and "„2016-13-40“" in by_line[6].reason
    assert "source_url" in by_line[7].reason and "source_title" in by_line[7].reason
    assert by_line[3].raw["district"] == "Atlantis"  # the row as read, for the quality table


def test_duplicates_and_unknown_columns_are_reported(tmp_path, city):
    header = "district,date,metric,value,source_url,source_date,farbe\n"
    path = write(tmp_path / "district_figures.csv", header + (
        f"Neustadt,2019,uewh_places,119,{SOURCE},2019,blau\n"
        f"neustadt,2019,uewh_places,120,{SOURCE},2019,rot\n"
    ))
    rows, problems = load_table(path, SPECS["district_figures"], city)
    assert [r.value for r in rows] == [119]
    reasons = [(p.row, p.column, p.reason) for p in problems]
    assert (None, "farbe", "district_figures.csv: Spalte „farbe“ ist unbekannt und wird nicht "
            "gelesen.") in reasons
    duplicate = next(p for p in problems if p.row == 3)
    assert "Zeile 2" in duplicate.reason


def test_missing_columns_make_the_file_unusable(tmp_path, city):
    path = write(tmp_path / "allocations.csv", "year,value\n2015,4177\n")
    with pytest.raises(SchemaError, match="„kind“, „source_date“"):
        load_table(path, SPECS["allocations"], city)


def test_spreadsheet_export_with_semicolons_and_cp1252(tmp_path, city):
    text = ("district;date;metric;value;source_title;source_date\r\n"
            "Schönfeld-Weißig;06.05.2016;persons_housed;1.052;Präsentation;2016\r\n")
    path = write(tmp_path / "district_figures.csv", text, "cp1252")
    rows, problems = load_table(path, SPECS["district_figures"], city)
    assert problems == []
    assert (rows[0].district, rows[0].date, rows[0].value) == ("Schönfeld-Weißig", "2016-05-06",
                                                               1052)


def test_capacity_row_needs_a_value_and_population_is_plausible(tmp_path, city):
    write(tmp_path / "capacity.csv", (
        "date,segment,places,occupied,persons_housed,source_url,source_date\n"
        f"2017-12-31,gu,1501,1143,,{SOURCE},2018-02\n"
        f"2018-06-30,gu,,,,{SOURCE},2018-08\n"
        f"2018-06-30,zelte,5,,,{SOURCE},2018-08\n"))
    rows, problems = load_table(tmp_path / "capacity.csv", SPECS["capacity"], city)
    assert [(r.places, r.occupied, r.persons_housed) for r in rows] == [(1501, 1143, None)]
    assert "weder places noch occupied" in problems[0].reason
    assert problems[1].column == "segment"
    write(tmp_path / "population.csv", (
        "level,district,name,reference_date,population,foreigners,source_url,source_date\n"
        f"stadtbezirk,Neustadt,StB 1,2026-06-30,100,200,{SOURCE},2026-06-30\n"))
    rows, problems = load_table(tmp_path / "population.csv", SPECS["population"], city)
    assert rows == [] and "foreigners (200) ist größer als population (100)" in problems[0].reason


def test_a_broken_file_keeps_the_other_tables_and_previous_good_rows(tmp_path, city):
    for name in ("allocations.csv", "capacity.csv", "population.csv", "district_figures.csv"):
        shutil.copy(RESOURCES / name, tmp_path / name)
    good = load_figures(tmp_path, city)
    write(tmp_path / "capacity.csv", "datum;was\n1;2\n")
    broken = load_figures(tmp_path, city)
    assert broken.capacity == () and broken.failed_tables == ("capacity",)
    assert "capacity.csv" in broken.errors[0] and "Pflichtspalte(n) fehlen" in broken.errors[0]
    assert broken.allocations == good.allocations
    assert keep_good_tables(broken, good).capacity == good.capacity
    (tmp_path / "population.csv").unlink()
    assert "population.csv" in " ".join(load_figures(tmp_path, city).errors)


def test_shipped_tables_load_without_problems(city):
    figures = load_figures(RESOURCES, city)
    assert figures.problems == () and figures.errors == ()
    for table in (figures.allocations, figures.capacity, figures.district_figures,
                  figures.population, figures.stadtteil_population):
        assert table
        for row in table:
            assert row.source_date and (row.source_url or row.source_title)
    seed = {(r.metric, r.value) for r in figures.district_figures
            if r.district == "Neustadt" and r.date == "2019"}
    assert seed == {("uewh_places", 119), ("gww_places", 192)}
    fachplan = [r for r in figures.district_figures if r.metric == "uewh_places"][0]
    assert fachplan.source_title.endswith("V2927/19") and fachplan.source_date == "2019"


def test_shipped_allocations_keep_disagreeing_sources(city):
    figures = load_figures(RESOURCES, city)
    actual = {r.year: r for r in figures.allocations if r.kind == "actual"}
    assert actual[2015].value == 4177 and "4.172" in actual[2015].alt_values
    assert "1.839" in actual[2016].alt_values and "1.837" in actual[2016].alt_values
    assert actual[2020].value == 592 and "2021" in actual[2020].notes
    # The Fachplan's own series is not in the research: those years stay absent.
    assert not {2010, 2011, 2012, 2019} & set(actual)
    assert not any(r.year in (2010, 2011, 2012) for r in figures.allocations)
    assert missing_allocation_years(figures.allocations, since=2010) == [2010, 2011, 2012, 2019]


def test_allocation_series_orders_and_labels(city):
    figures = load_figures(RESOURCES, city)
    frame = allocations_series(figures.allocations)
    assert list(frame["year"]) == sorted(frame["year"])
    row = frame[(frame["year"] == 2024) & (frame["kind"] == "actual")].iloc[0]
    assert row["value_text"] == "rund 1.600" and row["kind_label"] == "tatsächlich"
    text = sources_markdown(frame)
    assert "[dnn.de (Juni 2019)](https://www.dnn.de/" in shown(text)


def test_capacity_series_is_long_and_skips_unknown_values(city):
    figures = load_figures(RESOURCES, city)
    frame = capacity_series(figures.capacity)
    gu_2017 = frame[(frame["date"] == "2017-12-31") & (frame["segment"] == "gu")]
    assert dict(zip(gu_2017["measure"], gu_2017["value"], strict=True)) == {
        "places": 1501, "occupied": 1143}
    expected = sum(v is not None for r in figures.capacity
                   for v in (r.places, r.occupied, r.persons_housed))
    assert len(frame) == expected


def test_district_queries(city):
    rows = load_figures(RESOURCES, city).district_figures
    dates = district_metric_dates(rows, "persons_housed")
    assert dates[0] == "2016-01-07" and dates[-1] == "2019-03-31"
    assert dates.index("2017-01") < dates.index("2017-01-31")
    may = persons_housed_by_district(rows, "2016-05-06", city)
    assert len(may) == 13 and may["value"].sum() == 4612  # 4,828 minus 216 unknown
    assert list(may["district"][:3]) == ["Altstadt", "Neustadt", "Pieschen"]
    assert "Langebrück/Schönborn" not in set(may["district"])  # absent, not zero
    latest = latest_district_figure(rows, "neustadt", "persons_housed", city)
    assert (latest.value, latest.date, latest.previous_value, latest.change) == (
        251, "2019-03-31", 444, -193)
    assert latest.source_url.startswith("https://www.dnn.de/")
    assert latest_district_figure(rows, "Weixdorf", "uewh_places", city) is None
    seed = latest_district_figure(rows, "Neustadt", "gww_places", city)
    assert seed.value == 192 and seed.change is None


def test_population_of_districts_and_ortschaften(city):
    figures = load_figures(RESOURCES, city)
    assert all(r.level != "stadtteil" for r in figures.population)
    klotzsche = population_of(figures.population, "Klotzsche", city)
    assert (klotzsche.reference_date, klotzsche.population, klotzsche.foreigners) == (
        "2026-06-30", 31194, 1410)
    assert klotzsche.scope == "mit zugeordneten Ortschaften"
    assert "dl-de/by-2-0" in klotzsche.attribution
    old = population_of(figures.population, "Klotzsche", city, reference_date="2019-12-31")
    assert old.reference_date == "2019-12-31"
    weixdorf = population_of(figures.population, "weixdorf", city)
    stadtteil = next(r for r in figures.stadtteil_population
                     if r.stadtteil_nr == "35" and r.reference_date == weixdorf.reference_date)
    assert weixdorf.population == stadtteil.population
    assert round(klotzsche.foreigners_share, 4) == round(1410 / 31194, 4)
    assert population_of(figures.population, "Atlantis", city) is None


@pytest.mark.shared
def test_build_script_reproduces_the_shipped_population(shared_dir, tmp_path):
    from tools.build_figures import main

    out = tmp_path / "population.csv"
    assert main([str(shared_dir / "facts" / "dresden_population.csv"), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (RESOURCES / "population.csv").read_text(
        encoding="utf-8")
    with out.open(encoding="utf-8") as fh:
        levels = [row["level"] for row in csv.DictReader(fh)]
    assert levels.count("ortschaft") == 15 and levels.count("stadtbezirk") == 30
