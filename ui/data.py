"""Cached loaders: the only place that uses st.cache_data / st.cache_resource.

Cached functions take plain, hashable arguments (paths, version stamps), never
GeoDataFrames or folium objects. Records reach pages only through
:func:`visible_resources`, which applies the role filter on the server.
"""

from __future__ import annotations

import streamlit as st

from atlas.city import City, load_city
from atlas.settings import Config, load_config


@st.cache_resource
def config() -> Config:
    """The resolved ATLAS_* settings (read once per process)."""
    return load_config()


@st.cache_resource
def city() -> City:
    """The city configuration named by ATLAS_CITY_FILE."""
    return load_city(config().path("CITY_FILE"))


# --- boundaries (owner: geodata) ---------------------------------------------
def boundaries():
    """The cached Stadtteile and districts, or None when none are cached yet."""
    return None  # filled in by the geodata work


# --- resources (owner: resources) ---------------------------------------------
def load_result():
    """All loaded records (public and internal) with the rows that were set aside."""
    raise NotImplementedError  # filled in by the resources work


def visible_resources() -> list:
    """Records this session may see: the role filter runs here, on the server."""
    from atlas.access import filter_for_role
    from ui.session import current_role

    return filter_for_role(load_result().records, current_role())
