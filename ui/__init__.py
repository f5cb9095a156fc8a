"""Streamlit helpers shared by the pages: cached data, session, page chrome."""
