"""accessibility reports: a fault in the service's accessibility, reported from its statement

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 13:30:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "accessibility_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reported_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("page", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("contact", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("reported_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_accessibility_report_reported_at", "accessibility_report", ["reported_at"])


def downgrade() -> None:
    op.drop_index("ix_accessibility_report_reported_at", table_name="accessibility_report")
    op.drop_table("accessibility_report")
