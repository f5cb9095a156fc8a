"""The first schema: places with versions and proposals, figure rows, data state.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


# long on purpose: a migration spells out every table as it was at this revision
def upgrade() -> None:
    op.create_table(
        "data_state",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("version", sa.BigInteger, nullable=False),
        sa.Column("changed_at", sa.String(40), nullable=False))
    op.create_table(
        "meta",
        sa.Column("key", sa.String(80), primary_key=True),
        sa.Column("value", sa.Text, nullable=False))
    op.create_table(
        "places",
        sa.Column("id", sa.String(120), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("visibility", sa.String(20), nullable=False, index=True),
        sa.Column("category", sa.String(40), nullable=False),
        sa.Column("stadtbezirk", sa.String(120), index=True),
        sa.Column("valid_from", sa.String(10)),
        sa.Column("valid_to", sa.String(10)),
        sa.Column("updated_at", sa.String(40), nullable=False))
    op.create_table(
        "place_versions",
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
        sa.UniqueConstraint("place_id", "version", name="uq_place_version"))
    op.create_table(
        "proposals",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("place_id", sa.String(120), nullable=False, index=True),
        sa.Column("base_version", sa.Integer, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("stadtbezirk", sa.String(120)),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("author", sa.String(120), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("reason", sa.Text, nullable=False, server_default=""),
        sa.Column("state", sa.String(20), nullable=False, index=True),
        sa.Column("reviewer", sa.String(120)),
        sa.Column("reviewed_at", sa.String(40)),
        sa.Column("review_note", sa.Text))
    op.create_table(
        "figure_rows",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("table_name", sa.String(40), nullable=False),
        sa.Column("row_key", sa.String(300), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("author", sa.String(120), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("table_name", "row_key", name="uq_figure_row"))


def downgrade() -> None:
    for name in ("figure_rows", "proposals", "place_versions", "places", "meta",
                 "data_state"):
        op.drop_table(name)
