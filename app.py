"""Integrationsatlas Dresden: navigation and the sidebar every page shares."""

import streamlit as st

from atlas import texts
from ui import sidebar

st.set_page_config(page_title=texts.APP["title"], page_icon="🗺️", layout="wide")

PAGES = [
    st.Page("pages/karte.py", title=texts.APP["nav_map"], icon="🗺️", url_path="karte",
            default=True),
    st.Page("pages/bezirk.py", title=texts.APP["nav_profile"], icon="🏘️", url_path="bezirk"),
    st.Page("pages/naehe.py", title=texts.APP["nav_nearby"], icon="📍", url_path="naehe"),
    st.Page("pages/versorgung.py", title=texts.APP["nav_versorgung"], icon="🧭",
            url_path="versorgung"),
    st.Page("pages/fachplan.py", title=texts.APP["nav_fachplan"], icon="📈", url_path="fachplan"),
    st.Page("pages/qualitaet.py", title=texts.APP["nav_quality"], icon="🧾",
            url_path="qualitaet"),
    st.Page("pages/impressum.py", title=texts.LEGAL["impressum"], url_path="impressum"),
    st.Page("pages/datenschutz.py", title=texts.LEGAL["datenschutz"], url_path="datenschutz"),
    st.Page("pages/barrierefreiheit.py", title=texts.LEGAL["barrierefreiheit"],
            url_path="barrierefreiheit"),
]

navigation = st.navigation({"": PAGES[:5], texts.APP["nav_legal"]: PAGES[5:]})
sidebar.render()
navigation.run()
