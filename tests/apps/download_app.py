"""A one-page app for the browser test of internal downloads after sign-out."""

import streamlit as st

from atlas.access import can_see_internal
from ui import sidebar
from ui.session import current_role

sidebar.render()
st.markdown(f"Rolle: **{current_role().value}**")
if can_see_internal(current_role()):
    st.download_button("Interne Liste", b"id;name\nk9;GEHEIM-INTERN\n", "intern.csv",
                       mime="text/csv", on_click="ignore")
