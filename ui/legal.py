"""Impressum, Datenschutzerklärung and Erklärung zur Barrierefreiheit: the pages and
the links to them that every page carries. Their words are the operator's
(``ATLAS_LEGAL_FILE``); the shipped placeholders say openly that they are not
filled in yet."""

from __future__ import annotations

import streamlit as st

from atlas import texts
from atlas.legal import KINDS
from ui import derived

L = texts.LEGAL


def render(kind: str) -> None:
    """One legal page."""
    legal = derived.legal()
    st.title(L[kind])
    if legal.placeholder:
        st.info(L["placeholder_note"], icon="ℹ️")
    st.markdown(legal.text(kind))


def footer() -> None:
    """Links to the three legal pages (in the sidebar of every page)."""
    links = " · ".join(f"[{L[k]}](/{k})" for k in KINDS)
    st.caption(links)
