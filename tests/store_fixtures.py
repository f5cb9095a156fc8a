"""Store fixtures: every store test runs on SQLite and on a real PostgreSQL.

PostgreSQL comes from ``TEST_POSTGRES_URL`` (``make test`` starts a throwaway
cluster through tools/pgcluster.py) or, when that is unset, from a cluster this
module starts itself. Each test gets its own database, dropped afterwards.
tests/conftest.py imports these fixtures, so every test module can use them.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server whose ``atlas`` role may create databases."""
    url = os.environ.get("TEST_POSTGRES_URL")
    if url:
        yield url
        return
    sys.path.insert(0, str(ROOT / "tools"))
    from pgcluster import find_bindir, start_cluster

    if find_bindir() is None:
        pytest.skip("PostgreSQL fehlt (initdb nicht gefunden): `make postgresql` installiert es")
    cluster = start_cluster()
    yield cluster.url
    cluster.stop()


def fresh_postgres_database(server_url: str) -> tuple[str, callable]:
    """(URL of a new, empty database, function that drops it)."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = server_url.rsplit("/", 1)[0] + f"/{name}"

    def drop() -> None:
        from atlas.store.engine import dispose_engine

        dispose_engine(url)
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, drop


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> Iterator[str]:
    """An empty database URL on each backend."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'atlas.db'}"
        yield url
        from atlas.store.engine import dispose_engine

        dispose_engine(url)
        return
    url, drop = fresh_postgres_database(request.getfixturevalue("postgres_server"))
    yield url
    drop()


@pytest.fixture
def store(store_url):
    """A migrated, empty store on each backend."""
    from atlas.store import Store

    s = Store(store_url)
    s.migrate()
    return s
