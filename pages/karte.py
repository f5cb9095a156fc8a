"""Start page: the city map with districts, places, filters, choropleth, details and table."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from atlas import texts
from atlas.access.roles import can_see_internal
from atlas.citymap.areas import find_area, locate_area
from atlas.citymap.build import build_base_map, build_place_group
from atlas.citymap.layers import places_at
from atlas.errors import AtlasError
from atlas.model import Category
from atlas.numbers import format_date
from ui import data, derived, map_filters, map_view, page

M = texts.MAP
K_CLICK, K_PLACE = "karte_klick", "karte_ort"

page.header(M["title"], M["caption"])
city, cfg = data.city(), data.config()
today = dt.date.today()
view, notices = map_filters.read_view(city, internal=can_see_internal(data.session_role()),
                                     today=today)
for notice in notices:
    page.show_notice(notice)

records, bounds = [], None
try:
    records = data.visible_resources()
except AtlasError as error:
    page.show_error(error)
if view.filters.history and view.filters.day:
    past = data.history_resources(view.filters.day)
    if past is None:
        page.show_notice(M["history_unavailable"])
    else:
        records = past
        if not past:
            page.show_notice(M["history_empty"].format(date=format_date(view.filters.day)))
try:
    bounds = data.boundaries()
except AtlasError as error:
    page.show_error(error)
if bounds is None:
    page.operator_notice(texts.GEODATA["boundaries_missing_public"],
                         texts.GEODATA["boundaries_missing"], icon=":material/map:")

day = view.filters.day or today
selection = derived.map_selection(records, view.filters, today)
filtered = selection.records
areas = derived.map_areas(view.level) if bounds is not None else None
history = view.filters.history  # the history's records, also for accommodation figures
metric, metric_note = map_view.metric_values(view.metric, view.level, records, city, day,
                                             history=history)
if metric_note:
    page.show_notice(metric_note)

order = [c.value for c in Category]
categories = sorted({r.category.value for r in records}, key=order.index)
base = build_base_map(
    city, tiles=cfg.tiles, tiles_attribution=cfg.tiles_attribution,
    areas=derived.map_area_json(view.level, metric) if areas else None, metric=metric,
    categories=categories,
    data_attribution=" | ".join(
        ([M["boundaries_attribution"].format(attribution=f"{bounds.attribution}, "
                                             f"{bounds.origin.removeprefix('Grenzen: ')}")]
         if bounds else [])
        + [M["places_attribution"]]),
    focus=derived.map_focus(view.focus, view.filters.districts) if bounds is not None else None,
)
places = build_place_group(selection.payloads, selection.payload_json)

col_map, col_side = st.columns([3, 1])
with col_map:
    clicked = map_view.show_map(base, places)

area_id = view.area
if clicked and clicked != st.session_state.get(K_CLICK):
    st.session_state[K_CLICK] = clicked
    lat, lon = clicked["lat"], clicked["lng"]
    if places_at(filtered, lat, lon):
        st.session_state[K_PLACE] = (lat, lon)
    elif clicked.get("cluster"):
        pass  # Leaflet zooms into the cluster; the district below stays as it was
    else:
        st.session_state[K_PLACE] = None
        hit = locate_area(areas, lat, lon) if areas else None
        area_id = str(hit["id"]) if hit else None
        map_filters.select_area(area_id)

with col_side:
    st.header(M["details_heading"])
    # Keyboard path: everything a click in the map does, through two selects.
    area_id = map_view.pick_area(areas, area_id)
    map_view.pick_place(filtered, K_PLACE)
    position = st.session_state.get(K_PLACE)
    here = places_at(filtered, *position) if position else []
    area = find_area(areas, area_id) if (areas and area_id) else None
    if here:
        map_view.show_place_details(here)
    elif area:
        map_view.show_area_details(
            area, map_view.area_figures(area, view.level, records, city, day, history=history),
            area.get("profile"), city.canonical_district(str(area.get("profile") or "")))
    else:
        if area_id and areas:
            page.show_notice(M["unknown_param"].format(param="gebiet", value=area_id))
        st.caption(M["details_hint"])

if not filtered:
    if not map_view.show_way_on(view, records, city, today):
        st.info(M["no_hits"])
    st.button(M["reset"], on_click=map_filters.reset_filters, key="karte_reset_main")
map_view.show_table(selection)
