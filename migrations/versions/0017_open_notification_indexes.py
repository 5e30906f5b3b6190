"""indexes for the open entries of an inbox: (person, acknowledged_at) and (forum_id,
acknowledged_at), one search each; SQLite read every unacknowledged entry of the country

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01 20:00:00
"""

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.create_index("ix_notification_person_open", ["person", "acknowledged_at"])
        batch_op.create_index("ix_notification_forum_open", ["forum_id", "acknowledged_at"])


def downgrade() -> None:
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_index("ix_notification_forum_open")
        batch_op.drop_index("ix_notification_person_open")
