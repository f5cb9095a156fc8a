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
@st.cache_resource(show_spinner=False, max_entries=4)
def _boundaries_version(cache_dir: str, manifest_mtime_ns: int):
    """One shared, read-only Boundaries per cache folder and manifest version."""
    from pathlib import Path

    from atlas.geodata import load_cached_boundaries

    return load_cached_boundaries(Path(cache_dir))


def boundaries():
    """The cached Stadtteile and districts (atlas.geodata.Boundaries), or None when none
    are cached yet. Keyed on the manifest's mtime, so a new fetch is picked up without a
    restart. Raises GeodataError (German message) if the cache files are broken. The
    returned object is shared between sessions: never mutate it."""
    cache_dir = config().path("CACHE_DIR")
    try:
        mtime = (cache_dir / "manifest.json").stat().st_mtime_ns
    except OSError:
        return None
    return _boundaries_version(str(cache_dir), mtime)


# --- resources (owner: resources) ---------------------------------------------
def _resources_stamp(folder) -> tuple:
    """(name, mtime_ns, size) of every input file of the loader: the cache key part."""
    from atlas.resources import PLACES_FILES, SERVICE_AREAS_FILE

    out = []
    for name in (*PLACES_FILES, SERVICE_AREAS_FILE):
        try:
            stat = (folder / name).stat()
            out.append((name, stat.st_mtime_ns, stat.st_size))
        except OSError:
            out.append((name, 0, 0))
    return tuple(out)


