"""Source dates in the future are refused (issue 18, defect 9)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from atlas.city import load_city
from atlas.dates import is_future
from atlas.resources import check_upload

ROOT = Path(__file__).resolve().parent.parent
HEADER = "id;name;category;stadtbezirk;source_url;source_date;capacity_date;valid_to"


@pytest.fixture(scope="module")
def city():
    return load_city(ROOT / "resources" / "city.yaml")


def test_is_future_reads_partial_dates_from_their_first_day():
    today = dt.date(2026, 12, 1)
    assert is_future("2099", today) and is_future("9999-12-31", today)
    assert not is_future("2026", today) and not is_future("2026-12", today)
    assert is_future("2026-12-02", today)


@pytest.mark.parametrize("column,value", [("source_date", "2099"), ("source_date", "9999-12-31"),
                                          ("capacity_date", "2099-01"),
                                          ("source_date", "31.12.9999")])
def test_future_source_and_capacity_dates_are_refused(city, column, value):
    cells = {"source_date": "2020", "capacity_date": "", column: value}
    row = (f"a1;Treff;initiative;Neustadt;https://example.org;{cells['source_date']};"
           f"{cells['capacity_date']};")
    check = check_upload(f"{HEADER}\n{row}\n".encode(), "orte.csv", city)
    assert not check.records
    (error,) = check.rejected
    assert error.column == column and "Zukunft" in error.reason


def test_a_future_end_of_validity_is_still_fine(city):
    row = "a1;Treff;initiative;Neustadt;https://example.org;2020;;2099-12"
    assert [r.id for r in check_upload(f"{HEADER}\n{row}\n".encode(), "o.csv", city).records] \
        == ["a1"]


def test_future_source_date_in_figure_tables_is_refused(tmp_path):
    from atlas.figures.tables import load_figures

    src = ROOT / "resources"
    for name in ("allocations.csv", "capacity.csv", "population.csv", "fachplan.yaml"):
        if (src / name).exists():
            (tmp_path / name).write_bytes((src / name).read_bytes())
    header = "district,date,metric,value,source_url,source_title,source_date,notes\n"
    (tmp_path / "district_figures.csv").write_text(
        header + "Neustadt,2016-01-07,persons_housed,514,https://a.org,,2099,\n"
        + "Neustadt,2017-01-07,persons_housed,500,https://a.org,,2017-02,\n", encoding="utf-8")
    figures = load_figures(tmp_path, load_city(src / "city.yaml"))
    assert [f.value for f in figures.district_figures] == [500]
    assert any("Zukunft" in str(p) for p in figures.problems)
