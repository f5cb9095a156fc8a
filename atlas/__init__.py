"""Integrationsatlas Dresden: the logic behind the app, free of Streamlit."""
