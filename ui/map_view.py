"""Streamlit side of the city map: st_folium, the details panel, the table and downloads.

``show_map`` returns only the last clicked object, so panning and zooming never
rerun the script; filter changes swap the place FeatureGroup without rebuilding
the base map. Every text from the data is escaped before Markdown sees it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import folium
import streamlit as st
from streamlit_folium import st_folium

from atlas import texts
from atlas.access.roles import can_see_internal
from atlas.city import City
from atlas.citymap.build import CLUSTER_MARK
from atlas.citymap.choropleth import (
    MetricValues,
    count_offers_by_district,
    latest_metric_values,
)
from atlas.citymap.details import (
    TABLE_COLUMNS,
    export_feature,
    export_row,
    place_details,
)
from atlas.citymap.params import ViewState
from atlas.citymap.selection import Selection
from atlas.errors import AtlasError
from atlas.export.downloads import features_to_geojson, rows_to_csv
from atlas.markup import escape_markdown
from atlas.model import Resource
from atlas.numbers import format_date, format_decimal
from ui import data, derived
from ui.facts import visit_markdown
from ui.style import HTML_TABLE_MAX_ROWS

M = texts.MAP
K_AREA_PICK, K_PLACE_PICK, K_PLACE_STATE = "karte_gebiet_wahl", "karte_ort_wahl", "karte_ort"
MAP_HEIGHT = 560


def metric_values(metric: str, level: str, records: Sequence[Resource], city: City,
                  day: dt.date, *, history: bool = False) -> tuple[MetricValues | None, str | None]:
    """The figure to colour the Stadtbezirke by, and a German note when there is none."""
    if metric == "none":
        return None, None
    if level != "stadtbezirke":
        return None, M["metric_only_stadtbezirke"]
    names = list(city.stadtbezirke.values())
    if metric == "offers":
        counts = count_offers_by_district(records, city, day=day)
        values = MetricValues(M["metric_offers"], {k: v for k, v in counts.items()},
                              day.isoformat(), M["places_source"])
    elif metric == "places":
        internal = can_see_internal(data.session_role())
        sums, date, _ = data.map_accommodation_places(day.isoformat(), internal, history)
        values = MetricValues(M["metric_places"], sums, date, M["places_source"])
        if not internal:
            note = M["places_public_note"].format(date=format_date(date),
                                                  n=int(data.config().min_public_sites))
            return values, note if values.values else note + " " + M["metric_no_data"].format(
                metric=values.label)
    else:
        try:
            rows = derived.map_district_figures()
        except AtlasError as error:
            return None, str(error)
        values = latest_metric_values(rows, "persons_housed",
                                      label=M["metric_persons_housed"], names=names)
    if not values.values:
        return values, M["metric_no_data"].format(metric=values.label)
    return values, None


def area_figures(area: dict[str, Any], level: str, records: Sequence[Resource], city: City,
                 day: dt.date, *, history: bool = False) -> list[tuple[str, str]]:
    """(label, text) key figures of a clicked Stadtbezirk; "keine Angabe" where unknown."""
    if level != "stadtbezirke":
        return []
    name = str(area.get("name"))
    offers = count_offers_by_district(records, city, day=day).get(name, 0)
    lines = [(M["district_offers"], format_decimal(offers))]
    try:
        rows = derived.map_district_figures()
    except AtlasError:
        rows = ()  # the figure shows as "keine Angabe"; the colour note explains why
    persons = latest_metric_values(rows, "persons_housed",
                                   label=M["metric_persons_housed"], names=[name])
    value = persons.values.get(name)
    lines.append((M["district_persons"], texts.KEINE_ANGABE if value is None else
                  f"{format_decimal(value)} ({format_date(persons.date, missing='')}; "
                  f"{persons.source})"))
    sums, date, hidden = data.map_accommodation_places(
        day.isoformat(), can_see_internal(data.session_role()), history)
    places = sums.get(name)
    unknown = (M["places_hidden"].format(n=int(data.config().min_public_sites))
               if name in hidden else texts.KEINE_ANGABE)
    lines.append((M["district_places"], unknown if places is None else
                  f"{format_decimal(places)} ({format_date(date)})"))
    return lines


def show_map(base: folium.Map, places: folium.FeatureGroup) -> dict[str, Any] | None:
    """Draw the map; return the last clicked marker or area as {"lat", "lng", "cluster"}.

    A cluster icon reports :data:`atlas.citymap.build.CLUSTER_MARK` as its tooltip: such
    a click only zooms into the cluster and must not select the district below it.
    """
    out = st_folium(base, key="karte_map", feature_group_to_add=places,
                    returned_objects=["last_object_clicked", "last_object_clicked_tooltip"],
                    use_container_width=True, height=MAP_HEIGHT) or {}
    clicked = out.get("last_object_clicked")
    if not clicked:
        return None
    return {**clicked, "cluster": out.get("last_object_clicked_tooltip") == CLUSTER_MARK}


def _filter_words(view: ViewState) -> str:
    f = view.filters
    words = [texts.HANDLUNGSFELD_LABELS.get(h, h) for h in f.handlungsfelder]
    words += [texts.CATEGORY_LABELS.get(c, c) for c in f.categories]
    if f.text:
        words.append(f"„{f.text}“")
    return escape_markdown(", ".join(words)) if words else M["no_hits_what"]


def show_way_on(view: ViewState, records: Sequence[Resource], city: City,
                today: dt.date) -> bool:
    """For an empty result in chosen districts: the same filter in the neighbouring
    districts, each a link to that view. Returns False when there is no district."""
    from dataclasses import replace

    from atlas.citymap.areas import neighbours
    from atlas.citymap.filters import apply_filters
    from atlas.citymap.params import to_query_params

    bounds = data.boundaries() if view.filters.districts else None
    if bounds is None:
        return False
    counts = []
    for name in neighbours(bounds.districts_display, view.filters.districts):
        near = replace(view, filters=replace(view.filters, districts=(name,)), area=None,
                       focus=None)
        hits = apply_filters(records, near.filters, city=city, today=today)
        if hits:
            counts.append((name, len(hits), to_query_params(near)))
    places = escape_markdown(", ".join(view.filters.districts))
    if not counts:
        st.info(M["no_hits_near_none"].format(districts=places, what=_filter_words(view)))
        return True
    st.info(M["no_hits_near"].format(districts=places, what=_filter_words(view),
                                      count=sum(c for _, c, _ in counts)))
    for name, count, params in sorted(counts, key=lambda x: -x[1]):
        st.page_link("pages/karte.py", query_params=params, icon="➡️",
                     label=M["near_link"].format(name=name, count=count))
    return True


def show_place_details(records: Sequence[Resource]) -> None:
    """The details of every place at one clicked position."""
    if len(records) > 1:
        st.caption(M["several_places"].format(count=len(records)))
    for record in records:
        with st.container(border=True):
            mark = f" · :red[{M['internal_mark']}]" if record.is_internal else ""
            st.markdown(f"**{escape_markdown(record.name)}**{mark}")
            st.markdown(visit_markdown(record))
            lines = [f"**{label}:** {escape_markdown(value)}"
                     for label, value in place_details(record)]
            st.markdown("  \n".join(lines))


def show_area_details(area: dict[str, Any], figures: list[tuple[str, str]],
                      profile_slug: str | None, profile_name: str | None) -> None:
    """Key figures of a clicked area and a link to its Stadtbezirk profile."""
    with st.container(border=True):
        st.markdown(f"**{escape_markdown(str(area.get('label') or area.get('name')))}**")
        if figures:
            st.markdown("  \n".join(f"**{label}:** {escape_markdown(value)}"
                                    for label, value in figures))
        if profile_slug:
            st.page_link("pages/bezirk.py", query_params={"bezirk": profile_slug},
                         label=M["district_profile"].format(name=profile_name or profile_slug),
                         icon=":material/location_city:")


def pick_area(areas: dict | None, area_id: str | None) -> str | None:
    """A select of every area of the map level: the keyboard's way to click an area."""
    if not areas:
        return area_id
    labels = {str(f["properties"]["id"]): str(f["properties"].get("label")
                                              or f["properties"].get("name"))
              for f in areas.get("features", [])}
    options = ["", *sorted(labels, key=lambda i: labels[i].casefold())]
    st.session_state[K_AREA_PICK] = area_id if area_id in labels else ""
    st.selectbox(texts.A11Y["area_select"], options, key=K_AREA_PICK,
                 format_func=lambda i: labels.get(i) or texts.A11Y["area_none"],
                 on_change=_on_area_pick)
    return area_id


