"""Streamlit pieces of the nearby page: the query in session state, and the result list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import streamlit as st

from atlas import texts
from atlas.markup import escape_markdown as md
from atlas.markup import markdown_link
from atlas.nearby.params import MODE_NEAREST, MODE_RADIUS, NearbyQuery, parse_params, to_params
from atlas.nearby.search import DETOUR_FACTOR, WALK_SPEED_KMH, Hit
from atlas.nearby.startpoint import StartPoint
from atlas.numbers import format_date, format_decimal, format_distance, source_label
from atlas.places.placeinfo import position_label
from ui import language
from ui.facts import visit_markdown

T = texts.NEARBY
KEYS = {"address": "naehe_address", "stadtteil": "naehe_stadtteil", "mode": "naehe_mode",
        "radius": "naehe_radius", "k": "naehe_k", "kat": "naehe_kat", "hf": "naehe_hf",
        "lang": "naehe_lang", "open": "naehe_open"}
_RESET = "naehe_reset_start_inputs"


def current_query() -> NearbyQuery:
    """The search as the URL holds it (the single source of truth)."""
    return parse_params(language.without(st.query_params.to_dict()))


def init_widgets(query: NearbyQuery, stadtteil_label: str) -> None:
    """Give the widgets their values from the URL on first use (and after a map click)."""
    state = st.session_state
    if state.pop(_RESET, False):
        state[KEYS["address"]], state[KEYS["stadtteil"]] = "", ""
    defaults = {
        "address": query.address, "stadtteil": stadtteil_label, "mode": query.mode,
        "radius": query.radius_m, "k": query.k, "kat": list(query.categories),
        "hf": list(query.handlungsfelder), "lang": list(query.languages),
        "open": query.open_now,
    }
    for name, value in defaults.items():
        state.setdefault(KEYS[name], value)


def _query_from_widgets(base: NearbyQuery) -> NearbyQuery:
    state = st.session_state
    mode = state.get(KEYS["mode"], MODE_RADIUS)
    return NearbyQuery(
        address=base.address, stadtteil=base.stadtteil, lat=base.lat, lon=base.lon,
        mode=mode if mode in (MODE_RADIUS, MODE_NEAREST) else MODE_RADIUS,
        radius_m=int(state.get(KEYS["radius"], base.radius_m)),
        k=int(state.get(KEYS["k"], base.k)),
        categories=tuple(state.get(KEYS["kat"], ())),
        handlungsfelder=tuple(state.get(KEYS["hf"], ())),
        languages=tuple(state.get(KEYS["lang"], ())),
        open_now=bool(state.get(KEYS["open"], False)),
    )


def write_query(query: NearbyQuery) -> None:
    st.query_params.from_dict(language.keep(to_params(query)))


def on_options_change() -> None:
    """Callback of radius, k, mode and filters: keep the start, store the rest in the URL."""
    write_query(_query_from_widgets(current_query()))


def on_address_submit() -> None:
    address = str(st.session_state.get(KEYS["address"], "")).strip()
    st.session_state[KEYS["stadtteil"]] = ""
    write_query(_query_from_widgets(current_query()).with_start(address=address))


def on_stadtteil_change() -> None:
    name = str(st.session_state.get(KEYS["stadtteil"], ""))
    st.session_state[KEYS["address"]] = ""
    write_query(_query_from_widgets(current_query()).with_start(stadtteil=name))


def use_suggestion(label: str) -> None:
    """Callback of a suggestion button: search that address."""
    st.session_state[KEYS["address"]] = label
    on_address_submit()


def take_map_click(clicked: dict | None) -> bool:
    """Store a new map click as the start (URL) and ask for a rerun; False if not new."""
    if not clicked or clicked.get("lat") is None:
        return False
    point = (round(float(clicked["lat"]), 6), round(float(clicked.get("lng", 0.0)), 6))
    if st.session_state.get("naehe_click_seen") == point:
        return False
    st.session_state["naehe_click_seen"] = point
    st.session_state[_RESET] = True
    write_query(current_query().with_start(lat=f"{point[0]:.6f}", lon=f"{point[1]:.6f}"))
    return True


def _details(hit: Hit, now: dt.datetime, start: StartPoint) -> str:
    """Handlungsfelder, the visitor's facts (address … route, status note) and the source."""
    record = hit.record
    hf = ", ".join(texts.HANDLUNGSFELD_LABELS.get(h, h) for h in record.handlungsfelder)
    source = markdown_link(source_label(record.source_title, record.source_url),
                           record.source_url)
    return "  \n".join([
        f"**{T['handlungsfelder']}:** {md(hf) or texts.KEINE_ANGABE}",
        visit_markdown(record, start=(start.lat, start.lon), now=now, with_position=False),
        f"**{T['source']}:** {source}, {md(format_date(record.source_date))}",
    ])


def render_hits(hits: Sequence[Hit], start: StartPoint, now: dt.datetime) -> None:
    """One bordered card per hit: distance (Luftlinie), walking estimate, details, route."""
    st.caption(T["result_count"].format(count=len(hits)))
    for number, hit in enumerate(hits, start=1):
        record = hit.record
        distance = format_distance(hit.distance_m, approximate=hit.approximate)
        category = texts.CATEGORY_LABELS.get(str(record.category), str(record.category))
        with st.container(border=True, key=f"naehe_hit_{number}"):
            st.markdown(f"**{number}. {md(record.name)}** · {md(category)}")
            line = [T["distance"].format(distance=distance),
                    T["walk"].format(minutes=hit.walk_minutes,
                                     speed=format_decimal(WALK_SPEED_KMH, digits=2),
                                     detour=format_decimal(DETOUR_FACTOR, digits=2)),
                    position_label(record)]
            st.markdown(" · ".join(md(part) for part in line))
            st.markdown(_details(hit, now, start))
