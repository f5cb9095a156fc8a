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
    from atlas.citymap import areas

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
    return _map_areas(level, data.text_version())


def map_district_figures() -> tuple:
    """District figure rows (atlas.figures.tables.DistrictFigure), reloaded on a file change."""
    return data.figures().district_figures


@st.cache_data(show_spinner=False, max_entries=32)
def _map_area_json(level: str, version: str, metric_key: tuple, _metric) -> str | None:
    from atlas.citymap.choropleth import colour_areas
    from atlas.citymap.layers import script_json

    areas = map_areas(level)
    return None if areas is None else script_json(colour_areas(areas, _metric))


def map_area_json(level: str, metric) -> str | None:
    """The area layer of a level, coloured by ``metric`` (atlas.citymap.choropleth.MetricValues or
    None), serialised for the map script; cached per data version and figure."""
    key = () if metric is None else (metric.label, tuple(sorted(metric.values.items())),
                                     metric.date, metric.source)
    return _map_area_json(level, data.text_version(), key, metric)


@st.cache_resource(show_spinner=False, max_entries=32)
def _map_selection(version: str, role: str, filter_key: str, today_iso: str, _records,
                   _filters):
    import datetime as dt

    from atlas.access.roles import Role, can_see_internal
    from atlas.citymap.selection import select_places

    return select_places(_records, _filters, city=data.city(),
                         today=dt.date.fromisoformat(today_iso),
                         internal=can_see_internal(Role(role)))


def map_selection(records: list, filters, today):
    """The filtered places (atlas.citymap.selection.Selection) of ``records`` — this session's
    visible records — cached per data version, role, filter state and day. Shared:
    never mutate."""
    return _map_selection(data.text_version(), data.session_role().value, repr(filters),
                          today.isoformat(), records, filters)


def map_focus(focus: str | None, districts: tuple[str, ...]) -> dict | None:
    """Outline the map zooms to (atlas.citymap.areas.focus_areas), or None for the whole city."""
    if not focus and not districts:
        return None
    return _map_focus(focus, tuple(districts), data.data_version())


@st.cache_resource(show_spinner=False, max_entries=32)
def _map_focus(focus: str | None, districts: tuple[str, ...], version: str) -> dict | None:
    from atlas.citymap import areas

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
    """The city area as a simplified GeoJSON geometry (the nearby map's outline), or None
    without usable boundaries (the page has already said so)."""
    from atlas.errors import GeodataError

    try:
        area = city_area()
    except GeodataError:
        return None
    if area is None:
        return None
    return _city_outline(data.data_version(), area)


@st.cache_resource(show_spinner=False, max_entries=2)
def _city_outline(version: str, _area) -> dict:
    from shapely.geometry import mapping

    return mapping(_area.simplify(0.0002))


@st.cache_resource(show_spinner=False, max_entries=4)
def _fachplan_frames(version: str) -> dict:
    from atlas.figures.queries import allocations_series, capacity_series, district_metric_table

    loaded = data.figures()
    return {
        "allocations": allocations_series(loaded.allocations),
        "capacity": capacity_series(loaded.capacity),
        "housed": district_metric_table(loaded.district_figures, "persons_housed", data.city()),
    }


def fachplan_frames() -> dict:
    """The Fachplan charts' tables (pandas DataFrames keyed allocations, capacity, housed),
    built once per version of the figure files. Shared between sessions: never mutate."""
    return _fachplan_frames(data.text_version())


# --- Versorgung im Sozialraum (owner: versorgung) ---------------------------------
def _today_iso() -> str:
    import datetime as dt

    from atlas.places.opening_hours import TIMEZONE

    return dt.datetime.now(TIMEZONE).date().isoformat()


@st.cache_resource(show_spinner=False, max_entries=2)
def _versorgung_grid(cache_dir: str, boundaries_stamp: tuple, addresses_stamp: tuple):
    from pathlib import Path

    from atlas.errors import AtlasError
    from atlas.geo.addresses import read_address_points
    from atlas.versorgung.grid import build_grid

    try:  # a broken address cache only costs the address weighting
        points = read_address_points(Path(cache_dir))
    except AtlasError:
        points = None
    return build_grid(data.boundaries().stadtteile, crs=data.city().projected_crs,
                      address_points=points)


