"""Integrationsatlas Dresden: navigation and the sidebar every page shares."""

from pathlib import Path

import streamlit as st

from atlas import texts
from ui import language, sidebar, style

lang = language.apply()  # first: every text below follows ?lang=
# The icon is our own file: a ":material/…:" page icon makes the browser fetch it from Google.
ICON = Path(__file__).parent / "static" / "favicon.png"
st.set_page_config(page_title=texts.APP["title"], page_icon=str(ICON), layout="wide")
style.apply(lang)

PAGES = [
    st.Page("pages/karte.py", title=texts.APP["nav_map"], icon=":material/map:",
            url_path="karte", default=True),
    st.Page("pages/bezirk.py", title=texts.APP["nav_profile"], icon=":material/location_city:",
            url_path="bezirk"),
    st.Page("pages/naehe.py", title=texts.APP["nav_nearby"], icon=":material/near_me:",
            url_path="naehe"),
    st.Page("pages/versorgung.py", title=texts.APP["nav_versorgung"], icon=":material/explore:",
            url_path="versorgung"),
    st.Page("pages/fachplan.py", title=texts.APP["nav_fachplan"], icon=":material/bar_chart:",
            url_path="fachplan"),
    st.Page("pages/qualitaet.py", title=texts.APP["nav_quality"], icon=":material/fact_check:",
            url_path="qualitaet"),
    st.Page("pages/daten.py", title=texts.APP["nav_data"], icon=":material/download:",
            url_path="daten"),
    st.Page("pages/pflege.py", title=texts.APP["nav_pflege"], icon=":material/edit_note:",
            url_path="pflege"),
    st.Page("pages/impressum.py", title=texts.LEGAL["impressum"], icon=":material/info:",
            url_path="impressum"),
    st.Page("pages/datenschutz.py", title=texts.LEGAL["datenschutz"], icon=":material/shield:",
            url_path="datenschutz"),
    st.Page("pages/barrierefreiheit.py", title=texts.LEGAL["barrierefreiheit"],
            icon=":material/accessibility:", url_path="barrierefreiheit"),
]

navigation = st.navigation(PAGES)  # flat: sections would nest a <div> in the nav list
sidebar.render(lang)
language.phone_switch(lang)  # phones fold the sidebar away: the switch stays in sight
navigation.run()
