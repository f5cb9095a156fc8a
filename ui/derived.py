"""Cached views derived from the loaded data: map layers and selections, the city outline,
the Fachplan chart tables.

Built on the loaders of ``ui/data.py`` and keyed on its ``data_version()``, with plain,
hashable arguments; the objects returned are shared between sessions (never mutate).
Only ``ui/data.py`` touches unfiltered records.
"""

from __future__ import annotations

import streamlit as st

from ui import data


@st.cache_resource(show_spinner=False, max_entries=12)
def _map_areas(level: str, version: str) -> dict | None:
    from atlas import areas

    bounds = data.boundaries()
    if bounds is None:
        return None
    if level == "stadtteile":
        return areas.stadtteil_areas(bounds.stadtteile_display)
    if level == "msa":
        return areas.msa_region_areas(bounds.districts_display, data.load_result().service_areas,
                                      data.city())
    return areas.stadtbezirk_areas(bounds.districts_display)


def map_areas(level: str) -> dict | None:
    """The area FeatureCollection of a map level (shared: never mutate), or None."""
    return _map_areas(level, data.data_version())


def map_district_figures() -> tuple:
    """District figure rows (atlas.figures.DistrictFigure), reloaded when the file changes."""
    return data.figures().district_figures


@st.cache_data(show_spinner=False, max_entries=32)
def _map_area_json(level: str, version: str, metric_key: tuple, _metric) -> str | None:
    from atlas.choropleth import colour_areas
    from atlas.layers import script_json

    areas = map_areas(level)
    return None if areas is None else script_json(colour_areas(areas, _metric))


def map_area_json(level: str, metric) -> str | None:
    """The area layer of a level, coloured by ``metric`` (atlas.choropleth.MetricValues or
    None), serialised for the map script; cached per data version and figure."""
    key = () if metric is None else (metric.label, tuple(sorted(metric.values.items())),
                                     metric.date, metric.source)
    return _map_area_json(level, data.data_version(), key, metric)


@st.cache_resource(show_spinner=False, max_entries=32)
def _map_selection(version: str, role: str, filter_key: str, today_iso: str, _records,
                   _filters):
    import datetime as dt

    from atlas.access import Role, can_see_internal
    from atlas.selection import select_places

    return select_places(_records, _filters, city=data.city(),
                         today=dt.date.fromisoformat(today_iso),
                         internal=can_see_internal(Role(role)))


def map_selection(records: list, filters, today):
    """The filtered places (atlas.selection.Selection) of ``records`` — this session's
    visible records — cached per data version, role, filter state and day. Shared:
    never mutate."""
    return _map_selection(data.data_version(), data.session_role().value, repr(filters),
                          today.isoformat(), records, filters)


def map_focus(focus: str | None, districts: tuple[str, ...]) -> dict | None:
    """Outline the map zooms to (atlas.areas.focus_areas), or None for the whole city."""
    if not focus and not districts:
        return None
    return _map_focus(focus, tuple(districts), data.data_version())


@st.cache_resource(show_spinner=False, max_entries=32)
def _map_focus(focus: str | None, districts: tuple[str, ...], version: str) -> dict | None:
    from atlas import areas

    bounds = data.boundaries()
    if bounds is None:
        return None
    msa = map_areas("msa") if focus else None
    return areas.focus_areas(bounds.districts_display, msa, focus, districts)


@st.cache_resource(show_spinner=False, max_entries=2)
def _city_area(version: str, _bounds):
    import shapely
    from shapely.geometry import shape

    parts = [shape(f["geometry"]) for f in _bounds.stadtteile_display["features"]]
    area = shapely.union_all(parts) if parts else None
    if area is not None:
        shapely.prepare(area)
    return area


def city_area():
    """The union of the cached Stadtteile (shapely, lon/lat) for "außerhalb", or None."""
    bounds = data.boundaries()
    if bounds is None:
        return None
    return _city_area(data.data_version(), bounds)


def city_outline_json() -> dict | None:
    """The city area as a simplified GeoJSON geometry (the nearby map's outline)."""
    area = city_area()
    if area is None:
        return None
    return _city_outline(data.data_version(), area)


@st.cache_resource(show_spinner=False, max_entries=2)
def _city_outline(version: str, _area) -> dict:
    from shapely.geometry import mapping

    return mapping(_area.simplify(0.0002))


@st.cache_resource(show_spinner=False, max_entries=4)
def _fachplan_frames(version: str) -> dict:
    from atlas.figure_queries import allocations_series, capacity_series, district_metric_table

    loaded = data.figures()
    return {
        "allocations": allocations_series(loaded.allocations),
        "capacity": capacity_series(loaded.capacity),
        "housed": district_metric_table(loaded.district_figures, "persons_housed", data.city()),
    }


def fachplan_frames() -> dict:
    """The Fachplan charts' tables (pandas DataFrames keyed allocations, capacity, housed),
    built once per version of the figure files. Shared between sessions: never mutate."""
    return _fachplan_frames(data.data_version())
