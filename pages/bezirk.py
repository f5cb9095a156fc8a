"""District profile at /bezirk?bezirk=<slug>: one Stadtbezirk or Ortschaft on one page.

Like the Fachplan's district slide: map, key figures, structures, projects, the
district beside the city, accommodation over time, sources. Records come only
through the server-side role filter (ui.data); accommodation is public only as counts.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st
from streamlit_folium import st_folium

from atlas import texts
from atlas.access.roles import can_see_internal
from atlas.city import slugify
from atlas.errors import AtlasError
from atlas.markup import escape_markdown
from atlas.numbers import format_date
from atlas.profile.district_map import build_profile_map
from ui import data, derived, export, page, profile_view

P = texts.PROFILE

st.markdown(profile_view.PRINT_CSS, unsafe_allow_html=True)
city = data.city()
try:
    bounds = data.boundaries()
    districts = data.profile_districts()
except AtlasError as e:  # broken boundary cache: German message, profile without outlines
    page.show_error(e)
    bounds, districts = None, city.districts([])
names = [d.name for d in districts]

# --- which district: ?bezirk= (either slug form or an alias), else the list -----
requested = st.query_params.get("bezirk")
current = city.canonical_district(requested) if requested else names[0]
if current not in names:
    page.header(P["title"])
    page.show_warning(P["unknown"].format(value=requested))
    st.markdown("\n".join(f"- [{n}](/bezirk?bezirk={slugify(n)})" for n in names))
    st.stop()


def _follow_choice() -> None:
    """Keep the URL in step with the list, so every profile has its own link."""
    st.query_params["bezirk"] = slugify(st.session_state["profile_district"])


st.session_state["profile_district"] = current  # the URL wins (links, back button)
st.selectbox(P["choose"], names, key="profile_district", on_change=_follow_choice)
if not requested:
    st.query_params["bezirk"] = slugify(current)

include_internal = can_see_internal(data.session_role())
try:
    profile = derived.district_profile(current, include_internal)
except AtlasError as e:
    page.show_error(e)
    st.stop()

# --- header and map ---------------------------------------------------------------
profile_view.print_header(profile, derived.legal().sender,
                          format_date(dt.date.today()))
art = P["art_ortschaft"].format(parent=profile.parent) if profile.parent else P["art_stadtbezirk"]
page.header(profile.name, art)
st.markdown(f"**{P['stadtteile']}:** "
            + (escape_markdown(", ".join(profile.stadtteile)) or texts.KEINE_ANGABE))

if bounds is None:
    st.info(P["no_boundaries"])
cfg = data.config()
profile_map = build_profile_map(
    profile, city, bounds, tiles=cfg.tiles, tiles_attribution=cfg.tiles_attribution,
    data_attribution=bounds.attribution if bounds else "",
)
st_folium(profile_map, key=f"profile_map_{profile.slug}", height=460,
          use_container_width=True, returned_objects=[])

# --- key figures ---------------------------------------------------------------------
st.header(P["figures_heading"])
profile_view.render_metrics(
    [profile.uewh_places, profile.gww_places, profile.persons_housed, profile.offers_total])
profile_view.render_offers_by_field(profile)

left, right = st.columns(2)
with left:
    profile_view.render_structures(profile)
with right:
    profile_view.render_projects(profile)

profile_view.render_comparison(profile)
profile_view.render_accommodation(profile)
profile_view.render_versorgung(profile)

# --- presentation export (ui/export.py); hidden in the print view -----------------------
with st.container(key="profile_export"):
    export.render_export_buttons(profile, key="profile_export_files")

profile_view.render_sources(profile)
