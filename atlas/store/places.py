"""Places in the store: read the live heads, write versions with optimistic locking.

Every write runs in one transaction: the new ``place_versions`` row, the
``places`` head and the ``data_state`` bump commit together or not at all.
A writer names the version it started from; if the head moved on meanwhile,
:class:`~atlas.errors.StaleVersionError` quotes the other person's change and
nothing is written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from pydantic import TypeAdapter, ValidationError

from atlas.errors import StaleVersionError
from atlas.model import Resource
from atlas.store.tables import data_state, place_versions, places
from atlas.texts import FIELD_LABELS
from atlas.texts import STORE as T

_LIST = TypeAdapter(list[Resource])
logger = logging.getLogger(__name__)
_GC_LOCK = threading.Lock()
_GC_STATE = {"pauses": 0, "was_enabled": True}  # bulk parses running now, and what to resume


@contextlib.contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector while thousands of records are built.

    Each new record is a nest of containers, so a bulk parse triggers collection after
    collection, each walking the whole heap: half of a 10,000-place read went there.
    The records hold no reference cycles; reference counting frees everything as usual.
    """
    with _GC_LOCK:
        _GC_STATE["pauses"] += 1
        if _GC_STATE["pauses"] == 1:
            _GC_STATE["was_enabled"] = gc.isenabled()  # a host may have switched it off
            gc.disable()
    try:
        yield
    finally:
        with _GC_LOCK:
            _GC_STATE["pauses"] -= 1
            if _GC_STATE["pauses"] == 0 and _GC_STATE["was_enabled"]:
                gc.enable()


def parse_list(rows_json: Sequence[str]) -> list[Resource]:
    """Records from their stored JSON texts in one pydantic pass (raises ValidationError)."""
    return _LIST.validate_json("[" + ",".join(rows_json) + "]")


def utc_now() -> str:
    """Now as sortable ISO text in UTC (the store's time stamps)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class FieldChange:
    """One field's old and new value in a version."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class PlaceVersion:
    """One stored version of a place with who, when, why and what changed."""

    place_id: str
    version: int
    action: str
    author: str
    approved_by: str | None
    created_at: str
    reason: str
    data: dict[str, Any]
    changes: tuple[FieldChange, ...]

    def resource(self) -> Resource:
        return Resource.model_validate(self.data)


def record_data(record: Resource) -> dict[str, Any]:
    """The JSON-ready dict of a record (what a version stores)."""
    return record.model_dump(mode="json")


def stored_text(record: Resource) -> str:
    """The JSON a version stores: fields at their default are left out (3x faster to read)."""
    return record.model_dump_json(exclude_defaults=True)


def diff_fields(old: dict[str, Any] | None, new: dict[str, Any]) -> tuple[FieldChange, ...]:
    """Fields whose value differs between two stored dicts (all set fields for a new place)."""
    old = old or {}
    names = list(new) + [k for k in old if k not in new]
    return tuple(FieldChange(k, old.get(k), new.get(k)) for k in names
                 if _norm(old.get(k)) != _norm(new.get(k)))


def _norm(value: Any) -> Any:
    if value in ("", (), []):
        return None
    return tuple(value) if isinstance(value, list) else value


def _columns(data: dict[str, Any]) -> dict[str, Any]:
    return {"visibility": data.get("visibility") or "public",
            "stadtbezirk": data.get("stadtbezirk"),
            "valid_from": data.get("valid_from"), "valid_to": data.get("valid_to")}


def bump_data_version(conn: sa.Connection, now: str) -> None:
    """Advance the data-version row (inside the caller's transaction)."""
    conn.execute(data_state.update().where(data_state.c.id == 1)
                 .values(version=data_state.c.version + 1, changed_at=now))


def data_version(conn: sa.Connection) -> int:
    """The current data version (0 before the first write)."""
    value = conn.execute(sa.select(data_state.c.version).where(data_state.c.id == 1)).scalar()
    return int(value or 0)


def parse_places(conn: sa.Connection, ids: Sequence[str],
                 total: int) -> dict[str, tuple[int, Resource]]:
    """{id: (version, record)} of the given live places, parsed in one go."""
    query = sa.select(places.c.id, places.c.version, places.c.data)
    if len(ids) < total // 2:  # a few changed places: ask for them by id
        rows = [r for chunk in range(0, len(ids), 500)
                for r in conn.execute(query.where(places.c.id.in_(ids[chunk:chunk + 500])))]
    else:
        rows = conn.execute(query).all()
    with _collector_paused():  # only around building the records, never around queries
        try:
            parsed = parse_list([r.data for r in rows])
        except ValidationError:  # a stored row the model no longer accepts: keep the others
            return {r.id: (r.version, record) for r in rows
                    if (record := _parse_or_none(r.id, r.data)) is not None}
        return {r.id: (r.version, record) for r, record in zip(rows, parsed, strict=True)}


