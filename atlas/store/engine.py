"""Engines for the store: SQLite (WAL) embedded by default, PostgreSQL by URL.

One engine per URL and process. SQLite gets WAL mode, a busy timeout and
foreign keys on every connection; PostgreSQL gets a short connect time-out
and pre-ping, so a database that went away is noticed at once.
"""

from __future__ import annotations

import threading
from pathlib import Path

import sqlalchemy as sa

from atlas.errors import StoreUnavailable
from atlas.texts import STORE as T

_ENGINES: dict[str, sa.Engine] = {}
_LOCK = threading.Lock()
DEFAULT_FILE = Path("data") / "atlas.db"


def database_url(configured: str, root: Path) -> str:
    """``configured`` or, when empty, the embedded SQLite file ``<root>/data/atlas.db``."""
    if configured.strip():
        url = configured.strip()
        if url.startswith("postgresql://"):  # psycopg 3 is the driver we ship
            url = "postgresql+psycopg://" + url[len("postgresql://"):]
        return url
    return f"sqlite:///{root / DEFAULT_FILE}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def get_engine(url: str) -> sa.Engine:
    """The process's engine for ``url`` (created on first use)."""
    with _LOCK:
        engine = _ENGINES.get(url)
        if engine is None:
            engine = _create(url)
            _ENGINES[url] = engine
        return engine


def _create(url: str) -> sa.Engine:
    if url.startswith("sqlite"):
        path = url.split("sqlite:///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, connect_args={"check_same_thread": False,
                                                     "timeout": 5})
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    try:
        return sa.create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5,
                                connect_args={"connect_timeout": 3})
    except (sa.exc.ArgumentError, ImportError) as e:
        raise StoreUnavailable(T["bad_url"].format(url=redact(url))) from e


def dispose_engine(url: str) -> None:
    """Close and forget the engine of ``url`` (tests, restore)."""
    with _LOCK:
        engine = _ENGINES.pop(url, None)
    if engine is not None:
        engine.dispose()


def redact(url: str) -> str:
    """``url`` without its password, for messages and logs."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return "(ungültige Adresse)"
