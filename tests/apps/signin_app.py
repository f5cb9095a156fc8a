"""A one-page app for the browser test of the sidebar sign-in (no data needed)."""

import streamlit as st

from ui import data, sidebar

sidebar.render()
st.markdown(f"Rolle: **{data.session_role().value}**")
