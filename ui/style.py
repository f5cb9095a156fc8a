"""Page-wide style for accessibility: readable captions, 44 px touch targets on phones.

Written once and drawn by app.py on every run, before the page.
"""

from __future__ import annotations

import streamlit as st

from atlas.i18n import Language
from ui import language

# Up to this many rows a sortable st.dataframe gets the same rows as an HTML table
# beside it (screen readers and the browser's search read HTML, not the canvas).
HTML_TABLE_MAX_ROWS = 300

# Streamlit greys captions (colour and opacity 0.6) to about 3:1 on white; WCAG AA
# asks 4.5:1 for small text.
# On narrow screens every control gets a 44 px touch target (WCAG 2.5.5, Apple/Android).
CSS = """
<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
[data-testid="stWidgetLabel"] p, [data-testid="stMetricLabel"] p { color: #4a4c55; opacity: 1; }
/* Sections are h2 (st.header) so headings step 1-2-3; they keep the size of a subheader. */
[data-testid="stMain"] h2 { font-size: 1.75rem; }
[data-testid="stMain"] h3 { font-size: 1.4rem; }
.st-key-atlas_lang_top { display: none; }
@media (max-width: 640px) {
  .st-key-atlas_lang_top { display: block; }
  .stButton button, .stDownloadButton button, [data-testid="stFormSubmitButton"] button,
  [data-testid="stPageLink"] a, [data-testid="stExpander"] summary,
  [data-baseweb="select"] > div, [data-baseweb="input"], .stNumberInput button,
  label[data-baseweb="radio"], label[data-baseweb="checkbox"],
  [data-testid="stSidebarNavLink"], [data-testid="stSidebarCollapseButton"] button,
  [data-testid="stExpandSidebarButton"], [data-testid="stBaseButton-headerNoPadding"] {
    min-height: 44px; min-width: 44px; align-items: center;
  }
  [data-testid="stColumn"]:has(.st-key-naehe_results) { order: -1; }
}
</style>
"""


def apply(lang: Language) -> None:
    """Draw the shared style and declare the page language."""
    st.html(CSS)
    language.declare(lang)
