"""fachplan.yaml loading, offer counts per Handlungsfeld, and the chart builders."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from atlas.errors import SchemaError
from atlas.figures import charts
from atlas.figures.fachplan import count_offers_by_field, load_fachplan
from atlas.model import HANDLUNGSFELDER, Resource

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "resources" / "fachplan.yaml"

MINIMAL = """
title: Plan
paper: V1/19
sources:
  a: {source_url: "https://example.org/a", source_date: "2019-08-07"}
leitlinien:
  - {name: Eins, source: a}
handlungsfelder:
  - {code: M, name: Migrationssozialarbeit, description: Text, source: a, measures: []}
"""


def test_shipped_plan_has_ten_fields_three_guidelines_and_the_decision():
    plan = load_fachplan(SHIPPED)
    assert tuple(f.code for f in plan.handlungsfelder) == HANDLUNGSFELDER
    assert [g.text for g in plan.leitlinien] == [
        "Integration von Anfang an", "Teilhabe durch Beteiligung",
        "Zusammenhalt unterstützen – Stadtteile im Blick"]
    assert (plan.measures_total, plan.teilbereiche, plan.paper) == (66, 12, "V2927/19")
    assert [(s.date, s.source.source_date) for s in plan.beschluss][-2:] == [
        ("2019-06-18", "2019-06-19"), ("2019-07-05", "2019-08-07")]
    measures = [m for f in plan.handlungsfelder for m in f.measures]
    assert measures and all(m.editorial and m.source.source_url for m in measures)
    assert any(not f.measures for f in plan.handlungsfelder)  # shown as "keine Angabe"
    for item in (*plan.leitlinien, *plan.beschluss, *plan.content):
        assert item.source.source_date and (item.source.source_url or item.source.source_title)


def test_minimal_plan_loads(tmp_path):
    path = tmp_path / "fachplan.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    plan = load_fachplan(path)
    assert plan.handlungsfelder[0].source.source_url == "https://example.org/a"
    assert plan.measures_total is None and plan.beschluss == ()


@pytest.mark.parametrize(("change", "message"), [
    (("source: a, measures", "source: b, measures"), "Unbekannte Quelle „b“"),
    (("code: M", "code: X"), "„X“"),
    (("title: Plan\n", ""), "title"),
    (("leitlinien:", "leitlinien: [\n"), "nicht lesbar"),
])
def test_bad_plan_gives_a_german_error(tmp_path, change, message):
    path = tmp_path / "fachplan.yaml"
    path.write_text(MINIMAL.replace(*change), encoding="utf-8")
    with pytest.raises(SchemaError, match=message):
        load_fachplan(path)


def resource(rid: str, category: str, fields: tuple[str, ...], **extra) -> Resource:
    return Resource(id=rid, name=rid, category=category, handlungsfelder=fields,
                    source_url="https://example.org", source_date="2024", **extra)


def test_offer_counts_per_field_skip_accommodation():
    records = [
        resource("a", "beratung", ("M", "S")),
        resource("b", "initiative", ("S", "S", "B")),
        resource("c", "unterkunft", ("W",)),
    ]
    counts = count_offers_by_field(records)
    assert counts == {**dict.fromkeys(HANDLUNGSFELDER, 0), "M": 1, "S": 2, "B": 1}


def test_allocations_chart_draws_forecasts_hollow():
    frame = pd.DataFrame({
        "year": [2015, 2015], "value": [4177, 5365], "kind": ["actual", "forecast"],
        "kind_label": ["tatsächlich", "Prognose"], "value_text": ["4.177", "mindestens 5.365"],
        "label": ["", ""], "alt_values": ["4.172 (PM)", ""], "source": ["a", "b"],
        "source_date": ["2018", "2015"], "notes": ["", ""]})
    spec = charts.allocations_chart(frame).to_dict()
    bars, points = spec["layer"]
    assert bars["mark"]["type"] == "bar"
    assert bars["transform"] == [{"filter": "(datum.kind === 'actual')"}]
    assert points["mark"]["type"] == "point" and points["mark"]["filled"] is False
    assert bars["encoding"]["xOffset"]["field"] == "kind_label"  # side by side, not hidden
    tooltip_fields = {t["field"] for t in bars["encoding"]["tooltip"]}
    assert {"alt_values", "value_text", "source", "source_date"} <= tooltip_fields
    assert spec["config"]["locale"]["number"]["thousands"] == "."


def square(x: float, y: float) -> dict:
    ring = [[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def test_choropleth_marks_districts_without_data_as_keine_angabe():
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Weixdorf", "art": "Ortschaft"},
         "geometry": square(13.8, 51.1)},
        {"type": "Feature", "properties": {"name": "Neustadt", "art": "Stadtbezirk"},
         "geometry": square(13.75, 51.06)},
        {"type": "Feature", "properties": {"name": "Klotzsche", "art": "Stadtbezirk"},
         "geometry": square(13.78, 51.11)},
    ]}
    values = pd.DataFrame({"district": ["Neustadt", "Weixdorf"], "value": [510, 5],
                           "value_text": ["510", "5"], "source": ["dnn", "dnn"]})
    features = charts.district_features(collection, values)
    assert [f["properties"]["name"] for f in features] == ["Neustadt", "Klotzsche", "Weixdorf"]
    klotzsche = features[1]["properties"]
    assert klotzsche["value"] is None and klotzsche["value_text"] == "keine Angabe"
    spec = charts.choropleth_chart(features)
    assert spec["projection"] == {"type": "mercator"} and spec["data"]["values"] == features
    assert spec["encoding"]["color"]["condition"]["value"] == charts.NO_DATA_COLOUR
    projected = [{**f, "geometry": square(411000, 5660000)} for f in features]
    assert charts.choropleth_chart(projected)["projection"]["type"] == "identity"
    assert "Stadtbezirk" in collection["features"][1]["properties"]["art"]  # input untouched
    assert "value" not in collection["features"][1]["properties"]
