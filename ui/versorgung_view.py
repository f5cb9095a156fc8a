"""Streamlit side of "Versorgung im Sozialraum": choices, map, details panel and tables.

Every table is shown twice: as ``st.dataframe`` (sortable) and as a real HTML table
(an expander) that screen readers and copy-and-paste can use; the CSV download
carries the date and source on every row. Text from the data is escaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from atlas import texts
from atlas.citymap.build import build_base_map, build_place_group
from atlas.citymap.layers import build_place_payloads
from atlas.export.downloads import rows_to_csv
from atlas.markup import escape_markdown
from atlas.model import Category, Resource
from atlas.nearby.search import current_offers
from atlas.versorgung.model import ALL_FIELDS, DEFAULT_DISTANCE_M, FIELDS, AreaFigures, Result
from atlas.versorgung.table import (
    CSV_COLUMNS,
    MEASURES,
    columns,
    csv_rows,
    field_label,
    html_table,
    measure_label,
    metric_values,
    text_rows,
)
from ui import data, derived

V = texts.VERSORGUNG
DISTANCES = (300, 500, 750, 1000, 1500, 2000, 3000)
TABLE_CSS = """<style>
.atlas-table { border-collapse: collapse; font-size: .9rem; width: 100%; }
.atlas-table caption { text-align: left; font-weight: 600; padding: .25rem 0; }
.atlas-table th, .atlas-table td { border: 1px solid #bbb; padding: .2rem .4rem; }
.atlas-table td { text-align: right; }
.atlas-table th[scope=row] { text-align: left; font-weight: normal; }
</style>"""


def _param(name: str, allowed: Sequence[str], default: str) -> str:
    value = st.query_params.get(name, default)
    return value if value in allowed else default


def read_choices() -> tuple[str, int, str]:
    """Handlungsfeld, distance and map measure from the widgets (deep-linkable)."""
    codes = [c or "alle" for c in FIELDS]
    left, mid, right = st.columns([2, 1, 2])
    code = left.selectbox(V["field"], codes, format_func=lambda c: field_label(
        "" if c == "alle" else c), index=codes.index(_param("feld", codes, "alle")),
        key="versorgung_feld")
    distance = mid.selectbox(V["distance"], DISTANCES, index=DISTANCES.index(
        int(_param("entfernung", [str(d) for d in DISTANCES], str(DEFAULT_DISTANCE_M)))),
        key="versorgung_entfernung")
    measure = right.selectbox(V["measure"], MEASURES, key="versorgung_mass",
                              format_func=lambda m: measure_label(m, distance))
    st.query_params.update({"feld": code, "entfernung": str(distance)})
    return ("" if code == "alle" else code), int(distance), measure


def read_district(names: Sequence[str]) -> str | None:
    """The district to focus on (``?bezirk=``, slug or name), None for the whole city."""
    from atlas.city import slugify

    city = data.city()
    requested = st.query_params.get("bezirk")
    current = city.canonical_district(requested) if requested else None
    options = [V["whole_city"], *names]
    chosen = st.selectbox(V["focus"], options, key="versorgung_bezirk",
                          index=options.index(current) if current in names else 0)
    if chosen == V["whole_city"]:
        st.query_params.pop("bezirk", None)
        return None
    st.query_params["bezirk"] = slugify(chosen)
    return chosen


def field_offers(records: Sequence[Resource], field: str) -> list[Resource]:
    """The current offers of a field that the map draws (never accommodation)."""
    offers = current_offers(records, dt.date.today())
    return [r for r in offers if field == ALL_FIELDS or field in r.handlungsfelder]


def show_map(result: Result, measure: str, offers: Sequence[Resource],
             bounds: Any, focus: Any = None) -> dict[str, float] | None:
    """The Stadtteile coloured by the measure, the offers on top; returns the click.

    ``focus`` is a District the map zooms to (None: the whole city).
    """
    cfg, city = data.config(), data.city()
    metric = metric_values(result, measure)
    order = [c.value for c in Category]
    base = build_base_map(
        city, tiles=cfg.tiles, tiles_attribution=cfg.tiles_attribution,
        areas=derived.map_area_json("stadtteile", metric), metric=metric,
        categories=sorted({r.category.value for r in offers}, key=order.index),
        data_attribution=texts.MAP["boundaries_attribution"].format(
            attribution=bounds.attribution) + " | " + texts.MAP["places_attribution"])
    if focus is not None:
        from atlas.profile.sections import district_bbox

        box = district_bbox(bounds, focus)
        if box:
            base.fit_bounds([[box[1], box[0]], [box[3], box[2]]])
    places = build_place_group(build_place_payloads(offers))
    out = st_folium(base, key="versorgung_map", feature_group_to_add=places,
                    returned_objects=["last_object_clicked"], use_container_width=True,
                    height=520)
    return (out or {}).get("last_object_clicked")


def show_details(area: AreaFigures | None, lines: list[tuple[str, str]]) -> None:
    """The clicked Stadtteil's figures, or a hint."""
    st.header(V["details_heading"])
    if area is None:
        st.caption(V["details_hint"])
        return
    with st.container(border=True, key="versorgung_details"):
        st.markdown(f"**{escape_markdown(area.name)}** ({escape_markdown(area.stadtbezirk or '')})")
        st.markdown("  \n".join(f"**{escape_markdown(label)}:** {escape_markdown(value)}"
                                for label, value in lines))
        if area.stadtbezirk:  # a plain link: page_link needs app.py's navigation
            from atlas.city import slugify

            label = escape_markdown(V["profile_link"].format(name=area.stadtbezirk))
            link = f"/bezirk?bezirk={slugify(area.stadtbezirk)}"
            st.markdown(f":material/location_city: [{label}]({link})")


def show_table(areas: Sequence[AreaFigures], result: Result, *, key: str, caption: str,
               first: str = "col_name", ranked: bool = False) -> None:
    """A table as dataframe, as HTML table (expander) and as CSV download."""
    cols = columns(result.distance_m, first=first)
    headers = [h for h, _ in cols]
    rows = text_rows(areas, cols)
    if ranked:
        headers = [V["col_rank"], *headers]
        rows = [[str(i), *row] for i, row in enumerate(rows, start=1)]
    st.dataframe(pd.DataFrame(rows, columns=headers), hide_index=True, width="stretch")
    with st.expander(V["table_html"]):
        st.html(TABLE_CSS + html_table(headers, rows, caption))
    st.download_button(
        V["download_csv"], lambda: rows_to_csv(csv_rows(result, areas), CSV_COLUMNS),
        file_name=f"versorgung-{key}-{result.field or 'alle'}-{result.distance_m}m.csv",
        mime="text/csv", on_click="ignore", key=f"versorgung_csv_{key}")
