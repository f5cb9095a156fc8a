"""Cached loaders and the one data-version key; with ``ui/derived.py`` the only st.cache user.

Cached functions take plain, hashable arguments (paths, version stamps), never
GeoDataFrames or folium objects. Records reach pages only through
:func:`visible_resources`, which applies the role filter on the server.
"""

from __future__ import annotations

import streamlit as st

from atlas.access.roles import Role
from atlas.city import City, load_city
from atlas.settings import Config, load_config
from ui import session, storage


@st.cache_resource
def config() -> Config:
    """The resolved ATLAS_* settings (read once per process)."""
    return load_config()


@st.cache_resource
def city() -> City:
    """The city configuration named by ATLAS_CITY_FILE."""
    return load_city(config().path("CITY_FILE"))


@st.cache_resource
def auth_settings():
    """Sign-in mode and idle limit (atlas.access.auth.AuthSettings), parsed once per process."""
    from atlas.access.auth import auth_settings as parse

    return parse(config())


def session_role() -> Role:
    """This session's role: public unless someone signed in and is still active."""
    return session.current_role(auth_settings())


def session_user_name() -> str | None:
    """Display name of the signed-in person, or None in the public view."""
    return session.current_user_name(auth_settings())


# --- the data version ----------------------------------------------------------
_FIGURE_FILES = ("allocations.csv", "capacity.csv", "district_figures.csv", "population.csv")


def _file_stamp(path) -> tuple[int, int]:
    """(mtime_ns, size) of an input file; (0, -1) when it is missing."""
    try:
        stat = path.stat()
    except OSError:
        return 0, -1
    return stat.st_mtime_ns, stat.st_size


def _input_files(*, places: bool = True, figures: bool = True) -> list:
    """Every file the app's data is read from: places and service areas, boundaries,
    address points, figure tables and the Fachplan."""
    from atlas.geo.addresses import CACHE_FILE
    from atlas.resources import PLACES_FILES, SERVICE_AREAS_FILE

    folder, cache = config().path("RESOURCES_DIR"), config().path("CACHE_DIR")
    names = [*PLACES_FILES, SERVICE_AREAS_FILE] if places else []
    names += [*_FIGURE_FILES, "fachplan.yaml"] if figures else []
    return ([folder / n for n in names] + [cache / "manifest.json", cache / CACHE_FILE]
            + _snapshot_files())


def _snapshot_files() -> list:
    """The shipped snapshot's manifest and address extract (used while the cache is empty)."""
    from atlas.geo.geocache import MANIFEST
    from atlas.geo.snapshot import POINTS_FILE, boundaries_dir, snapshot_dir

    folder = snapshot_dir(config())
    return [] if folder is None else [boundaries_dir(folder) / MANIFEST, folder / POINTS_FILE]


def data_version() -> str:
    """The one key of everything derived from the data (profiles, map layers, indexes):
    it changes with any input file or the store's data-version row (on any server)."""
    files = "|".join(f"{m}:{s}" for m, s in map(_file_stamp, _input_files()))
    return f"{files}|db:{storage.guarded(storage.version)}"


def text_version() -> str:
    """``data_version()`` plus the page language: the key of anything that holds UI text
    (profiles, map payloads, chart tables), so each language gets its own copy."""
    from atlas import i18n

    return f"{data_version()}|{i18n.current().code}"


# --- boundaries (owner: geodata) ---------------------------------------------
@st.cache_resource(show_spinner=False, max_entries=4)
def _boundaries_version(manifest: str, manifest_stamp: tuple[int, int]):
    """One shared, read-only Boundaries per manifest (cache or snapshot) and version; a broken
    cache reaches pages without its server path (atlas.geo.geodata.load_public_boundaries)."""
    from atlas.geo.geodata import load_public_boundaries

    return load_public_boundaries(config())


def boundaries():
    """The Stadtteile and districts (atlas.geo.geodata.Boundaries): the cache if one exists,
    else the shipped snapshot; None when neither exists. Keyed on the manifest's mtime,
    so a new fetch is picked up without a restart. Raises GeodataError (German message)
    if the files are broken. The returned object is shared between sessions: never
    mutate it."""
    from atlas.geo.geodata import boundaries_manifest_path

    path = boundaries_manifest_path(config())
    if path is None:
        return None
    return _boundaries_version(str(path), _file_stamp(path))


# --- resources (owner: resources) ---------------------------------------------
@st.cache_resource(show_spinner=False, max_entries=4)
def _load_result(folder: str, stamp: tuple):
    from pathlib import Path

    from atlas.geo.geocode import make_nominatim
    from atlas.resources import load_resources

    bounds, index, problems = storage.geo_inputs(boundaries, address_index)
    result = load_resources(Path(folder), city(), bounds, index,
                            nominatim=make_nominatim(config(), city()))
    result.warnings.extend(problems)
    return result


