"""Versorgung im Sozialraum (issue 14): a synthetic two-square city with hand-computed answers.

Stadtteil A is the square [0, 400] × [0, 400] m and B the square [400, 800] × [0, 400] m
(EPSG:25833, placed in Dresden), so each holds four whole 200 m cells with centres at
100 and 300 m. The M offer sits at A's first cell centre (100, 100): A's cells are
0, 200, 200 and 283 m away, B's 400, 447, 600 and 632 m.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import numpy as np
import pytest
import shapely

from atlas import texts
from atlas.city import District, load_city
from atlas.figures.tables import PopulationFigure
from atlas.geo.crs import transformer
from atlas.model import Resource
from atlas.versorgung.grid import (
    WEIGHT_ADDRESSES,
    WEIGHT_EVEN,
    grid_from_polygons,
)
from atlas.versorgung.model import ALL_FIELDS, build_model, figures_for, weighted_quantiles
from atlas.versorgung.table import area_lines, columns, csv_rows, html_table, metres, text_rows

ROOT = Path(__file__).resolve().parent.parent
X0, Y0 = 411_000.0, 5_655_000.0  # a lattice corner in Dresden (multiples of 200 m)
DAY = dt.date(2026, 11, 1)
SOURCE = "Landeshauptstadt Dresden, opendata.dresden.de (dl-de/by-2-0)"


@pytest.fixture(scope="module")
def city():
    return load_city(ROOT / "resources" / "city.yaml")


def lat_lon(x: float, y: float) -> tuple[float, float]:
    lon, lat = transformer("EPSG:25833", "EPSG:4326").transform(X0 + x, Y0 + y)
    return lat, lon


def offer(rid: str, x: float, y: float, fields: str = "M", **kw) -> Resource:
    lat, lon = lat_lon(x, y)
    kw.setdefault("location_precision", "exact")
    kw.setdefault("category", "beratung")
    return Resource(id=rid, name=rid, lat=lat, lon=lon, handlungsfelder=tuple(fields),
                    stadtbezirk="Altstadt", source_date="2026-10", **kw)


def population(nr: str | None, pop: int, foreign: int, *, level: str = "stadtteil",
               date: str = "2026-06-30") -> PopulationFigure:
    return PopulationFigure(level=level, district="Altstadt", stadtteil_nr=nr,
                            name=nr or "Altstadt", reference_date=date, population=pop,
                            foreigners=foreign, source_url="https://example.org/bev.csv",
                            source_date=date, attribution=SOURCE)


ROWS = (population("01", 1000, 400), population("02", 2000, 100),
        population(None, 3000, 500, level="stadtbezirk"),
        population("01", 1, 1, date="2019-12-31"))  # an older date is never used


def grid(address_xy=None):
    squares = [shapely.box(X0, Y0, X0 + 400, Y0 + 400),
               shapely.box(X0 + 400, Y0, X0 + 800, Y0 + 400)]
    return grid_from_polygons(squares, ["01", "02"], ["Aaa", "Bbb"], address_xy=address_xy)


def records() -> list[Resource]:
    return [
        offer("o1", 100, 100, stadtteil="Aaa"),
        offer("o2", 700, 300, fields="S", stadtteil="Bbb"),
        # placed at a Stadtbezirk centroid: counts in the district total, not in reach
        offer("o3", 600, 200, location_precision="stadtbezirk"),
        # closed: not a current offer
        offer("o5", 500, 300, stadtteil="Bbb", status="geschlossen"),
        # accommodation is never an offer, even with a Handlungsfeld and an exact position
        offer("u1", 500, 100, category="unterkunft", stadtteil="Bbb"),
        offer("i1", 700, 100, stadtteil="Bbb", visibility="internal"),
    ]


def model(city, rows=ROWS, recs=None, *, internal=False, address_xy=None):
    district = District("Altstadt", "Stadtbezirk", ("01", "02"))
    return build_model(grid(address_xy), records() if recs is None else recs, city=city,
                       districts=[district], population_rows=rows, day=DAY,
                       include_internal=internal)


def m(value: float):
    """Metres, up to the millimetre the WGS84 round trip of the offers costs."""
    return pytest.approx(value, abs=1e-3)


def by_key(result):
    return {a.key: a for a in result.stadtteile}


def test_grid_is_four_whole_cells_per_square():
    g = grid()
    assert len(g) == 8 and g.weighting == WEIGHT_EVEN
    assert np.allclose(g.weight, 40_000)
    assert sorted(zip(g.x - X0, g.y - Y0, strict=True))[:2] == [(100, 100), (100, 300)]


def test_reach_shares_and_ranking_equal_the_hand_computed_answer(city):
    result = figures_for(model(city), "M", 500)
    a, b = by_key(result)["01"], by_key(result)["02"]
    assert (a.median_m, a.p90_m, a.share_within) == (m(200), m(math.hypot(200, 200)), 1.0)
    assert b.median_m == m(math.hypot(400, 200))  # 400, 447, 600, 632
    assert b.p90_m == m(math.hypot(600, 200))
    assert b.share_within == 0.5
    assert (a.offers, b.offers) == (1, 0)
    assert a.offers_per_1000 == 2.5 and b.offers_per_1000 == 0.0
    assert (a.gap, b.gap) == (0.0, 50.0)  # foreign residents beyond 500 m
    assert [s.key for s in result.ranking()] == ["02", "01"]
    # the district weighs cells by foreign residents: A's cells 100 each, B's 25 each
    (district,) = result.districts
    assert district.median_m == m(200)
    assert district.p90_m == m(math.hypot(400, 200))
    assert district.share_within == pytest.approx(0.9)
    assert district.offers == 2  # o1 and the centroid offer o3
    assert district.offers_per_1000 == pytest.approx(4.0)
    assert (result.offers_total, result.offers_reach, result.offers_left_out) == (2, 1, 1)


def test_changing_the_distance_changes_only_the_shares(city):
    m = model(city)
    near = by_key(figures_for(m, "M", 250))
    assert near["01"].share_within == 0.75 and near["02"].share_within == 0.0
    assert near["02"].gap == 100.0
    assert near["02"].median_m == by_key(figures_for(m, "M", 500))["02"].median_m


def test_all_offers_field_uses_every_precise_offer(city):
    result = by_key(figures_for(model(city), ALL_FIELDS, 500))
    assert result["02"].median_m == m(200)  # o2 at (700, 300): 447, 200, 200, 0
    assert result["02"].offers == 1


def test_missing_population_reads_keine_angabe(city):
    rows = [r for r in ROWS if r.stadtteil_nr != "02"]
    result = figures_for(model(city, rows), "M", 500)
    b = by_key(result)["02"]
    assert b.population is None and b.offers_per_1000 is None
    assert b.median_m is None and b.share_within is None and b.gap is None
    assert [s.key for s in result.ranking()] == ["01"]  # no ranking from too little data
    texts_b = dict(area_lines(b, result))
    assert texts_b[texts.VERSORGUNG["col_population"]] == texts.KEINE_ANGABE
    assert texts_b[texts.VERSORGUNG["m_median"]] == texts.KEINE_ANGABE


def test_no_offers_means_no_reach_never_zero_metres(city):
    result = figures_for(model(city), "G", 500)
    for area in (*result.stadtteile, *result.districts):
        assert area.median_m is None and area.p90_m is None and area.share_within is None
        assert area.offers == 0
    assert result.ranking() == []
    row = text_rows(result.stadtteile[:1], columns(500))[0]
    assert "0" not in row[5:8] and row[5] == texts.KEINE_ANGABE
    assert metres(None) == texts.KEINE_ANGABE


def test_public_view_counts_no_internal_record_and_never_accommodation(city):
    public = by_key(figures_for(model(city), "M", 500))["02"]
    internal = by_key(figures_for(model(city, internal=True), "M", 500))["02"]
    # the internal offer i1 at (700, 100) would bring B's median to 200 m
    assert public.median_m == m(math.hypot(400, 200)) and public.offers == 0
    assert internal.median_m == m(200) and internal.offers == 1
    # accommodation u1 at (500, 100) never shortens a distance, in either view
    assert internal.p90_m == m(math.hypot(200, 200))


def test_address_points_weight_the_cells():
    # the full register covers both Stadtteile; A's points all lie in its far cell
    xs = np.array([X0 + 350, X0 + 360, X0 + 500])
    ys = np.array([Y0 + 350, Y0 + 340, Y0 + 100])
    g = grid((xs, ys))
    assert g.weighting == WEIGHT_ADDRESSES and g.address_points == 3
    assert g.weight.tolist().count(0.0) == 6


def test_an_extract_of_a_few_address_points_is_not_the_register():
    g = grid((np.array([X0 + 350]), np.array([Y0 + 350])))  # one Stadtteil of two
    assert g.weighting == WEIGHT_EVEN and np.allclose(g.weight, 40_000)


def test_weighted_quantiles_of_groups():
    values = np.array([5.0, 1.0, 3.0, 10.0, 20.0])
    groups = np.array([0, 0, 0, 1, 1])
    weights = np.array([1.0, 1.0, 2.0, 1.0, 3.0])
    median, p90 = weighted_quantiles(values, groups, weights, 3, (0.5, 0.9))
    assert median[:2].tolist() == [3.0, 20.0] and p90[:2].tolist() == [5.0, 20.0]
    assert np.isnan(median[2])


def test_csv_and_html_carry_source_and_escape_text(city):
    result = figures_for(model(city), "M", 500)
    rows = csv_rows(result, result.ranking())
    assert rows[0]["gebiet"] == "Bbb" and rows[0]["einwohner_stand"] == "2026-06-30"
    assert rows[0]["einwohner_quelle"] == "https://example.org/bev.csv"
    table = html_table(["Stadtteil"], [["<b>x</b>"]], "Lücken")
    assert "<b>x</b>" not in table and "&lt;b&gt;" in table and "<caption>Lücken" in table
