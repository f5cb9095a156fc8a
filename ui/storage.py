"""The store behind the app's data: opened once per process, read via its data-version row.

``ui/data.py`` asks here for the places and figure tables; pages ask for
:func:`store` (to edit) and :func:`problem` (to go read-only). Every cache is
keyed on the store's data-version row, which any server's write bumps, so all
servers sharing one database agree. While the database is unreachable,
:func:`guarded` answers None (the callers keep their last good data) and retries
after ``_RETRY_SECONDS``. This module never imports ``ui.data`` (imports run one way).
"""

from __future__ import annotations

import datetime as dt
import time

import streamlit as st

# Imported here, once, at module load: importing atlas.store from two sessions'
# threads at the same moment handed one of them a half-initialised package.
from atlas.city import load_city
from atlas.errors import AtlasError, StoreUnavailable
from atlas.geo.geocode import geocode_records, make_nominatim
from atlas.resources import PLACES_FILES, SERVICE_AREAS_FILE, LoadResult, files_version
from atlas.settings import ROOT, load_config
from atlas.store import Store, database_url
from atlas.store.seed import read_files, seed_loaded
from atlas.upkeep.suggestions import RateLimiter

_RETRY_SECONDS = 10.0  # after a failed connection, stay read-only this long
_VERSION_TTL = 0.2  # ask the data-version row at most this often per process


@st.cache_resource
def _config():
    return load_config()


@st.cache_resource
def _city():
    return load_city(_config().path("CITY_FILE"))


@st.cache_resource(show_spinner=False)
def _status() -> dict:
    """This process's view of the store: problem text, last failure, version memo."""
    return {}


def guarded(call):
    """``call()``, or None (with the German problem recorded) while the store is away."""
    status = _status()
    if time.monotonic() - status.get("failed_at", -1e9) < _RETRY_SECONDS:
        return None
    try:
        value = call()
    except StoreUnavailable as e:
        status.update(problem=str(e), failed_at=time.monotonic(), version_at=-1e9)
        return None
    status["problem"] = None
    return value


def problem() -> str | None:
    """The German notice while the store is unreachable (the app is read-only), else None."""
    status = _status()
    if "problem" not in status:
        guarded(version)
    return status.get("problem")


@st.cache_resource(show_spinner=False)
def _opened(url: str):
    opened = Store(url)
    opened.migrate()
    return opened


def store():
    """The migrated, seeded store (atlas.store.Store) of ATLAS_DATABASE_URL.

    Raises StoreUnavailable (German) when the database cannot be reached."""

    opened = _opened(database_url(str(_config().database_url), ROOT))
    _ensure_seeded(opened)
    return opened


def version() -> int:
    """The store's data-version row (asked at most every 0.2 s); raises StoreUnavailable."""
    status = _status()
    now = time.monotonic()
    if now - status.get("version_at", -1e9) > _VERSION_TTL:
        status["version"] = store().data_version()
        status["version_at"] = now
    return status["version"]


def refresh() -> None:
    """Forget the version memo, so this server sees its own write at once."""
    _status()["version_at"] = -1e9


def _file_stamp(folder) -> tuple:
    names = (*PLACES_FILES, SERVICE_AREAS_FILE, "allocations.csv", "capacity.csv",
             "district_figures.csv", "population.csv")
    out = []
    for name in names:
        try:
            stat = (folder / name).stat()
            out.append((name, stat.st_mtime_ns, stat.st_size))
        except OSError:
            out.append((name, 0, -1))
    return tuple(out)


@st.cache_resource(show_spinner=False, max_entries=4)
def _file_report(folder: str, stamp: tuple):
    """(places LoadResult without positions, Figures, content version) of the files."""
    from pathlib import Path


    result, loaded = read_files(Path(folder), _city())
    return result, loaded, files_version([Path(folder) / name for name, *_ in stamp])


def file_report():
    folder = _config().path("RESOURCES_DIR")
    return _file_report(str(folder), _file_stamp(folder))


def _ensure_seeded(opened) -> None:
    """Seed the store from the files once per content version (idempotent, keeps edits)."""
    report, loaded, content = file_report()
    status = _status()
    if status.get("seeded") == (opened.url, content):
        return
    if opened.get_meta("seed_stamp") != content:
        seed_loaded(opened, report, loaded, stamp=content)
        refresh()
    status["seeded"] = (opened.url, content)


def geo_inputs(boundaries, address_index) -> tuple:
    """(boundaries, address index, problems) from the two loaders; a broken cache costs only
    the centroids or the exact positions, and its German message joins the warnings."""
    problems = []
    try:
        bounds = boundaries()
    except AtlasError as e:
        bounds, problems = None, [str(e)]
    try:
        index = address_index()
    except AtlasError as e:
        index, problems = None, [*problems, str(e)]
    return bounds, index, problems


def _geocoded(records, boundaries, address_index):
    """(GeocodeResult, problems): stored places with positions filled as on loading."""
    bounds, index, problems = geo_inputs(boundaries, address_index)
    return geocode_records(records, _city(), boundaries=bounds, address_index=index,
                           nominatim=make_nominatim(_config(), _city())), problems


@st.cache_resource(show_spinner=False, max_entries=4)
def _places_result(url: str, data_version: int, content: str, stamp: tuple, _boundaries,
                   _address_index):

    report = file_report()[0]
    geocoded, problems = _geocoded(store().places(), _boundaries, _address_index)
    return LoadResult(records=geocoded.records, rejected=list(report.rejected),
                      service_areas=list(report.service_areas),
                      warnings=[*report.warnings, *geocoded.warnings, *problems],
                      version=f"{content}.{data_version}")


def places_result(stamp: tuple, boundaries, address_index):
    """All stored places as a LoadResult (positions filled by the geocoder); the files'
    rejected rows and warnings come along for the data-quality page."""
    opened = store()
    return _places_result(opened.url, version(), file_report()[2], stamp, boundaries,
                          address_index)


@st.cache_resource(show_spinner=False, max_entries=8)
def _history_places(url: str, data_version: int, day_iso: str, stamp: tuple, _boundaries,
                    _address_index) -> list:
    past = store().places_on(dt.date.fromisoformat(day_iso))
    return _geocoded(past, _boundaries, _address_index)[0].records


def history_places(day: dt.date, stamp: tuple, boundaries, address_index) -> list:
    """Every place (public and internal) as stored by the end of ``day`` (UTC), positions
    filled like today's: the Stichtag answered from the history. Callers filter by role.
    A past day cannot change (new versions carry the time they are written), so only
    today's answer follows the data version."""
    past = day < dt.datetime.now(dt.UTC).date()
    return _history_places(store().url, 0 if past else version(), day.isoformat(), stamp,
                           boundaries, address_index)


@st.cache_resource(show_spinner=False, max_entries=4)
def _figure_tables(url: str, data_version: int, content: str):
    return store().figures(base=file_report()[1])


@st.cache_resource
def suggestion_limiter():
    """Public suggestions: 3 per hour per browser session, 60 per hour per server."""
    return RateLimiter(limit=3, window=3600.0, total=60)


def figure_tables():
    """The figure tables (atlas.figures.tables.Figures) from the store, with the files' problems."""
    opened = store()
    return _figure_tables(opened.url, version(), file_report()[2])
