"""an index on who raised an issue: the inbox's "raised by me" counted every issue on every
rerun at national scale

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 13:00:00
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("issue", schema=None) as batch_op:
        batch_op.create_index("ix_issue_raised_by", ["raised_by"])


def downgrade() -> None:
    with op.batch_alter_table("issue", schema=None) as batch_op:
        batch_op.drop_index("ix_issue_raised_by")
