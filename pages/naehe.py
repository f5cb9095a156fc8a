"""Placeholder until its issue lands."""

import streamlit as st

st.info("Diese Seite ist in Arbeit.")