def _parse_or_none(place_id: str, text: str) -> Resource | None:
    try:
        return Resource.model_validate_json(text)
    except ValidationError as e:
        logger.warning("Ort %s in der Datenbank passt nicht zum Datenmodell (%d Fehler)",
                       place_id, e.error_count())
        return None


def current_version(conn: sa.Connection, place_id: str, *, lock: bool = False) -> int:
    """The live version number of a place, 0 when it does not exist."""
    query = sa.select(places.c.version).where(places.c.id == place_id)
    if lock:
        query = query.with_for_update()
    return int(conn.execute(query).scalar() or 0)


def get_place(conn: sa.Connection, place_id: str) -> tuple[Resource, int] | None:
    """(live record, version) of a place, or None."""
    row = conn.execute(sa.select(places.c.data, places.c.version)
                       .where(places.c.id == place_id)).first()
    return None if row is None else (Resource.model_validate_json(row.data), row.version)


def write_version(conn: sa.Connection, record: Resource, *, base_version: int, action: str,
                  author: str, reason: str = "", approved_by: str | None = None,
                  now: str | None = None) -> int:
    """Store ``record`` as the next version if the head is still ``base_version``.

    Runs inside the caller's write transaction (which bumped the data
    version first, so writers queue up); raises StaleVersionError (German,
    with the other change) when someone saved the place in between.
    """
    now = now or utc_now()
    head = current_version(conn, record.id, lock=True)
    if head != base_version:
        raise StaleVersionError(stale_message(conn, record.id, base_version, head))
    data = record_data(record)
    text = stored_text(record)
    version = head + 1
    conn.execute(place_versions.insert().values(
        place_id=record.id, version=version, data=text, action=action, author=author,
        approved_by=approved_by, created_at=now, reason=reason, **_columns(data)))
    values = {"version": version, "data": text, "category": data["category"],
              "updated_at": now, **_columns(data)}
    if head == 0:
        conn.execute(places.insert().values(id=record.id, **values))
    else:
        conn.execute(places.update().where(places.c.id == record.id).values(**values))
    return version


def stale_message(conn: sa.Connection, place_id: str, base_version: int, head: int) -> str:
    """German text: who changed the place after ``base_version`` and what they changed."""
    if head == 0 or base_version > head:
        return T["stale_gone"].format(id=place_id)
    if base_version == 0:
        return T["stale_exists"].format(id=place_id)
    history = place_history(conn, place_id)
    by_version = {v.version: v for v in history}
    latest = by_version[head]
    base = by_version.get(base_version)
    changes = diff_fields(base.data if base else None, latest.data)
    return T["stale"].format(author=latest.author, when=latest.created_at[:16].replace("T", " "),
                             version=head, changes=describe_changes(changes))


def describe_changes(changes: Sequence[FieldChange], limit: int = 6) -> str:
    """„Feld: alt → neu“ for the first ``limit`` changes, in one line."""
    parts = [f"{FIELD_LABELS.get(c.field, c.field)}: {_shown(c.old)} → {_shown(c.new)}"
             for c in changes[:limit]]
    if len(changes) > limit:
        parts.append(T["more_changes"].format(count=len(changes) - limit))
    return "; ".join(parts) or T["no_changes"]


def _shown(value: Any) -> str:
    if value in (None, "", [], ()):
        return "—"
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return str(value)


def place_history(conn: sa.Connection, place_id: str) -> list[PlaceVersion]:
    """Every version of a place, oldest first, each with its changes against the previous."""
    rows = conn.execute(sa.select(place_versions).where(place_versions.c.place_id == place_id)
                        .order_by(place_versions.c.version)).all()
    out: list[PlaceVersion] = []
    previous: dict[str, Any] | None = None
    for row in rows:
        data = record_data(Resource.model_validate_json(row.data))
        out.append(PlaceVersion(row.place_id, row.version, row.action, row.author,
                                row.approved_by, row.created_at, row.reason, data,
                                diff_fields(previous, data)))
        previous = data
    return out


def places_as_of(conn: sa.Connection, moment: str) -> list[Resource]:
    """The places as they were stored at ``moment`` (ISO UTC text): the Stichtag view."""
    latest = (sa.select(place_versions.c.place_id, sa.func.max(place_versions.c.version)
                        .label("version"))
              .where(place_versions.c.created_at <= moment)
              .group_by(place_versions.c.place_id).subquery())
    query = (sa.select(place_versions.c.place_id, place_versions.c.data)
             .join(latest, sa.and_(place_versions.c.place_id == latest.c.place_id,
                                   place_versions.c.version == latest.c.version))
             .order_by(place_versions.c.place_id))
    rows = conn.execute(query).all()
    with _collector_paused():
        try:
            return parse_list([r.data for r in rows])
        except ValidationError:  # an old version the model no longer accepts: keep the others
            return [record for r in rows
                    if (record := _parse_or_none(r.place_id, r.data)) is not None]
