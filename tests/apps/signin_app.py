"""A one-page app for the browser test of the sidebar sign-in (no data needed)."""

import streamlit as st

from ui import sidebar
from ui.session import current_role

sidebar.render()
st.markdown(f"Rolle: **{current_role().value}**")
