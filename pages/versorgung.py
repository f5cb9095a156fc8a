"""Versorgung im Sozialraum at /versorgung: where many immigrants live but few offers exist.

Per Stadtteil and district: residents, foreign residents, current offers of the
chosen Handlungsfeld, offers per 1,000 foreign residents and the distance from
where people live to the nearest offer (Luftlinie). Public sessions see public
offers only; the model is built on the server per view (ui.data).
"""

from __future__ import annotations

import streamlit as st

from atlas import texts
from atlas.access.roles import can_see_internal
from atlas.citymap.areas import locate_area
from atlas.errors import AtlasError
from atlas.numbers import format_int
from atlas.versorgung.model import figures_for
from atlas.versorgung.table import (
    area_lines,
    field_label,
    left_out_sentence,
    source_lines,
    weighting_sentence,
)
from ui import data, derived, page
from ui import versorgung_view as view

V = texts.VERSORGUNG
K_AREA = "versorgung_gebiet"

page.header(V["title"], V["caption"])
st.markdown(V["intro"])
internal = can_see_internal(data.session_role())
try:
    bounds = data.boundaries()
    model = derived.versorgung_model(internal) if bounds is not None else None
    records = data.visible_resources()
except AtlasError as error:
    page.show_error(error)
    st.stop()
if model is None:
    st.warning(V["boundaries_missing"], icon=":material/map:")
    st.stop()

field, distance, measure = view.read_choices()
focus_name = view.read_district([d.name for d in model.districts])
focus = next((d for d in model.districts if d.name == focus_name), None)
result = figures_for(model, field, distance)
label = field_label(field)
mine = set(focus.stadtteile) if focus else None

st.markdown(f"{weighting_sentence(result)} {left_out_sentence(result)}")
if result.source.date is None:
    st.info(V["population_missing"])
sources = source_lines(result, internal=internal)
st.caption(" · ".join(sources))

# --- map and the clicked Stadtteil -----------------------------------------------------
col_map, col_side = st.columns([3, 1])
with col_map:
    clicked = view.show_map(result, measure, view.field_offers(records, field), bounds, focus)
if clicked and clicked != st.session_state.get(K_AREA + "_klick"):
    st.session_state[K_AREA + "_klick"] = clicked
    hit = locate_area(derived.map_areas("stadtteile") or {}, clicked["lat"], clicked["lng"])
    st.session_state[K_AREA] = str(hit["id"]) if hit else None
chosen = st.query_params.get("stadtteil") or st.session_state.get(K_AREA)
area = next((a for a in result.stadtteile if a.key == chosen), None)
with col_side:
    view.show_details(area, area_lines(area, result) if area else [])

# --- größte Lücken ------------------------------------------------------------------------
st.header(V["gaps_heading"])
ranking = [a for a in result.ranking() if mine is None or a.key in mine]
if focus:
    st.caption(V["focus_stadtteile"].format(name=focus.name))
if ranking:
    st.markdown(V["gaps_intro"].format(distance=f"{format_int(distance)} m", field=label))
    view.show_table(ranking[:10], result, key="luecken", ranked=True,
                    caption=f"{V['gaps_heading']} – {label}, {format_int(distance)} m")
else:
    st.info(V["gaps_none"].format(field=label))
st.caption(" · ".join(sources))

st.header(V["districts_heading"])
view.show_table(result.districts, result, key="bezirke", first="col_area",
                caption=f"{V['districts_heading']} – {label}")

st.header(V["all_stadtteile_heading"])  # no expander: its download stays clickable
everything = ranking + [a for a in result.stadtteile
                        if a not in ranking and (mine is None or a.key in mine)]
view.show_table(everything, result, key="stadtteile", ranked=False,
                caption=f"{V['all_stadtteile_heading']} – {label}")

with st.expander(V["method_heading"]):
    st.markdown(V["method"])
    st.caption(" · ".join(sources))
