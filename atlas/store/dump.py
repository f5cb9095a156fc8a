"""Backup and restore of the whole store as one JSON-lines file (backend-neutral).

``dump`` writes one line per row of every table (with its table name);
``restore`` loads such a file into an empty or existing store in one
transaction, replacing what was there. SQLite and PostgreSQL dumps are
interchangeable, so a backup can move a city from one backend to the other.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import sqlalchemy as sa

from atlas.errors import AtlasError
from atlas.store.tables import (
    data_state,
    figure_rows,
    meta,
    place_versions,
    places,
    proposals,
    suggestions,
)

TABLES = (meta, places, place_versions, proposals, figure_rows, suggestions)
FORMAT = "integrationsatlas-dump/1"


def dump_lines(conn: sa.Connection) -> Iterator[str]:
    """The header line, then one JSON line per row."""
    yield json.dumps({"format": FORMAT})
    for table in TABLES:
        for row in conn.execute(sa.select(table)).mappings():
            yield json.dumps({"table": table.name, "row": dict(row)}, ensure_ascii=False)


def dump_to(store, out: IO[str]) -> int:
    """Write the dump to ``out``; returns the number of rows."""
    count = 0
    with store.read() as conn:
        for line in dump_lines(conn):
            out.write(line + "\n")
            count += 1
    return count - 1


def restore_from(store, path: Path) -> int:
    """Replace the store's content with the dump at ``path`` (one transaction)."""
    by_name = {t.name: t for t in TABLES}
    rows: dict[str, list[dict]] = {t.name: [] for t in TABLES}
    with Path(path).open(encoding="utf-8") as fh:
        header = json.loads(fh.readline() or "{}")
        if header.get("format") != FORMAT:
            raise AtlasError(f"{path} ist keine Sicherung des Integrationsatlas.")
        for number, line in enumerate(fh, start=2):
            try:
                item = json.loads(line)
                rows[item["table"]].append(item["row"])
            except (json.JSONDecodeError, KeyError) as e:
                raise AtlasError(f"{path}, Zeile {number}: kein gültiger Eintrag.") from e
    with store.write() as conn:
        for table in reversed(TABLES):
            conn.execute(table.delete())
        for name, items in rows.items():
            if items:
                conn.execute(by_name[name].insert(), items)
        _reset_sequences(conn)
    store.forget_parsed()
    return sum(len(v) for v in rows.values())


def _reset_sequences(conn: sa.Connection) -> None:
    """PostgreSQL keeps serial counters apart from the rows: move them past the restored ids."""
    if conn.dialect.name != "postgresql":
        return
    for table, column in ((place_versions, "seq"), (proposals, "id"), (figure_rows, "seq"),
                          (suggestions, "id")):
        conn.execute(sa.text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column}'), "
            f"COALESCE((SELECT MAX({column}) FROM {table.name}), 0) + 1, false)"))


__all__ = ["data_state", "dump_to", "restore_from"]