def _mtime(path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


@st.cache_resource(show_spinner=False, max_entries=4)
def _load_result(folder: str, stamp: tuple, boundaries_mtime: int, addresses_mtime: int):
    from pathlib import Path

    from atlas.errors import AtlasError
    from atlas.geocode import make_nominatim
    from atlas.resources import load_resources

    problems = []
    try:
        bounds = boundaries()
    except AtlasError as e:  # a broken cache only costs the centroids
        bounds, problems = None, [*problems, str(e)]
    try:
        index = address_index()
    except AtlasError as e:  # a broken cache only costs the exact positions
        index, problems = None, [*problems, str(e)]
    result = load_resources(Path(folder), city(), bounds, index,
                            nominatim=make_nominatim(config(), city()))
    result.warnings.extend(problems)
    return result


@st.cache_resource(show_spinner=False)
def _last_good_resources() -> dict:
    """The last load that produced records, kept when an edit makes a file unreadable."""
    return {}


def load_result():
    """All loaded records (public and internal) with the rows that were set aside.

    Cached on the resources folder, the input files' mtimes and the boundary and
    address caches' mtimes. If an edit makes the places file unreadable (no
    records, a file-level error), the previous good records stay and the error
    is reported with them. Shared between sessions: never mutate the result.
    """
    import dataclasses

    from atlas.addresses import CACHE_FILE

    cfg = config()
    folder = cfg.path("RESOURCES_DIR")
    cache_dir = cfg.path("CACHE_DIR")
    result = _load_result(str(folder), _resources_stamp(folder),
                          _mtime(cache_dir / "manifest.json"), _mtime(cache_dir / CACHE_FILE))
    memory = _last_good_resources()
    broken = not result.records and any(e.row is None for e in result.rejected)
    previous = memory.get(str(folder))
    if broken and previous is not None:
        return dataclasses.replace(previous, rejected=result.rejected,
                                   warnings=[*result.warnings, *previous.warnings])
    if result.records:
        memory[str(folder)] = result
    return result


@st.cache_data(show_spinner=False, max_entries=8)
def checked_upload(payload: bytes, name: str):
    """A coordinator's table checked against the schema, once per file content (reports only)."""
    from atlas.resources import check_upload

    return check_upload(payload, name, city())


def visible_resources() -> list:
    """Records this session may see: the role filter runs here, on the server."""
    from atlas.access import filter_for_role
    from ui.session import current_role

    return filter_for_role(load_result().records, current_role())


# --- sign-in (owner: auth) ------------------------------------------------------
@st.cache_resource
def lockout_store():
    """Failed sign-ins and locks per user name, shared by every session of this process."""
    from atlas.auth import LockoutStore

    return LockoutStore()


@st.cache_data(show_spinner=False, max_entries=4)
def users_file(path: str, mtime_ns: int, size: int) -> tuple[dict, str | None]:
    """(accounts, problem) of the users file; the stat arguments make edits visible at once.

    Returns the German problem text instead of raising, so the sidebar can run
    public-only and say why.
    """
    from pathlib import Path

    from atlas.errors import AuthError
    from atlas.users import load_users

    try:
        return load_users(Path(path)), None
    except AuthError as e:
        return {}, str(e)


# --- district profiles (owner: profile) ----------------------------------------
def profile_districts() -> list:
    """Every Stadtbezirk and Ortschaft (atlas.city.District), with the Stadtteil numbers of
    the cached boundaries (empty tuples when none are cached)."""
    bounds = boundaries()
    numbers = [f["properties"]["nr"] for f in bounds.stadtteile["features"]] if bounds else []
    return city().districts(numbers)


@st.cache_resource(show_spinner=False, max_entries=64)
def _district_profile(name: str, include_internal: bool, stamp: tuple):
    """One profile per district, view and data version; shared read-only between sessions.

    Records pass the role filter here (include_internal follows the session's role),
    so a public profile never holds an internal record; accommodation reaches it only
    as counts per district.
    """
    from atlas.profile import build_profiles, find_district

    result = load_result()
    districts = profile_districts()
    district = find_district(districts, name, city())
    (profile,) = build_profiles(
        [district], districts=districts, records=result.records,
        service_areas=result.service_areas, figures=figures(), boundaries=boundaries(),
        city=city(), include_internal=include_internal)
    return profile


def district_profile(name: str, include_internal: bool):
    """The profile (atlas.profile.DistrictProfile) of a district name, slug or alias.

    Raises atlas.profile.UnknownDistrictError (an AtlasError) for unknown names.
    ``include_internal`` only counts when this session may see internal data."""
    from atlas.access import can_see_internal
    from ui.session import current_role

    include_internal = include_internal and can_see_internal(current_role())
    bounds = boundaries()
    manifest = bounds.manifest.get("retrieved_at") if bounds else None
    stamp = (load_result().version, manifest, _file_stamp(_FIGURE_FILES))
    return _district_profile(name, include_internal, stamp)


# --- city map (owner: map) -------------------------------------------------------
def _map_stamp() -> str:
    """Version of boundaries + resources, the key of the map's prepared data."""
    from atlas.errors import AtlasError

    try:  # a broken cache is reported by the page; here it only changes the key
        bounds = boundaries()
        stamp = "" if bounds is None else str(bounds.manifest.get("retrieved_at", id(bounds)))
    except AtlasError:
        stamp = "kaputt"
    try:
        version = load_result().version
    except AtlasError:
        version = ""
    return f"{stamp}|{version}"


@st.cache_resource(show_spinner=False, max_entries=12)
def _map_areas(level: str, stamp: str) -> dict | None:
    from atlas import areas

    bounds = boundaries()
    if bounds is None:
        return None
    if level == "stadtteile":
        return areas.stadtteil_areas(bounds.stadtteile_display)
    if level == "msa":
        return areas.msa_region_areas(bounds.districts_display, load_result().service_areas,
                                      city())
    return areas.stadtbezirk_areas(bounds.districts_display)


def map_areas(level: str) -> dict | None:
    """The area FeatureCollection of a map level (shared: never mutate), or None."""
    return _map_areas(level, _map_stamp())


def map_focus(focus: str | None, districts: tuple[str, ...]) -> dict | None:
    """Outline the map zooms to (atlas.areas.focus_areas), or None for the whole city."""
    if not focus and not districts:
        return None
    return _map_focus(focus, tuple(districts), _map_stamp())


@st.cache_resource(show_spinner=False, max_entries=32)
def _map_focus(focus: str | None, districts: tuple[str, ...], stamp: str) -> dict | None:
    from atlas import areas

    bounds = boundaries()
    if bounds is None:
        return None
    msa = map_areas("msa") if focus else None
    return areas.focus_areas(bounds.districts_display, msa, focus, districts)


def map_district_figures() -> tuple:
    """District figure rows (atlas.figures.DistrictFigure), reloaded when the file changes."""
    return figures().district_figures


@st.cache_resource(show_spinner=False, max_entries=64)
def _map_accommodation_places(day_iso: str, stamp: str) -> tuple[dict, str | None]:
    import datetime as dt

    from atlas.choropleth import accommodation_places_by_district

    return accommodation_places_by_district(load_result().records, city(),
                                            day=dt.date.fromisoformat(day_iso))


def map_accommodation_places(day_iso: str) -> tuple[dict, str | None]:
    """Accommodation places per Stadtbezirk (numbers only, from all records) and their date."""
    return _map_accommodation_places(day_iso, _map_stamp())


# --- Fachplan and figure tables (owner: fachplan) --------------------------------
_FIGURE_FILES = ("allocations.csv", "capacity.csv", "district_figures.csv", "population.csv")


def _file_stamp(names: tuple[str, ...]) -> tuple[int, ...]:
    folder = config().path("RESOURCES_DIR")
    return tuple((folder / n).stat().st_mtime_ns if (folder / n).exists() else 0 for n in names)


@st.cache_resource(show_spinner=False)
def _last_good_fachplan() -> dict:
    """The last figure tables and Fachplan that loaded, kept when an edit breaks a file."""
    return {}


@st.cache_resource(show_spinner=False, max_entries=4)
def _figures(folder: str, stamp: tuple[int, ...]):
    from atlas.figures import load_figures

    return load_figures(folder, city())


def figures():
    """All figure tables (atlas.figures.Figures), reloaded when a file changes.

    A file that can no longer be read keeps its previous good rows; its German
    message stays in ``Figures.errors``. Shared between sessions: never mutate.
    """
    from atlas.figures import keep_good_tables

    memory = _last_good_fachplan()
    loaded = keep_good_tables(
        _figures(str(config().path("RESOURCES_DIR")), _file_stamp(_FIGURE_FILES)),
        memory.get("figures"))
    memory["figures"] = loaded
    return loaded


@st.cache_resource(show_spinner=False, max_entries=4)
def _fachplan(path: str, stamp: tuple[int, ...]):
    from atlas.fachplan import load_fachplan

    return load_fachplan(path)


def fachplan():
    """(atlas.fachplan.Fachplan or None, German problem or None); the last good plan stays."""
    from atlas.errors import AtlasError

    memory = _last_good_fachplan()
    path = config().path("RESOURCES_DIR") / "fachplan.yaml"
    try:
        plan = _fachplan(str(path), _file_stamp(("fachplan.yaml",)))
    except AtlasError as e:
        return memory.get("fachplan"), str(e)
    memory["fachplan"] = plan
    return plan, None


# --- nearby search (owner: nearby) ----------------------------------------------
@st.cache_resource(show_spinner=False, max_entries=2)
def _address_index(cache_dir: str, mtime_ns: int):
    from pathlib import Path

    from atlas.addresses import load_address_index

    return load_address_index(Path(cache_dir))


def address_index():
    """The offline address gazetteer (atlas.addresses.AddressIndex) or None when none is
    cached; keyed on the file's mtime, so a new fetch is picked up without a restart.
    Raises GeocodeError (German) when the cache file is broken."""
    from atlas.addresses import CACHE_FILE

    cache_dir = config().path("CACHE_DIR")
    try:
        mtime = (cache_dir / CACHE_FILE).stat().st_mtime_ns
    except OSError:
        return None
    return _address_index(str(cache_dir), mtime)


@st.cache_resource(show_spinner=False, max_entries=4)
def _offer_index(version: str, include_internal: bool, day_iso: str, _records: tuple):
    import datetime as dt

    from atlas.nearby import build_index, current_offers

    offers = current_offers(_records, dt.date.fromisoformat(day_iso))
    return build_index(offers, crs=city().projected_crs)


def nearby_index():
    """The KD-tree of this session's current offers (atlas.nearby.OfferIndex): built once
    per data version, view and day; only role-filtered records, never accommodation,
    never closed places."""
    import datetime as dt

    from atlas.access import can_see_internal
    from atlas.addresses import CACHE_FILE
    from atlas.opening_hours import TIMEZONE
    from ui.session import current_role

    records = tuple(visible_resources())
    today = dt.datetime.now(TIMEZONE).date().isoformat()
    cache_dir = config().path("CACHE_DIR")
    # Positions also change when boundaries or address points are fetched anew.
    stamp = (f"{load_result().version}|{_mtime(cache_dir / 'manifest.json')}"
             f"|{_mtime(cache_dir / CACHE_FILE)}")
    return _offer_index(stamp, can_see_internal(current_role()), today, records)


@st.cache_resource(show_spinner=False, max_entries=2)
def _city_area(manifest_key: str, _bounds):
    import shapely
    from shapely.geometry import shape

    parts = [shape(f["geometry"]) for f in _bounds.stadtteile_display["features"]]
    area = shapely.union_all(parts) if parts else None
    if area is not None:
        shapely.prepare(area)
    return area


def city_area():
    """The union of the cached Stadtteile (shapely, lon/lat) for "außerhalb", or None."""
    import json

    bounds = boundaries()
    if bounds is None:
        return None
    return _city_area(json.dumps(bounds.manifest, sort_keys=True, default=str), bounds)


def city_outline_json() -> dict | None:
    """The city area as a simplified GeoJSON geometry (the nearby map's outline)."""
    import json

    area = city_area()
    if area is None:
        return None
    return _city_outline(json.dumps(boundaries().manifest, sort_keys=True, default=str), area)


@st.cache_resource(show_spinner=False, max_entries=2)
def _city_outline(manifest_key: str, _area) -> dict:
    from shapely.geometry import mapping

    return mapping(_area.simplify(0.0002))


@st.cache_data(show_spinner=False, max_entries=256, ttl=24 * 3600)
def nominatim_lookup(text: str) -> tuple[float, float, str] | None:
    """(lat, lon, label) from the configured Nominatim server, cached for a day; at most
    one request per second. Raises GeocoderUnreachable (not cached) on time-out/failure."""
    import time

    from atlas.startpoint import nominatim_search

    cfg = config()
    memory = _nominatim_clock()
    wait = 1.0 - (time.monotonic() - memory.get("last", 0.0))
    if wait > 0:
        time.sleep(wait)
    memory["last"] = time.monotonic()
    return nominatim_search(text, city(), url=cfg.nominatim_url,
                            user_agent=cfg.nominatim_user_agent,
                            timeout=min(float(cfg.http_timeout), 5.0))


@st.cache_resource
def _nominatim_clock() -> dict:
    return {}


@st.cache_resource(show_spinner=False, max_entries=4)
def _fachplan_frames(stamp: tuple[int, ...]) -> dict:
    from atlas.figure_queries import allocations_series, capacity_series, district_metric_table

    loaded = figures()
    return {
        "allocations": allocations_series(loaded.allocations),
        "capacity": capacity_series(loaded.capacity),
        "housed": district_metric_table(loaded.district_figures, "persons_housed", city()),
    }


def fachplan_frames() -> dict:
    """The Fachplan charts' tables (pandas DataFrames keyed allocations, capacity, housed),
    built once per version of the figure files. Shared between sessions: never mutate."""
    return _fachplan_frames(_file_stamp(_FIGURE_FILES))


@st.cache_data(show_spinner=False, max_entries=32)
def _map_area_json(level: str, stamp: str, metric_key: tuple, _metric) -> str | None:
    from atlas.choropleth import colour_areas
    from atlas.layers import script_json

    areas = map_areas(level)
    return None if areas is None else script_json(colour_areas(areas, _metric))


def map_area_json(level: str, metric) -> str | None:
    """The area layer of a level, coloured by ``metric`` (atlas.choropleth.MetricValues or
    None), serialised for the map script; cached per data version and figure."""
    key = () if metric is None else (metric.label, tuple(sorted(metric.values.items())),
                                     metric.date, metric.source)
    return _map_area_json(level, _map_stamp(), key, metric)


@st.cache_resource(show_spinner=False, max_entries=32)
def _map_selection(stamp: str, role: str, filter_key: str, today_iso: str, _records,
                   _filters):
    import datetime as dt

    from atlas.access import Role, can_see_internal
    from atlas.selection import select_places

    return select_places(_records, _filters, city=city(),
                         today=dt.date.fromisoformat(today_iso),
                         internal=can_see_internal(Role(role)))


def map_selection(records: list, filters, today):
    """The filtered places (atlas.selection.Selection) of ``records`` — this session's
    visible records — cached per data version, role, filter state and day. Shared:
    never mutate."""
    from ui.session import current_role

    return _map_selection(_map_stamp(), current_role().value, repr(filters),
                          today.isoformat(), records, filters)


def legal():
    """The operator's legal texts (re-read when the file changes)."""
    path = config().path("LEGAL_FILE")
    return _legal(str(path), _mtime(path))


@st.cache_data(show_spinner=False, max_entries=4)
def _legal(path: str, mtime: int):
    from pathlib import Path

    from atlas.legal import load_legal

    return load_legal(Path(path))
