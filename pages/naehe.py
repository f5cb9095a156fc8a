"""Angebote in der Nähe: public offers around an address, a map click or a Stadtteil."""

import streamlit as st
from streamlit_folium import st_folium

from atlas import texts
from atlas.errors import AtlasError
from atlas.geo.addresses import AddressNotFoundError
from atlas.model import HANDLUNGSFELDER
from atlas.nearby.params import MODE_NEAREST, MODE_RADIUS
from atlas.nearby.result_map import build_nearby_map
from atlas.nearby.search import (
    K_MAX,
    RADIUS_MAX_M,
    RADIUS_MIN_M,
    NearbyError,
    OfferFilter,
    find_offers,
    language_label,
    validate_point,
)
from atlas.nearby.startpoint import click_start, locate_address, stadtteil_start
from atlas.numbers import format_distance
from atlas.places.opening_hours import now
from atlas.places.placeinfo import open_state
from ui import data, derived
from ui import nearby_view as view
from ui.page import header, show_error

T = texts.NEARBY
RADII = (500, 1000, 1500, 2000, 3000, 5000, 7500, 10000)

header(T["title"], T["caption"])
cfg, city = data.config(), data.city()
query = view.current_query()
for notice in query.notices:
    show_error(NearbyError(notice))

try:
    bounds = data.boundaries()
except AtlasError as e:
    show_error(e)
    bounds = None
centroids = bounds.stadtteil_centroids() if bounds else {}
names = {f["properties"]["nr"]: f["properties"]["name"]
         for f in (bounds.stadtteile["features"] if bounds else [])}
try:
    index = derived.nearby_index()
except AtlasError as e:
    show_error(e)
    st.stop()

# --- start point: address, Stadtteil, or a click on the map -----------------------
stadtteil_label = ""
if query.stadtteil:
    try:
        stadtteil_label = stadtteil_start(query.stadtteil, centroids, names).label
    except AtlasError:
        stadtteil_label = ""
view.init_widgets(query, stadtteil_label)
st.header(T["start_heading"])
col_address, col_stadtteil = st.columns([3, 2], vertical_alignment="bottom")
with col_address, st.form("naehe_address_form", border=False):
    st.text_input(T["address_label"], key=view.KEYS["address"],
                  placeholder=T["address_placeholder"])
    st.form_submit_button(T["address_submit"], on_click=view.on_address_submit)
with col_stadtteil:
    options = [""] + sorted(names.values())
    if st.session_state.get(view.KEYS["stadtteil"]) not in options:
        st.session_state[view.KEYS["stadtteil"]] = ""
    st.selectbox(T["stadtteil_label"], options, key=view.KEYS["stadtteil"],
                 format_func=lambda n: n or T["stadtteil_none"],
                 on_change=view.on_stadtteil_change)
st.caption(T["click_hint"])

# --- how many, which ---------------------------------------------------------------
col_mode, col_size = st.columns([2, 3])
with col_mode:
    st.radio(T["mode_label"], (MODE_RADIUS, MODE_NEAREST), key=view.KEYS["mode"],
             horizontal=True, on_change=view.on_options_change,
             format_func=lambda m: T["mode_radius"] if m == MODE_RADIUS else T["mode_nearest"])
with col_size:
    if st.session_state[view.KEYS["mode"]] == MODE_RADIUS:
        radii = sorted({*RADII, query.radius_m, st.session_state[view.KEYS["radius"]]})
        # A select, not a slider: a 44 px target on phones, and plain arrow keys.
        st.selectbox(T["radius_label"], radii, key=view.KEYS["radius"],
                     format_func=format_distance,
                     on_change=view.on_options_change,
                     help=f"{format_distance(RADIUS_MIN_M)} – {format_distance(RADIUS_MAX_M)}")
    else:
        st.number_input(T["k_label"], 1, K_MAX, key=view.KEYS["k"], step=1,
                        on_change=view.on_options_change)
with st.expander(T["filter_heading"], expanded=query.offer_filter() != OfferFilter()):
    categories = [c for c in texts.CATEGORY_LABELS if c != "unterkunft"]
    st.multiselect(T["filter_category"], categories, key=view.KEYS["kat"],
                   placeholder=texts.APP["choose"], select_all=False,
                   format_func=texts.CATEGORY_LABELS.get, on_change=view.on_options_change)
    st.multiselect(T["filter_handlungsfeld"], HANDLUNGSFELDER, key=view.KEYS["hf"],
                   placeholder=texts.APP["choose"], select_all=False,
                   format_func=lambda h: f"{h} – {texts.HANDLUNGSFELD_LABELS.get(h, h)}",
                   on_change=view.on_options_change)
    languages = sorted({lang for r in index.records for lang in r.languages}
                       | set(st.session_state[view.KEYS["lang"]]))
    st.multiselect(T["filter_language"], languages, key=view.KEYS["lang"],
                   placeholder=texts.APP["choose"], select_all=False,
                   format_func=language_label, on_change=view.on_options_change)
    st.checkbox(T["filter_open_now"], key=view.KEYS["open"], help=T["filter_open_help"],
                on_change=view.on_options_change)

# --- resolve the start -------------------------------------------------------------
start = None
try:
    if query.address:
        online = data.nominatim_lookup if cfg.nominatim_url else None
        start = locate_address(query.address, data.address_index(), online=online)
    elif query.stadtteil:
        start = stadtteil_start(query.stadtteil, centroids, names)
    elif query.lat and query.lon:
        start = click_start(*validate_point(query.lat, query.lon, city))
    if start is not None:
        validate_point(start.lat, start.lon, city, derived.city_area())
except AddressNotFoundError as e:
    show_error(e)
    if e.suggestions:
        st.caption(T["suggestions_label"])
        for i, match in enumerate(e.suggestions[:5]):
            st.button(match.point.label(), key=f"naehe_suggestion_{i}",
                      on_click=view.use_suggestion, args=(match.point.label(),))
    start = None
except AtlasError as e:
    show_error(e)
    start = None

# --- results ------------------------------------------------------------------------
hits, radius = [], None
moment = now()
if start is not None:
    radius = query.radius_m if query.mode == MODE_RADIUS else None
    result = find_offers(index, start.lat, start.lon, radius_m=radius, k=query.k,
                         offer_filter=query.offer_filter(),
                         open_state=lambda r: open_state(r, moment))
    hits = result.hits
    st.markdown(f"**{T['start_is'].format(label=view.md(start.label))}**"
                + (f" ({T['start_approximate']})" if start.approximate else ""))
    if result.notice:
        st.info(result.notice)
else:
    st.info(T["no_start"])

fmap = build_nearby_map(city, start, hits, radius_m=radius, tiles=cfg.tiles,
                        tiles_attribution=cfg.tiles_attribution,
                        data_attribution=city.sources["ogcapi"].get("attribution", ""),
                        outline=derived.city_outline_json())
# Map and list side by side; on a phone the list comes first (ui/style.py).
col_map, col_list = st.columns([3, 2]) if hits else (st.container(), None)
if col_list is not None:
    with col_list, st.container(key="naehe_results"):
        view.render_hits(hits, start, moment)
with col_map:
    clicked = st_folium(fmap, key="naehe_map", height=440, use_container_width=True,
                        returned_objects=["last_clicked"])
if view.take_map_click((clicked or {}).get("last_clicked")):
    st.rerun()
