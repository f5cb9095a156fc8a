"""The data store: places with history, review and figures, in SQLite or PostgreSQL.

:class:`Store` is the one entry point for the app, the CLI and the tests.
It never imports streamlit. Every write is one transaction that first bumps
the data-version row, so concurrent writers queue up and every app server
sees a new version number after a change (its cache key).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources as importlib_resources

import sqlalchemy as sa

from atlas.errors import StoreUnavailable
from atlas.model import Resource
from atlas.store import figures as figure_store
from atlas.store import places as place_store
from atlas.store import review, tables
from atlas.store.engine import database_url, dispose_engine, get_engine, redact
from atlas.store.tables import data_state, meta
from atlas.texts import STORE as T

__all__ = ["SaveResult", "Store", "database_url"]


@dataclass(frozen=True)
class SaveResult:
    """Outcome of a save: a live version, or a proposal waiting for review."""

    version: int | None = None
    proposal_id: int | None = None

    @property
    def pending(self) -> bool:
        return self.proposal_id is not None


class Store:
    """A database holding places, their versions, proposals and figure rows."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = get_engine(url)
        self._parsed: dict[str, tuple[int, Resource]] = {}  # id -> (version, record)
        self._parsed_lock = threading.Lock()

    @property
    def label(self) -> str:
        """The URL without password, for messages."""
        return redact(self.url)

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    # --- connections ---------------------------------------------------------
    @contextlib.contextmanager
    def read(self) -> Iterator[sa.Connection]:
        """A connection for reading; database failures become StoreUnavailable."""
        with self._guard(), self.engine.connect() as conn:
            yield conn

    @contextlib.contextmanager
    def write(self) -> Iterator[sa.Connection]:
        """One transaction that bumps the data version first; all or nothing."""
        with self._guard(), self.engine.begin() as conn:
            place_store.bump_data_version(conn, place_store.utc_now())
            yield conn

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except (sa.exc.OperationalError, sa.exc.InterfaceError) as e:
            raise StoreUnavailable(T["unavailable"].format(url=self.label)) from e
        except sa.exc.DBAPIError as e:
            if e.connection_invalidated:
                raise StoreUnavailable(T["unavailable"].format(url=self.label)) from e
            raise

    # --- schema --------------------------------------------------------------
    def migrate(self) -> str:
        """Bring the schema to the newest Alembic revision; returns that revision."""
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        location = importlib_resources.files("atlas.store") / "migrations"
        cfg.set_main_option("script_location", str(location))
        with self._guard(), self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            if conn.execute(sa.select(data_state.c.id)).first() is None:
                conn.execute(data_state.insert().values(id=1, version=0,
                                                        changed_at=place_store.utc_now()))
        return self.revision()

    def revision(self) -> str | None:
        with self.read() as conn:
            if not sa.inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()

    def get_meta(self, key: str) -> str | None:
        with self.read() as conn:
            return conn.execute(sa.select(meta.c.value).where(meta.c.key == key)).scalar()

    def set_meta(self, conn: sa.Connection, key: str, value: str) -> None:
        updated = conn.execute(meta.update().where(meta.c.key == key).values(value=value))
        if not updated.rowcount:
            conn.execute(meta.insert().values(key=key, value=value))

    # --- reading -------------------------------------------------------------
    def data_version(self) -> int:
        with self.read() as conn:
            return place_store.data_version(conn)

    def places(self) -> list[Resource]:
        """Every live place by id; only versions this object has not parsed yet are read."""
        with self.read() as conn:
            heads = conn.execute(sa.select(tables.places.c.id, tables.places.c.version)
                                 .order_by(tables.places.c.id)).all()
            with self._parsed_lock:
                stale = [i for i, v in heads if self._parsed.get(i, (0,))[0] != v]
                if stale:
                    self._parsed.update(place_store.parse_places(conn, stale, len(heads)))
                return [self._parsed[i][1] for i, _ in heads if i in self._parsed]

    def versions(self) -> dict[str, int]:
        """{id: live version} of every place (one query)."""
        with self.read() as conn:
            return dict(conn.execute(sa.select(tables.places.c.id,
                                               tables.places.c.version)).all())

    def current(self) -> dict[str, tuple[Resource, int]]:
        """{id: (live record, version)}: what an editor or an import starts from."""
        records = self.places()
        versions = self.versions()
        return {r.id: (r, versions[r.id]) for r in records if r.id in versions}

    def place(self, place_id: str) -> tuple[Resource, int] | None:
        with self.read() as conn:
            return place_store.get_place(conn, place_id)

    def history(self, place_id: str) -> list[place_store.PlaceVersion]:
        with self.read() as conn:
            return place_store.place_history(conn, place_id)

    def places_as_of(self, moment: str) -> list[Resource]:
        with self.read() as conn:
            return place_store.places_as_of(conn, moment)

    def places_on(self, day: dt.date) -> list[Resource]:
        """The places as stored by the end of ``day`` (UTC): a Stichtag from the history."""
        return self.places_as_of(dt.datetime.combine(day, dt.time.max, tzinfo=dt.UTC)
                                 .isoformat())

    def proposals(self, **filters) -> list[review.Proposal]:
        with self.read() as conn:
            return review.list_proposals(conn, **filters)

    def proposal_changes(self, proposal: review.Proposal):
        with self.read() as conn:
            return review.proposal_changes(conn, proposal)

    def figures(self, base=None):
        with self.read() as conn:
            return figure_store.load_figure_rows(conn, base)

    # --- writing -------------------------------------------------------------
    def save(self, record: Resource, *, base_version: int, action: str, author: str,
             reason: str = "", review_needed: bool = False) -> SaveResult:
        """Publish ``record`` as the next version, or file it for review."""
        with self.write() as conn:
            if review_needed:
                # Checked now too: a stale proposal is refused before anyone reviews it.
                head = place_store.current_version(conn, record.id)
                if head != base_version:
                    raise place_store.StaleVersionError(
                        place_store.stale_message(conn, record.id, base_version, head))
                return SaveResult(proposal_id=review.propose(
                    conn, record, base_version=base_version, action=action, author=author,
                    reason=reason))
            return SaveResult(version=place_store.write_version(
                conn, record, base_version=base_version, action=action, author=author,
                reason=reason))

    def approve(self, proposal_id: int, reviewer: str) -> int:
        with self.write() as conn:
            return review.approve(conn, proposal_id, reviewer)

    def reject(self, proposal_id: int, reviewer: str, note: str = "") -> None:
        with self.write() as conn:
            review.reject(conn, proposal_id, reviewer, note)

    def add_figures(self, table: str, rows, *, author: str) -> int:
        with self.write() as conn:
            return figure_store.insert_rows(conn, table, rows, author=author,
                                            skip_existing=False)

    def forget_parsed(self) -> None:
        """Drop the parsed records (after a restore replaced rows with equal versions)."""
        with self._parsed_lock:
            self._parsed.clear()

    def add_suggestion(self, place_id: str | None, text: str, email: str | None) -> int:
        """Store a public suggestion (already checked by atlas.upkeep.suggestions)."""
        from atlas.upkeep.suggestions import add_suggestion

        with self.write() as conn:
            return add_suggestion(conn, place_id, text, email)

    def suggestions(self, state: str = "open"):
        from atlas.upkeep.suggestions import list_suggestions

        with self.read() as conn:
            return list_suggestions(conn, state=state)

    def close_suggestion(self, suggestion_id: int, who: str) -> None:
        from atlas.upkeep.suggestions import close_suggestion

        with self.write() as conn:
            close_suggestion(conn, suggestion_id, who)

    def close(self) -> None:
        dispose_engine(self.url)