@st.cache_resource(show_spinner=False)
def _last_good_resources() -> dict:
    """The last load that produced records, kept when an edit makes a file unreadable."""
    return {}


def load_result():
    """All records (public and internal) and the set-aside rows: from the store
    (``ui/storage.py``), while it is away the last good load, else the files; a broken
    places file keeps the previous good records with its error. Never mutate the result."""
    import dataclasses

    folder = config().path("RESOURCES_DIR")
    stamp = tuple(map(_file_stamp, _input_files(figures=False)))
    memory = _last_good_resources()
    previous = memory.get(str(folder))
    result = storage.guarded(lambda: storage.places_result(stamp, boundaries, address_index))
    if result is None and previous is not None:  # the store is away: read-only
        return previous
    result = result or _load_result(str(folder), stamp)
    broken = not result.records and any(e.row is None for e in result.rejected)
    if broken and previous is not None:
        return dataclasses.replace(previous, rejected=result.rejected,
                                   warnings=[*result.warnings, *previous.warnings])
    if result.records:
        memory[str(folder)] = result
    return result


@st.cache_data(show_spinner=False, max_entries=8)
def checked_upload(payload: bytes, name: str, max_bytes: int):
    """A coordinator's table checked against the schema, once per file content (reports only)."""
    from atlas.resources import check_upload

    return check_upload(payload, name, city(), max_bytes=max_bytes)


def visible_resources() -> list:
    """Records this session may see: the role filter runs here, on the server."""
    from atlas.access.roles import filter_for_role

    return filter_for_role(load_result().records, session_role())


def history_resources(day) -> list | None:
    """Signed-in only (the history keeps versions no longer public): the records as stored
    by the end of ``day``; None when public or while the store is away."""
    from atlas.access.roles import can_see_internal, filter_for_role

    if not can_see_internal(session_role()):
        return None
    stamp = tuple(map(_file_stamp, _input_files(figures=False)))
    past = storage.guarded(lambda: storage.history_places(day, stamp, boundaries, address_index))
    return None if past is None else filter_for_role(past, session_role())


# --- sign-in (owner: auth) ------------------------------------------------------
@st.cache_resource
def lockout_store():
    """Failed sign-ins and locks per user name, shared by every session of this process."""
    from atlas.access.auth import LockoutStore, set_hash_concurrency

    set_hash_concurrency(int(config().hash_concurrency))
    return LockoutStore(client_attempts=int(config().signin_attempts_per_minute))


@st.cache_data(show_spinner=False, max_entries=4)
def users_file(path: str, mtime_ns: int, size: int) -> tuple[dict, str | None]:
    """(accounts, problem) of the users file; the stat arguments make edits visible at once.

    Returns the German problem text instead of raising, so the sidebar can run
    public-only. The detail goes to the server log (once per file version); the
    public only ever sees a short "Anmeldung derzeit nicht verfügbar".
    """
    import logging
    from pathlib import Path

    from atlas.access.users import load_users
    from atlas.errors import AuthError

    try:
        users, problem = load_users(Path(path)), None
    except AuthError as e:
        users, problem = {}, str(e)
    if not users:  # the detail for the server log only
        logging.getLogger("atlas.signin").error("Anmeldung abgeschaltet: %s", problem or path)
    return users, problem


# --- district profiles (owner: profile) ----------------------------------------
def profile_districts() -> list:
    """Every Stadtbezirk and Ortschaft (atlas.city.District), with the Stadtteil numbers of
    the cached boundaries (empty tuples when none are cached)."""
    bounds = boundaries()
    numbers = [f["properties"]["nr"] for f in bounds.stadtteile["features"]] if bounds else []
    return city().districts(numbers)


@st.cache_resource(show_spinner=False, max_entries=64)
def _district_profile(name: str, include_internal: bool, version: str, day_iso: str):
    """One profile per district, view, data version and day; shared read-only between sessions.

    Records pass the role filter here (include_internal follows the session's role),
    so a public profile never holds an internal record; accommodation reaches it only
    as counts per district.
    """
    import datetime as dt

    from atlas.profile.build import build_profiles, find_district

    result = load_result()
    districts = profile_districts()
    district = find_district(districts, name, city())
    (profile,) = build_profiles(
        [district], districts=districts, records=result.records,
        service_areas=result.service_areas, figures=figures(), boundaries=boundaries(),
        city=city(), include_internal=include_internal, today=dt.date.fromisoformat(day_iso),
        min_sites=int(config().min_public_sites))
    return profile


