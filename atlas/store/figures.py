"""Figure tables in the store: one row per figure, keyed like the files' rows.

Rows are the JSON of the models in :mod:`atlas.figures.tables` (``SPECS``), so the
figure pages read the same :class:`~atlas.figures.tables.Figures` whether the rows
came from a file or from the "Pflege" page.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

import sqlalchemy as sa

from atlas.errors import EditError
from atlas.figures.tables import SPECS, Figures, SourcedRow
from atlas.store.places import utc_now
from atlas.store.tables import figure_rows
from atlas.texts import STORE as T


def row_key(table: str, row: SourcedRow) -> str:
    """The identifying columns of a figure row as one text (e.g. ``Pieschen|2024-12|…``)."""
    return "|".join(str(getattr(row, k)) for k in SPECS[table].key)


def stored_keys(conn: sa.Connection) -> set[tuple[str, str]]:
    rows = conn.execute(sa.select(figure_rows.c.table_name, figure_rows.c.row_key)).all()
    return {(r.table_name, r.row_key) for r in rows}


def insert_rows(conn: sa.Connection, table: str, rows: Iterable[SourcedRow], *,
                author: str, skip_existing: bool = True) -> int:
    """Add rows to a figure table; an existing key is skipped (or refused)."""
    now = utc_now()
    known = stored_keys(conn)
    added = 0
    for row in rows:
        key = row_key(table, row)
        if (table, key) in known:
            if skip_existing:
                continue
            raise EditError(T["figure_exists"].format(key=key.replace("|", " / ")))
        conn.execute(figure_rows.insert().values(
            table_name=table, row_key=key, author=author, created_at=now,
            data=json.dumps(row.model_dump(mode="json"), ensure_ascii=False)))
        known.add((table, key))
        added += 1
    return added


def load_figure_rows(conn: sa.Connection, base: Figures | None = None) -> Figures:
    """All stored figure rows as Figures; problems and errors come from ``base``."""
    loaded: dict[str, list[Any]] = {name: [] for name in SPECS}
    query = sa.select(figure_rows.c.table_name, figure_rows.c.data).order_by(figure_rows.c.seq)
    for table, data in conn.execute(query).all():
        spec = SPECS.get(table)
        if spec is not None:
            loaded[table].append(spec.model.model_validate_json(data))
    population = loaded["population"]
    figures = base or Figures()
    return replace(
        figures,
        allocations=tuple(loaded["allocations"]),
        capacity=tuple(loaded["capacity"]),
        district_figures=tuple(loaded["district_figures"]),
        population=tuple(p for p in population if p.level != "stadtteil"),
        stadtteil_population=tuple(p for p in population if p.level == "stadtteil"))
