"""The sidebar every page shares: active view and sign-in."""

from __future__ import annotations

import streamlit as st

from ui.page import view_label


def render() -> None:
    """Draw the shared part of the sidebar (pages add their own filters below)."""
    with st.sidebar:
        st.markdown(f"**{view_label()}**")