def district_profile(name: str, include_internal: bool):
    """The profile (atlas.profile.build.DistrictProfile) of a district name, slug or alias.

    Raises atlas.profile.build.UnknownDistrictError (an AtlasError) for unknown names.
    ``include_internal`` only counts when this session may see internal data."""
    import datetime as dt

    from atlas.access.roles import can_see_internal
    from atlas.places.opening_hours import TIMEZONE

    include_internal = include_internal and can_see_internal(session_role())
    today = dt.datetime.now(TIMEZONE).date().isoformat()  # closed offers drop out by day
    return _district_profile(name, include_internal, text_version(), today)


# --- city map: numbers from all records (owner: map) --------------------------
@st.cache_resource(show_spinner=False, max_entries=64)
def _map_accommodation_places(day_iso: str, version: str, internal: bool, min_sites: int,
                              history: bool):
    import datetime as dt

    from atlas.citymap.choropleth import map_accommodation_places as places

    day = dt.date.fromisoformat(day_iso)
    past = history_resources(day) if history and internal else None  # None: today's data
    records = load_result().records if past is None else past
    return places(records, city(), day=day, internal=internal, min_sites=min_sites)


def map_accommodation_places(day_iso: str, internal: bool,
                             history: bool = False) -> tuple[dict, str | None, frozenset]:
    """Places per Stadtbezirk (numbers only; all records, or signed in the day's history), their
    date and the districts held back (public: the small-number rule, atlas.access.disclosure)."""
    return _map_accommodation_places(day_iso, data_version(), internal,
                                     int(config().min_public_sites), history)


# --- Fachplan and figure tables (owner: fachplan) --------------------------------
@st.cache_resource(show_spinner=False)
def _last_good_fachplan() -> dict:
    """The last figure tables and Fachplan that loaded, kept when an edit breaks a file."""
    return {}


@st.cache_resource(show_spinner=False, max_entries=4)
def _figures(folder: str, stamp: tuple):
    from atlas.figures.tables import load_figures

    return load_figures(folder, city())


def figures():
    """All figure tables (atlas.figures.tables.Figures), reloaded when a file changes.

    A file that can no longer be read keeps its previous good rows; its German
    message stays in ``Figures.errors``. Shared between sessions: never mutate.
    """
    from atlas.figures.tables import keep_good_tables

    memory = _last_good_fachplan()
    stored = storage.guarded(storage.figure_tables) or memory.get("figures")  # away: last
    if stored is None:  # no store yet and nothing loaded: the files, read-only
        folder = config().path("RESOURCES_DIR")
        stamp = tuple(_file_stamp(folder / n) for n in _FIGURE_FILES)
        stored = keep_good_tables(_figures(str(folder), stamp), None)
    memory["figures"] = stored
    return stored


@st.cache_resource(show_spinner=False, max_entries=4)
def _fachplan(path: str, stamp: tuple[int, int]):
    from atlas.figures.fachplan import load_fachplan

    return load_fachplan(path)


def fachplan():
    """(Fachplan or None, German problem or None); the last good plan stays."""
    from atlas.errors import AtlasError

    memory = _last_good_fachplan()
    path = config().path("RESOURCES_DIR") / "fachplan.yaml"
    try:
        plan = _fachplan(str(path), _file_stamp(path))
    except AtlasError as e:
        return memory.get("fachplan"), str(e)
    memory["fachplan"] = plan
    return plan, None


# --- nearby search (owner: nearby) ----------------------------------------------
@st.cache_resource(show_spinner=False, max_entries=2)
def _address_index(cache_dir: str, stamp: tuple):
    from pathlib import Path

    from atlas.geo.snapshot import load_gazetteer, snapshot_dir

    return load_gazetteer(Path(cache_dir), snapshot_dir(config()))[0]


def address_index():
    """The offline address gazetteer (atlas.geo.addresses.AddressIndex): the full register
    when it was fetched into the cache, else the shipped extract; None when neither
    exists. Keyed on the files' stamps, so a new fetch is picked up without a restart.
    Raises GeocodeError (German) when a file is broken."""
    from atlas.geo.addresses import CACHE_FILE

    cache_dir = config().path("CACHE_DIR")
    stamp = tuple(map(_file_stamp, [cache_dir / CACHE_FILE, *_snapshot_files()[1:]]))
    if all(s == (0, -1) for s in stamp):
        return None
    return _address_index(str(cache_dir), stamp)


@st.cache_data(show_spinner=False, max_entries=256, ttl=24 * 3600)
def nominatim_lookup(text: str) -> tuple[float, float, str] | None:
    """(lat, lon, label) from the configured Nominatim server, cached for a day; at most
    one request per second. Raises GeocoderUnreachable (not cached) on time-out/failure."""
    import time

    from atlas.nearby.startpoint import nominatim_search

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
