"""Offene Daten: the current places as CSV, GeoJSON and Open Referral HSDS."""

from __future__ import annotations

import streamlit as st

from atlas import texts
from atlas.access.roles import Role, can_see_internal, filter_for_role
from atlas.errors import AtlasError
from atlas.export.open_data import hsds_package, places_csv, places_geojson
from ui import data, page, suggest

T = texts.EXPORT_DATA

page.header(T["title"], T["caption"])
try:
    records = data.visible_resources()
except AtlasError as e:
    page.show_error(e)
    st.stop()
internal = False
if can_see_internal(data.session_role()):
    internal = st.checkbox(T["include_internal"], value=False)
if not internal:
    records = filter_for_role(records, Role.PUBLIC)
if not st.checkbox(T["include_closed"], value=False):
    records = [r for r in records if r.is_current()]  # the one rule for "current"
suffix = "_mit_intern" if internal else ""
st.markdown(T["count"].format(count=len(records)))
if internal:
    st.warning(T["internal_warning"])
cols = st.columns(3)
cols[0].download_button(T["csv"], places_csv(records, with_marker=internal),
                        file_name=f"orte{suffix}.csv", mime="text/csv", on_click="ignore")
cols[1].download_button(T["geojson"], places_geojson(records, with_marker=internal),
                        file_name=f"orte{suffix}.geojson", mime="application/geo+json",
                        on_click="ignore")
cols[2].download_button(T["hsds"], hsds_package(records, data.city().name, title=T["title"]),
                        file_name=f"orte_hsds{suffix}.zip", mime="application/zip",
                        on_click="ignore")
st.caption(T["notes"])
suggest.render_form(filter_for_role(records, Role.PUBLIC))
