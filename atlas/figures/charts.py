"""Altair chart builders for the Fachplan figures (Vega-Lite, rendered offline by Streamlit).

Builders take the DataFrames of :mod:`atlas.figures.queries` and return Altair
charts whose only dataset is that frame, so a test can compare a chart's data
with the shipped table. Axes use the page language's number and time locale; tooltips show
the pre-formatted German text, the source and any values other sources give.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd

from atlas import texts
from atlas.numbers import chart_locale

T = texts.FACHPLAN
NO_DATA_COLOUR = "#d9d9d9"
KIND_COLOURS = {"actual": "#1f5f99", "forecast": "#d9822b", "planning": "#7a5195"}
def _localised(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Axes in the page language's number and month format (atlas.numbers)."""
    return chart.configure(locale=chart_locale())


def _source_tooltips() -> list[alt.Tooltip]:
    return [alt.Tooltip("source:N", title=T["col_source"]),
            alt.Tooltip("source_date:N", title=T["col_source_date"]),
            alt.Tooltip("notes:N", title=T["col_notes"])]


def allocations_chart(frame: pd.DataFrame) -> alt.TopLevelMixin:
    """Bars for actual allocations; forecasts and planning values as hollow points beside them.

    Each year's band is split by kind (xOffset), so a forecast never hides inside
    the bar of the actual figure; colour and the legend name the kind.
    """
    kinds = [T["kind_actual"], T["kind_forecast"], T["kind_planning"]]
    kind_scale = alt.Scale(domain=kinds)
    colour = alt.Color("kind_label:N", title=T["col_kind"],
                       scale=alt.Scale(domain=kinds, range=list(KIND_COLOURS.values())))
    tooltip = [alt.Tooltip("year:O", title=T["col_year"]),
               alt.Tooltip("kind_label:N", title=T["col_kind"]),
               alt.Tooltip("value_text:N", title=T["col_value_text"]),
               alt.Tooltip("label:N", title=T["col_label"]),
               alt.Tooltip("alt_values:N", title=T["col_alt_values"]), *_source_tooltips()]
    base = alt.Chart(frame).encode(
        x=alt.X("year:O", title=T["col_year"], axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("kind_label:N", scale=kind_scale),
        y=alt.Y("value:Q", title=T["col_value"]),
        color=colour, tooltip=tooltip,
    )
    actual = base.transform_filter(alt.datum.kind == "actual").mark_bar(opacity=0.9)
    planned = base.transform_filter(alt.datum.kind != "actual").mark_point(
        filled=False, size=80, strokeWidth=2.5, shape="diamond"
    )
    return _localised(alt.layer(actual, planned).properties(height=320))


def capacity_chart(frame: pd.DataFrame) -> alt.TopLevelMixin:
    """Places, occupied places and persons housed over time, one panel per segment."""
    measures = [T["measure_places"], T["measure_occupied"], T["measure_persons_housed"]]
    segments = [T["segment_gu"], T["segment_wohnungen"], T["segment_gesamt"]]
    chart = alt.Chart(frame).mark_line(point=True).encode(
        x=alt.X("day:T", title=T["col_date"], axis=alt.Axis(format="%Y")),
        y=alt.Y("value:Q", title=T["col_value"]),
        color=alt.Color("measure_label:N", title=T["col_measure"],
                        scale=alt.Scale(domain=measures)),
        strokeDash=alt.StrokeDash("measure_label:N", title=T["col_measure"],
                                  scale=alt.Scale(domain=measures)),
        tooltip=[alt.Tooltip("date_text:N", title=T["col_date"]),
                 alt.Tooltip("segment_label:N", title=T["col_segment"]),
                 alt.Tooltip("measure_label:N", title=T["col_measure"]),
                 alt.Tooltip("value_text:N", title=T["col_value_text"]), *_source_tooltips()],
    ).properties(width=190, height=220)
    faceted = chart.facet(
        column=alt.Column("segment_label:N", title=T["col_segment"], sort=segments)
    ).resolve_scale(y="shared")
    return _localised(faceted)


def district_bars_chart(frame: pd.DataFrame, order: Sequence[str]) -> alt.TopLevelMixin:
    """Persons housed per district, one small panel per date with data."""
    dates = list(dict.fromkeys(frame["date_text"]))
    chart = alt.Chart(frame).mark_bar().encode(
        x=alt.X("value:Q", title=T["col_value"]),
        y=alt.Y("district:N", title=None, sort=list(order)),
        tooltip=[alt.Tooltip("date_text:N", title=T["col_date"]),
                 alt.Tooltip("district:N", title=T["col_district"]),
                 alt.Tooltip("value_text:N", title=T["col_value_text"]), *_source_tooltips()],
    ).properties(width=200, height=260)
    faceted = chart.facet(
        facet=alt.Facet("date_text:N", title=T["col_date"], sort=dates), columns=3
    )
    return _localised(faceted)


def district_features(collection: Mapping[str, Any], values: pd.DataFrame) -> list[dict]:
    """District features with the value of each (None where the source has none).

    Stadtbezirke come first and Ortschaften after them, so an Ortschaft drawn on
    top of its Stadtbezirk shows its own value or "keine Angabe".
    """
    by_name = {row.district: row for row in values.itertuples(index=False)}
    out = []
    for feature in collection.get("features", []):
        props = dict(feature.get("properties") or {})
        row = by_name.get(props.get("name"))
        props["value"] = None if row is None else int(row.value)
        props["value_text"] = T["no_data"] if row is None else row.value_text
        props["source"] = "" if row is None else row.source
        out.append({"type": "Feature", "geometry": feature.get("geometry"), "properties": props})
    out.sort(key=lambda f: f["properties"].get("art") == "Ortschaft")
    return out


def _is_lonlat(features: Sequence[Mapping[str, Any]]) -> bool:
    for feature in features:
        coords: Any = (feature.get("geometry") or {}).get("coordinates")
        while isinstance(coords, list) and coords and isinstance(coords[0], list):
            coords = coords[0]
        if isinstance(coords, list) and len(coords) >= 2:
            return abs(coords[0]) <= 180 and abs(coords[1]) <= 90
    return True


def choropleth_chart(features: list[dict]) -> dict[str, Any]:
    """Vega-Lite spec: districts coloured by value, districts without data grey ("keine Angabe").

    Returned as a plain spec with the features inline: Altair would copy and
    validate every coordinate on each rerun (about a second for Dresden), so the
    chart is built on an empty dataset and the features are put in afterwards.
    """
    projection: dict[str, Any] = (
        {"type": "mercator"} if _is_lonlat(features) else {"type": "identity", "reflectY": True}
    )
    chart = alt.Chart(alt.Data(values=[])).mark_geoshape(
        stroke="white", strokeWidth=1, invalid="show"  # no value: grey, not left out
    ).encode(
        color=alt.condition(
            "datum.properties.value == null", alt.value(NO_DATA_COLOUR),
            alt.Color("properties.value:Q", title=T["col_value"],
                      scale=alt.Scale(scheme="blues")),
        ),
        tooltip=[alt.Tooltip("properties.name:N", title=T["col_district"]),
                 alt.Tooltip("properties.value_text:N", title=T["col_value_text"]),
                 alt.Tooltip("properties.source:N", title=T["col_source"])],
    ).project(**projection).properties(height=420)
    spec = _localised(chart).to_dict()
    spec["data"] = {"values": features}
    return spec
