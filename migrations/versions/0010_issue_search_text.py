"""issue search text: reference and title in lower case, for one LIKE on both databases

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 07:20:00
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('issue', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_text',
                                      sqlmodel.sql.sqltypes.AutoString(length=230),
                                      nullable=False, server_default=''))
    # lower() folds Swedish letters: PostgreSQL's does, and on SQLite the app's engine puts
    # Python's in place of the built-in one (models.db).
    op.execute("UPDATE issue SET search_text = lower(reference || ' ' || title)")


def downgrade() -> None:
    with op.batch_alter_table('issue', schema=None) as batch_op:
        batch_op.drop_column('search_text')