def versorgung_grid():
    """The population grid (atlas.versorgung.grid.PopulationGrid): built once per boundary
    and address-point version, not again when only the places change."""
    from atlas.geo.addresses import CACHE_FILE

    def stamp(path) -> tuple[int, int]:
        try:
            return path.stat().st_mtime_ns, path.stat().st_size
        except OSError:
            return 0, -1

    cache = data.config().path("CACHE_DIR")
    return _versorgung_grid(str(cache), stamp(cache / "manifest.json"),
                            stamp(cache / CACHE_FILE))


@st.cache_resource(show_spinner=False, max_entries=4)
def _versorgung_model(version: str, day_iso: str, role: str, include_internal: bool,
                      _records: tuple):
    import datetime as dt

    from atlas.versorgung.model import build_model

    loaded = data.figures()
    return build_model(
        versorgung_grid(), _records, city=data.city(), districts=data.profile_districts(),
        population_rows=[*loaded.population, *loaded.stadtteil_population],
        day=dt.date.fromisoformat(day_iso), include_internal=include_internal)


def versorgung_model(include_internal: bool):
    """The city-wide Versorgung model (atlas.versorgung.model.Model) or None without boundaries.

    Built from this session's visible records once per data version, role, view and
    day. A public model holds public offers only (``build_model`` filters again);
    ``include_internal`` only counts when the session may see internal data."""
    from atlas.access.roles import can_see_internal

    if data.boundaries() is None:
        return None
    role = data.session_role()
    include_internal = include_internal and can_see_internal(role)
    return _versorgung_model(data.text_version(), _today_iso(), role.value, include_internal,
                             tuple(data.visible_resources()))


@st.cache_resource(show_spinner=False, max_entries=64)
def _profile_with_versorgung(name: str, include_internal: bool, key: str, _profile, _model):
    import dataclasses

    from atlas.versorgung.table import district_versorgung

    district = next(d for d in _model.districts if d.name == _profile.name)
    return dataclasses.replace(_profile, versorgung=district_versorgung(_model, district))


def district_profile(name: str, include_internal: bool):
    """The profile of ``ui.data.district_profile`` with its Versorgung section attached
    (the same model as the page /versorgung); without boundaries the section is None."""
    profile = data.district_profile(name, include_internal)
    model = versorgung_model(profile.include_internal)
    if model is None:
        return profile
    key = f"{data.text_version()}|{_today_iso()}|{data.session_role().value}"
    return _profile_with_versorgung(profile.name, profile.include_internal, key, profile, model)


def legal():
    """The operator's legal texts (re-read when the file changes)."""
    path = data.config().path("LEGAL_FILE")
    return _legal(str(path), data._file_stamp(path))  # noqa: SLF001 - the one file stamp


@st.cache_data(show_spinner=False, max_entries=4)
def _legal(path: str, stamp: tuple[int, int]):
    from pathlib import Path

    from atlas.legal import load_legal

    return load_legal(Path(path))


@st.cache_resource(show_spinner=False, max_entries=4)
def _offer_index(version: str, include_internal: bool, day_iso: str, _records: tuple):
    import datetime as dt

    from atlas.nearby.search import build_index, current_offers

    offers = current_offers(_records, dt.date.fromisoformat(day_iso))
    return build_index(offers, crs=data.city().projected_crs)


def nearby_index():
    """The KD-tree of this session's current offers (atlas.nearby.search.OfferIndex): built once
    per data version, view and day; only role-filtered records, never accommodation,
    never closed places."""
    import datetime as dt

    from atlas.access.roles import can_see_internal
    from atlas.places.opening_hours import TIMEZONE

    records = tuple(data.visible_resources())
    today = dt.datetime.now(TIMEZONE).date().isoformat()
    return _offer_index(data.data_version(), can_see_internal(data.session_role()), today, records)
