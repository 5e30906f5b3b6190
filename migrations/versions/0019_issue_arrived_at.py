"""an issue's arrival at its forum kept on the issue (arrived_at, from its history), and the
queue index (forum_id, status, arrived_at, id) in place of (forum_id, status): the busiest
national forum's overview looked up the last arrival of each of its 2,000 open issues on
every run (10 ms at 100,000 issues)

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02 14:00:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("issue", schema=None) as batch_op:
        batch_op.add_column(sa.Column("arrived_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    op.execute(
        """
        UPDATE issue SET arrived_at = (
            SELECT e.at FROM issue_event e WHERE e.id = (
                SELECT max(x.id) FROM issue_event x
                WHERE x.issue_id = issue.id AND x.to_forum_id = issue.forum_id))
        """
    )
    with op.batch_alter_table("issue", schema=None) as batch_op:
        batch_op.create_index("ix_issue_queue", ["forum_id", "status", "arrived_at", "id"])
        batch_op.drop_index("ix_issue_forum_status")


def downgrade() -> None:
    with op.batch_alter_table("issue", schema=None) as batch_op:
        batch_op.create_index("ix_issue_forum_status", ["forum_id", "status"])
        batch_op.drop_index("ix_issue_queue")
        batch_op.drop_column("arrived_at")
