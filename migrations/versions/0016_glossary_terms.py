"""the field's acronyms as the administrators set them, for the similarity search

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01 17:00:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "glossary_term",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("acronym", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("meaning", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("updated_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("acronym"),
    )


def downgrade() -> None:
    op.drop_table("glossary_term")
