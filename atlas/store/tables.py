"""The store's tables (SQLAlchemy Core): one definition for SQLite and PostgreSQL.

A place is stored as the JSON of :class:`atlas.model.Resource` plus a few
indexed columns, so a field added to the model needs no migration. Every
change is a row in ``place_versions``; ``places`` holds the live head of each
place for fast reads. ``proposals`` are changes waiting for a second person.
``data_state`` is the one row every write bumps: app servers key their caches
on it.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

data_state = sa.Table(
    "data_state", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("version", sa.BigInteger, nullable=False),
    sa.Column("changed_at", sa.String(40), nullable=False),
)

meta = sa.Table(
    "meta", metadata,
    sa.Column("key", sa.String(80), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

places = sa.Table(
    "places", metadata,
    sa.Column("id", sa.String(120), primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("data", sa.Text, nullable=False),
    sa.Column("visibility", sa.String(20), nullable=False, index=True),
    sa.Column("category", sa.String(40), nullable=False),
    sa.Column("stadtbezirk", sa.String(120), index=True),
    sa.Column("valid_from", sa.String(10)),
    sa.Column("valid_to", sa.String(10)),
    sa.Column("updated_at", sa.String(40), nullable=False),
)

place_versions = sa.Table(
    "place_versions", metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("place_id", sa.String(120), nullable=False, index=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("data", sa.Text, nullable=False),
    sa.Column("visibility", sa.String(20), nullable=False),
    sa.Column("stadtbezirk", sa.String(120)),
    sa.Column("valid_from", sa.String(10)),
    sa.Column("valid_to", sa.String(10)),
    sa.Column("action", sa.String(20), nullable=False),
    sa.Column("author", sa.String(120), nullable=False),
    sa.Column("approved_by", sa.String(120)),
    sa.Column("created_at", sa.String(40), nullable=False, index=True),
    sa.Column("reason", sa.Text, nullable=False, server_default=""),
    sa.UniqueConstraint("place_id", "version", name="uq_place_version"),
)

proposals = sa.Table(
    "proposals", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("place_id", sa.String(120), nullable=False, index=True),
    sa.Column("base_version", sa.Integer, nullable=False),  # 0: a new place
    sa.Column("data", sa.Text, nullable=False),
    sa.Column("stadtbezirk", sa.String(120)),
    sa.Column("action", sa.String(20), nullable=False),
    sa.Column("author", sa.String(120), nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("reason", sa.Text, nullable=False, server_default=""),
    sa.Column("state", sa.String(20), nullable=False, index=True),  # pending|approved|rejected
    sa.Column("reviewer", sa.String(120)),
    sa.Column("reviewed_at", sa.String(40)),
    sa.Column("review_note", sa.Text),
)

figure_rows = sa.Table(
    "figure_rows", metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("table_name", sa.String(40), nullable=False),
    sa.Column("row_key", sa.String(300), nullable=False),
    sa.Column("data", sa.Text, nullable=False),
    sa.Column("author", sa.String(120), nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.UniqueConstraint("table_name", "row_key", name="uq_figure_row"),
)

suggestions = sa.Table(
    "suggestions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("place_id", sa.String(120), index=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("email", sa.String(254)),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("state", sa.String(20), nullable=False, index=True),
    sa.Column("handled_by", sa.String(120)),
    sa.Column("handled_at", sa.String(40)),
)
