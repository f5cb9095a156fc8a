"""A one-page app for the browser test of internal downloads after sign-out."""

import streamlit as st

from atlas.access.roles import can_see_internal
from ui import data, sidebar

sidebar.render()
role = data.session_role()
st.markdown(f"Rolle: **{role.value}**")
if can_see_internal(role):
    st.download_button("Interne Liste", b"id;name\nk9;GEHEIM-INTERN\n", "intern.csv",
                       mime="text/csv", on_click="ignore")