def _on_area_pick() -> None:
    from ui import map_filters

    st.session_state[K_PLACE_STATE] = None
    map_filters.select_area(st.session_state[K_AREA_PICK] or None)


def pick_place(records: list, place_key: str) -> None:
    """A select of the filtered places: the keyboard's way to click a marker."""
    placed = {r.id: r for r in records if r.lat is not None and r.lon is not None}
    options = ["", *sorted(placed, key=lambda i: placed[i].name.casefold())]
    position = st.session_state.get(place_key)
    if st.session_state.get(K_PLACE_PICK) not in placed or position is None:
        st.session_state[K_PLACE_PICK] = ""

    def chosen() -> None:
        record = placed.get(st.session_state[K_PLACE_PICK])
        st.session_state[place_key] = (record.lat, record.lon) if record else None

    st.selectbox(texts.A11Y["place_select"], options, key=K_PLACE_PICK,
                 format_func=lambda i: placed[i].name if i else texts.A11Y["place_none"],
                 on_change=chosen)


def show_table(selection: Selection) -> None:
    """The filtered places as a table, with CSV and GeoJSON downloads of exactly these rows."""
    st.header(M["table_heading"])
    st.caption(M["hits"].format(count=len(selection.records)))
    st.dataframe(selection.table, hide_index=True, width="stretch")  # sortable
    rows = selection.records
    with st.expander(texts.A11Y["table_html"]):
        if len(rows) <= HTML_TABLE_MAX_ROWS:
            st.table(selection.table, hide_index=True)
        else:
            st.caption(texts.A11Y["table_html_too_long"].format(count=len(rows)))
    left, right = st.columns(2)
    left.download_button(
        M["download_csv"], (lambda: rows_to_csv([export_row(r) for r in rows],
                                                     TABLE_COLUMNS)),
        file_name="integrationsatlas-orte.csv", mime="text/csv", on_click="ignore",
        key="karte_csv")
    right.download_button(
        M["download_geojson"], (lambda: features_to_geojson(
            [export_feature(r) for r in rows])),
        file_name="integrationsatlas-orte.geojson", mime="application/geo+json",
        on_click="ignore", key="karte_geojson")
