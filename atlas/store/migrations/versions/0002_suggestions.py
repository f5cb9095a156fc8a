"""Public suggestions ("Änderung vorschlagen"): text, optional e-mail, handled by a person.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.create_table(
        "suggestions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("place_id", sa.String(120), index=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("email", sa.String(254)),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("state", sa.String(20), nullable=False, index=True),  # open | done
        sa.Column("handled_by", sa.String(120)),
        sa.Column("handled_at", sa.String(40)))


def downgrade() -> None:
    op.drop_table("suggestions")
